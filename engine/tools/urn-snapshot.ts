/**
 * The URN snapshot: every stack's resource URNs, committed in tests/programs/urn-snapshot.json.
 *
 * A URN is a resource's identity: if a refactor changes the URN of a bucket, table or database, Pulumi
 * deletes the old one and creates a new one: data loss. tests/programs/stacks.test.ts fails when a
 * stateful URN in the snapshot is gone and no resource carries it as an alias, and the gate compares
 * every stack with it (engine/gate/baseline.ts: creates, deletes, stateful replaces).
 *
 * Update it deliberately, after checking the diff: `npm run snapshot:urns`. The same runs record each
 * stack's cost estimate in the cost baseline beside it (tests/programs/cost-baseline.json), which the
 * gate compares against per system and the rise policy checks.
 */
import * as fs from "fs";
import * as path from "path";
import { STATEFUL_TYPES } from "../../policies/data-safety/stateful-resource-protected";
import { writeCostBaseline } from "../cost/baseline";
import type { StackCost } from "../cost/model";
import { estimateRecords } from "../cost/stack-estimate";
import { ROOT_STACK_TYPE } from "../monitor";
import { runStack } from "../run";
import { listStacks } from "../stack-file";

export const SNAPSHOT_FILE = path.join(__dirname, "..", "..", "tests", "programs", "urn-snapshot.json");
export const STATEFUL: ReadonlySet<string> = new Set(STATEFUL_TYPES);

export interface UrnSnapshot {
    /** stack -> sorted URNs of the stack's declared resources (root stack excluded). */
    stacks: Record<string, string[]>;
}

export async function takeSnapshot(projectDir: string, costs: StackCost[] = []): Promise<UrnSnapshot> {
    const stacks: Record<string, string[]> = {};
    for (const stack of listStacks(projectDir)) {
        const result = await runStack({ projectDir, stack, mode: "preview" });
        if (result.error) throw new Error(`stack ${stack}: ${result.error.message}`);
        stacks[stack] = result.resources.filter((r) => r.type !== ROOT_STACK_TYPE).map((r) => r.urn).sort();
        costs.push(estimateRecords(result.resources, { projectDir, stack, projectStack: true }));
    }
    return { stacks };
}

export async function main(): Promise<number> {
    const projectDir = path.join(__dirname, "..", "..");
    const costs: StackCost[] = [];
    const snapshot = await takeSnapshot(projectDir, costs);
    fs.writeFileSync(SNAPSHOT_FILE, JSON.stringify(snapshot, null, 1) + "\n");
    const counts = Object.entries(snapshot.stacks).map(([s, urns]) => `${s}: ${urns.length}`).join(", ");
    process.stdout.write(`wrote ${path.relative(process.cwd(), SNAPSHOT_FILE)} (${counts})\n`);
    const costFile = writeCostBaseline(projectDir, costs);
    process.stdout.write(`wrote ${path.relative(process.cwd(), costFile)} (${costs.map((c) => `${c.stack}: $${c.monthly.toFixed(2)}/month`).join(", ")})\n`);
    return 0;
}
