/**
 * What the cost policies share: the stack's resources as the estimator's input, and the estimate
 * itself, made with the same estimator, price table, usage file and baseline as the gate's report
 * (engine/cost), so `pulumi preview --policy-pack policies` and `npm run plan` reach the same verdict.
 *
 * Files are read relative to the project this pack lives in (policies/..): the stack's usage file
 * `Pulumi.<stack>.usage.yaml` and the committed baseline `tests/programs/cost-baseline.json`. The
 * stack's name comes from the resources' URNs. A pack published away from the project (pulumi policy
 * publish) finds neither: it then prices fixed costs only and has no baseline to compare with.
 */
import * as path from "path";
import type { PolicyResource } from "@pulumi/policy";
import { readCostBaseline, withBaseline } from "../../engine/cost/baseline";
import { estimateStack } from "../../engine/cost/estimate";
import type { CostResource, StackCost } from "../../engine/cost/model";
import { DEFAULT_PRICE_TABLE, loadPriceTable } from "../../engine/cost/price-table";
import { loadUsageFile } from "../../engine/cost/usage";
import { raw } from "../lib/values";

export const PROJECT_DIR = path.join(__dirname, "..", "..");

export interface CostContext {
    projectDir: string;
    priceTableFile: string;
    now?: () => Date;
}

export const DEFAULT_COST_CONTEXT: CostContext = { projectDir: PROJECT_DIR, priceTableFile: DEFAULT_PRICE_TABLE };

let active: CostContext = DEFAULT_COST_CONTEXT;

/** Where the cost policies read their files (tests point it at a temporary project); no argument restores the default. */
export function useCostContext(ctx: CostContext = DEFAULT_COST_CONTEXT): void {
    active = ctx;
}

function urnsOf(value: unknown): string[] {
    const v = raw(value);
    return Array.isArray(v) ? v.map((d) => (raw(d) as PolicyResource | undefined)?.urn).filter((u): u is string => typeof u === "string") : [];
}

/** A stack policy's resources as the estimator's input (props read beneath the unknown-checking proxy). */
export function costResourcesOf(resources: readonly PolicyResource[]): CostResource[] {
    return resources.map((r) => {
        const provider = raw(r.provider) as { props?: unknown } | undefined;
        const providerRegion = provider ? (raw(provider.props) as Record<string, unknown> | undefined)?.region : undefined;
        const deps = (raw(r.propertyDependencies) as Record<string, unknown> | undefined) ?? {};
        return {
            urn: r.urn, type: r.type, name: r.name,
            parent: (raw(r.parent) as PolicyResource | undefined)?.urn,
            region: typeof providerRegion === "string" ? providerRegion : undefined,
            props: (raw(r.props) as Record<string, unknown> | undefined) ?? {},
            propertyDependencies: Object.fromEntries(Object.keys(deps).map((k) => [k, urnsOf(deps[k])])),
        };
    });
}

/** `urn:pulumi:<stack>::<project>::...` */
export function stackOf(resources: readonly { urn: string }[]): { stack: string; project: string } | undefined {
    const m = resources.length > 0 ? /^urn:pulumi:([^:]+)::([^:]+)::/.exec(resources[0].urn) : null;
    return m ? { stack: m[1], project: m[2] } : undefined;
}

const estimates = new WeakMap<readonly PolicyResource[], { ctx: CostContext; cost: StackCost }>();

/** The stack's estimate (computed once per stack validation, shared by the cost policies). */
export function estimateOf(resources: readonly PolicyResource[], ctx: CostContext = active): StackCost | undefined {
    const cached = estimates.get(resources);
    if (cached && cached.ctx === ctx) return cached.cost;
    const id = stackOf(resources);
    if (!id) return undefined;
    const cost = estimateStack(costResourcesOf(resources), {
        stack: id.stack, priceTable: loadPriceTable(ctx.priceTableFile), usage: loadUsageFile(ctx.projectDir, id.stack), now: ctx.now?.(),
    });
    withBaseline(cost, readCostBaseline(ctx.projectDir)?.stacks[id.stack]);
    estimates.set(resources, { ctx, cost });
    return cost;
}

/** The root stack's URN, where stack-wide findings are reported. */
export function rootStackUrn(stack: string, project: string): string {
    return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
}
