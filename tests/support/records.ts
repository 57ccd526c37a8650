/** Helpers for asserting on what the offline engine recorded. */
import * as assert from "assert";
import { declaredResources, plain, type ResourceRecord, type RunResult } from "../../engine/run";

export { plain };

/** All declared resources of a type. */
export function ofType(result: RunResult, type: string): ResourceRecord[] {
    return declaredResources(result).filter((r) => r.type === type);
}

/** The one resource of a type (optionally whose name matches); fails with the list of what exists. */
export function one(result: RunResult, type: string, name?: string | RegExp): ResourceRecord {
    const matches = ofType(result, type).filter((r) => name === undefined || (typeof name === "string" ? r.name === name : name.test(r.name)));
    assert.strictEqual(matches.length, 1, `expected exactly one ${type}${name ? ` named ${String(name)}` : ""}; found ${matches.map((r) => r.name).join(", ") || "none"}`);
    return matches[0];
}

/** A resource's inputs made plain (secrets unwrapped). */
export function inputs(record: ResourceRecord): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return plain(record.inputs) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Parses a JSON policy document input (policy, assumeRolePolicy...). */
export function policyDocument(record: ResourceRecord, property = "policy"): { Statement: Record<string, any>[] } { // eslint-disable-line @typescript-eslint/no-explicit-any
    const text = inputs(record)[property];
    assert.strictEqual(typeof text, "string", `${record.urn}: ${property} is not a known JSON string`);
    return JSON.parse(text);
}
