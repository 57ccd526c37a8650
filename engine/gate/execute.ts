/**
 * How the gate executes its program runs: every (stack, pass) run is a job, and the jobs run on this
 * thread and on worker threads at once, one per core. A stack's preview and update-time runs are
 * independent runs of its program in different modes, so they run concurrently too; the gate still
 * consumes the results in its own order (stack by stack, preview before update), so reports, progress
 * lines and errors are exactly those of a sequential gate.
 *
 * Jobs are claimed through a shared array (compare-and-swap), so a worker never waits for this
 * thread's event loop to hand out work, and no job runs twice. This thread runs a job itself when the
 * gate needs a result nobody has claimed yet, and, while it waits for a worker's result, claims the
 * next unclaimed job rather than sit idle. Policies are evaluated on this thread only (the pack and
 * its exemption bookkeeping live here), on the run results the workers send back.
 *
 * Workers are started once per process, kept for later gates (tests run many) and never keep the
 * process alive. PLATFORM_GATE_THREADS sets how many threads run programs (1: all on this thread);
 * default: the machine's available parallelism.
 */
import Module from "module";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import type { Mode } from "../monitor";
import type { RunOptions, RunResult, RunStackOptions } from "../run";

/** A run described as data, so a worker thread can perform it. */
export type RunRequest =
    | { kind: "stack"; options: RunStackOptions }
    | { kind: "program"; options: RunOptions & { program: string } };

export interface Runnable {
    stack: string;
    /** How to perform the run on another thread; without it the target runs on this thread only. */
    request?: RunRequest;
    run(mode: Mode): Promise<RunResult>;
}

interface Job {
    index: number;
    target: Runnable;
    mode: Mode;
    result?: Promise<RunResult>;
    settled?: boolean;
    settle?: { resolve(r: RunResult): void; reject(e: Error): void };
}

export interface WireResult {
    result?: Omit<RunResult, "error"> & { error?: { name: string; message: string } };
    /** The run itself threw (e.g. an unreadable stack file) instead of returning a failed result. */
    thrown?: { name: string; message: string };
}

export interface BatchMessage {
    type: "batch";
    batch: number;
    claims: Int32Array;
    requests: ({ request: RunRequest; mode: Mode } | null)[];
    env: Record<string, string | undefined>;
}

export interface ResultMessage {
    type: "result";
    batch: number;
    index: number;
    wire: WireResult;
}

/** A claim holds the claiming thread's id: a worker's threadId (1 and up), or THIS_THREAD. */
export const UNCLAIMED = 0;
const THIS_THREAD = -1;

/** Threads that run programs: PLATFORM_GATE_THREADS, else the machine's available parallelism. */
export function threadCount(): number {
    const configured = Number(process.env.PLATFORM_GATE_THREADS);
    if (Number.isInteger(configured) && configured >= 1) return configured;
    return Math.max(1, os.availableParallelism());
}

function fromWire(wire: WireResult): RunResult {
    if (wire.thrown) throw Object.assign(new Error(wire.thrown.message), { name: wire.thrown.name });
    const { error, ...rest } = wire.result!;
    return { ...rest, error: error ? Object.assign(new Error(error.message), { name: error.name }) : undefined };
}

interface Batch {
    claims: Int32Array;
    jobs: Job[];
}

const pool: Worker[] = [];
let batches = 0;
const live = new Map<number, Batch>();

function settle(job: Job, outcome: () => RunResult): void {
    if (job.settled || !job.settle) return;
    job.settled = true;
    try {
        job.settle.resolve(outcome());
    } catch (e) {
        job.settle.reject(e instanceof Error ? e : new Error(String(e)));
    }
}

function startWorker(): Worker {
    // The compiled code of every module this thread has loaded goes to the compile cache now rather
    // than at exit, so that on a first run the worker loads the same modules from it (engine/cache.js).
    (Module as { flushCompileCache?: () => void }).flushCompileCache?.();
    const bootstrap = [
        `require(${JSON.stringify(path.join(__dirname, "..", "register-ts.js"))});`,
        `require(${JSON.stringify(path.join(__dirname, "..", "lean-sdk.js"))});`,
        `require(${JSON.stringify(path.join(__dirname, "worker.ts"))}).serve();`,
    ].join("\n");
    const worker = new Worker(bootstrap, { eval: true });
    worker.unref();
    worker.on("message", (msg: ResultMessage) => {
        const job = live.get(msg.batch)?.jobs[msg.index];
        if (job) settle(job, () => fromWire(msg.wire));
    });
    const stopped = (why: string) => {
        const at = pool.indexOf(worker);
        if (at >= 0) pool.splice(at, 1);
        // Every job this worker claimed and did not answer fails, naming its pass (the gate names the stack).
        for (const { claims, jobs } of live.values()) {
            for (const job of jobs) {
                if (claims[job.index] !== worker.threadId) continue;
                settle(job, () => { throw new Error(`the gate's worker thread stopped (${why}) during the ${job.mode === "apply" ? "update-time" : "preview"} run`); });
            }
        }
    };
    const threadId = worker.threadId;
    worker.on("error", (e) => stopped(e.message));
    worker.on("exit", (code) => stopped(`thread ${threadId}, exit code ${code}`));
    pool.push(worker);
    return worker;
}

/**
 * Starts the worker threads a gate will use (one per core but this thread's) ahead of its first batch,
 * so that they load the engine while this thread is still loading the gate: the CLI calls it first
 * thing. A batch uses the workers already started; one never used costs a thread's start-up only.
 */
export function prestartWorkers(): void {
    while (pool.length < threadCount() - 1) startWorker();
}

export interface Execution<T> {
    /** The targets, whose run(mode) now returns the scheduled run's result. */
    targets: T[];
    /** Forgets the batch (results not consumed are dropped); the workers stay for the next gate. */
    close(): void;
}

/**
 * Schedules `modes(target)` runs of every target, in order, over this thread and the worker pool.
 * A run asked for that was not scheduled runs on this thread when asked.
 */
export function executeConcurrently<T extends Runnable>(targets: T[], modes: (t: T) => Mode[], options: { workersOnly?: boolean } = {}): Execution<T> {
    const jobs: Job[] = [];
    for (const target of targets) for (const mode of modes(target)) jobs.push({ index: jobs.length, target, mode });
    const shareable = jobs.filter((j) => j.target.request !== undefined).length;
    const workers = options.workersOnly ? Math.max(1, threadCount() - 1) : Math.min(threadCount() - 1, shareable - 1);
    if (workers <= 0) return { targets, close: () => undefined };

    const batch = ++batches;
    const claims = new Int32Array(new SharedArrayBuffer(4 * jobs.length));
    live.set(batch, { claims, jobs });
    for (const job of jobs) {
        if (job.target.request === undefined) {
            claims[job.index] = THIS_THREAD;
            continue;
        }
        job.result = new Promise<RunResult>((resolve, reject) => { job.settle = { resolve, reject }; });
        job.result.catch(() => undefined);
    }
    while (pool.length < workers) startWorker();
    const used = pool.slice(0, workers);
    const message: BatchMessage = {
        type: "batch", batch, claims,
        requests: jobs.map((j) => (j.target.request ? { request: j.target.request, mode: j.mode } : null)),
        env: { ...process.env },
    };
    // Referenced while the batch lasts: a result still to come keeps the process alive.
    for (const worker of used) {
        worker.ref();
        worker.postMessage(message);
    }
    const release = () => {
        if (!live.delete(batch)) return;
        for (let i = 0; i < jobs.length; i++) Atomics.compareExchange(claims, i, UNCLAIMED, THIS_THREAD);
        for (const worker of used) worker.unref();
    };
    void Promise.allSettled(jobs.map((j) => j.result)).then(release);

    const runHere = async (job: Job): Promise<void> => {
        let result: RunResult;
        try {
            result = await job.target.run(job.mode);
        } catch (e) {
            settle(job, () => { throw e; });
            return;
        }
        settle(job, () => result);
    };
    // workersOnly (tests): this thread only waits, so every shareable run provably goes through a worker.
    const claimHere = (job: Job) => !options.workersOnly && Atomics.compareExchange(claims, job.index, UNCLAIMED, THIS_THREAD) === UNCLAIMED;

    const resultOf = async (target: T, mode: Mode): Promise<RunResult> => {
        const job = jobs.find((j) => j.target === target && j.mode === mode);
        if (!job || !job.result) return target.run(mode);
        if (claimHere(job)) await runHere(job);
        else {
            // Claimed by a worker: run what nobody has claimed yet while its result comes.
            let done = false;
            job.result.then(() => { done = true; }, () => { done = true; });
            for (const next of jobs) {
                if (done) break;
                if (next.index > job.index && next.result && claimHere(next)) await runHere(next);
            }
        }
        return job.result;
    };
    return {
        targets: targets.map((t) => ({ ...t, run: (mode: Mode) => resultOf(t, mode) })),
        close: release,
    };
}
