/**
 * The on-disk caches (engine/cache.js: transpiled modules, Lambda bundles, V8's compile cache) change
 * nothing but speed: reports are byte-identical with and without them, on one thread or several, and
 * an edited source is never served stale.
 */
import * as assert from "assert";
import * as fs from "fs";
import Module from "module";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";

const ROOT = path.join(__dirname, "..", "..");
const CLI = [path.join(ROOT, "engine", "cli", "run-ts.js"), path.join(ROOT, "engine", "cli", "plan.ts")];
const TWO_SYSTEMS = ["--stack", "dev", "--config", 'platform:systems=["vidverse","multimusic"]', "--format", "json"];

function gate(args: string[], env: Record<string, string>): string {
    const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 180_000, env: { ...process.env, ...env } });
    assert.strictEqual(r.status, 0, r.stderr);
    return r.stdout;
}

function node(script: string, env: Record<string, string>): string {
    const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000, env: { ...process.env, ...env } });
    assert.strictEqual(r.status, 0, r.stderr);
    return r.stdout.trim();
}

function entries(dir: string): string[] {
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith(".")) : [];
}

/** A scratch folder inside the project (so its programs resolve the project's packages), ignored by git. */
function scratch(): string {
    fs.mkdirSync(path.join(ROOT, "tmp"), { recursive: true });
    return fs.mkdtempSync(path.join(ROOT, "tmp", "caches-"));
}

describe("caches: always correct", function () {
    this.timeout(300_000);
    const dirs: string[] = [];
    const cacheDir = () => {
        const d = fs.mkdtempSync(path.join(os.tmpdir(), "platform-cache-"));
        dirs.push(d);
        return d;
    };
    after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    it("gives byte-identical JSON reports with no cache, a cold one and a warm one, on one thread or several", () => {
        const dir = cacheDir();
        const reference = gate([...TWO_SYSTEMS, "--no-cache"], { PLATFORM_GATE_THREADS: "1" });
        assert.deepStrictEqual(entries(dir), [], "--no-cache writes nothing");
        const cold = gate(TWO_SYSTEMS, { PLATFORM_CACHE_DIR: dir, PLATFORM_GATE_THREADS: "2" });
        // V8's compile cache is Node 22's (module.enableCompileCache); an older Node runs without it.
        const kinds = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === "function" ? ["ts", "bundles", "v8"] : ["ts", "bundles"];
        for (const kind of kinds) assert.ok(entries(path.join(dir, kind)).length > 0, `the cold run filled ${kind}/`);
        const warm = gate(TWO_SYSTEMS, { PLATFORM_CACHE_DIR: dir, PLATFORM_GATE_THREADS: "2" });
        const warmOneThread = gate(TWO_SYSTEMS, { PLATFORM_CACHE_DIR: dir, PLATFORM_GATE_THREADS: "1" });
        assert.ok(JSON.parse(reference).summary.resources > 100);
        assert.strictEqual(cold, reference);
        assert.strictEqual(warm, reference);
        assert.strictEqual(warmOneThread, reference);
    });

    it("serves a transpiled module from the cache, transpiles an edited one again, and maps positions through a cached module's source map", () => {
        const dir = cacheDir();
        const work = scratch();
        try {
            const mod = path.join(work, "value.ts");
            const program = path.join(work, "program.ts");
            fs.writeFileSync(mod, 'export const value: string = "one";\n');
            fs.writeFileSync(program, [
                'import * as aws from "@pulumi/aws";',
                'import { value } from "./value";',
                "",
                "export = () => {",
                "    new aws.sns.Topic(value, {});",
                "};",
                "",
            ].join("\n"));
            const load = `require("./engine/register-ts"); console.log(require(${JSON.stringify(mod)}).value);`;
            assert.strictEqual(node(load, { PLATFORM_CACHE_DIR: dir }), "one");
            const cached = entries(path.join(dir, "ts")).filter((f) => f.endsWith(".js"));
            assert.strictEqual(cached.length, 1);
            // Prove the next run reads the entry rather than transpiling: alter what the entry holds.
            const entry = path.join(dir, "ts", cached[0]);
            fs.writeFileSync(entry, fs.readFileSync(entry, "utf8").replace('"one"', '"from the cache"'));
            assert.strictEqual(node(load, { PLATFORM_CACHE_DIR: dir }), "from the cache");
            fs.writeFileSync(mod, 'export const value: string = "two";\n');
            assert.strictEqual(node(load, { PLATFORM_CACHE_DIR: dir }), "two", "an edited module is never served stale");
            assert.strictEqual(node(load, { PLATFORM_NO_CACHE: "1" }), "two");

            // The declaring line comes from the TypeScript source on a warm run as on a cold one.
            const positions = `require("./engine/register-ts"); require("./engine/lean-sdk");
                require("./engine/run").runProgram({ program: ${JSON.stringify(program)}, project: "p", stack: "s", config: { "aws:region": "us-east-1" } })
                    .then((r) => console.log(JSON.stringify(r.resources.filter((x) => x.type === "aws:sns/topic:Topic").map((x) => [x.name, x.sourcePosition && x.sourcePosition.line]))));`;
            assert.strictEqual(node(positions, { PLATFORM_CACHE_DIR: dir }), '[["two",5]]');
            assert.strictEqual(node(positions, { PLATFORM_CACHE_DIR: dir }), '[["two",5]]');
            // A map entry trimmed away meanwhile: the module is transpiled again for its map.
            for (const f of entries(path.join(dir, "ts")).filter((x) => x.endsWith(".map"))) fs.unlinkSync(path.join(dir, "ts", f));
            assert.strictEqual(node(positions, { PLATFORM_CACHE_DIR: dir }), '[["two",5]]');
        } finally {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    it("prewarms the transpile cache on esbuild's threads: the same entries the loader writes, only for modules it lacks, and a broken module left to the loader", () => {
        const dir = cacheDir();
        const work = scratch();
        try {
            fs.mkdirSync(path.join(work, "nested"));
            fs.writeFileSync(path.join(work, "a.ts"), 'export const a: number = 1;\n');
            fs.writeFileSync(path.join(work, "nested", "b.ts"), 'import { a } from "../a";\nexport const b: number = a + 1;\n');
            fs.writeFileSync(path.join(work, "types.d.ts"), "declare const x: number;\n");
            fs.writeFileSync(path.join(work, "broken.ts"), "export const = ;\n");
            const prewarm = `require("./engine/register-ts").prewarm([${JSON.stringify(work)}]).then((n) => console.log(n));`;
            assert.strictEqual(node(prewarm, { PLATFORM_CACHE_DIR: dir }), "2", "two modules transpiled; no declaration file, nothing for the broken one");
            const INDEX = "prewarm-index.json";
            const prewarmed = entries(path.join(dir, "ts")).filter((f) => f !== INDEX).sort();
            assert.strictEqual(prewarmed.length, 4, "code and source map for each");
            const contents = prewarmed.map((f) => fs.readFileSync(path.join(dir, "ts", f), "utf8"));
            assert.strictEqual(node(prewarm, { PLATFORM_CACHE_DIR: dir }), "0", "a warm cache needs nothing");

            // What the loader itself writes for the same modules is byte for byte what was prewarmed.
            const loaderDir = cacheDir();
            const load = `require("./engine/register-ts"); console.log(require(${JSON.stringify(path.join(work, "nested", "b.ts"))}).b);`;
            assert.strictEqual(node(load, { PLATFORM_CACHE_DIR: loaderDir }), "2");
            const loaded = entries(path.join(loaderDir, "ts")).sort();
            assert.deepStrictEqual(loaded, prewarmed);
            assert.deepStrictEqual(loaded.map((f) => fs.readFileSync(path.join(loaderDir, "ts", f), "utf8")), contents);

            // An edited module is transpiled again; one whose size and time were kept (the pre-pass
            // trusts those) is still loaded from its new content, by the loader.
            const stamp = new Date("2026-01-01T00:00:00Z");
            fs.writeFileSync(path.join(work, "a.ts"), 'export const a: number = 2;\n');
            fs.utimesSync(path.join(work, "a.ts"), stamp, stamp);
            assert.strictEqual(node(prewarm, { PLATFORM_CACHE_DIR: dir }), "1", "the edited module");
            fs.writeFileSync(path.join(work, "a.ts"), 'export const a: number = 5;\n');
            fs.utimesSync(path.join(work, "a.ts"), stamp, stamp);
            assert.strictEqual(node(prewarm, { PLATFORM_CACHE_DIR: dir }), "0", "same size and time: the pre-pass skips it");
            assert.strictEqual(node(load, { PLATFORM_CACHE_DIR: dir }), "6", "the loader reads the new content");

            const broken = spawnSync(process.execPath, ["-e", `require("./engine/register-ts"); require(${JSON.stringify(path.join(work, "broken.ts"))});`], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PLATFORM_CACHE_DIR: dir } });
            assert.notStrictEqual(broken.status, 0);
            assert.match(broken.stderr, /broken\.ts:1:\d+: ERROR/, "the loader reports the broken module as always");
        } finally {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    it("serves a Lambda bundle from the cache until any input changes: a file's bytes, a file added beside an import", () => {
        const dir = cacheDir();
        const work = scratch();
        try {
            const entry = path.join(work, "handler.ts");
            fs.mkdirSync(path.join(work, "lib"));
            fs.writeFileSync(entry, 'import { greeting } from "./lib/greeting";\nexport const handler = async () => greeting;\n');
            fs.writeFileSync(path.join(work, "lib", "greeting.ts"), 'export const greeting = "hello";\n');
            const bundle = `require("./engine/register-ts");
                const { bundleCode } = require("./components/serverless-function/bundle");
                console.log(JSON.stringify(bundleCode(${JSON.stringify(entry)}, { minify: false })));`;
            const code = () => JSON.parse(node(bundle, { PLATFORM_CACHE_DIR: dir })) as string;
            assert.match(code(), /"hello"/);
            const stored = entries(path.join(dir, "bundles"));
            assert.strictEqual(stored.length, 1);
            const file = path.join(dir, "bundles", stored[0]);
            const record = JSON.parse(fs.readFileSync(file, "utf8")) as { code: string };
            fs.writeFileSync(file, JSON.stringify({ ...record, code: record.code.replace('"hello"', '"from the cache"') }));
            assert.match(code(), /"from the cache"/, "a warm run reads the stored bundle");
            fs.writeFileSync(path.join(work, "lib", "greeting.ts"), 'export const greeting = "hello again";\n');
            assert.match(code(), /"hello again"/, "an edited input is bundled again");
            // esbuild resolves ./lib/greeting to greeting.tsx before greeting.ts: no input changed, the folder did.
            fs.writeFileSync(path.join(work, "lib", "greeting.tsx"), 'export const greeting = "shadowed";\n');
            assert.match(code(), /"shadowed"/, "a file added beside an import is seen");
            assert.match(JSON.parse(node(bundle, { PLATFORM_NO_CACHE: "1" })) as string, /"shadowed"/);
        } finally {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    it("stays within its bound: a process that wrote entries trims the oldest first", () => {
        const dir = cacheDir();
        fs.mkdirSync(path.join(dir, "ts"), { recursive: true });
        const old = Date.now() / 1000 - 3600;
        for (const [i, name] of ["a.js", "b.js", "c.js"].entries()) {
            fs.writeFileSync(path.join(dir, "ts", name), "x".repeat(400 * 1024));
            fs.utimesSync(path.join(dir, "ts", name), old + i, old + i);
        }
        node('require("./engine/cache").write("ts", "new.js", "fresh");', { PLATFORM_CACHE_DIR: dir, PLATFORM_CACHE_MAX_MB: "1" });
        // 1.2 MB over a 1 MB bound: the oldest goes, until 80 % of the bound is left.
        assert.deepStrictEqual(entries(path.join(dir, "ts")).sort(), ["b.js", "c.js", "new.js"]);
    });
});
