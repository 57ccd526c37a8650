/**
 * `npm run gen:team-schema`: writes programs/teams/team-spec.schema.json from the zod schema in
 * spec.ts (the JSON Schema editors use for programs/teams/*.yaml). `--check` exits 1 when the
 * committed file is out of date instead of writing it.
 */
import * as fs from "fs";
import * as path from "path";
import { teamSpecJsonSchemaText } from "./spec";

export const SCHEMA_FILE = path.resolve(__dirname, "..", "teams", "team-spec.schema.json");

export async function main(argv: string[]): Promise<number> {
    const text = teamSpecJsonSchemaText();
    const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : undefined;
    if (argv.includes("--check")) {
        if (current === text) return 0;
        process.stderr.write(`${path.relative(process.cwd(), SCHEMA_FILE)} is out of date: run npm run gen:team-schema\n`);
        return 1;
    }
    fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
    fs.writeFileSync(SCHEMA_FILE, text);
    process.stdout.write(`${current === text ? "unchanged" : "wrote"} ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
    return 0;
}
