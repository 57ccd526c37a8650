/**
 * `npm run gen:team-schema`: writes programs/teams/team-spec.schema.json from the zod schema in
 * spec.ts (the JSON Schema editors use for programs/teams/*.yaml). `--check` exits 1 when the
 * committed file is out of date instead of writing it.
 */
import * as path from "path";
import { writeGeneratedFile } from "../../engine/tools/generated-file";
import { teamSpecJsonSchemaText } from "./spec";

export const SCHEMA_FILE = path.resolve(__dirname, "..", "teams", "team-spec.schema.json");

export async function main(argv: string[]): Promise<number> {
    return writeGeneratedFile(SCHEMA_FILE, teamSpecJsonSchemaText(), argv, "npm run gen:team-schema");
}
