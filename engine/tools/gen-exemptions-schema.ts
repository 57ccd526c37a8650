/**
 * `npm run gen:exemptions-schema`: writes policies/exemptions.schema.json from the zod schema in
 * engine/gate/exemptions-file.ts (the JSON Schema editors use for policies/exemptions.yaml). `--check`
 * exits 1 when the committed file is out of date instead of writing it.
 */
import * as fs from "fs";
import * as path from "path";
import { exemptionsJsonSchemaText } from "../gate/exemptions-file";

export const EXEMPTIONS_SCHEMA_FILE = path.resolve(__dirname, "..", "..", "policies", "exemptions.schema.json");

export async function main(argv: string[]): Promise<number> {
    const text = exemptionsJsonSchemaText();
    const current = fs.existsSync(EXEMPTIONS_SCHEMA_FILE) ? fs.readFileSync(EXEMPTIONS_SCHEMA_FILE, "utf8") : undefined;
    if (argv.includes("--check")) {
        if (current === text) return 0;
        process.stderr.write(`${path.relative(process.cwd(), EXEMPTIONS_SCHEMA_FILE)} is out of date: run npm run gen:exemptions-schema\n`);
        return 1;
    }
    fs.writeFileSync(EXEMPTIONS_SCHEMA_FILE, text);
    process.stdout.write(`${current === text ? "unchanged" : "wrote"} ${path.relative(process.cwd(), EXEMPTIONS_SCHEMA_FILE)}\n`);
    return 0;
}
