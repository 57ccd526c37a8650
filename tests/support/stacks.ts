/**
 * Helpers for the program tests: run the repository's real project (Pulumi.yaml and its
 * Pulumi.<stack>.yaml files) under the offline engine with only one seed system enabled.
 */
import * as assert from "assert";
import * as path from "path";
import { runStack, type Mode, type RunResult } from "../../engine/run";
import { readProject, readStackFile } from "../../engine/stack-file";

/** The repository root: the project directory of Pulumi.yaml and the stack files. */
export const PROJECT_DIR = path.join(__dirname, "..", "..");

/**
 * The config override that turns the stack's shared web ACLs on in the dev stack: the committed dev
 * stack file's `platform:firewall` (its Bot Control and rate limit) with `enabled: true`. The
 * committed dev stack runs without them (issue 17); tests of what the firewall does in both
 * environments run dev with this, so the firewall code stays tested in dev's settings too.
 */
export function devWithFirewall(): Record<string, string> {
    const committed = JSON.parse(readStackFile(PROJECT_DIR, readProject(PROJECT_DIR).name, "dev").config["platform:firewall"]) as Record<string, unknown>;
    return { "platform:firewall": JSON.stringify({ ...committed, enabled: true }) };
}

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

const cache = new Map<string, Promise<RunResult>>();

/** One apply run, failing when it failed; cached per arguments for the whole mocha process. */
function cachedApply(key: string, run: () => Promise<RunResult>): Promise<RunResult> {
    let result = cache.get(key);
    if (!result) {
        result = run().then((r) => {
            assert.ifError(r.error);
            return r;
        });
        cache.set(key, result);
    }
    return result;
}

/**
 * The system's committed dev and prod stacks run in apply mode (dev first), failing when either run
 * failed. Cached per system for the whole mocha process: every caller gets the same two results, so
 * tests must not modify them. Typical use: `before(async () => ({ dev, prod } = await systemRuns("vibe")));`.
 */
export async function systemRuns(system: string): Promise<SystemRuns> {
    const dev = await cachedApply(`${system}/dev`, () => runSystem(system, "dev", "apply"));
    const prod = await cachedApply(`${system}/prod`, () => runSystem(system, "prod", "apply"));
    return { dev, prod };
}

/**
 * Like systemRuns, but dev with the shared web ACLs on (devWithFirewall): for tests of what the
 * firewall does in both environments. `prod` is the committed prod run, the same as systemRuns'.
 */
export async function systemRunsWithFirewall(system: string): Promise<SystemRuns> {
    const dev = await cachedApply(`${system}/dev/firewall`, () => runSystem(system, "dev", "apply", devWithFirewall()));
    const { prod } = await systemRuns(system);
    return { dev, prod };
}

/** A whole stack of the project (every system it names) in apply mode with `configOverrides`; cached like systemRuns. */
export function stackRun(stack: string, configOverrides: Record<string, string> = {}): Promise<RunResult> {
    return cachedApply(`*/${stack}/${JSON.stringify(configOverrides)}`, () => runStack({ projectDir: PROJECT_DIR, stack, mode: "apply", configOverrides }));
}
