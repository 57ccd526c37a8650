/**
 * `npm run bench`: measures the gate instead of guessing.
 *
 * 1. The whole gate over every project stack from a cold process (what CI and a developer wait for).
 * 2. Engine throughput (resources per second) and policy throughput (evaluations per second).
 * 3. Scaling: synthetic programs of about 100, 1,000 and 10,000 resources (SecureBuckets and
 *    DataTables), with time per resource in the engine and in the policy pass at each size.
 * 4. Team stacks: the gate over 100 scaffolded team stacks (when the team tooling is present).
 *
 * Prints a table and writes reports/bench.json. Targets (issue #7): whole gate < 5 s wall on the
 * 2-core CI machine; policy pass over 10,000 resources < 1 s; per-resource time at 10,000 no more than
 * 1.5x that at 1,000.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { performance } from "perf_hooks";
import { analyzeStack } from "../gate/analyzer";
import { runGate } from "../gate/gate";
import { loadPolicyPack } from "../gate/pack";
import { readPolicyConfigFile, reconcilePolicyConfig } from "../gate/policy-config";
import { runProgram } from "../run";
import { syntheticProgram } from "./synthetic";

const ROOT = path.resolve(__dirname, "..", "..");

function ms(n: number): string {
    return `${n.toFixed(0)} ms`;
}

export async function main(argv: string[]): Promise<number> {
    const unknown = argv.filter((a) => a !== "--quick");
    if (unknown.length > 0) {
        process.stderr.write(`error: unknown option ${unknown.join(" ")}\nusage: npm run bench [-- --quick]   (--quick: sizes 100 and 1,000 only, 10 team stacks)\n`);
        return 2;
    }
    const sizes = argv.includes("--quick") ? [100, 1000] : [100, 1000, 10000];
    const results: Record<string, unknown> = {
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
        date: new Date().toISOString(),
    };

    // 1. Cold gate over all project stacks, as `npm run plan` runs it.
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-")), "gate.json");
    const t0 = performance.now();
    // Exactly what `npm run plan` runs (see package.json), minus npm's own start-up.
    const child = spawnSync(process.execPath, ["--max-semi-space-size=64", "--initial-old-space-size=2048", path.join(ROOT, "engine/cli/run-ts.js"), path.join(ROOT, "engine/cli/plan.ts"), "--format", "json", "--out", out], { cwd: ROOT, encoding: "utf8" });
    const coldMs = performance.now() - t0;
    const cold = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) as { summary: { resources: number; stacks: number } } : undefined;
    results.coldGate = { wallMs: Math.round(coldMs), exitCode: child.status, stacks: cold?.summary.stacks, resources: cold?.summary.resources, targetMs: 5000, meetsTarget: coldMs < 5000 };
    process.stdout.write(`cold gate over all stacks, preview and update-time passes: ${ms(coldMs)} wall (exit ${child.status}, ${cold?.summary.stacks} stacks, ${cold?.summary.resources} resources; target < 5000 ms)\n`);
    const t1 = performance.now();
    const previewOnly = spawnSync(process.execPath, ["--max-semi-space-size=64", "--initial-old-space-size=2048", path.join(ROOT, "engine/cli/run-ts.js"), path.join(ROOT, "engine/cli/plan.ts"), "--preview-only", "--format", "json", "--out", out], { cwd: ROOT, encoding: "utf8" });
    const previewOnlyMs = performance.now() - t1;
    results.coldGatePreviewOnly = { wallMs: Math.round(previewOnlyMs), exitCode: previewOnly.status };
    process.stdout.write(`cold gate over all stacks, preview pass only (--preview-only): ${ms(previewOnlyMs)} wall; the update-time pass adds ${ms(coldMs - previewOnlyMs)}\n`);

    // 2. Warm throughput through the engine and the policy pass, from the in-process gate's timings.
    const warm = await runGate({ projectDir: ROOT });
    const programMs = warm.stacks.reduce((n, s) => n + s.timings.programMs, 0);
    const policyMs = warm.stacks.reduce((n, s) => n + s.timings.policyMs, 0);
    const updateMs = warm.stacks.reduce((n, s) => n + s.timings.updateMs, 0);
    const evaluations = warm.stacks.reduce((n, s) => n + s.evaluations, 0);
    const resources = warm.stacks.reduce((n, s) => n + s.resources.length, 0);
    results.throughput = {
        resources, engineMs: Math.round(programMs), resourcesPerSecond: Math.round(resources / (programMs / 1000)),
        evaluations, policyMs: Math.round(policyMs), evaluationsPerSecond: Math.round(evaluations / (policyMs / 1000)),
    };
    results.updatePass = { ms: Math.round(updateMs) };
    process.stdout.write(`engine: ${resources} resources in ${ms(programMs)} (${Math.round(resources / (programMs / 1000))}/s); policies: ${evaluations} evaluations in ${ms(policyMs)} (${Math.round(evaluations / (policyMs / 1000))}/s); update-time pass (apply-mode run + deferred checks): ${ms(updateMs)}\n`);

    // 3. Scaling on synthetic programs.
    const pack = loadPolicyPack(path.join(ROOT, "policies"));
    const config = reconcilePolicyConfig(pack.policies, pack.enforcementLevel, readPolicyConfigFile(path.join(ROOT, "policies/config/prod.json")));
    const scaling: Record<string, unknown>[] = [];
    process.stdout.write(`\n${"target".padStart(8)} ${"resources".padStart(10)} ${"engine".padStart(10)} ${"µs/res".padStart(8)} ${"policies".padStart(10)} ${"µs/res".padStart(8)} ${"evals".padStart(9)}\n`);
    // Warm up (module loading, JIT) once, unmeasured; then the median of three runs for the small
    // sizes, which are short enough for noise on a shared 2-core machine to matter, and one at 10,000.
    await runProgram({ program: syntheticProgram(1000), project: "bench", stack: "prod", config: { "aws:region": "us-east-1" }, mode: "preview" });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Each timed phase starts from a collected heap (npm run bench passes --expose-gc), so one phase
    // does not pay for the garbage the previous one left.
    const settle = () => (globalThis as { gc?: () => void }).gc?.();
    for (const size of sizes) {
        const engineRuns: number[] = [];
        const policyRuns: number[] = [];
        let n = 0;
        let evaluations = 0;
        for (let i = 0; i < (size <= 1000 ? 3 : 1); i++) {
            settle();
            const te = performance.now();
            const run = await runProgram({ program: syntheticProgram(size), project: "bench", stack: "prod", config: { "aws:region": "us-east-1" }, mode: "preview" });
            engineRuns.push(performance.now() - te);
            if (run.error) throw run.error;
            pack.exemptions.reset();
            settle();
            const tp = performance.now();
            const analysis = await analyzeStack(run.resources, { packName: pack.name, packVersion: pack.version, policies: pack.policies, config });
            policyRuns.push(performance.now() - tp);
            n = run.resources.length;
            evaluations = analysis.evaluations;
        }
        const engineMs = median(engineRuns);
        const policyPassMs = median(policyRuns);
        const row = { target: size, resources: n, runs: engineRuns.length, engineMs: Math.round(engineMs), engineUsPerResource: Math.round((engineMs * 1000) / n), policyMs: Math.round(policyPassMs), policyUsPerResource: Math.round((policyPassMs * 1000) / n), evaluations };
        scaling.push(row);
        process.stdout.write(`${String(size).padStart(8)} ${String(n).padStart(10)} ${ms(engineMs).padStart(10)} ${String(row.engineUsPerResource).padStart(8)} ${ms(policyPassMs).padStart(10)} ${String(row.policyUsPerResource).padStart(8)} ${String(evaluations).padStart(9)}\n`);
    }
    const at = (size: number) => scaling.find((r) => r.target === size) as { engineUsPerResource: number; policyUsPerResource: number; policyMs: number } | undefined;
    const k1 = at(1000);
    const k10 = at(10000);
    if (k1 && k10) {
        const engineRatio = k10.engineUsPerResource / k1.engineUsPerResource;
        const policyRatio = k10.policyUsPerResource / k1.policyUsPerResource;
        results.scalingVerdict = { policyPassAt10kMs: k10.policyMs, policyTargetMs: 1000, engineRatio10kTo1k: Number(engineRatio.toFixed(2)), policyRatio10kTo1k: Number(policyRatio.toFixed(2)), ratioTarget: 1.5 };
        process.stdout.write(`\npolicy pass at 10,000: ${ms(k10.policyMs)} (target < 1000 ms); per-resource ratio 10k/1k: engine ${engineRatio.toFixed(2)}, policies ${policyRatio.toFixed(2)} (target <= 1.5)\n`);
    }
    results.scaling = scaling;

    // 4. Team stacks (issue #8), when the scaffolding exists.
    const teamBench = path.join(__dirname, "team-bench.ts");
    if (fs.existsSync(teamBench)) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { benchTeamStacks } = require(teamBench) as { benchTeamStacks(root: string, count: number): Promise<Record<string, unknown>> };
        const teams = await benchTeamStacks(ROOT, argv.includes("--quick") ? 10 : 100);
        results.teamStacks = teams;
        process.stdout.write(`\nteam stacks: ${JSON.stringify(teams)}\n`);
    }

    fs.mkdirSync(path.join(ROOT, "reports"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "reports", "bench.json"), JSON.stringify(results, null, 2) + "\n");
    process.stdout.write(`\nwrote reports/bench.json\n`);
    return 0;
}
