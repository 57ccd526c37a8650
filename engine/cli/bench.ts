/**
 * `npm run bench`: what the gate costs, measured on this machine, each figure the median of several
 * runs in fresh processes, the figures alternating so that a noisy neighbour hurts them all alike:
 *
 * 1. The 2-system gate (the dev stack deploying only VidVerse and MultiMusic), both passes, on a first
 *    run (empty caches) and warm, and its AWS CDK peer (engine/cli/bench/cdk-peer: the same systems
 *    synthesized and checked by cdk-nag's AwsSolutions pack), with the ratios.
 * 2. The whole gate over every stack, both passes, first run and warm; warm with --preview-only.
 *    Both gates warm on one thread too (PLATFORM_GATE_THREADS=1): what the worker threads buy.
 * 3. Scaling: synthetic programs of about 1,000 and 10,000 resources through the gate's execution
 *    (both passes and policies), per-resource cost, and the 10,000-resource wall and peak memory.
 * 4. The gate over scaffolded team stacks (in this process).
 *
 * Every process figure has its wall time, CPU time (all threads) and peak memory (resident set
 * high-water mark, all threads). Processes run with the node flags of `npm run plan` (package.json).
 * The CDK peer is installed on first use from the npm registry into the cache folder (pinned by its
 * own lockfile); it is not a dependency of the platform. Writes reports/bench.json.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { performance } from "perf_hooks";
import { parseArgs } from "util";

const ROOT = path.resolve(__dirname, "..", "..");
const RUN_TS = path.join(ROOT, "engine", "cli", "run-ts.js");
const PLAN = path.join(ROOT, "engine", "cli", "plan.ts");
const USAGE_PROBE = path.join(__dirname, "bench", "peak-memory.js");
const PEER_DIR = path.join(__dirname, "bench", "cdk-peer");
const TWO_SYSTEMS = ["--stack", "dev", "--config", 'platform:systems=["vidverse","multimusic"]'];

const TARGETS = { twoSystemWarmRatio: 0.6, twoSystemColdRatio: 0.8, wholeGateWarmMs: 3000, tenKWallMs: 15000, tenKPeakMiB: 1536, perResourceRatio: 1.2 };

interface Sample {
    wallMs: number;
    cpuMs: number;
    peakMiB: number;
    exitCode: number | null;
    stdout: string;
}

interface Figure {
    wallMs: number;
    cpuMs: number;
    peakMiB: number;
    runs: number;
    wallMsRuns: number[];
}

const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The node flags `npm run plan` runs with (everything between `node` and the script), plus the one
 * run-ts.js would re-execute itself with on Node 22 and 23: given here, the measured process is the
 * one doing the work (no re-execution inside it).
 */
export function planNodeFlags(): string[] {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const words = pkg.scripts.plan.split(/\s+/);
    const flags = words.slice(words.indexOf("node") + 1, words.findIndex((w) => w.endsWith("run-ts.js")));
    const major = Number(process.versions.node.split(".")[0]);
    return major >= 22 && major < 24 ? ["--experimental-async-context-frame", ...flags] : flags;
}

function measure(args: string[], env: Record<string, string | undefined>, cwd = ROOT): Sample {
    const usageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-usage-")), "usage.json");
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ["-r", USAGE_PROBE, ...args], {
        cwd, encoding: "utf8", maxBuffer: 256 * 2 ** 20, env: { ...process.env, ...env, PLATFORM_BENCH_USAGE_FILE: usageFile },
    });
    const wallMs = performance.now() - t0;
    const usage = fs.existsSync(usageFile) ? JSON.parse(fs.readFileSync(usageFile, "utf8")) as { maxRssKiB: number; cpuMs: number } : { maxRssKiB: 0, cpuMs: 0 };
    fs.rmSync(path.dirname(usageFile), { recursive: true, force: true });
    return { wallMs, cpuMs: usage.cpuMs, peakMiB: usage.maxRssKiB / 1024, exitCode: child.status, stdout: child.stdout };
}

function summarize(samples: Sample[]): Figure {
    return {
        wallMs: Math.round(median(samples.map((s) => s.wallMs))), cpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
        peakMiB: Math.round(median(samples.map((s) => s.peakMiB))), runs: samples.length, wallMsRuns: samples.map((s) => Math.round(s.wallMs)),
    };
}

function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The CDK peer's node_modules, installed once per lockfile into the cache folder (or a temporary one). */
function installCdkPeer(log: (line: string) => void): string {
    const lock = fs.readFileSync(path.join(PEER_DIR, "package-lock.json"), "utf8");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cache = require("../cache") as { cacheRoot(): string | undefined; digest(...p: unknown[]): string };
    const base = cache.cacheRoot() ?? path.join(os.tmpdir(), "platform-bench");
    const dir = path.join(base, "cdk-peer", cache.digest(lock).slice(0, 16));
    if (fs.existsSync(path.join(dir, "node_modules", "aws-cdk-lib", "package.json")) && fs.existsSync(path.join(dir, "node_modules", "cdk-nag", "package.json"))) return dir;
    const deps = (JSON.parse(fs.readFileSync(path.join(PEER_DIR, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies;
    log(`installing the CDK peer (${Object.entries(deps).map(([n, v]) => `${n}@${v}`).join(", ")}) from the npm registry into ${dir}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(PEER_DIR, f), path.join(dir, f));
    const npm = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (npm.status !== 0) throw new Error(`npm ci for the CDK peer failed: ${npm.stderr.trim().split("\n").slice(-3).join(" ")}`);
    return dir;
}

function ms(n: number): string {
    return `${(n / 1000).toFixed(2)} s`;
}

function verdict(ok: boolean, measured: number, target: number, unit: string): string {
    return ok ? "meets" : `misses by ${unit === "x" ? (measured - target).toFixed(2) : Math.round(measured - target)}${unit === "x" ? "" : ` ${unit}`} (${((measured / target - 1) * 100).toFixed(0)} %)`;
}

export async function main(argv: string[]): Promise<number> {
    let options: { quick?: boolean; runs?: string };
    try {
        options = parseArgs({ args: argv, options: { quick: { type: "boolean" }, runs: { type: "string" } }, strict: true }).values;
    } catch (e) {
        options = { runs: "invalid" };
        process.stderr.write(`error: ${(e as Error).message}\n`);
    }
    const quick = options.quick === true;
    const runs = options.runs !== undefined ? Number(options.runs) : quick ? 2 : 5;
    if (!Number.isInteger(runs) || runs < 1) {
        process.stderr.write("usage: npm run bench [-- --quick] [-- --runs N]   (--quick: 2 runs per figure, one scaling run, 10 team stacks)\n");
        return 2;
    }
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const flags = planNodeFlags();
    const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
    const results: Record<string, unknown> = {
        machine: {
            cpus: os.cpus().length, availableParallelism: os.availableParallelism(), cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
            node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageAtStart: load(),
        },
        date: new Date().toISOString(), nodeFlags: flags, runsPerFigure: runs,
    };
    log(`node ${process.version}, ${os.availableParallelism()} cores, flags ${flags.join(" ")}; load average ${load()}; ${runs} alternating runs per figure`);

    // Warm caches: one folder filled by an unmeasured run of each gate; a first run gets an empty folder.
    const warmCache = tempDir("bench-cache-warm-");
    const gateArgs = (extra: string[]) => [...flags, RUN_TS, PLAN, "--format", "json", ...extra];
    const cold = (extra: string[]) => () => {
        const dir = tempDir("bench-cache-cold-");
        try {
            return measure(gateArgs(extra), { PLATFORM_CACHE_DIR: dir });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    };
    const warm = (extra: string[], env: Record<string, string> = {}) => () => measure(gateArgs(extra), { PLATFORM_CACHE_DIR: warmCache, ...env });
    // The same on one thread: what the worker threads buy (on a machine whose other core is free).
    const oneThread = { PLATFORM_GATE_THREADS: "1" };
    let peerDir: string | undefined;
    try {
        peerDir = installCdkPeer(log);
    } catch (e) {
        log(`CDK peer not measured: ${(e as Error).message}`);
    }
    const peer = () => {
        const out = tempDir("bench-cdk-out-");
        try {
            return measure([path.join(PEER_DIR, "app.js"), peerDir!, out], {});
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    };
    const figures: [string, string, () => Sample][] = [
        ["twoSystemCold", "2-system gate, both passes, first run (empty caches)", cold(TWO_SYSTEMS)],
        ["twoSystemWarm", "2-system gate, both passes, warm caches", warm(TWO_SYSTEMS)],
        ["twoSystemWarmOneThread", "2-system gate, both passes, warm, one thread", warm(TWO_SYSTEMS, oneThread)],
        ...(peerDir ? [["cdkPeer", "AWS CDK peer: synth + cdk-nag AwsSolutions", peer] as [string, string, () => Sample]] : []),
        ["wholeGateCold", "whole gate (all stacks), both passes, first run", cold([])],
        ["wholeGateWarm", "whole gate (all stacks), both passes, warm caches", warm([])],
        ["wholeGateWarmOneThread", "whole gate (all stacks), both passes, warm, one thread", warm([], oneThread)],
        ["wholeGatePreviewOnlyWarm", "whole gate, --preview-only, warm caches", warm(["--preview-only"])],
    ];
    for (const [, , run] of figures.filter(([k]) => k.includes("Warm"))) run();
    if (peerDir) peer();
    const samples = new Map<string, Sample[]>(figures.map(([k]) => [k, []]));
    for (let round = 0; round < runs; round++) {
        for (const [key, , run] of figures) {
            const s = run();
            if (s.exitCode !== 0 && key !== "cdkPeer") throw new Error(`${key}: the gate exited ${s.exitCode}`);
            samples.get(key)!.push(s);
        }
    }
    const two = JSON.parse(samples.get("twoSystemWarm")![0].stdout) as { summary: { resources: number } };
    const whole = JSON.parse(samples.get("wholeGateWarm")![0].stdout) as { summary: { resources: number; stacks: number } };
    const peerInfo = peerDir ? JSON.parse(samples.get("cdkPeer")![0].stdout.trim().split("\n").pop()!) as { resources: number; nagErrors: number; nagWarnings: number } : undefined;
    log(`\n${"figure".padEnd(58)} ${"wall".padStart(8)} ${"cpu".padStart(8)} ${"peak RSS".padStart(10)}   wall per run`);
    const summary: Record<string, Figure> = {};
    for (const [key, label] of figures) {
        const f = summarize(samples.get(key)!);
        summary[key] = f;
        log(`${label.padEnd(58)} ${ms(f.wallMs).padStart(8)} ${ms(f.cpuMs).padStart(8)} ${`${f.peakMiB} MiB`.padStart(10)}   ${f.wallMsRuns.map(ms).join(", ")}`);
    }
    results.figures = summary;
    results.twoSystem = { resources: two.summary.resources };
    results.wholeGate = { resources: whole.summary.resources, stacks: whole.summary.stacks };
    log(`\n2-system gate: ${two.summary.resources} resources; whole gate: ${whole.summary.stacks} stacks, ${whole.summary.resources} resources`);
    const verdicts: Record<string, unknown> = {};
    if (peerInfo) {
        const warmRatio = summary.twoSystemWarm.wallMs / summary.cdkPeer.wallMs;
        const coldRatio = summary.twoSystemCold.wallMs / summary.cdkPeer.wallMs;
        results.cdkPeer = { ...peerInfo, wallMs: summary.cdkPeer.wallMs };
        verdicts.twoSystemWarmRatio = { measured: Number(warmRatio.toFixed(2)), target: TARGETS.twoSystemWarmRatio, meets: warmRatio <= TARGETS.twoSystemWarmRatio };
        verdicts.twoSystemColdRatio = { measured: Number(coldRatio.toFixed(2)), target: TARGETS.twoSystemColdRatio, meets: coldRatio <= TARGETS.twoSystemColdRatio };
        log(`CDK peer: ${peerInfo.resources} CloudFormation resources, cdk-nag ${peerInfo.nagErrors} errors and ${peerInfo.nagWarnings} warnings`);
        log(`ratio to the CDK peer (wall): warm ${warmRatio.toFixed(2)}x (target <= ${TARGETS.twoSystemWarmRatio}: ${verdict(warmRatio <= TARGETS.twoSystemWarmRatio, warmRatio, TARGETS.twoSystemWarmRatio, "x")}), `
            + `first run ${coldRatio.toFixed(2)}x (target <= ${TARGETS.twoSystemColdRatio}: ${verdict(coldRatio <= TARGETS.twoSystemColdRatio, coldRatio, TARGETS.twoSystemColdRatio, "x")})`);
    }
    const wholeWarm = summary.wholeGateWarm.wallMs;
    verdicts.wholeGateWarmMs = { measured: wholeWarm, target: TARGETS.wholeGateWarmMs, meets: wholeWarm <= TARGETS.wholeGateWarmMs };
    log(`whole gate, warm: ${ms(wholeWarm)} (target <= ${ms(TARGETS.wholeGateWarmMs)}: ${verdict(wholeWarm <= TARGETS.wholeGateWarmMs, wholeWarm, TARGETS.wholeGateWarmMs, "ms")}); `
        + `the update-time pass adds ${ms(wholeWarm - summary.wholeGatePreviewOnlyWarm.wallMs)} wall`);

    // Scaling, in its own processes (the gate's execution, both passes, policies), after a warm-up.
    const scalingRuns: { target: number; resources: number; wallMs: number; policyMs: number; usPerResource: number }[][] = [];
    const scalingSamples: Sample[] = [];
    for (let i = 0; i < (quick ? 1 : Math.min(runs, 3)); i++) {
        const s = measure([...flags, RUN_TS, path.join(__dirname, "bench", "scaling.ts"), "1000", "10000"], { PLATFORM_CACHE_DIR: warmCache });
        if (s.exitCode !== 0) throw new Error(`scaling run exited ${s.exitCode}`);
        scalingSamples.push(s);
        scalingRuns.push(s.stdout.trim().split("\n").map((l) => JSON.parse(l)));
    }
    const at = (size: number) => {
        const rows = scalingRuns.map((r) => r.find((x) => x.target === size)!);
        return { target: size, resources: rows[0].resources, wallMs: Math.round(median(rows.map((r) => r.wallMs))), policyMs: Math.round(median(rows.map((r) => r.policyMs))), usPerResource: Math.round(median(rows.map((r) => r.usPerResource))) };
    };
    const k1 = at(1000);
    const k10 = at(10000);
    const peak = Math.round(median(scalingSamples.map((s) => s.peakMiB)));
    const ratio = k10.usPerResource / k1.usPerResource;
    results.scaling = { sizes: [k1, k10], peakMiB: peak, runs: scalingSamples.length, perResourceRatio: Number(ratio.toFixed(2)) };
    verdicts.tenKWallMs = { measured: k10.wallMs, target: TARGETS.tenKWallMs, meets: k10.wallMs <= TARGETS.tenKWallMs };
    verdicts.tenKPeakMiB = { measured: peak, target: TARGETS.tenKPeakMiB, meets: peak <= TARGETS.tenKPeakMiB };
    verdicts.perResourceRatio = { measured: Number(ratio.toFixed(2)), target: TARGETS.perResourceRatio, meets: ratio <= TARGETS.perResourceRatio };
    log(`\nscaling (both passes and policies, median of ${scalingSamples.length}): ${k1.resources} resources ${ms(k1.wallMs)} (${k1.usPerResource} µs each), `
        + `${k10.resources} resources ${ms(k10.wallMs)} (${k10.usPerResource} µs each; policies ${ms(k10.policyMs)})`);
    log(`10k: ${ms(k10.wallMs)} wall (target <= ${ms(TARGETS.tenKWallMs)}: ${verdict(k10.wallMs <= TARGETS.tenKWallMs, k10.wallMs, TARGETS.tenKWallMs, "ms")}), `
        + `peak ${peak} MiB (target <= ${TARGETS.tenKPeakMiB} MiB: ${verdict(peak <= TARGETS.tenKPeakMiB, peak, TARGETS.tenKPeakMiB, "MiB")}), `
        + `per-resource 10k/1k ${ratio.toFixed(2)} (target <= ${TARGETS.perResourceRatio}: ${verdict(ratio <= TARGETS.perResourceRatio, ratio, TARGETS.perResourceRatio, "x")})`);
    results.verdicts = verdicts;

    // Team stacks (issue #8), in this process.
    const teamBench = path.join(__dirname, "team-bench.ts");
    if (fs.existsSync(teamBench)) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { benchTeamStacks } = require(teamBench) as { benchTeamStacks(root: string, count: number): Promise<Record<string, unknown>> };
        const teams = await benchTeamStacks(ROOT, quick ? 10 : 100);
        results.teamStacks = teams;
        log(`\nteam stacks: ${JSON.stringify(teams)}`);
    }
    (results.machine as Record<string, unknown>).loadAverageAtEnd = load();
    log(`load average at the end: ${load()}`);
    fs.rmSync(warmCache, { recursive: true, force: true });
    fs.mkdirSync(path.join(ROOT, "reports"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "reports", "bench.json"), JSON.stringify(results, null, 2) + "\n");
    log(`wrote reports/bench.json`);
    return 0;
}
