/**
 * Reading resource properties without tripping over preview unknowns.
 *
 * `@pulumi/policy` hands policies a proxy that throws `UnknownValueError` on the first read of a
 * value that is unknown during preview, which skips the whole policy for that resource. The
 * policies here read the raw values underneath instead, so they can decide whenever the known
 * values suffice (a known `acl: "public-read"` is a violation whatever else is unknown) and only
 * give up, through `pendingUntilUpdate`, when the answer really depends on an unknown.
 */

/** The sentinels the Pulumi engine (and the offline engine) use for values unknown in preview. */
const UNKNOWN_SENTINELS = new Set<string>([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);
const STRING_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True for a value that is unknown during preview. */
export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/**
 * The raw value behind a policy proxy, with secret wrappers removed. Only this level is unwrapped:
 * nested values are read through `at`, which unwraps each level it walks.
 */
export function raw(value: unknown): unknown {
    let v = value;
    if (v !== null && typeof v === "object") {
        const obj = v as Record<string, unknown>;
        if (obj["__isSpecialProxy"] === true) v = obj["__getSpecialProxyTarget"];
    }
    if (v !== null && typeof v === "object") {
        const obj = v as Record<string, unknown>;
        if (obj[SECRET_SIG_KEY] === SECRET_SIG) return raw(obj["value"]);
        // A @pulumi/policy Secret (only produced for remediations) keeps its value in `value`.
        if (obj.constructor && obj.constructor.name === "Secret" && "value" in obj) return raw(obj["value"]);
    }
    return v;
}

/** Reads a nested value: `at(props, "serverSideEncryption", "enabled")`. Unknowns are returned, not thrown. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
    let v = raw(value);
    for (const key of path) {
        if (v === null || v === undefined || isUnknown(v) || typeof v !== "object") return isUnknown(v) ? v : undefined;
        v = raw((v as Record<string | number, unknown>)[key]);
    }
    return v;
}

/** The value as a list: arrays as they are, a single value as a one-element list, nothing as []. */
export function list(value: unknown): unknown[] {
    const v = raw(value);
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v.map(raw);
    return [v];
}

/** A plain record (object) or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
    const v = raw(value);
    if (v === null || typeof v !== "object" || Array.isArray(v) || isUnknown(v)) return undefined;
    return v as Record<string, unknown>;
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(value: unknown): boolean {
    const v = raw(value);
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v !== null && typeof v === "object") return Object.values(v as Record<string, unknown>).some(containsUnknown);
    return false;
}

/** True for `true` and the string "true" (some provider inputs, e.g. launch template EBS flags, are strings). */
export function isTrue(value: unknown): boolean {
    const v = raw(value);
    return v === true || v === "true";
}

interface UnknownValueErrorClass {
    new (sentinel: string, props: string[]): Error;
}
// The class is exported at runtime but not in the package's type declarations; the analyzer server
// recognises it with `instanceof` and turns it into an advisory "can't run during preview" note.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { UnknownValueError } = require("@pulumi/policy/proxy") as { UnknownValueError: UnknownValueErrorClass };

/** The error a policy throws when its decision depends on a value unknown during preview. */
export class PendingUntilUpdate extends UnknownValueError {
    constructor(readonly what: string) {
        super(STRING_UNKNOWN, what.split("."));
        this.message = `${what} is unknown during preview; this check runs at update time`;
    }
}

/**
 * Gives up on a decision that depends on an unknown value (reported as advisory by the analyzer).
 * The error is a signal, not a fault: it is built without a stack trace, which is most of the cost of
 * an Error, and previews throw it for every IAM document computed in the same deployment.
 */
export function pendingUntilUpdate(what: string): never {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let error: PendingUntilUpdate;
    try {
        error = new PendingUntilUpdate(what);
    } finally {
        Error.stackTraceLimit = limit;
    }
    throw error;
}

/** True when an error thrown by a policy means "unknown during preview" rather than a crash. */
export function isPendingUntilUpdate(err: unknown): boolean {
    return err instanceof UnknownValueError;
}
