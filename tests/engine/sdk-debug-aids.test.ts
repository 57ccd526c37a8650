/**
 * engine/sdk-debug-aids.ts stands in for the SDK's debuggablePromise without the debugging tags: the
 * leak tracking and the microtask timing must stay the SDK's, and the SDK's own function must still be
 * the one the stand-in was written against.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { installLeanDebuggablePromise, sdkDebuggablePromise } from "../../engine/sdk-debug-aids";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state") as { withLocalStorage<T>(fn: () => Promise<T>): Promise<T>; getStore(): { leakCandidates: Set<Promise<unknown>> } };

const ROOT = path.join(__dirname, "..", "..");

/** The order in which a wrapped promise settles among a chain of plain microtasks. */
async function settleOrder(wrap: <T>(p: Promise<T>) => Promise<T>, reject: boolean): Promise<string[]> {
    const log: string[] = [];
    const p = reject ? Promise.reject(new Error("no")) : Promise.resolve(1);
    const wrapped = wrap(p).then(() => log.push("wrapped"), () => log.push("wrapped"));
    const chain = Promise.resolve().then(() => log.push("1")).then(() => log.push("2")).then(() => log.push("3")).then(() => log.push("4"));
    await Promise.all([wrapped, chain]);
    return log;
}

describe("engine: the SDK's promise debugging aids", () => {
    it("the SDK's debuggablePromise is still the function the stand-in was written against", () => {
        const source = sdkDebuggablePromise.toString();
        for (const part of ["leakCandidates.add(p)", ".then((val) =>", "leakCandidates.delete(p)", ".catch((err) =>", "err.promise = p", "_debugStackTrace"]) {
            assert.ok(source.includes(part), `@pulumi/pulumi's debuggablePromise no longer contains ${part}: review engine/sdk-debug-aids.ts against it`);
        }
    });

    it("tracks leak candidates and settles in the same microtask as the SDK's own, without tagging the promise", async () => {
        const sdk = sdkDebuggablePromise;
        await state.withLocalStorage(async () => {
            const store = state.getStore();
            const sdkOrder = [await settleOrder((p) => sdk(p, "sdk"), false), await settleOrder((p) => sdk(p, "sdk"), true)];
            installLeanDebuggablePromise();
            assert.notStrictEqual(debuggable.debuggablePromise, sdk, "the stand-in is installed");
            const lean = <T>(p: Promise<T>) => debuggable.debuggablePromise(p, "lean");
            void lean(Promise.resolve(0)); // the first call is the SDK's own (it arms the exit-time leak check)
            assert.deepStrictEqual([await settleOrder(lean, false), await settleOrder(lean, true)], sdkOrder);

            let release!: (v: number) => void;
            const pending = new Promise<number>((r) => { release = r; });
            const wrapped = lean(pending);
            assert.ok(store.leakCandidates.has(pending), "a pending promise is a leak candidate");
            assert.strictEqual((pending as unknown as { _debugStackTrace?: string })._debugStackTrace, undefined, "no stack trace captured");
            release(7);
            assert.strictEqual(await wrapped, 7);
            assert.ok(!store.leakCandidates.has(pending), "a settled promise is not");

            const failing = Promise.reject(new Error("boom"));
            const err = await lean(failing).then(() => undefined, (e: Error & { promise?: unknown }) => e);
            assert.strictEqual(err?.promise, failing, "the rejection names its promise, as the SDK's does");
            assert.ok(!store.leakCandidates.has(failing));
        });
    });

    it("leaves the SDK's own function in place when PULUMI_DEBUG_PROMISE_LEAKS asks for the tags", () => {
        const script = `require("./engine/register-ts");
            const { installLeanDebuggablePromise } = require("./engine/sdk-debug-aids");
            const d = require("@pulumi/pulumi/runtime/debuggable");
            const before = d.debuggablePromise;
            installLeanDebuggablePromise();
            console.log(d.debuggablePromise === before);`;
        const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PULUMI_DEBUG_PROMISE_LEAKS: "1" } });
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(r.stdout.trim(), "true");
    });
});
