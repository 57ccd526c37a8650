/**
 * `--shard K/N`: the K-th of N deterministic shares of the stacks, so N CI runners (a GitHub Actions
 * matrix) gate hundreds of stacks in parallel and `--merge` joins their JSON reports into one.
 *
 * Every runner computes the same assignment from the same inputs (the stack list and the baseline's
 * per-stack resource counts, the stacks' last measured sizes), with no coordination: the largest stack
 * first, each to the shard with the least work so far (ties: the lower shard). A stack the baseline does
 * not know yet weighs the baseline's mean stack size.
 */

export interface ShardSpec {
    /** 1-based. */
    index: number;
    count: number;
}

/** What a sharded report records, so `--merge` can check that every shard of one run is there. */
export interface ShardInfo extends ShardSpec {
    /** Every stack of the run, in the order a single run reports them. */
    of: string[];
}

export const MAX_SHARDS = 256;

export class ShardError extends Error {}

export function parseShard(text: string): ShardSpec {
    const m = /^(\d+)\/(\d+)$/.exec(text);
    const index = m ? Number(m[1]) : NaN;
    const count = m ? Number(m[2]) : NaN;
    if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
        throw new ShardError(`--shard ${text}: allowed: K/N with 1 <= K <= N <= ${MAX_SHARDS}, e.g. --shard 2/4`);
    }
    return { index, count };
}

/** stack -> shard index (1-based), balanced by weight. */
export function assignShards(stacks: readonly string[], count: number, weights: Readonly<Record<string, number>>): Map<string, number> {
    const known = stacks.map((s) => weights[s]).filter((w): w is number => typeof w === "number" && w > 0);
    const fallback = known.length > 0 ? Math.round(known.reduce((a, b) => a + b, 0) / known.length) : 1;
    const weightOf = (s: string) => (weights[s] && weights[s] > 0 ? weights[s] : fallback);
    const order = [...stacks].sort((a, b) => weightOf(b) - weightOf(a) || (a < b ? -1 : a > b ? 1 : 0));
    const load = new Array<number>(count).fill(0);
    const assignment = new Map<string, number>();
    for (const stack of order) {
        let best = 0;
        for (let i = 1; i < count; i++) if (load[i] < load[best]) best = i;
        load[best] += weightOf(stack);
        assignment.set(stack, best + 1);
    }
    return assignment;
}

/** The stacks of shard `spec`, in their original order. */
export function stacksOfShard(stacks: readonly string[], spec: ShardSpec, weights: Readonly<Record<string, number>>): string[] {
    const assignment = assignShards(stacks, spec.count, weights);
    return stacks.filter((s) => assignment.get(s) === spec.index);
}
