/** Helpers for the gate's tests: the CLI in-process with captured output, and a SARIF 2.1.0 validator. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv04 from "ajv-draft-04";
import type { ValidateFunction } from "ajv";
import { main } from "../../engine/cli/plan";

export const ROOT = path.join(__dirname, "..", "..");
export const fixture = (...parts: string[]) => path.join(ROOT, "tests", "fixtures", ...parts);

export interface Outcome { code: number; stdout: string; stderr: string }

/** `npm run plan -- ARGS` in this process (the project is this repository unless --project-dir is given). */
export async function plan(...argv: string[]): Promise<Outcome> {
    let stdout = "";
    let stderr = "";
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array) => { stdout += String(chunk); return true; }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
    try {
        const code = await main(argv.includes("--project-dir") ? argv : ["--project-dir", ROOT, ...argv]);
        return { code, stdout, stderr };
    } finally {
        process.stdout.write = out;
        process.stderr.write = err;
    }
}

export function tempDir(prefix = "gate-"): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

let validator: ValidateFunction | undefined;

/** The OASIS SARIF 2.1.0 schema (as shipped by @microsoft/jest-sarif). */
export function sarifValidator(): ValidateFunction {
    if (!validator) {
        const schema = JSON.parse(fs.readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
        // The schema's patterns are ECMA-262 without the u flag (one has a stray bracket that only unicode mode rejects).
        validator = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    }
    return validator;
}

/** The 1-based line of the first line of `file` (relative to the project) containing `text`. */
export function lineOf(file: string, text: string): number {
    const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
    const i = lines.findIndex((l) => l.includes(text));
    if (i < 0) throw new Error(`${file} has no line with ${text}`);
    return i + 1;
}
