/** Fixtures for the cost tests: resources as the estimator sees them, linked by name. */
import type { CostResource } from "../../engine/cost/model";
import { estimateStack } from "../../engine/cost/estimate";
import { loadPriceTable } from "../../engine/cost/price-table";
import type { UsageFile } from "../../engine/cost/usage";

/** The engine's sentinel for a value unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Fixture {
    type: string;
    name: string;
    props?: Record<string, unknown>;
    /** The parent's name. */
    parent?: string;
    /** Input property -> names of the resources it was computed from. */
    deps?: Record<string, string[]>;
    region?: string;
    custom?: boolean;
}

export function urnOf(type: string, name: string, stack = "test"): string {
    return `urn:pulumi:${stack}::platform::${type}::${name}`;
}

/** Fixtures as CostResources, names resolved to URNs (the first resource of a name wins). */
export function resources(fixtures: Fixture[], stack = "test"): CostResource[] {
    const byName = new Map<string, string>();
    for (const f of fixtures) if (!byName.has(f.name)) byName.set(f.name, urnOf(f.type, f.name, stack));
    const urn = (name: string) => {
        const u = byName.get(name);
        if (!u) throw new Error(`fixture: no resource named ${name}`);
        return u;
    };
    return fixtures.map((f) => ({
        urn: urnOf(f.type, f.name, stack), type: f.type, name: f.name,
        parent: f.parent ? urn(f.parent) : undefined,
        region: f.region, custom: f.custom ?? !f.type.startsWith("platform:"),
        props: f.props ?? {},
        propertyDependencies: Object.fromEntries(Object.entries(f.deps ?? {}).map(([k, names]) => [k, names.map(urn)])),
    }));
}

export const table = () => loadPriceTable();

export function estimate(fixtures: Fixture[], usage?: UsageFile) {
    return estimateStack(resources(fixtures), { stack: "test", priceTable: table(), usage, now: new Date("2025-06-01T00:00:00Z") });
}

/** The one resource of that name in an estimate. */
export function costOf(fixtures: Fixture[], name: string, usage?: UsageFile) {
    const found = estimate(fixtures, usage).resources.filter((r) => r.name === name);
    if (found.length !== 1) throw new Error(`expected one resource named ${name}, got ${found.length}`);
    return found[0];
}

/** [component name, quantity, unit price, monthly, kind] rows, rounded for comparison. */
export function rows(cost: { components: { name: string; quantity: number; unitPrice: number; monthly: number; kind: string }[] }) {
    const r = (n: number) => Math.round(n * 1e6) / 1e6;
    return cost.components.map((c) => [c.name, r(c.quantity), c.unitPrice, r(c.monthly), c.kind]);
}
