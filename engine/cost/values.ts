/**
 * Reading recorded resource properties for pricing: the engine's records and the policy pack's
 * resources both carry preview unknowns as the engine's sentinel strings and secrets as signature
 * wrappers. A price needs a known value; an unknown one makes the resource unpriced, never zero.
 */

import { isUnknown, raw } from "../../policies/lib/values";

// The unknown sentinels and secret wrappers are read as the policy pack reads them (one list of
// sentinels, asset and archive included), so the estimator and the cost policies agree.
export { isUnknown };

/** Marks a value that is not known until deployment. */
export const UNKNOWN_VALUE = Symbol("unknown");
export type Read<T> = T | undefined | typeof UNKNOWN_VALUE;

/** The value at a path (`at(props, "runtimePlatform", "cpuArchitecture")`): UNKNOWN_VALUE when it, or an object on the way, is unknown. */
export function at(props: unknown, ...path: (string | number)[]): unknown {
    let v = raw(props);
    for (const key of path) {
        if (isUnknown(v)) return UNKNOWN_VALUE;
        if (v === null || typeof v !== "object") return undefined;
        v = raw((v as Record<string | number, unknown>)[key]);
    }
    return isUnknown(v) ? UNKNOWN_VALUE : v;
}

/** A number (numbers given as text, such as a task definition's "512", count). */
export function num(props: unknown, ...path: (string | number)[]): Read<number> {
    const v = at(props, ...path);
    if (v === UNKNOWN_VALUE) return UNKNOWN_VALUE;
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
    return undefined;
}

export function str(props: unknown, ...path: (string | number)[]): Read<string> {
    const v = at(props, ...path);
    if (v === UNKNOWN_VALUE) return UNKNOWN_VALUE;
    return typeof v === "string" ? v : undefined;
}

export function bool(props: unknown, ...path: (string | number)[]): Read<boolean> {
    const v = at(props, ...path);
    if (v === UNKNOWN_VALUE) return UNKNOWN_VALUE;
    return typeof v === "boolean" ? v : undefined;
}

/** A list; UNKNOWN_VALUE when the list itself is unknown (its elements may be unknown strings). */
export function list(props: unknown, ...path: (string | number)[]): Read<unknown[]> {
    const v = at(props, ...path);
    if (v === UNKNOWN_VALUE) return UNKNOWN_VALUE;
    return Array.isArray(v) ? v.map(raw) : undefined;
}
