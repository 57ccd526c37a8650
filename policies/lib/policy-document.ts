/**
 * IAM-style policy documents as they reach a policy: a JSON string or an object, `Statement` as one
 * object or a list, `Action`/`Resource`/`Principal` as a string or a list, keys in any case.
 */
import { at, isUnknown, list, raw, record } from "./values";

export interface Condition {
    /** As written (`StringEquals`, `ForAnyValue:StringLike`, `ArnLikeIfExists`...). */
    operator: string;
    /** Lower-cased (`aws:sourcearn`). */
    key: string;
    values: unknown[];
}

export interface Principal {
    /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for the bare `"*"` form. */
    type: string;
    value: string;
}

export interface Statement {
    index: number;
    sid?: string;
    effect: string;
    actions: string[];
    notActions: string[];
    hasNotAction: boolean;
    resources: string[];
    notResources: string[];
    /** Every principal value; "*" stands for any principal (`"*"` or `{ AWS: "*" }`). */
    principals: string[];
    /** The same principals with their type (AWS, Service, Federated...). */
    typedPrincipals: Principal[];
    hasPrincipal: boolean;
    /** `NotPrincipal` values: an Allow with NotPrincipal grants everyone but them. */
    notPrincipals: string[];
    hasNotPrincipal: boolean;
    conditions: Condition[];
    /** True when some part of the statement is unknown during preview. */
    partlyUnknown: boolean;
    /** True when the principal (or NotPrincipal) is unknown during preview. */
    principalUnknown: boolean;
}

export type ParsedDocument = { kind: "known"; statements: Statement[] } | { kind: "unknown" } | { kind: "absent" } | { kind: "invalid"; error: string };

function strings(value: unknown, unknown: { seen: boolean }): string[] {
    const out: string[] = [];
    for (const v of list(value)) {
        if (isUnknown(v)) unknown.seen = true;
        else if (typeof v === "string") out.push(v);
    }
    return out;
}

function principalsOf(value: unknown, unknown: { seen: boolean }): Principal[] {
    const v = raw(value);
    if (v === undefined || v === null) return [];
    if (isUnknown(v)) {
        unknown.seen = true;
        return [];
    }
    if (typeof v === "string") return [{ type: "*", value: v }];
    const rec = record(v);
    if (!rec) return [];
    const out: Principal[] = [];
    for (const type of Object.keys(rec)) for (const value of strings(rec[type], unknown)) out.push({ type, value });
    return out;
}

function pick(obj: Record<string, unknown>, name: string): unknown {
    if (name in obj) return obj[name];
    const lower = name.toLowerCase();
    const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : obj[key];
}

/**
 * Parsed documents by their JSON text. Several rules read the same document (a bucket policy is read
 * by the public-principal and the TLS rules), and statements are never mutated, so they are shared.
 */
const parsedByText = new Map<string, ParsedDocument>();
const MAX_CACHED = 4096;

/** Parses a policy document given as JSON text or as an object. */
export function parseDocument(value: unknown): ParsedDocument {
    const doc = raw(value);
    if (doc === undefined || doc === null || doc === "") return { kind: "absent" };
    if (isUnknown(doc)) return { kind: "unknown" };
    if (typeof doc !== "string") return parseObject(doc);
    const cached = parsedByText.get(doc);
    if (cached) return cached;
    let parsed: ParsedDocument;
    try {
        parsed = parseObject(JSON.parse(doc));
    } catch (e) {
        parsed = { kind: "invalid", error: (e as Error).message };
    }
    if (parsedByText.size >= MAX_CACHED) parsedByText.clear();
    parsedByText.set(doc, parsed);
    return parsed;
}

function parseObject(doc: unknown): ParsedDocument {
    const rec = record(doc);
    if (!rec) return { kind: "invalid", error: "not an object" };
    const stmtValue = raw(pick(rec, "Statement"));
    if (isUnknown(stmtValue)) return { kind: "unknown" };
    const statements: Statement[] = [];
    list(stmtValue).forEach((s, index) => {
        const st = record(s);
        if (!st) {
            if (isUnknown(s)) statements.push(unknownStatement(index));
            return;
        }
        statements.push(parseStatement(st, index));
    });
    return { kind: "known", statements };
}

function parseStatement(st: Record<string, unknown>, index: number): Statement {
    const unknown = { seen: false };
    const effect = raw(pick(st, "Effect"));
    if (isUnknown(effect)) unknown.seen = true;
    const conditions: Condition[] = [];
    const cond = raw(pick(st, "Condition"));
    if (isUnknown(cond)) unknown.seen = true;
    const condRec = record(cond);
    if (condRec) {
        for (const operator of Object.keys(condRec)) {
            const inner = record(condRec[operator]);
            if (!inner) {
                if (isUnknown(condRec[operator])) unknown.seen = true;
                continue;
            }
            for (const key of Object.keys(inner)) {
                const values = list(inner[key]);
                if (isUnknown(raw(inner[key])) || values.some(isUnknown)) unknown.seen = true;
                conditions.push({ operator, key: key.toLowerCase(), values });
            }
        }
    }
    const principalSeen = { seen: false };
    const principal = pick(st, "Principal");
    const notPrincipal = pick(st, "NotPrincipal");
    const typedPrincipals = principalsOf(principal, principalSeen);
    const notPrincipals = principalsOf(notPrincipal, principalSeen).map((p) => p.value);
    const sid = pick(st, "Sid");
    const notAction = pick(st, "NotAction");
    return {
        index,
        sid: typeof sid === "string" ? sid : undefined,
        // IAM only accepts "Allow" and "Deny"; reading them case-insensitively costs nothing.
        effect: typeof effect === "string" ? (/^allow$/i.test(effect) ? "Allow" : /^deny$/i.test(effect) ? "Deny" : effect) : "",
        actions: strings(pick(st, "Action"), unknown),
        notActions: strings(notAction, unknown),
        hasNotAction: raw(notAction) !== undefined,
        resources: strings(pick(st, "Resource"), unknown),
        notResources: strings(pick(st, "NotResource"), unknown),
        principals: typedPrincipals.map((p) => p.value),
        typedPrincipals,
        hasPrincipal: raw(principal) !== undefined,
        notPrincipals,
        hasNotPrincipal: raw(notPrincipal) !== undefined,
        conditions,
        partlyUnknown: unknown.seen || principalSeen.seen,
        principalUnknown: principalSeen.seen,
    };
}

function unknownStatement(index: number): Statement {
    return {
        index, effect: "", actions: [], notActions: [], hasNotAction: false, resources: [], notResources: [], principals: [], typedPrincipals: [],
        hasPrincipal: false, notPrincipals: [], hasNotPrincipal: false, conditions: [], partlyUnknown: true, principalUnknown: true,
    };
}

const patternCache = new Map<string, RegExp>();

function patternOf(pattern: string): RegExp {
    let re = patternCache.get(pattern);
    if (!re) {
        const body = pattern.split("*").map((p) => p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\?/g, ".")).join(".*");
        re = new RegExp("^" + body + "$", "i");
        if (patternCache.size >= MAX_CACHED) patternCache.clear();
        patternCache.set(pattern, re);
    }
    return re;
}

/** Glob match for IAM action patterns (`s3:Get*`, `iam:?ut*`), case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
    return patternOf(pattern).test(action);
}

/** True when every action `inner` can stand for is also matched by `outer` (`s3:*` covers `s3:Get*`). */
export function actionCovers(outer: string, inner: string): boolean {
    if (outer === "*") return true;
    // A literal inner pattern is covered when outer matches it; a wildcard one when outer matches its
    // every expansion, which for IAM's prefix-style patterns means outer matches the pattern text itself.
    return actionMatches(outer, inner);
}

/** A short label for a statement in messages: its Sid or its position. */
export function statementLabel(s: Statement): string {
    return s.sid ? `statement "${s.sid}"` : `statement #${s.index + 1}`;
}

/** The `policy` documents carried by an IAM role's `inlinePolicies`. */
export function inlinePolicyDocuments(inlinePolicies: unknown): { name: string; doc: unknown }[] {
    return list(inlinePolicies).map((p, i) => ({ name: String(at(p, "name") ?? `#${i + 1}`), doc: at(p, "policy") }));
}
