/**
 * Reading recorded resource properties for pricing: the engine's records and the policy pack's
 * resources both carry preview unknowns as the engine's sentinel strings and secrets as signature
 * wrappers. A price needs a known value; an unknown one makes the resource unpriced, never zero.
 */

/** The sentinels the Pulumi engine (and the offline engine) use for values unknown in preview. */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Marks a value that is not known until deployment. */
export const UNKNOWN_VALUE = Symbol("unknown");
export type Read<T> = T | undefined | typeof UNKNOWN_VALUE;

export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

function unwrap(value: unknown): unknown {
    let v = value;
    while (v !== null && typeof v === "object" && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG) v = (v as Record<string, unknown>).value;
    return v;
}

/** The value at a path (`at(props, "runtimePlatform", "cpuArchitecture")`): UNKNOWN_VALUE when it, or an object on the way, is unknown. */
export function at(props: unknown, ...path: (string | number)[]): unknown {
    let v = unwrap(props);
    for (const key of path) {
        if (isUnknown(v)) return UNKNOWN_VALUE;
        if (v === null || typeof v !== "object") return undefined;
        v = unwrap((v as Record<string | number, unknown>)[key]);
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
    return Array.isArray(v) ? v.map(unwrap) : undefined;
}
