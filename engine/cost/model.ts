/**
 * What the estimator works on and what it produces. Inputs are the same whether they come from the
 * offline engine's records (the gate) or from the resources a CrossGuard stack policy receives (the
 * policy pack under `pulumi preview`), so both reach the same figures.
 */

/** A resource as the estimator sees it. */
export interface CostResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    /**
     * The region its provider deploys to, when it has its own provider. Otherwise the region its
     * System carries (the stack's `aws:region`), else the price table's first region.
     */
    region?: string;
    /** The engine's custom flag; without it, `platform:*` types count as components. */
    custom?: boolean;
    /** Inputs (preview) or outputs: unknowns as the engine's sentinels, secrets wrapped. */
    props: Record<string, unknown>;
    /** Input property -> URNs its value was computed from. */
    propertyDependencies: Record<string, string[]>;
}

export type CostKind = "fixed" | "usage";

/** One priced line of a resource: quantity per month x unit price. */
export interface CostComponent {
    name: string;
    /** The price's unit (hour, GB-month, 1M requests...). */
    unit: string;
    /** Monthly quantity, in `unit`s. */
    quantity: number;
    unitPrice: number;
    monthly: number;
    /** fixed: what the resource costs from its inputs alone; usage: from the stack's usage file. */
    kind: CostKind;
    /** The price table key. */
    price: string;
}

/** priced: has components (possibly all usage, possibly 0); free: a type that carries no charge; unpriced: no price known. */
export type ResourceStatus = "priced" | "free" | "unpriced";

export interface ResourceCost {
    urn: string;
    type: string;
    name: string;
    /** The `platform:core:System` the resource belongs to, or "(stack)". */
    system: string;
    region: string;
    status: ResourceStatus;
    /** free: why it is free; unpriced: why no price applies. */
    reason?: string;
    components: CostComponent[];
    fixed: number;
    usage: number;
    monthly: number;
}

/** A resource that makes up much of a system's cost. */
export interface CostDriver {
    name: string;
    type: string;
    monthly: number;
    /** The resource's largest component, e.g. "NAT gateway hours". */
    component: string;
}

export interface Budget {
    monthlyUsd?: number;
    maxRisePercent?: number;
}

export interface BaselineFigures {
    fixed: number;
    usage: number;
    monthly: number;
}

export interface SystemCost {
    system: string;
    /** The System component's URN (undefined for "(stack)"). */
    urn?: string;
    fixed: number;
    usage: number;
    monthly: number;
    resources: number;
    unpriced: number;
    drivers: CostDriver[];
    budget?: Budget;
    baseline?: BaselineFigures;
}

export interface StackCost {
    stack: string;
    currency: "USD";
    priceTable: { file: string; asOf: string; ageDays: number; maxAgeDays: number; stale: boolean };
    /** The usage file applied, relative to the project, or null. */
    usageFile: string | null;
    freeTierApplied: boolean;
    fixed: number;
    usage: number;
    monthly: number;
    systems: SystemCost[];
    /** Every billable resource (components and providers are not billable and not listed). */
    resources: ResourceCost[];
    /** Resources without a price: type, name and why. */
    unpriced: { urn: string; type: string; name: string; system: string; reason: string }[];
    budget?: Budget;
    baseline?: BaselineFigures;
    /** Usage entries that matched no resource, a stale price table... */
    warnings: string[];
}

export const STACK_SYSTEM = "(stack)";
export const SYSTEM_TYPE = "platform:core:System";

/** Cents, as bills show them (sums are rounded once, at the end). */
export function round2(n: number): number {
    return Math.round(n * 100) / 100;
}
