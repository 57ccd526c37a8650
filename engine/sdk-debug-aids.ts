/**
 * The SDK wraps every promise it makes for a registration (about 90 per resource) in
 * `debuggablePromise`, which tags it with an id, a label and a freshly captured stack trace, then
 * tracks it as a leak candidate. Only the tracking changes what a program does: the leak candidates
 * and the pending registrations give the "promises were still active" failure (and its report) when
 * a program exits with work pending. The id, label and stack are read by one function only, which
 * prints leaked promises when PULUMI_DEBUG_PROMISE_LEAKS is set.
 *
 * Tagging was about a tenth of the engine's CPU and a large share of its garbage (three property
 * definitions turn each promise into a slow dictionary object, plus an Error per promise), so the
 * offline engine installs a stand-in that keeps the tracking exactly (the same leak-candidate set,
 * the same `.then(...).catch(...)` chain, so promises settle in the same microtask order as the SDK's
 * own) and drops the tags. With PULUMI_DEBUG_PROMISE_LEAKS or PLATFORM_ENGINE_STACK_TRACES set, the
 * SDK's own function runs. tests/engine/sdk-debug-aids.test.ts fails if an SDK upgrade changes the
 * function this stands in for.
 */
interface DebuggableModule {
    debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
    debugPromiseLeaks: boolean;
}
interface StateModule {
    getStore(): { leakCandidates: Set<Promise<unknown>> };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state") as StateModule;

/** The SDK's own function, as loaded. */
export const sdkDebuggablePromise = debuggable.debuggablePromise;
let installed = false;

/** Installs the stand-in once per thread; the SDK's own function still runs for the first call (it arms the SDK's exit-time leak check). */
export function installLeanDebuggablePromise(): void {
    if (installed) return;
    installed = true;
    // Read once: process.env is slow to read, and this runs for every promise.
    const tagsWanted = debuggable.debugPromiseLeaks || !!process.env.PLATFORM_ENGINE_STACK_TRACES;
    if (tagsWanted) return;
    let armed = false;
    debuggable.debuggablePromise = function debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> {
        if (!armed) {
            armed = true;
            return sdkDebuggablePromise(p, ctx);
        }
        const localStore = state.getStore();
        localStore.leakCandidates.add(p);
        return p
            .then((val) => {
                localStore.leakCandidates.delete(p);
                return val;
            })
            .catch((err: { promise?: unknown }) => {
                localStore.leakCandidates.delete(p);
                err.promise = p;
                throw err;
            });
    };
}
