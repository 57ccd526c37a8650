/**
 * The estimator: per resource, cost components from the price table, the resource's inputs and the
 * stack's usage file; per system and per stack, fixed and estimated monthly totals with the
 * resources that drive them. A resource is priced, free (a type that carries no charge) or unpriced
 * (no price known, or a value its price needs is unknown), never silently zero.
 */
import { ESTIMATORS } from "./estimators";
import { isUnpriced, type EstimateContext, type Line } from "./estimators/types";
import {
    round2, STACK_SYSTEM, SYSTEM_TYPE,
    type Budget, type CostComponent, type CostDriver, type CostResource, type ResourceCost, type StackCost, type SystemCost,
} from "./model";
import { stalenessOf, unitPrice, type PriceTable } from "./price-table";
import { UsageFileError, usageKeysOf, type UsageFile } from "./usage";
import { num, str } from "./values";

export interface EstimateOptions {
    stack: string;
    priceTable: PriceTable;
    usage?: UsageFile;
    /** For the price table's age (a fixed clock in tests). */
    now?: Date;
    /** How many drivers to keep per system. */
    drivers?: number;
}

/** Types that are not billable themselves: the root stack, providers, component resources. */
export function isBillable(r: Pick<CostResource, "type" | "custom">): boolean {
    if (r.type.startsWith("pulumi:")) return false;
    if (r.custom !== undefined) return r.custom;
    // Without the engine's custom flag (a policy's view), this project's components are its own package.
    return !r.type.startsWith("platform:");
}

function systemOf(r: CostResource, byUrn: ReadonlyMap<string, CostResource>): CostResource | undefined {
    let p: CostResource | undefined = r;
    for (let depth = 0; p && depth < 100; depth++) {
        if (p.type === SYSTEM_TYPE) return p;
        p = p.parent ? byUrn.get(p.parent) : undefined;
    }
    return undefined;
}

function budgetOf(props: Record<string, unknown>, key: "budget" | "stackBudget"): Budget | undefined {
    const monthlyUsd = num(props, key, "monthlyUsd");
    const maxRisePercent = num(props, key, "maxRisePercent");
    const b: Budget = {
        ...(typeof monthlyUsd === "number" ? { monthlyUsd } : {}),
        ...(typeof maxRisePercent === "number" ? { maxRisePercent } : {}),
    };
    return Object.keys(b).length > 0 ? b : undefined;
}

function usageFor(usage: UsageFile | undefined, r: CostResource): Record<string, number> {
    if (!usage) return {};
    return { ...usage.defaults.get(r.type), ...usage.resources.get(r.name), ...usage.resources.get(`${r.type}::${r.name}`) };
}

export function estimateStack(resources: readonly CostResource[], opts: EstimateOptions): StackCost {
    const table = opts.priceTable;
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const dependentsOf = new Map<string, { r: CostResource; prop: string }[]>();
    for (const r of resources) {
        for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
            for (const u of new Set(urns)) dependentsOf.set(u, [...(dependentsOf.get(u) ?? []), { r, prop }]);
        }
    }
    const usageProblems: string[] = [];
    const usedUsageKeys = new Set<string>();
    const costs: ResourceCost[] = [];

    for (const r of resources) {
        if (!isBillable(r)) continue;
        const scope = systemOf(r, byUrn);
        const system = scope?.name ?? STACK_SYSTEM;
        const systemRegion = scope ? str(scope.props, "region") : undefined;
        const region = r.region ?? (typeof systemRegion === "string" ? systemRegion : table.regions[0]);
        const base = { urn: r.urn, type: r.type, name: r.name, system, region };
        const estimator = ESTIMATORS[r.type];
        const given = usageFor(opts.usage, r);
        if (opts.usage) {
            for (const key of [r.name, `${r.type}::${r.name}`]) if (opts.usage.resources.has(key)) usedUsageKeys.add(key);
            const allowed = usageKeysOf(r.type);
            for (const k of [...Object.keys(opts.usage.resources.get(r.name) ?? {}), ...Object.keys(opts.usage.resources.get(`${r.type}::${r.name}`) ?? {})]) {
                // A name shared by resources of several types may carry keys of any of them.
                const sameName = resources.filter((o) => o.name === r.name && isBillable(o)).flatMap((o) => usageKeysOf(o.type));
                if (!allowed.includes(k) && !sameName.includes(k)) {
                    usageProblems.push(`resources.${r.name}.${k}: no such usage key for ${r.type}; allowed: ${allowed.join(", ") || "none (its price does not depend on usage)"}`);
                }
            }
        }
        if (!estimator) {
            const free = table.free.get(r.type);
            costs.push(free !== undefined
                ? { ...base, status: "free", reason: free, components: [], fixed: 0, usage: 0, monthly: 0 }
                : { ...base, status: "unpriced", reason: "no price for this type in the price table", components: [], fixed: 0, usage: 0, monthly: 0 });
            continue;
        }
        const ctx: EstimateContext = {
            resource: r,
            hoursPerMonth: table.hoursPerMonth,
            usage: (key) => given[key],
            get: (urn) => byUrn.get(urn),
            deps: (prop) => r.propertyDependencies[prop] ?? [],
            dependents: (urn, prop, type) => (dependentsOf.get(urn) ?? []).filter((d) => (prop === undefined || d.prop === prop) && (type === undefined || d.r.type === type)).map((d) => d.r),
        };
        const result = estimator.estimate(ctx);
        if (isUnpriced(result)) {
            costs.push({ ...base, status: "unpriced", reason: result.unpriced, components: [], fixed: 0, usage: 0, monthly: 0 });
            continue;
        }
        if ("free" in result) {
            costs.push({ ...base, status: "free", reason: result.free, components: [], fixed: 0, usage: 0, monthly: 0 });
            continue;
        }
        const components: CostComponent[] = [];
        let missing: string | undefined;
        for (const line of result as Line[]) {
            const price = unitPrice(table, line.price, region, line.multiAz ? "multiAz" : "single");
            if (price === undefined) {
                missing = `no price ${line.price}${line.multiAz ? " (Multi-AZ)" : ""} for ${region} in the price table`;
                break;
            }
            components.push({ name: line.name, unit: table.prices.get(line.price)!.unit, quantity: line.quantity, unitPrice: price, monthly: line.quantity * price, kind: line.kind, price: line.price });
        }
        if (missing) {
            costs.push({ ...base, status: "unpriced", reason: missing, components: [], fixed: 0, usage: 0, monthly: 0 });
            continue;
        }
        costs.push({ ...base, status: "priced", components, fixed: 0, usage: 0, monthly: 0 });
    }
    if (usageProblems.length > 0) throw new UsageFileError(opts.usage!.file, usageProblems);
    if (opts.usage?.applyFreeTier) applyFreeTier(costs, table);
    for (const c of costs) {
        c.fixed = round2(sum(c.components.filter((x) => x.kind === "fixed").map((x) => x.monthly)));
        c.usage = round2(sum(c.components.filter((x) => x.kind === "usage").map((x) => x.monthly)));
        c.monthly = round2(c.fixed + c.usage);
    }

    const warnings: string[] = [];
    if (opts.usage) {
        for (const key of opts.usage.resources.keys()) {
            if (!usedUsageKeys.has(key)) warnings.push(`${opts.usage.file}: resources.${key} matches no resource of stack ${opts.stack}`);
        }
    }
    const age = stalenessOf(table, opts.now ?? new Date());
    const systems = summarizeSystems(costs, resources, opts.drivers ?? 3);
    const stackBudget = systems.map((s) => s.urn ? budgetOf(byUrn.get(s.urn)!.props, "stackBudget") : undefined).find((b) => b !== undefined);
    return {
        stack: opts.stack,
        currency: "USD",
        priceTable: { file: table.file, asOf: table.asOf, ageDays: age.ageDays, maxAgeDays: age.maxAgeDays, stale: age.stale },
        usageFile: opts.usage?.file ?? null,
        freeTierApplied: opts.usage?.applyFreeTier === true,
        fixed: round2(sum(costs.map((c) => c.fixed))),
        usage: round2(sum(costs.map((c) => c.usage))),
        monthly: round2(sum(costs.map((c) => c.monthly))),
        systems,
        resources: costs,
        unpriced: costs.filter((c) => c.status === "unpriced").map((c) => ({ urn: c.urn, type: c.type, name: c.name, system: c.system, reason: c.reason! })),
        ...(stackBudget ? { budget: stackBudget } : {}),
        warnings,
    };
}

function sum(xs: number[]): number {
    return xs.reduce((a, b) => a + b, 0);
}

/**
 * AWS's always-free monthly allowances, when the usage file asks for them: each allowance is taken
 * off the stack's total quantity of that price once, spread over its components in proportion. (AWS
 * applies them once per account: stacks sharing an account each count them here.)
 */
function applyFreeTier(costs: ResourceCost[], table: PriceTable): void {
    const byPrice = new Map<string, CostComponent[]>();
    for (const c of costs) for (const x of c.components) byPrice.set(x.price, [...(byPrice.get(x.price) ?? []), x]);
    for (const [key, comps] of byPrice) {
        const free = table.prices.get(key)?.free;
        const total = sum(comps.map((x) => x.quantity));
        if (!free || total <= 0) continue;
        const factor = Math.max(0, total - free) / total;
        for (const x of comps) {
            x.quantity *= factor;
            x.monthly = x.quantity * x.unitPrice;
        }
    }
}

function driverOf(c: ResourceCost): CostDriver {
    const [first, second] = [...c.components].sort((a, b) => b.monthly - a.monthly);
    // Two lines of about the same size (a web ACL and its rules) are both the driver.
    const component = second && second.monthly >= first.monthly / 2 ? `${first.name} + ${second.name}` : first?.name ?? "";
    return { name: c.name, type: c.type, monthly: c.monthly, component };
}

function summarizeSystems(costs: ResourceCost[], resources: readonly CostResource[], drivers: number): SystemCost[] {
    const systems = new Map<string, SystemCost>();
    for (const r of resources) {
        if (r.type !== SYSTEM_TYPE || systems.has(r.name)) continue;
        const budget = budgetOf(r.props, "budget");
        systems.set(r.name, { system: r.name, urn: r.urn, fixed: 0, usage: 0, monthly: 0, resources: 0, unpriced: 0, drivers: [], ...(budget ? { budget } : {}) });
    }
    for (const c of costs) {
        let s = systems.get(c.system);
        if (!s) {
            s = { system: c.system, fixed: 0, usage: 0, monthly: 0, resources: 0, unpriced: 0, drivers: [] };
            systems.set(c.system, s);
        }
        s.fixed += c.fixed;
        s.usage += c.usage;
        s.resources++;
        if (c.status === "unpriced") s.unpriced++;
    }
    for (const s of systems.values()) {
        s.fixed = round2(s.fixed);
        s.usage = round2(s.usage);
        s.monthly = round2(s.fixed + s.usage);
        s.drivers = costs.filter((c) => c.system === s.system && c.monthly > 0).sort((a, b) => b.monthly - a.monthly || a.name.localeCompare(b.name)).slice(0, drivers).map(driverOf);
    }
    return [...systems.values()].sort((a, b) => b.monthly - a.monthly || a.system.localeCompare(b.system));
}
