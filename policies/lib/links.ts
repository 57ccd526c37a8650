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

/**
 * An index of candidates by what their `prop` can refer to: the URNs it depends on, and its known
 * value. It only prunes: `linksTo` still decides each remaining candidate, so results are the same as
 * scanning every candidate, but a stack rule over n buckets costs O(n) instead of O(n^2).
 */
interface CompanionIndex {
    byUrn: Map<string, PolicyResource[]>;
    byValue: Map<string, PolicyResource[]>;
    /** Candidates with neither property dependencies nor a known value: always checked. */
    rest: PolicyResource[];
}

const indexes = new WeakMap<PolicyResource[], Map<string, CompanionIndex>>();

function push(map: Map<string, PolicyResource[]>, key: string, r: PolicyResource): void {
    const list = map.get(key);
    if (list) list.push(r); else map.set(key, [r]);
}

function companionIndex(candidates: PolicyResource[], prop: string): CompanionIndex {
    let byProp = indexes.get(candidates);
    if (!byProp) indexes.set(candidates, (byProp = new Map()));
    const cached = byProp.get(prop);
    if (cached) return cached;
    const index: CompanionIndex = { byUrn: new Map(), byValue: new Map(), rest: [] };
    for (const c of candidates) {
        const deps = (propertyDeps(c, prop) ?? []).filter((d) => d);
        const value = at(propsOf(c), prop);
        for (const d of deps) push(index.byUrn, d.urn, c);
        const known = typeof value === "string" && !isUnknown(value);
        if (known) push(index.byValue, value, c);
        if (deps.length === 0 && !known) index.rest.push(c);
    }
    byProp.set(prop, index);
    return index;
}

/** The resources among `candidates` whose `prop` refers to `target`, and whether some could not be decided. */
export function companions(
    target: PolicyResource,
    candidates: PolicyResource[],
    prop: string,
    idKeys: string[],
    matches?: (reference: string, id: string) => boolean,
): { linked: PolicyResource[]; undecided: boolean } {
    const index = companionIndex(candidates, prop);
    const maybe = new Set<PolicyResource>(index.byUrn.get(target.urn) ?? []);
    const ids = knownIds(target, idKeys);
    if (matches === undefined || matches === bucketRefMatches) {
        // A bucket may be referred to by its name or its ARN.
        const forms = matches === undefined ? ids : ids.flatMap((id) => [id, `arn:aws:s3:::${id}`, id.replace(/^arn:aws:s3:::/, "")]);
        for (const form of forms) for (const c of index.byValue.get(form) ?? []) maybe.add(c);
    } else {
        // Another matcher may accept other forms of a reference: test every known value.
        for (const [value, cs] of index.byValue) if (ids.some((id) => matches(value, id))) for (const c of cs) maybe.add(c);
    }
    for (const c of index.rest) maybe.add(c);
    const linked: PolicyResource[] = [];
    let undecided = false;
    for (const c of maybe) {
        const link = linksTo(c, prop, target, idKeys, matches);
        if (link === "yes") linked.push(c);
        else if (link === "unknown") undecided = true;
    }
    return { linked, undecided };
}

/** The stack's resources by type (and their positions), built once per stack: every stack rule asks for a few types. */
interface TypeIndex {
    byType: Map<string, PolicyResource[]>;
    position: Map<PolicyResource, number>;
}
const typeIndexes = new WeakMap<PolicyResource[], TypeIndex>();

/** The resources of the given types, in stack order. Callers must not modify the list (it is shared). */
export function ofTypes(resources: PolicyResource[], types: string[]): PolicyResource[] {
    let index = typeIndexes.get(resources);
    if (!index) {
        index = { byType: new Map(), position: new Map() };
        resources.forEach((r, i) => {
            index!.position.set(r, i);
            const list = index!.byType.get(r.type);
            if (list) list.push(r); else index!.byType.set(r.type, [r]);
        });
        typeIndexes.set(resources, index);
    }
    if (types.length === 1) return index.byType.get(types[0]) ?? [];
    const { byType, position } = index;
    return [...new Set(types)].flatMap((t) => byType.get(t) ?? []).sort((a, b) => position.get(a)! - position.get(b)!);
}

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
export const BUCKET_ID_KEYS = ["bucket", "id", "arn"];

/** A bucket reference may be its name or its ARN. */
export function bucketRefMatches(reference: string, id: string): boolean {
    return reference === id || reference === `arn:aws:s3:::${id}` || id === `arn:aws:s3:::${reference}`;
}
