/**
 * The one analyser every resource-policy rule uses: which Allow statements of a resource policy grant
 * access to anyone (a public principal), once the conditions that really narrow them are taken into
 * account.
 *
 * Public: `Principal: "*"`, any principal value containing `*` (`{ AWS: "*" }`, `{ AWS: ["*"] }`), and
 * an Allow with `NotPrincipal` (everyone except the listed principals).
 *
 * Narrowed: a condition that pins the caller or the request's source to something the owner controls:
 * an account (aws:SourceAccount, aws:PrincipalAccount, kms:CallerAccount...), an ARN in a named account
 * (aws:SourceArn, aws:PrincipalArn), an organization (aws:PrincipalOrgID, aws:PrincipalOrgPaths), a VPC
 * or VPC endpoint, or a source IP range other than /0. It narrows only with a positive operator
 * (`StringEquals`, `StringLike`, `ArnLike`, `IpAddress`...), without `IfExists` (an absent key passes)
 * and without `ForAllValues:` (vacuously true when the key is absent), and only when every value is
 * itself narrow: `arn:aws:cloudfront::*:distribution/*` or `aws:SourceAccount: "*"` narrows nothing.
 * A Deny statement for everyone whose only conditions are negated narrowing conditions
 * (`StringNotEquals aws:SourceVpce vpce-1`), or a Deny with NotPrincipal, narrows the Allows it covers.
 */
import { actionCovers, parseDocument, statementLabel, type Condition, type Statement } from "./policy-document";
import { isUnknown, pendingUntilUpdate } from "./values";

export interface PublicGrant {
    statement: Statement;
    /** `statement "Sid" allows principal "*" without a condition that narrows it`. */
    problem: string;
}

export interface PublicAnalysis {
    grants: PublicGrant[];
    /** Labels of public Allow statements whose narrowing depends on values unknown during preview. */
    undecided: string[];
}

type Narrow = "yes" | "no" | "unknown";

const ACCOUNT_KEYS = new Set([
    "aws:sourceaccount", "aws:principalaccount", "aws:sourceowner", "aws:vpceaccount", "kms:calleraccount", "s3:dataaccesspointaccount",
]);
const ARN_KEYS = new Set(["aws:sourcearn", "aws:principalarn", "s3:dataaccesspointarn", "lambda:sourcefunctionarn", "ec2:sourceinstancearn", "ssm:sourceinstancearn"]);
const ORG_KEYS = new Set(["aws:principalorgid", "aws:sourceorgid"]);
const ORG_PATH_KEYS = new Set(["aws:principalorgpaths", "aws:sourceorgpaths"]);
const NETWORK_KEYS = new Set(["aws:sourcevpce", "aws:sourcevpc", "aws:sourcevpcarn"]);
const IP_KEYS = new Set(["aws:sourceip"]);
const USERID_KEYS = new Set(["aws:userid"]);

/** Every key a narrowing condition may use (for messages and fixes). */
export const NARROWING_KEYS_HINT = "aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce or aws:PrincipalAccount";

const POSITIVE = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"]);
const NEGATED = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike", "notipaddress"]);

const hasWildcard = (s: string) => s.includes("*") || s.includes("?");

/** Is an ARN pinned to something the owner controls: a named account, or for account-less ARNs (S3) a literal resource? */
function narrowArn(value: string): boolean {
    const parts = value.split(":");
    if (parts.length < 6 || parts[0] !== "arn") return false;
    const account = parts[4];
    if (account !== "") return !hasWildcard(account);
    // S3 bucket and object ARNs carry no account: a bucket name is global, so it must be literal.
    const resource = parts.slice(5).join(":");
    const bucket = resource.split("/")[0];
    return bucket !== "" && !hasWildcard(bucket);
}

function narrowIp(value: string): boolean {
    const m = /\/(\d+)$/.exec(value);
    return !m || Number(m[1]) > 0;
}

function narrowValue(key: string, value: string): boolean {
    if (value === "") return false;
    if (ARN_KEYS.has(key)) return narrowArn(value);
    if (ORG_PATH_KEYS.has(key)) return !hasWildcard(value.split("/")[0]);
    if (IP_KEYS.has(key)) return narrowIp(value);
    if (USERID_KEYS.has(key)) return !/^[*?]/.test(value);
    return !hasWildcard(value);
}

export function isNarrowingKey(key: string): boolean {
    return ACCOUNT_KEYS.has(key) || ARN_KEYS.has(key) || ORG_KEYS.has(key) || ORG_PATH_KEYS.has(key) || NETWORK_KEYS.has(key) || IP_KEYS.has(key) || USERID_KEYS.has(key);
}

/** The operator without its set prefix and IfExists suffix, lower-cased, and whether those weaken it. */
function operatorOf(c: Condition): { base: string; weakened: boolean } {
    let op = c.operator.toLowerCase();
    let weakened = false;
    if (op.startsWith("forallvalues:")) {
        weakened = true;
        op = op.slice("forallvalues:".length);
    } else if (op.startsWith("foranyvalue:")) op = op.slice("foranyvalue:".length);
    if (op.endsWith("ifexists")) {
        weakened = true;
        op = op.slice(0, -"ifexists".length);
    }
    return { base: op, weakened };
}

function valuesNarrow(c: Condition): Narrow {
    if (c.values.length === 0) return "no";
    let unknown = false;
    for (const v of c.values) {
        if (isUnknown(v)) unknown = true;
        else if (typeof v !== "string" || !narrowValue(c.key, v)) return "no";
    }
    return unknown ? "unknown" : "yes";
}

/** Does this condition of an Allow narrow who can use it? */
export function conditionNarrows(c: Condition): Narrow {
    if (!isNarrowingKey(c.key)) return "no";
    const { base, weakened } = operatorOf(c);
    if (weakened || !POSITIVE.has(base)) return "no";
    if (IP_KEYS.has(c.key) !== (base === "ipaddress")) return "no";
    return valuesNarrow(c);
}

/** Does this condition of a Deny exclude everyone outside a narrow set (`StringNotEquals aws:PrincipalOrgID o-1`)? */
function denyConditionNarrows(c: Condition): Narrow {
    if (!isNarrowingKey(c.key)) return "no";
    const { base, weakened } = operatorOf(c);
    if (weakened || !NEGATED.has(base)) return "no";
    if (IP_KEYS.has(c.key) !== (base === "notipaddress")) return "no";
    return valuesNarrow(c);
}

/** Public: "*" (or a wildcard) among the principals, or an Allow with NotPrincipal. */
export function publicPrincipal(s: Statement): "principal" | "notPrincipal" | undefined {
    if (s.hasNotPrincipal) return "notPrincipal";
    return s.principals.some((p) => p.includes("*")) ? "principal" : undefined;
}

const covers = (outer: string[], inner: string[]) => outer.includes("*") || (inner.length > 0 && inner.every((i) => outer.some((o) => actionCovers(o, i))));

/** A Deny that applies to the same actions and resources, for everyone outside a narrow set. */
function denyNarrows(deny: Statement, allow: Statement): Narrow {
    if (deny.effect !== "Deny" || deny.hasNotAction || deny.notResources.length > 0) return "no";
    if (!covers(deny.actions, allow.hasNotAction ? ["*"] : allow.actions)) return "no";
    if (!(deny.resources.includes("*") || (allow.resources.length > 0 && allow.resources.every((r) => deny.resources.some((d) => actionCovers(d, r)))))) return "no";
    if (deny.hasNotPrincipal) {
        // "Deny everyone except these principals", unconditionally.
        return deny.conditions.length === 0 && deny.notPrincipals.length > 0 && !deny.notPrincipals.some((p) => p.includes("*")) ? "yes" : "no";
    }
    if (!deny.principals.includes("*")) return "no";
    if (deny.conditions.length === 0) return "no"; // denies everything: not a narrowing, and not a grant either
    let unknown = false;
    for (const c of deny.conditions) {
        const n = denyConditionNarrows(c);
        if (n === "no") return "no";
        if (n === "unknown") unknown = true;
    }
    return unknown ? "unknown" : "yes";
}

/** A short account of why an Allow's conditions do not narrow it, for the message. */
function whyNotNarrowed(s: Statement): string {
    const broad = s.conditions.filter((c) => isNarrowingKey(c.key));
    if (broad.length === 0) return s.conditions.length === 0 ? "without a condition" : "without a condition that narrows it";
    const c = broad[0];
    const { base, weakened } = operatorOf(c);
    const shown = c.values.map((v) => JSON.stringify(v)).join(", ");
    if (weakened) return `whose ${c.operator} condition on ${c.key} does not narrow it (it passes when the key is absent)`;
    if (!POSITIVE.has(base)) return `whose ${c.operator} condition on ${c.key} does not narrow it`;
    const why = IP_KEYS.has(c.key) ? "the range is open to the world" : ARN_KEYS.has(c.key) ? "the ARN names no account or resource of yours" : "the value is a wildcard";
    return `whose condition ${c.key} ${shown} does not narrow it (${why})`;
}

/**
 * The Allow statements that grant access to a public principal without a narrowing condition (or a
 * Deny that narrows them). Statements whose narrowing depends on preview unknowns are listed as
 * undecided instead.
 */
export function analysePublicAccess(statements: Statement[]): PublicAnalysis {
    const grants: PublicGrant[] = [];
    const undecided: string[] = [];
    for (const s of statements) {
        // A statement whose effect is unknown may be an Allow: it matters only if its principal may be public.
        const effectUnknown = s.effect === "" && s.partlyUnknown;
        if (s.effect !== "Allow" && !effectUnknown) continue;
        const kind = publicPrincipal(s);
        if (!kind) {
            if (s.principalUnknown) undecided.push(statementLabel(s));
            continue;
        }
        if (effectUnknown) {
            undecided.push(statementLabel(s));
            continue;
        }
        let unknown = false;
        let narrowed = false;
        for (const c of s.conditions) {
            const n = conditionNarrows(c);
            if (n === "yes") narrowed = true;
            else if (n === "unknown") unknown = true;
        }
        if (!narrowed) {
            for (const d of statements) {
                if (d === s) continue;
                const n = denyNarrows(d, s);
                if (n === "yes") narrowed = true;
                else if (n === "unknown") unknown = true;
            }
        }
        if (narrowed) continue;
        if (unknown) {
            undecided.push(statementLabel(s));
            continue;
        }
        const who = kind === "notPrincipal" ? "everyone outside its NotPrincipal" : 'principal "*"';
        grants.push({ statement: s, problem: `${statementLabel(s)} allows ${who} ${whyNotNarrowed(s)}` });
    }
    return { grants, undecided };
}

/**
 * What each resource-policy rule does with a document: report every public grant, then defer what
 * depends on preview unknowns (`what` names the property, e.g. `policy`).
 */
export function checkPublicDocument(value: unknown, what: string, report: (problem: string) => void): void {
    const doc = parseDocument(value);
    if (doc.kind === "unknown") pendingUntilUpdate(what);
    if (doc.kind !== "known") return;
    const { grants, undecided } = analysePublicAccess(doc.statements);
    for (const g of grants) report(g.problem);
    if (undecided.length > 0) pendingUntilUpdate(`the principals or conditions of ${what} ${undecided.join(", ")}`);
}
