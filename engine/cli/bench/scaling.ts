/**
 * The scaling figure of `npm run bench`, run in its own process: the gate's work on synthetic programs
 * of the given sizes (preview run and policies, update-time run and policies, executed as the gate
 * executes them), after a small warm-up run so module loading is not counted. Prints one JSON line per size.
 * Usage: node engine/cli/run-ts.js engine/cli/bench/scaling.ts 1000 10000
 */
import * as path from "path";
import { performance } from "perf_hooks";
import { analyzeStack } from "../../gate/analyzer";
import { executeConcurrently, type Runnable } from "../../gate/execute";
import { loadPolicyPack } from "../../gate/pack";
import { readPolicyConfigFile, reconcilePolicyConfig } from "../../gate/policy-config";
import { runProgram, type RunOptions, type RunResult } from "../../run";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const PROGRAM = path.join(__dirname, "synthetic-program.ts");

function target(size: number): Runnable {
    const options: RunOptions & { program: string } = { program: PROGRAM, project: "bench", stack: "prod", config: { "aws:region": "us-east-1", "bench:resources": String(size) } };
    return { stack: "prod", request: { kind: "program", options }, run: (mode) => runProgram({ ...options, mode }) };
}

export async function main(argv: string[]): Promise<number> {
    const sizes = argv.map(Number).filter((n) => n > 0);
    const pack = loadPolicyPack(path.join(ROOT, "policies"));
    const config = reconcilePolicyConfig(pack.policies, pack.enforcementLevel, readPolicyConfigFile(path.join(ROOT, "policies/config/prod.json")));
    const analyze = (r: RunResult) => {
        if (r.error) throw r.error;
        pack.exemptions.reset();
        return analyzeStack(r.resources, { packName: pack.name, packVersion: pack.version, policies: pack.policies, config });
    };
    for (const size of [100, ...sizes]) {
        const t0 = performance.now();
        const execution = executeConcurrently([target(size)], () => ["preview", "apply"]);
        let previewMs = 0;
        let policyMs = 0;
        let resources = 0;
        let evaluations = 0;
        try {
            const [t] = execution.targets;
            const preview = await t.run("preview");
            previewMs = performance.now() - t0;
            const t1 = performance.now();
            evaluations += (await analyze(preview)).evaluations;
            policyMs += performance.now() - t1;
            const applied = await t.run("apply");
            const t2 = performance.now();
            evaluations += (await analyze(applied)).evaluations;
            policyMs += performance.now() - t2;
            resources = preview.resources.length;
        } finally {
            execution.close();
        }
        const wallMs = performance.now() - t0;
        if (size === 100) continue;
        process.stdout.write(`${JSON.stringify({ target: size, resources, wallMs: Math.round(wallMs), previewRunMs: Math.round(previewMs), policyMs: Math.round(policyMs), evaluations, usPerResource: Math.round((wallMs * 1000) / resources) })}\n`);
    }
    return 0;
}
