/**
 * IAM-style policy documents as they reach a policy: a JSON string or an object, `Statement` as one
 * object or a list, `Action`/`Resource`/`Principal` as a string or a list, keys in any case.
 */
import { at, isUnknown, list, raw, record } from "./values";

export interface Statement {
    index: number;
    sid?: string;
    effect: string;
    actions: string[];
    notActions: string[];
    resources: string[];
    /** "*" stands for any principal (`"*"` or `{ AWS: "*" }`). */
    principals: string[];
    hasPrincipal: boolean;
    /** Condition keys, lower-cased (`aws:sourcearn`), with their operator and values. */
    conditions: { operator: string; key: string; values: unknown[] }[];
    /** True when some part of the statement is unknown during preview. */
    partlyUnknown: boolean;
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

function principalsOf(value: unknown, unknown: { seen: boolean }): string[] {
    const v = raw(value);
    if (v === undefined || v === null) return [];
    if (isUnknown(v)) {
        unknown.seen = true;
        return [];
    }
    if (typeof v === "string") return [v];
    const rec = record(v);
    if (!rec) return [];
    const out: string[] = [];
    for (const key of Object.keys(rec)) out.push(...strings(rec[key], unknown));
    return out;
}

function pick(obj: Record<string, unknown>, name: string): unknown {
    if (name in obj) return obj[name];
    const lower = name.toLowerCase();
    const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : obj[key];
}

/** Parses a policy document given as JSON text or as an object. */
export function parseDocument(value: unknown): ParsedDocument {
    let doc = raw(value);
    if (doc === undefined || doc === null || doc === "") return { kind: "absent" };
    if (isUnknown(doc)) return { kind: "unknown" };
    if (typeof doc === "string") {
        try {
            doc = JSON.parse(doc);
        } catch (e) {
            return { kind: "invalid", error: (e as Error).message };
        }
    }
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
        const unknown = { seen: false };
        const effect = raw(pick(st, "Effect"));
        if (isUnknown(effect)) unknown.seen = true;
        const conditions: Statement["conditions"] = [];
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
                    conditions.push({ operator, key: key.toLowerCase(), values: list(inner[key]) });
                }
            }
        }
        const principal = pick(st, "Principal");
        statements.push({
            index,
            sid: typeof pick(st, "Sid") === "string" ? (pick(st, "Sid") as string) : undefined,
            effect: typeof effect === "string" ? effect : "",
            actions: strings(pick(st, "Action"), unknown),
            notActions: strings(pick(st, "NotAction"), unknown),
            resources: strings(pick(st, "Resource"), unknown),
            principals: principalsOf(principal, unknown),
            hasPrincipal: raw(principal) !== undefined,
            conditions,
            partlyUnknown: unknown.seen,
        });
    });
    return { kind: "known", statements };
}

function unknownStatement(index: number): Statement {
    return { index, effect: "", actions: [], notActions: [], resources: [], principals: [], hasPrincipal: false, conditions: [], partlyUnknown: true };
}

/** Glob match for IAM action patterns (`s3:Get*`), case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
    const re = new RegExp("^" + pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$", "i");
    return re.test(action);
}

/** A short label for a statement in messages: its Sid or its position. */
export function statementLabel(s: Statement): string {
    return s.sid ? `statement "${s.sid}"` : `statement #${s.index + 1}`;
}

/** The `policy` documents carried by an IAM role's `inlinePolicies`. */
export function inlinePolicyDocuments(inlinePolicies: unknown): { name: string; doc: unknown }[] {
    return list(inlinePolicies).map((p, i) => ({ name: String(at(p, "name") ?? `#${i + 1}`), doc: at(p, "policy") }));
}
