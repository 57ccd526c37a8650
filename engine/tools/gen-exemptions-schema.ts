/**
 * `npm run gen:exemptions-schema`: writes policies/exemptions.schema.json from the zod schema in
 * engine/gate/exemptions-file.ts (the JSON Schema editors use for policies/exemptions.yaml). `--check`
 * exits 1 when the committed file is out of date instead of writing it.
 */
import * as path from "path";
import { exemptionsJsonSchemaText } from "../gate/exemptions-file";
import { writeGeneratedFile } from "./generated-file";

export const EXEMPTIONS_SCHEMA_FILE = path.resolve(__dirname, "..", "..", "policies", "exemptions.schema.json");

export async function main(argv: string[]): Promise<number> {
    return writeGeneratedFile(EXEMPTIONS_SCHEMA_FILE, exemptionsJsonSchemaText(), argv, "npm run gen:exemptions-schema");
}
