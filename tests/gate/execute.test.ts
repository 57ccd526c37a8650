/**
 * engine/gate/execute.ts: runs scheduled over this thread and worker threads give the results a
 * sequential run gives, in the gate's order, and a run that throws on a worker is that run's error.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { executeConcurrently, type Runnable } from "../../engine/gate/execute";
import { runProgram, type RunOptions, type RunResult } from "../../engine/run";
import type { Mode } from "../../engine/monitor";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const ROOT = path.join(__dirname, "..", "..");

/**
 * Runs the plan command with a preload that notes, in order, each worker thread started and the
 * moment the gate's main module starts loading.
 */
function planEvents(args: string[]): string[] {
    const probe = `const wt = require("worker_threads"); const Module = require("module"); const events = [];
        const W = wt.Worker; wt.Worker = class extends W { constructor(...a) { super(...a); events.push("worker"); } };
        const load = Module._load; Module._load = function (request, parent, ...rest) { if (/gate[\\/]gate(\\.ts)?$/.test(request) && !events.includes("gate")) events.push("gate"); return load.call(this, request, parent, ...rest); };
        process.on("exit", () => process.stderr.write("EVENTS " + JSON.stringify(events) + "\\n"));`;
    const r = spawnSync(process.execPath, ["-e", `${probe}; process.argv.splice(1, 0, "run-ts"); require(${JSON.stringify(path.join(ROOT, "engine/cli/run-ts.js"))})`, "--", ...args], {
        cwd: ROOT, encoding: "utf8", env: { ...process.env, PLATFORM_GATE_THREADS: "2", PLATFORM_NO_REEXEC: "1" },
    });
    const line = r.stderr.split("\n").find((l) => l.startsWith("EVENTS "));
    assert.ok(line, `no events: ${r.stderr}`);
    return JSON.parse(line.slice(7)) as string[];
}

function target(stack: string, program: string): Runnable & { ranHere: Mode[] } {
    const options: RunOptions & { program: string } = { program, project: "exec", stack, config: { "aws:region": "us-east-1", "platform:environment": "dev" } };
    const ranHere: Mode[] = [];
    return {
        stack, ranHere, request: { kind: "program", options },
        run: (mode) => {
            ranHere.push(mode);
            return runProgram({ ...options, mode });
        },
    };
}

const shape = (r: RunResult) => ({ mode: r.mode, stack: r.stack, error: r.error?.message, resources: r.resources.map((x) => [x.urn, x.inputs, x.outputs, x.dependencies, x.sourcePosition]) });

describe("gate execution over threads", function () {
    this.timeout(180_000);
    const saved = process.env.PLATFORM_GATE_THREADS;
    afterEach(() => {
        if (saved === undefined) delete process.env.PLATFORM_GATE_THREADS;
        else process.env.PLATFORM_GATE_THREADS = saved;
    });

    it("gives every run's result as a sequential run does, whichever thread ran it", async () => {
        const programs = [path.join(FIXTURES, "insecure", "index.ts"), path.join(FIXTURES, "clean", "index.ts"), path.join(FIXTURES, "deps", "index.ts")];
        const sequential = [];
        for (const [i, p] of programs.entries()) for (const mode of ["preview", "apply"] as const) sequential.push(shape(await target(`s${i}`, p).run(mode)));
        process.env.PLATFORM_GATE_THREADS = "2";
        const targets = programs.map((p, i) => target(`s${i}`, p));
        const execution = executeConcurrently(targets, () => ["preview", "apply"], { workersOnly: true });
        const concurrent = [];
        try {
            for (const t of execution.targets) for (const mode of ["preview", "apply"] as const) concurrent.push(shape(await t.run(mode)));
        } finally {
            execution.close();
        }
        assert.deepStrictEqual(concurrent, sequential);
        assert.deepStrictEqual(targets.map((t) => t.ranHere), [[], [], []], "every run went through a worker");
    });

    it("the plan command starts its worker before the gate loads, and none for --list or --help", () => {
        const gate = ["engine/cli/plan.ts", "--program", path.join(FIXTURES, "clean", "index.ts"), "--env", "dev", "--preview-only", "--quiet"];
        assert.deepStrictEqual(planEvents(gate), ["worker", "gate"]);
        assert.deepStrictEqual(planEvents(["engine/cli/plan.ts", "--list"]), ["gate"]);
        assert.deepStrictEqual(planEvents(["engine/cli/plan.ts", "--help"]), ["gate"]);
    });

    it("runs everything on this thread with PLATFORM_GATE_THREADS=1", async () => {
        process.env.PLATFORM_GATE_THREADS = "1";
        const targets = [target("a", path.join(FIXTURES, "clean", "index.ts")), target("b", path.join(FIXTURES, "clean", "index.ts"))];
        const execution = executeConcurrently(targets, () => ["preview", "apply"]);
        for (const t of execution.targets) for (const mode of ["preview", "apply"] as const) await t.run(mode);
        execution.close();
        assert.deepStrictEqual(targets.map((t) => t.ranHere), [["preview", "apply"], ["preview", "apply"]]);
    });

    it("rejects with the run's own error when the run throws on a worker", async () => {
        process.env.PLATFORM_GATE_THREADS = "2";
        const missing = target("gone", path.join(FIXTURES, "no-such-program.ts"));
        const execution = executeConcurrently([target("ok", path.join(FIXTURES, "clean", "index.ts")), missing], () => ["preview", "apply"], { workersOnly: true });
        try {
            const [, gone] = execution.targets;
            for (const mode of ["preview", "apply"] as const) {
                await assert.rejects(gone.run(mode), /cannot find the program .*no-such-program\.ts/);
            }
        } finally {
            execution.close();
        }
    });
});
