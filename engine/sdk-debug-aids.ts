/**
 * The SDK wraps every promise it makes for a registration (about 40 per resource) in
 * `debuggablePromise`, which tags it with an id, a label and a freshly captured stack trace, adds it
 * to the run's leak candidates and returns `p.then(...).catch(...)`, which takes it out again when
 * it settles. None of that changes what a program registers or how it fails: the returned promise
 * settles as `p` does, with the same value or the same error. The tags and the candidates serve one
 * report, given when a program ends with work pending: the leak candidates are counted, and when
 * registrations are pending the report names each of them and what it waits for.
 *
 * In the offline engine that report comes from the run's stall watch (run.ts), which asks the SDK
 * for it from the pending registrations, so the leak candidates are not needed. Wrapping and
 * tracking were about a tenth of a run's CPU and a sixth of its peak memory (three promises, two
 * closures and a Set entry for each of ~40 promises per resource, all live while a large program's
 * registrations are in flight), so the engine installs a stand-in that returns the promise itself.
 * Only the microtask in which a caller sees the value moves (two earlier), which changes the order
 * in which independent registrations reach the engine, never what they are: a real engine answers
 * over gRPC, in its own order, anyway. With PULUMI_DEBUG_PROMISE_LEAKS or
 * PLATFORM_ENGINE_STACK_TRACES set, the SDK's own function runs. tests/engine/sdk-debug-aids.test.ts
 * fails if an SDK upgrade makes the function do more than this.
 *
 * The SDK also sends the engine a debug-level log message at each step of every registration (about
 * five per resource), each one a protobuf request chained behind the previous message and holding
 * an RPC open. The Pulumi engine shows debug messages only with `--logflow -v`, and the offline
 * engine records none (engine-log.ts), so the stand-in for `log.debug` sends nothing; info, warnings
 * and errors go to the engine as before, in the same order.
 */
interface DebuggableModule {
    debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
    leakedPromises(): [Set<Promise<unknown>>, string];
    debugPromiseLeaks: boolean;
}
interface LogModule {
    debug(msg: string, resource?: unknown, streamId?: number, ephemeral?: boolean): Promise<void>;
}
interface StateModule {
    getStore(): { leakCandidates: Set<Promise<unknown>>; pendingResourceRegistrations?: Map<unknown, unknown> };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state") as StateModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const log = require("@pulumi/pulumi/log") as LogModule;

/** The SDK's own functions, as loaded. */
export const sdkDebuggablePromise = debuggable.debuggablePromise;
export const sdkLogDebug = log.debug;
let installed = false;

function leanDebuggablePromise<T>(p: Promise<T>): Promise<T> {
    return p;
}

function unsentDebugMessage(): Promise<void> {
    return Promise.resolve();
}

/** Installs the stand-ins once per thread (unless the SDK's debugging aids are asked for). */
export function installLeanDebugAids(): void {
    if (installed) return;
    installed = true;
    if (debuggable.debugPromiseLeaks || process.env.PLATFORM_ENGINE_STACK_TRACES) return;
    debuggable.debuggablePromise = leanDebuggablePromise;
    log.debug = unsentDebugMessage;
}

/**
 * The SDK's report on a run that cannot finish, for the current run: every pending registration and
 * what it waits for, with a cycle named when there is one. The SDK gives it only when it tracked a
 * leak candidate; with the stand-in it tracked none, so one stands for "work is pending", which is
 * what the caller has established. Empty when no registration is pending.
 */
export function pendingRegistrationsReport(): string {
    const store = state.getStore();
    if ((store.pendingResourceRegistrations?.size ?? 0) === 0) return "";
    if (store.leakCandidates.size === 0) store.leakCandidates.add(Promise.resolve());
    return debuggable.leakedPromises()[1];
}

