/**
 * The committed cost baseline: each stack's and each system's fixed, usage and monthly figures, as
 * `npm run snapshot:urns` last recorded them (tests/programs/cost-baseline.json, beside the URN
 * snapshot). The gate shows the change against it per system, like `infracost diff`, and the
 * rise rule compares with it.
 */
import * as fs from "fs";
import * as path from "path";
import type { BaselineFigures, StackCost } from "./model";

export interface StackBaseline extends BaselineFigures {
    systems: Record<string, BaselineFigures>;
}

export interface CostBaseline {
    /** The price table's date when the baseline was taken: a change of prices shows as a change of cost. */
    priceTable: string;
    stacks: Record<string, StackBaseline>;
}

export function costBaselineFile(projectDir: string): string {
    return path.join(projectDir, "tests", "programs", "cost-baseline.json");
}

export function readCostBaseline(projectDir: string): CostBaseline | undefined {
    const file = costBaselineFile(projectDir);
    if (!fs.existsSync(file)) return undefined;
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as CostBaseline;
    if (!parsed || typeof parsed !== "object" || typeof parsed.stacks !== "object") throw new Error(`${path.relative(projectDir, file)}: not a cost baseline (expected { priceTable, stacks })`);
    return parsed;
}

export function baselineOf(cost: StackCost): StackBaseline {
    return {
        fixed: cost.fixed, usage: cost.usage, monthly: cost.monthly,
        systems: Object.fromEntries([...cost.systems].sort((a, b) => a.system.localeCompare(b.system)).map((s) => [s.system, { fixed: s.fixed, usage: s.usage, monthly: s.monthly }])),
    };
}

export function writeCostBaseline(projectDir: string, costs: readonly StackCost[]): string {
    const file = costBaselineFile(projectDir);
    const baseline: CostBaseline = {
        priceTable: costs[0]?.priceTable.asOf ?? "",
        stacks: Object.fromEntries([...costs].sort((a, b) => a.stack.localeCompare(b.stack)).map((c) => [c.stack, baselineOf(c)])),
    };
    fs.writeFileSync(file, JSON.stringify(baseline, null, 1) + "\n");
    return file;
}

/** Attaches a stack's baseline figures to its estimate (stack and systems), in place. */
export function withBaseline(cost: StackCost, baseline: StackBaseline | undefined): StackCost {
    if (!baseline) return cost;
    cost.baseline = { fixed: baseline.fixed, usage: baseline.usage, monthly: baseline.monthly };
    for (const s of cost.systems) {
        const b = baseline.systems[s.system];
        if (b) s.baseline = { fixed: b.fixed, usage: b.usage, monthly: b.monthly };
    }
    return cost;
}
