/** `npm run plan` in-process, its standard output and error captured: how the gate tests run it. */
import * as path from "path";
import { main } from "../../engine/cli/plan";

export const ROOT = path.join(__dirname, "..", "..");

export interface PlanOutcome { code: number; stdout: string; stderr: string }

/** `npm run plan -- ARGS` in this process (the project is this repository unless --project-dir is given). */
export async function plan(...argv: string[]): Promise<PlanOutcome> {
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
