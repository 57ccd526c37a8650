/**
 * Reasoned exemptions: "policy P does not apply to resource R, because <reason>, until <date>".
 * Neither Pulumi nor CrossGuard has them (pulumi-policy #225, #438), so the pack implements them
 * by wrapping every policy's validation:
 *
 * - a violation on a resource matched by a live exemption is not reported (the exemption is honoured);
 * - a violation matched only by an expired exemption is reported, and `platform-exemptions-expired`
 *   (mandatory) reports the expired exemption itself on each resource it matched;
 * - `platform-exemptions-unmatched` (advisory) reports exemptions that matched nothing in the stack,
 *   so stale entries get removed. Stack validations run after all resource validations.
 *
 * An entry: { policy, resource, reason, expires, owner?, ticket? }. `resource` is a glob (`*`, `?`)
 * matched against the resource's URN and against its name. `reason` needs at least 20 characters;
 * `expires` is an ISO date (the exemption holds through that day, UTC). `owner` and `ticket` say who
 * answers for it and where it is tracked (the offline gate requires both; engine/gate/exemptions-file.ts).
 * A malformed entry fails the load, naming it.
 *
 * State is per process; the offline gate, which evaluates many stacks in one process, calls
 * `resetExemptionState()` before each stack and reads `exemptionResults()` after it.
 */
import * as fs from "fs";
import * as path from "path";
import type { PolicyResource, ReportViolation, ResourceValidation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { parse as parseYaml } from "yaml";
import { message, metadataRegistry, nameFromUrn, register, typeFromUrn, typeRegistry } from "./define";

export const DEFAULT_EXEMPTIONS_FILE = path.join(__dirname, "..", "exemptions.yaml");
export const MIN_REASON_LENGTH = 20;

export interface ExemptionEntry {
    policy: string;
    resource: string;
    reason: string;
    expires: string;
    owner?: string;
    ticket?: string;
}

/** A violation a live exemption kept from being reported. */
export interface SuppressedViolation {
    /** The resource the violation was about (its URN, or its name when the policy gave no URN). */
    urn: string | null;
    /** The message the policy reported, as it would have been shown. */
    message: string;
}

/**
 * honoured: it exempted at least one violation. expired: past its date. unmatched: its pattern names
 * resources of this stack that its policy checks, but none had a violation to exempt (stale: delete
 * it). not-applicable: its pattern names no such resource here (an exemption for another stack, an
 * environment, or resource types this stack does not have).
 */
export type ExemptionStatus = "honoured" | "expired" | "unmatched" | "not-applicable";

export interface ExemptionResult extends ExemptionEntry {
    status: ExemptionStatus;
    /** URNs (or names) of the resources whose violations the exemption matched in this run. */
    matched: string[];
    /** The violations this exemption suppressed in this run (none when it expired). */
    suppressed: SuppressedViolation[];
}

interface Loaded extends ExemptionEntry {
    index: number;
    pattern: RegExp;
    /** First instant after the exemption's last valid day. */
    endsAt: number;
}

let loaded: Loaded[] = [];
let matched = new Map<number, Set<string>>();
/** Per exemption: the violations it suppressed, keyed by resource and message (a pass may repeat one). */
let suppressed = new Map<number, Map<string, SuppressedViolation>>();
/** Exemptions whose pattern names at least one resource of the stack (set by the unmatched report). */
let applicable: Set<number> | undefined;
let clock: () => Date = () => new Date();

/** The matcher for an exemption's `resource` pattern: `*` is any run of characters (across `/`, `$`, `::`), `?` one. */
export function globToRegExp(glob: string): RegExp {
    const body = glob.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
    return new RegExp(`^${body}$`);
}

function describeEntry(entry: unknown, index: number): string {
    const e = (entry ?? {}) as Record<string, unknown>;
    return `exemption #${index + 1} (policy ${JSON.stringify(e.policy)}, resource ${JSON.stringify(e.resource)})`;
}

function validateEntry(entry: unknown, index: number): Loaded {
    const where = describeEntry(entry, index);
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new Error(`${where}: must be an object with policy, resource, reason, expires`);
    const e = entry as Record<string, unknown>;
    const unknownKeys = Object.keys(e).filter((k) => !["policy", "resource", "reason", "expires", "owner", "ticket"].includes(k));
    if (unknownKeys.length > 0) throw new Error(`${where}: unknown field(s) ${unknownKeys.join(", ")}`);
    for (const key of ["policy", "resource", "reason"]) {
        if (typeof e[key] !== "string" || (e[key] as string).trim() === "") throw new Error(`${where}: ${key} must be a non-empty string`);
    }
    const policy = e.policy as string;
    // Names are checked once the pack's policies are registered (policies.ts loads them first).
    const known = Object.keys(metadataRegistry);
    if (known.some((k) => !k.startsWith("platform-exemptions-")) && !known.includes(policy)) throw new Error(`${where}: no policy named "${policy}" in the pack`);
    const reason = (e.reason as string).trim();
    if (reason.length < MIN_REASON_LENGTH) {
        throw new Error(`${where}: reason must have at least ${MIN_REASON_LENGTH} characters (got ${reason.length}: "${reason}"); say why the policy does not apply`);
    }
    const expiresRaw = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : e.expires;
    if (typeof expiresRaw !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(expiresRaw) || Number.isNaN(Date.parse(`${expiresRaw}T00:00:00Z`))) {
        throw new Error(`${where}: expires must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(e.expires)}`);
    }
    for (const key of ["owner", "ticket"]) {
        if (e[key] !== undefined && (typeof e[key] !== "string" || (e[key] as string).trim() === "")) throw new Error(`${where}: ${key} must be a non-empty string`);
    }
    return {
        index,
        policy,
        resource: e.resource as string,
        reason,
        expires: expiresRaw,
        ...(e.owner !== undefined ? { owner: e.owner as string } : {}),
        ...(e.ticket !== undefined ? { ticket: e.ticket as string } : {}),
        pattern: globToRegExp(e.resource as string),
        endsAt: Date.parse(`${expiresRaw}T00:00:00Z`) + 24 * 3600 * 1000,
    };
}

/** Parses and validates exemptions from a file (YAML or JSON: a list, or `{ exemptions: [...] }`) or a list. */
export function parseExemptions(source: string | unknown[]): ExemptionEntry[] {
    let data: unknown = source;
    if (typeof source === "string") {
        const text = fs.readFileSync(source, "utf8");
        try {
            data = source.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
        } catch (e) {
            throw new Error(`${source}: cannot parse exemptions: ${(e as Error).message}`);
        }
    }
    if (data === null || data === undefined) data = [];
    if (!Array.isArray(data)) {
        const list = (data as Record<string, unknown>).exemptions;
        if (list === null || list === undefined) data = [];
        else if (Array.isArray(list)) data = list;
        else throw new Error(`${typeof source === "string" ? source : "exemptions"}: "exemptions" must be a list`);
    }
    return (data as unknown[]).map((entry, i) => {
        const { pattern: _p, endsAt: _e, index: _i, ...rest } = validateEntry(entry, i);
        return rest;
    });
}

/**
 * Loads the exemptions the pack applies, replacing the current ones and resetting the per-stack
 * state. Without an argument, policies/exemptions.yaml (the committed file) is loaded.
 * `options.now` fixes the date used to decide expiry (tests).
 */
export function loadExemptions(source: string | unknown[] = DEFAULT_EXEMPTIONS_FILE, options: { now?: Date } = {}): ExemptionEntry[] {
    const entries = parseExemptions(source);
    loaded = entries.map((e, i) => validateEntry(e, i));
    if (options.now) {
        const fixed = options.now;
        clock = () => fixed;
    } else {
        clock = () => new Date();
    }
    resetExemptionState();
    return entries;
}

/** Forgets which resources matched which exemption (call before evaluating each stack). */
export function resetExemptionState(): void {
    matched = new Map();
    suppressed = new Map();
    applicable = undefined;
}

function isExpired(e: Loaded): boolean {
    return clock().getTime() >= e.endsAt;
}

/** The outcome of every loaded exemption in the current run. */
export function exemptionResults(): ExemptionResult[] {
    return loaded.map((e) => {
        const hits = [...(matched.get(e.index) ?? [])];
        const status: ExemptionStatus = isExpired(e) ? "expired" : hits.length > 0 ? "honoured"
            : applicable === undefined || applicable.has(e.index) ? "unmatched" : "not-applicable";
        return {
            policy: e.policy, resource: e.resource, reason: e.reason, expires: e.expires,
            ...(e.owner !== undefined ? { owner: e.owner } : {}), ...(e.ticket !== undefined ? { ticket: e.ticket } : {}),
            status, matched: hits, suppressed: [...(suppressed.get(e.index)?.values() ?? [])],
        };
    });
}

/** Decides one violation: reported as is, suppressed by a live exemption, or reported with the expiry noted. */
function filterViolation(policy: string, urn: string | undefined, name: string | undefined, msg: string, report: () => void, reportExpired: (note: string) => void): void {
    const hits = loaded.filter((e) => e.policy === policy && ((urn !== undefined && e.pattern.test(urn)) || (name !== undefined && e.pattern.test(name))));
    if (hits.length === 0) return report();
    for (const e of hits) {
        if (!matched.has(e.index)) matched.set(e.index, new Set());
        matched.get(e.index)!.add(urn ?? name ?? msg);
    }
    const live = hits.find((e) => !isExpired(e));
    if (live) {
        const subject = urn ?? name ?? null;
        if (!suppressed.has(live.index)) suppressed.set(live.index, new Map());
        suppressed.get(live.index)!.set(`${subject}\u0000${msg}`, { urn: subject, message: msg });
        return;
    }
    reportExpired(` (its exemption for "${hits[0].resource}" expired on ${hits[0].expires})`);
}

/** Wraps a policy's validation so exempted violations are not reported. */
export function withExemptions<P extends ResourceValidationPolicy | StackValidationPolicy>(policy: P): P {
    if ("validateStack" in policy && typeof policy.validateStack === "function") {
        const validate = policy.validateStack;
        const wrapped: StackValidationPolicy["validateStack"] = (args, reportViolation) => {
            const names = new Map<string, string>();
            for (const r of args.resources) names.set(r.urn, r.name);
            const filtered: ReportViolation = (msg, urn) => {
                filterViolation(policy.name, urn, urn === undefined ? undefined : (names.get(urn) ?? nameFromUrn(urn)), msg,
                    () => reportViolation(msg, urn), (note) => reportViolation(msg + note, urn));
            };
            return validate(args, filtered);
        };
        return { ...policy, validateStack: wrapped };
    }
    const resourcePolicy = policy as ResourceValidationPolicy;
    if (!resourcePolicy.validateResource) return policy;
    const wrap = (validate: ResourceValidation): ResourceValidation => {
        const types = (validate as unknown as { __policyTypes?: ReadonlySet<string> }).__policyTypes;
        const wrapped: ResourceValidation = (args, reportViolation) => {
            // A policy with several types runs on every resource: skip the others before allocating anything.
            if (types && !types.has(args.type)) return;
            const filtered: ReportViolation = (msg, urn) => {
                filterViolation(policy.name, args.urn, args.name, msg, () => reportViolation(msg, urn), (note) => reportViolation(msg + note, urn));
            };
            return validate(args, filtered);
        };
        const pulumiType = (validate as unknown as { __pulumiType?: string }).__pulumiType;
        if (pulumiType) (wrapped as unknown as { __pulumiType: string }).__pulumiType = pulumiType;
        return wrapped;
    };
    const v = resourcePolicy.validateResource;
    return { ...policy, validateResource: Array.isArray(v) ? v.map(wrap) : wrap(v) };
}

const FILE_HINT = "policies/exemptions.yaml";

function findResource(resources: PolicyResource[], key: string): PolicyResource | undefined {
    return resources.find((r) => r.urn === key) ?? resources.find((r) => r.name === key);
}

register({
    name: "platform-exemptions-expired",
    area: "exemptions",
    severity: "high",
    remediation: `fix the resource so the policy passes and delete the exemption, or renew it in ${FILE_HINT} with a new expiry and an up-to-date reason`,
    types: [],
});

/** Reports every resource an expired exemption still covers (mandatory: an expiry must be acted on). */
export const exemptionsExpired: StackValidationPolicy = {
    name: "platform-exemptions-expired",
    description: "An exemption past its expiry date is a violation on every resource it matches.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: metadataRegistry["platform-exemptions-expired"].remediation,
    tags: ["exemptions"],
    validateStack: (args, reportViolation) => {
        for (const result of exemptionResults()) {
            if (result.status !== "expired") continue;
            for (const key of result.matched) {
                const r = findResource(args.resources, key);
                const urn = r?.urn ?? (key.startsWith("urn:") ? key : undefined);
                const type = r?.type ?? (urn ? typeFromUrn(urn) : "resource");
                const name = r?.name ?? (urn ? nameFromUrn(urn) : key);
                reportViolation(
                    message(type, name, `the exemption from ${result.policy} ("${result.resource}", reason: ${result.reason}) expired on ${result.expires}`, metadataRegistry["platform-exemptions-expired"].remediation),
                    urn,
                );
            }
        }
    },
};

register({
    name: "platform-exemptions-unmatched",
    area: "exemptions",
    severity: "low",
    remediation: `delete the exemption from ${FILE_HINT}, or correct its policy name or resource pattern`,
    types: [],
});

/**
 * Reports exemptions that exempted nothing although their pattern names resources of this stack
 * (stale entries: the resources are compliant now). An exemption whose pattern names no resource of
 * the stack (e.g. `urn:pulumi:dev::*` while gating prod) is not applicable here and not reported.
 */
export const exemptionsUnmatched: StackValidationPolicy = {
    name: "platform-exemptions-unmatched",
    description: "Every exemption that names resources of the stack exempts at least one violation; stale ones are reported so they can be removed.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: metadataRegistry["platform-exemptions-unmatched"].remediation,
    tags: ["exemptions"],
    validateStack: (args, reportViolation) => {
        // Applicable: the pattern names a resource of this stack that the exempted policy looks at.
        applicable = new Set(loaded.filter((e) => {
            const types = typeRegistry[e.policy];
            const looked = types && types.length > 0 ? new Set(types) : undefined;
            // The type test first: it is a set lookup, and it rules out most resources before a regex runs.
            return args.resources.some((r) => (!looked || looked.has(r.type)) && (e.pattern.test(r.urn) || e.pattern.test(r.name)));
        }).map((e) => e.index));
        exemptionResults().forEach((result, i) => {
            if (result.matched.length > 0 || result.status === "not-applicable") return;
            const expired = result.status === "expired" ? ` and expired on ${result.expires}` : "";
            reportViolation(
                `${describeEntry(result, i)} matched no violation in this stack${expired}. Fix: ${metadataRegistry["platform-exemptions-unmatched"].remediation}`,
            );
        });
    },
};
