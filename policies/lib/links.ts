/**
 * Linking resources inside a stack policy: which BucketPublicAccessBlock belongs to which Bucket.
 *
 * During preview the bucket's name and id are often unknown, so ids cannot be compared. The engine
 * records, for each input property, the resources it was computed from (`propertyDependencies`):
 * `new BucketPublicAccessBlock("b", { bucket: bucket.id })` depends on the bucket's URN through its
 * `bucket` property. That link is used first; known names/ids/ARNs are compared as a fallback.
 */
import type { PolicyResource } from "@pulumi/policy";
import { at, isUnknown, raw } from "./values";

export type Link = "yes" | "no" | "unknown";

export function propsOf(r: PolicyResource): Record<string, unknown> {
    return (raw(r.props) as Record<string, unknown> | undefined) ?? {};
}

function propertyDeps(r: PolicyResource, prop: string): PolicyResource[] | undefined {
    const all = raw(r.propertyDependencies) as Record<string, PolicyResource[]> | undefined;
    const deps = all ? raw(all[prop]) : undefined;
    return Array.isArray(deps) ? (deps as PolicyResource[]) : undefined;
}

/** Known identifying strings of a resource (name, id, ARN...), for comparing against a reference. */
export function knownIds(r: PolicyResource, keys: string[]): string[] {
    const props = propsOf(r);
    const out: string[] = [];
    for (const k of keys) {
        const v = at(props, k);
        if (typeof v === "string" && v !== "" && !isUnknown(v)) out.push(v);
    }
    return out;
}

/**
 * Does `from`'s property `prop` refer to `target`? `idKeys` are the target's properties a reference
 * may carry (e.g. `bucket`, `id`, `arn`); `matches` compares a known reference with a known id.
 */
export function linksTo(
    from: PolicyResource,
    prop: string,
    target: PolicyResource,
    idKeys: string[],
    matches: (reference: string, id: string) => boolean = (a, b) => a === b,
): Link {
    const deps = propertyDeps(from, prop);
    if (deps && deps.some((d) => d && d.urn === target.urn)) return "yes";
    const value = at(propsOf(from), prop);
    if (typeof value === "string" && !isUnknown(value)) {
        return knownIds(target, idKeys).some((id) => matches(value, id)) ? "yes" : "no";
    }
    if (deps && deps.length > 0) return "no";
    if (isUnknown(value)) {
        // No property dependencies recorded: fall back on plain dependencies.
        const plain = (raw(from.dependencies) as PolicyResource[] | undefined) ?? [];
        if (plain.some((d) => d && d.urn === target.urn)) return "yes";
        return "unknown";
    }
    return "no";
}

/** The resources among `candidates` whose `prop` refers to `target`, and whether some could not be decided. */
export function companions(
    target: PolicyResource,
    candidates: PolicyResource[],
    prop: string,
    idKeys: string[],
    matches?: (reference: string, id: string) => boolean,
): { linked: PolicyResource[]; undecided: boolean } {
    const linked: PolicyResource[] = [];
    let undecided = false;
    for (const c of candidates) {
        const link = linksTo(c, prop, target, idKeys, matches);
        if (link === "yes") linked.push(c);
        else if (link === "unknown") undecided = true;
    }
    return { linked, undecided };
}

export function ofTypes(resources: PolicyResource[], types: string[]): PolicyResource[] {
    const set = new Set(types);
    return resources.filter((r) => set.has(r.type));
}

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
export const BUCKET_ID_KEYS = ["bucket", "id", "arn"];

/** A bucket reference may be its name or its ARN. */
export function bucketRefMatches(reference: string, id: string): boolean {
    return reference === id || reference === `arn:aws:s3:::${id}` || id === `arn:aws:s3:::${reference}`;
}
