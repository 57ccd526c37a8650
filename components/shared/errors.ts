/**
 * Errors for bad input. Every message names where the problem is (stack, key, component, argument),
 * what was given and what is allowed, so a user can fix it without reading a stack trace.
 */

/** Formats a value for an error message: short, JSON-like, never `[object Object]`. */
export function describeValue(value: unknown): string {
    if (value === undefined) return "nothing";
    if (typeof value === "string") return JSON.stringify(value);
    try {
        const text = JSON.stringify(value);
        return text.length > 120 ? `${text.slice(0, 117)}...` : text;
    } catch {
        return String(value);
    }
}

/**
 * A component was given an argument it cannot accept. Thrown from the constructor before any child
 * is registered.
 */
export class ComponentArgumentError extends Error {
    constructor(
        readonly component: string,
        readonly resourceName: string,
        readonly argument: string,
        readonly given: unknown,
        readonly allowed: string,
    ) {
        super(`${component} "${resourceName}": argument ${argument}: got ${describeValue(given)}; allowed: ${allowed}`);
        this.name = "ComponentArgumentError";
    }
}

/** Throws a ComponentArgumentError unless `ok` holds. */
export function requireArg(ok: boolean, component: string, resourceName: string, argument: string, given: unknown, allowed: string): void {
    if (!ok) throw new ComponentArgumentError(component, resourceName, argument, given, allowed);
}
