/**
 * engine/lean-sdk.js: a gate run loads none of the SDK parts it never runs, and a program that does
 * use one still gets the real thing. These fail when an SDK upgrade moves or renames those parts.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";

const ROOT = path.join(__dirname, "..", "..");
const CLI = [path.join(ROOT, "engine", "cli", "run-ts.js"), path.join(ROOT, "engine", "cli", "plan.ts")];
const TWO_SYSTEMS = ["--stack", "dev", "--config", 'platform:systems=["vidverse","multimusic"]', "--format", "json"];

/** Code the gate never runs: what the SDK's entry used to load for the Automation API and closure serialization. */
const FORBIDDEN: [string, RegExp][] = [
    ["the TypeScript compiler", /node_modules\/typescript\//],
    ["npm's arborist and friends", /node_modules\/@npmcli\//],
    ["pacote", /node_modules\/pacote\//],
    ["sigstore", /node_modules\/(@sigstore|sigstore)\//],
    ["the Automation API", /@pulumi\/pulumi\/automation\//],
    ["closure serialization", /@pulumi\/pulumi\/runtime\/closure\//],
    ["awsx", /node_modules\/@pulumi\/awsx\//],
];

function gateModules(env: Record<string, string> = {}): { code: number | null; stderr: string; modules: { thread: string; file: string }[] } {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "module-log-")), "modules.txt");
    const r = spawnSync(process.execPath, ["-r", path.join(ROOT, "tests", "support", "module-log.js"), ...CLI, ...TWO_SYSTEMS], {
        cwd: ROOT, encoding: "utf8", timeout: 120_000, env: { ...process.env, MODULE_LOG: log, ...env },
    });
    const modules = fs.readFileSync(log, "utf8").trim().split("\n").map((l) => {
        const [thread, file] = l.split("\t");
        return { thread, file };
    });
    return { code: r.status, stderr: r.stderr, modules };
}

function childScript(script: string, env: Record<string, string> = {}): string {
    const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 120_000, maxBuffer: 256 * 2 ** 20, env: { ...process.env, ...env } });
    assert.strictEqual(r.status, 0, r.stderr);
    return r.stdout.trim();
}

describe("lean SDK: a gate run loads only what it runs", function () {
    this.timeout(180_000);

    it("loads no Automation API, closure serializer, TypeScript compiler, npm internals or awsx, on any thread", () => {
        const run = gateModules();
        assert.strictEqual(run.code, 0, run.stderr);
        const files = run.modules.map((m) => m.file.split(path.sep).join("/"));
        assert.ok(files.some((f) => f.endsWith("@pulumi/pulumi/index.js")), "the log records the SDK itself");
        for (const [what, pattern] of FORBIDDEN) {
            const hits = files.filter((f) => pattern.test(f));
            assert.deepStrictEqual(hits.slice(0, 3), [], `a gate run loaded ${what}`);
        }
    });

    it("would load them all without the stand-ins (PLATFORM_LEAN_SDK=0), so the check above can fail", () => {
        const run = gateModules({ PLATFORM_LEAN_SDK: "0", PLATFORM_GATE_THREADS: "1" });
        assert.strictEqual(run.code, 0, run.stderr);
        const files = run.modules.map((m) => m.file.split(path.sep).join("/"));
        for (const [what, pattern] of FORBIDDEN.filter(([w]) => w !== "awsx")) {
            assert.ok(files.some((f) => pattern.test(f)), `the full SDK loads ${what}`);
        }
    });

    it("the functions the SDK takes from deferred modules as it loads are still there (an SDK upgrade renaming one fails here)", () => {
        const out = childScript(`
            const path = require("path");
            const { DEFERRED } = require("./engine/lean-sdk");
            const root = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
            const missing = [];
            for (const d of DEFERRED) {
                const real = require(path.join(root, d.module));
                for (const f of d.functions) if (typeof real[f] !== "function") missing.push(d.module + " " + f);
            }
            console.log(JSON.stringify(missing));`, { PLATFORM_LEAN_SDK: "0" });
        assert.deepStrictEqual(JSON.parse(out), []);
    });

    it("a program that uses a deferred part gets the real one: closure serialization and the Automation API work", () => {
        const out = childScript(`
            const lean = require("./engine/lean-sdk");
            const pulumi = require("@pulumi/pulumi");
            const before = lean.loadedForReal.length;
            const automation = typeof pulumi.automation.LocalWorkspace;
            pulumi.runtime.serializeFunction(() => 6 * 7).then((s) => {
                console.log(JSON.stringify({ before, automation, text: s.text, loaded: lean.loadedForReal.map((f) => f.split(require("path").sep).slice(-2).join("/")) }));
            }, (e) => { console.error(e); process.exit(1); });`);
        const result = JSON.parse(out) as { before: number; automation: string; text: string; loaded: string[] };
        assert.strictEqual(result.before, 0, "nothing deferred is loaded with the SDK");
        assert.strictEqual(result.automation, "function");
        assert.match(result.text, /6 \* 7/);
        assert.deepStrictEqual(result.loaded.sort(), ["automation/index.js", "closure/serializeClosure.js"]);
    });
});

/** What a stack registers (both passes), as sorted records: the registration order may differ, nothing else. */
function registered(env: Record<string, string>): string {
    return childScript(`require("./engine/register-ts"); require("./engine/lean-sdk");
        const { runStack } = require("./engine/run");
        (async () => {
            const out = {};
            for (const mode of ["preview", "apply"]) {
                const r = await runStack({ projectDir: ".", stack: "dev", mode, configOverrides: { "platform:systems": '["vidverse","multimusic"]' } });
                if (r.error) throw r.error;
                out[mode] = { resources: [...r.resources].sort((a, b) => (a.urn < b.urn ? -1 : 1)), invokes: r.invokes, diagnostics: r.diagnostics };
            }
            const lean = require("./engine/lean-sdk").leanLoaded.length > 0;
            process.stdout.write(JSON.stringify({ lean, out }) + "\\n", () => process.exit(0));
        })().catch((e) => { console.error(e); process.exit(1); });`, env);
}

describe("lean SDK: Outputs with lazy promise chains", function () {
    this.timeout(180_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lean = require("../../engine/lean-sdk") as {
        leanOutputSource(s: string): string | undefined; leanTransferSource(s: string): string | undefined; leanUrnAndIdSource(s: string): string | undefined;
        leanLoaded: string[]; OUTPUT_CHANGES: { eager: string }[]; TRANSFER_CHANGES: { eager: string }[]; URN_AND_ID_CHANGES: { eager: string }[];
    };
    const outputFile = require.resolve("@pulumi/pulumi/output.js");
    const rpcFile = require.resolve("@pulumi/pulumi/runtime/rpc.js");
    const resourceFile = require.resolve("@pulumi/pulumi/runtime/resource.js");

    it("the SDK's Output constructor, transferProperties and resource urn and id are still the ones the lean ones were written against, and this process runs the lean ones", () => {
        const source = fs.readFileSync(outputFile, "utf8");
        assert.ok(lean.leanOutputSource(source) !== undefined, "@pulumi/pulumi's OutputImpl changed: review engine/lean-sdk.js (OUTPUT_CHANGES) against it");
        for (const { eager } of lean.OUTPUT_CHANGES) {
            assert.strictEqual(lean.leanOutputSource(source.replace(eager, "")), undefined, `an output.js without ${JSON.stringify(eager.slice(0, 40))}... is left alone`);
        }
        const others: [string, (s: string) => string | undefined, { eager: string }[], string][] = [
            [rpcFile, lean.leanTransferSource, lean.TRANSFER_CHANGES, "transferProperties (TRANSFER_CHANGES)"],
            [resourceFile, lean.leanUrnAndIdSource, lean.URN_AND_ID_CHANGES, "prepareResource's urn and id (URN_AND_ID_CHANGES)"],
        ];
        for (const [file, leanSource, changes, what] of others) {
            const original = fs.readFileSync(file, "utf8");
            assert.ok(leanSource(original) !== undefined, `@pulumi/pulumi's ${what} changed: review engine/lean-sdk.js against it`);
            for (const { eager } of changes) {
                assert.strictEqual(leanSource(original.replace(eager, "")), undefined, `a ${path.basename(file)} without ${JSON.stringify(eager.slice(0, 40))}... is left alone`);
            }
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("@pulumi/pulumi");
        assert.deepStrictEqual([...lean.leanLoaded].sort(), [outputFile, resourceFile, rpcFile].sort());
    });

    it("an Output gives what the SDK's own gives: values, knownness, secrecy, resources and failures, unread Outputs' included", () => {
        const script = path.join(__dirname, "support", "output-scenarios.js");
        const run = (mode: string) => {
            const r = spawnSync(process.execPath, [script, mode], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
            assert.strictEqual(r.status, 0, r.stderr);
            return JSON.parse(r.stdout) as { unread: Record<string, string[]> };
        };
        const stock = run("stock");
        assert.deepStrictEqual(run("lean"), stock);
        assert.deepStrictEqual(stock.unread.rejectedButHandledElsewhere, ["unread handled elsewhere"], "the scenarios see the SDK's unhandled rejections");
    });

    it("a finished run keeps none of its resources or Outputs alive, with the lean SDK and without", () => {
        // Two runs, every resource and Output of both watched; after them, a full collection
        // must free them all (a function the lean Output shares, made inside its constructor, and the
        // SDK's globalThis.stackResource each kept a finished run's whole graph).
        const script = `require("./engine/register-ts"); require("./engine/lean-sdk");
            const pulumi = require("@pulumi/pulumi");
            const { runProgram } = require("./engine/run");
            const watched = [];
            const program = () => {
                const parent = new pulumi.ComponentResource("test:index:Parent", "p", {});
                for (let i = 0; i < 20; i++) {
                    const r = new pulumi.CustomResource("test:index:Thing", "t" + i, { size: i, name: undefined }, { parent });
                    watched.push(new WeakRef(r), new WeakRef(r.name), new WeakRef(r.urn), new WeakRef(pulumi.output(i)));
                }
                watched.push(new WeakRef(parent));
            };
            (async () => {
                for (let run = 0; run < 2; run++) {
                    const r = await runProgram({ program, project: "p", stack: "s", config: {} });
                    if (r.error) throw r.error;
                }
                await new Promise((resolve) => setImmediate(resolve));
                global.gc();
                const alive = watched.filter((w) => w.deref() !== undefined).length;
                process.stdout.write(JSON.stringify({ watched: watched.length, alive }) + "\\n", () => process.exit(0));
            })().catch((e) => { console.error(e); process.exit(1); });`;
        for (const env of [{}, { PLATFORM_LEAN_SDK: "0" }]) {
            const r = spawnSync(process.execPath, ["--expose-gc", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 120_000, env: { ...process.env, ...env } });
            assert.strictEqual(r.status, 0, r.stderr);
            assert.deepStrictEqual(JSON.parse(r.stdout.trim()), { watched: 162, alive: 0 }, `kept alive (${JSON.stringify(env)})`);
        }
    });

    it("a stack registers the same resources, invokes and diagnostics as with the SDK's own Output", () => {
        const withLean = JSON.parse(registered({})) as { lean: boolean; out: unknown };
        const withStock = JSON.parse(registered({ PLATFORM_LEAN_SDK: "0" })) as { lean: boolean; out: unknown };
        assert.deepStrictEqual([withLean.lean, withStock.lean], [true, false]);
        assert.deepStrictEqual(withLean.out, withStock.out);
    });
});
