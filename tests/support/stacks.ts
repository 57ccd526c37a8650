/**
 * Helpers for the program tests: run the repository's real project (Pulumi.yaml and its
 * Pulumi.<stack>.yaml files) under the offline engine with only one seed system enabled.
 */
import * as assert from "assert";
import * as path from "path";
import { runStack, type Mode, type RunResult } from "../../engine/run";

/** The repository root: the project directory of Pulumi.yaml and the stack files. */
export const PROJECT_DIR = path.join(__dirname, "..", "..");

/**
 * Runs one stack of the project with `platform:systems` set to just `system`, plus any further
 * config overrides ("namespace:key" -> string, JSON text for structured values) applied over it.
 * The result's `error` is left for the caller to check.
 */
export function runSystem(system: string, stack: string, mode: Mode, configOverrides: Record<string, string> = {}): Promise<RunResult> {
    return runStack({ projectDir: PROJECT_DIR, stack, mode, configOverrides: { "platform:systems": JSON.stringify([system]), ...configOverrides } });
}

/** The dev and prod apply runs of one system. */
export interface SystemRuns {
    dev: RunResult;
    prod: RunResult;
}

const applied = new Map<string, Promise<SystemRuns>>();

/**
 * The system's dev and prod stacks run in apply mode (dev first), failing when either run failed.
 * Cached per system for the whole mocha process: every caller gets the same two results, so tests
 * must not modify them. Typical use: `before(async () => ({ dev, prod } = await systemRuns("vibe")));`.
 */
export function systemRuns(system: string): Promise<SystemRuns> {
    let runs = applied.get(system);
    if (!runs) {
        runs = (async () => {
            const dev = await runSystem(system, "dev", "apply");
            const prod = await runSystem(system, "prod", "apply");
            assert.ifError(dev.error);
            assert.ifError(prod.error);
            return { dev, prod };
        })();
        applied.set(system, runs);
    }
    return runs;
}
