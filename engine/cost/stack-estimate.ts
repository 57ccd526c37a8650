/**
 * The estimate of one recorded stack, as the gate and `new-team` show it: the stack's records, its
 * usage file and the committed baseline, priced with the pinned table.
 */
import * as path from "path";
import type { ResourceRecord } from "../monitor";
import { readCostBaseline, withBaseline } from "./baseline";
import { estimateStack } from "./estimate";
import type { StackCost } from "./model";
import { DEFAULT_PRICE_TABLE, loadPriceTable, staleMessage } from "./price-table";
import { costResourcesOf } from "./records";
import { loadUsageFile } from "./usage";

/** Where engine/ lives: the price table is named relative to it. */
const REPOSITORY = path.join(__dirname, "..", "..");

export interface StackEstimateOptions {
    projectDir: string;
    stack: string;
    /** Read Pulumi.<stack>.usage.yaml and the stack's baseline (project stacks; not --program runs). */
    projectStack: boolean;
    priceTableFile?: string;
    now?: Date;
}

/** Throws UsageFileError / PriceTableError with the file and key when a file is invalid. */
export function estimateRecords(records: readonly ResourceRecord[], opts: StackEstimateOptions): StackCost {
    const table = loadPriceTable(opts.priceTableFile ?? DEFAULT_PRICE_TABLE);
    const usage = opts.projectStack ? loadUsageFile(opts.projectDir, opts.stack) : undefined;
    const cost = estimateStack(costResourcesOf(records), { stack: opts.stack, priceTable: table, usage, now: opts.now });
    if (cost.priceTable.stale) cost.warnings.push(staleMessage({ ...cost.priceTable }, path.relative(REPOSITORY, path.resolve(table.file)) || table.file));
    return opts.projectStack ? withBaseline(cost, readCostBaseline(opts.projectDir)?.stacks[opts.stack]) : cost;
}

/**
 * What the gate calls once per stack: puts the estimate on the report, or, when a cost file (the
 * usage file, the price table) is invalid, the report's error. Returns false on error.
 */
export function attachCostEstimate(report: { cost?: StackCost | null; error: string | null; stack: string }, records: readonly ResourceRecord[], opts: StackEstimateOptions): boolean {
    try {
        report.cost = estimateRecords(records, opts);
        return true;
    } catch (e) {
        report.cost = null;
        report.error = `stack ${report.stack}: ${(e as Error).message}`;
        return false;
    }
}
