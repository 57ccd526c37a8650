/**
 * How a resource type is priced: the usage keys a usage file may give it, and a function from its
 * inputs (and usage) to cost lines. Estimators say what they price with price-table keys only; the
 * numbers come from the table.
 */
import type { CostKind, CostResource } from "../model";
import { UNKNOWN_VALUE, type Read } from "../values";

/** A cost line before pricing: quantity in the price's unit, per month. */
export interface Line {
    name: string;
    price: string;
    quantity: number;
    kind: CostKind;
    /** Use the price's Multi-AZ variant. */
    multiAz?: boolean;
}

/** No price applies: the reason is shown to the user. */
export interface Unpriced {
    unpriced: string;
}

/** The type carries no charge in this configuration (a gateway endpoint, a stage without cache). */
export interface Free {
    free: string;
}

export interface EstimateContext {
    resource: CostResource;
    hoursPerMonth: number;
    /** A usage value from the stack's usage file (resource entry first, then the type's default). */
    usage(key: string): number | undefined;
    /** A resource of the stack by URN. */
    get(urn: string): CostResource | undefined;
    /** Resources of the stack whose `prop` was computed from `urn` (optionally of one type). */
    dependents(urn: string, prop?: string, type?: string): CostResource[];
    /** URNs the resource's `prop` was computed from. */
    deps(prop: string): string[];
}

export interface Estimator {
    /** Usage keys this type accepts in a usage file, with what each means (unit included). */
    usage: Record<string, string>;
    estimate(ctx: EstimateContext): Line[] | Unpriced | Free;
}

export const fixed = (name: string, price: string, quantity: number, multiAz = false): Line => ({ name, price, quantity, kind: "fixed", multiAz });
export const usage = (name: string, price: string, quantity: number | undefined): Line[] =>
    quantity !== undefined && quantity > 0 ? [{ name, price, quantity, kind: "usage" }] : [];

/** Why a resource is unpriced when a value its price needs is unknown. */
export function unknownInput(key: string): Unpriced {
    return { unpriced: `${key} is unknown until deployment` };
}

/** Resolves a read value: UNKNOWN becomes an Unpriced result, undefined the fallback. */
export function known<T>(value: Read<T>, key: string, fallback?: T): T | Unpriced {
    if (value === UNKNOWN_VALUE) return unknownInput(key);
    if (value === undefined) return fallback === undefined ? { unpriced: `${key} is not set` } : fallback;
    return value;
}

export function isUnpriced(x: unknown): x is Unpriced {
    return x !== null && typeof x === "object" && "unpriced" in x;
}
