/**
 * engine/sdk-debug-aids.ts stands in for the SDK's debuggablePromise (the promise itself, no tags and
 * no leak tracking) and for its log.debug (nothing sent). The SDK's function must still be one that
 * only tags, tracks and passes the promise's outcome through, and the report on a run that cannot
 * finish must still name what is pending (tests/engine/engine.test.ts runs such a program).
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { installLeanDebugAids, pendingRegistrationsReport, sdkDebuggablePromise, sdkLogDebug } from "../../engine/sdk-debug-aids";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const log = require("@pulumi/pulumi/log") as { debug(msg: string): Promise<void> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state") as {
    withLocalStorage<T>(fn: () => Promise<T>): Promise<T>;
    getStore(): { leakCandidates: Set<Promise<unknown>>; pendingResourceRegistrations?: Map<unknown, unknown> };
};

const ROOT = path.join(__dirname, "..", "..");

/** A promise's outcome, as a caller sees it. */
const outcome = <T>(p: Promise<T>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));

describe("engine: the SDK's promise debugging aids", () => {
    it("the SDK's debuggablePromise still only tags, tracks and passes the outcome through", async () => {
        const source = sdkDebuggablePromise.toString();
        for (const part of ["leakCandidates.add(p)", ".then((val) =>", "return val;", "leakCandidates.delete(p)", ".catch((err) =>", "throw err;", "_debugStackTrace"]) {
            assert.ok(source.includes(part), `@pulumi/pulumi's debuggablePromise no longer contains ${part}: review engine/sdk-debug-aids.ts against it`);
        }
        // Its outcome is the promise's own, value or error.
        await state.withLocalStorage(async () => {
            const error = new Error("no");
            assert.deepStrictEqual(await outcome(sdkDebuggablePromise(Promise.resolve(7), "sdk")), { value: 7 });
            assert.deepStrictEqual(await outcome(sdkDebuggablePromise(Promise.reject(error), "sdk")), { error });
        });
    });

    it("the stand-in returns the promise itself and tracks nothing", async () => {
        await state.withLocalStorage(async () => {
            const store = state.getStore();
            installLeanDebugAids();
            assert.notStrictEqual(debuggable.debuggablePromise, sdkDebuggablePromise, "the stand-in is installed");
            const pending = new Promise<number>(() => undefined);
            assert.strictEqual(debuggable.debuggablePromise(pending, "lean"), pending);
            assert.strictEqual(store.leakCandidates.size, 0);
            assert.strictEqual((pending as unknown as { _debugStackTrace?: string })._debugStackTrace, undefined, "no stack trace captured");
        });
    });

    it("sends no debug-level message to the engine, as the SDK's debug() sends only those", async () => {
        assert.match(sdkLogDebug.toString(), /LogSeverity\.DEBUG/, "@pulumi/pulumi's log.debug no longer logs at debug level: review engine/sdk-debug-aids.ts against it");
        assert.doesNotMatch(sdkLogDebug.toString(), /LogSeverity\.(INFO|WARNING|ERROR)/);
        installLeanDebugAids();
        const received: unknown[] = [];
        await state.withLocalStorage(async () => {
            (state.getStore() as unknown as { settings: { engine?: unknown } }).settings.engine = { log: (req: unknown, cb: () => void) => { received.push(req); cb(); } };
            await log.debug("Registering resource: t=aws:s3/bucket:Bucket");
        });
        assert.deepStrictEqual(received, []);
    });

    it("reports pending registrations without leak candidates, and nothing when none is pending", async () => {
        await state.withLocalStorage(async () => {
            const store = state.getStore();
            assert.strictEqual(pendingRegistrationsReport(), "");
            store.pendingResourceRegistrations = new Map([[{}, { name: "stuck", type: "test:index:Thing", phase: "inputs", inputProperty: "size" }]]);
            const report = pendingRegistrationsReport();
            assert.match(report, /registrations could complete:\n {2}\* "stuck" \[test:index:Thing\] was waiting for the value of its input property "size"/);
        });
    });

    it("leaves the SDK's own function in place when PULUMI_DEBUG_PROMISE_LEAKS asks for the tags", () => {
        const script = `require("./engine/register-ts");
            const { installLeanDebugAids } = require("./engine/sdk-debug-aids");
            const d = require("@pulumi/pulumi/runtime/debuggable");
            const before = d.debuggablePromise;
            installLeanDebugAids();
            console.log(d.debuggablePromise === before);`;
        const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PULUMI_DEBUG_PROMISE_LEAKS: "1" } });
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(r.stdout.trim(), "true");
    });
});
