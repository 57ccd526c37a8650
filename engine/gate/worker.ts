/**
 * A gate worker thread (started by execute.ts): claims the runs of each batch it is sent, in order,
 * performs them with the engine as the gate's own thread would, and posts each result back.
 */
import { parentPort, threadId } from "worker_threads";
import { runProgram, runStack, type RunResult } from "../run";
import { UNCLAIMED, type BatchMessage, type ResultMessage, type RunRequest, type WireResult } from "./execute";
import type { Mode } from "../monitor";

function plainError(e: unknown): { name: string; message: string } {
    return e instanceof Error ? { name: e.name, message: e.message } : { name: "Error", message: String(e) };
}

async function perform(request: RunRequest, mode: Mode): Promise<WireResult> {
    let result: RunResult;
    try {
        result = request.kind === "stack" ? await runStack({ ...request.options, mode }) : await runProgram({ ...request.options, mode });
    } catch (e) {
        return { thrown: plainError(e) };
    }
    const { error, ...rest } = result;
    return { result: { ...rest, error: error ? plainError(error) : undefined } };
}

/** The worker sees the environment the gate had when it scheduled the batch (settle timeout, debugging switches). */
function adoptEnvironment(env: Record<string, string | undefined>): void {
    for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
    for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
}

function post(message: ResultMessage): void {
    try {
        parentPort!.postMessage(message);
    } catch {
        // A stack export that cannot be cloned (a function, a resource object): the gate never reads
        // outputs, so they travel as JSON, whatever JSON keeps of them.
        const result = message.wire.result!;
        parentPort!.postMessage({ ...message, wire: { result: { ...result, outputs: JSON.parse(JSON.stringify(result.outputs ?? {})) as Record<string, unknown> } } });
    }
}

export function serve(): void {
    const queue: BatchMessage[] = [];
    let draining = false;
    const drain = async () => {
        if (draining) return;
        draining = true;
        while (queue.length > 0) {
            const batch = queue.shift()!;
            for (const [index, job] of batch.requests.entries()) {
                if (!job || Atomics.compareExchange(batch.claims, index, UNCLAIMED, threadId) !== UNCLAIMED) continue;
                adoptEnvironment(batch.env);
                post({ type: "result", batch: batch.batch, index, wire: await perform(job.request, job.mode) });
            }
        }
        draining = false;
    };
    parentPort!.on("message", (msg: BatchMessage) => {
        queue.push(msg);
        void drain();
    });
}
