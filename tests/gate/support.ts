/** Helpers for the gate's tests: the CLI in-process with captured output, and a SARIF 2.1.0 validator. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv04 from "ajv-draft-04";
import type { ValidateFunction } from "ajv";

export { plan, ROOT, type PlanOutcome as Outcome } from "../support/plan";
import { ROOT } from "../support/plan";
export const fixture = (...parts: string[]) => path.join(ROOT, "tests", "fixtures", ...parts);

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
