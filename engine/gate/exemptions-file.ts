/**
 * The exemptions file (policies/exemptions.yaml) as the gate checks it before any program runs: a zod
 * schema (every entry names its policy, resource pattern, reason, accountable owner, tracking ticket
 * and expiry), the policy names the pack really has, a maximum lifetime, no exemption that covers every
 * resource of a prod stack, and a warning for exemptions about to expire.
 *
 * `policies/exemptions.schema.json` is generated from the schema (`npm run gen:exemptions-schema`) so
 * editors complete and check the YAML; a test keeps it up to date. The pack's own loader
 * (policies/lib/exemptions-core.ts) applies the entries; this module decides whether the file is fit
 * to be applied.
 */
import * as fs from "fs";
import YAML from "yaml";
import { z } from "zod";
import { describeValue } from "../../components/shared/errors";
import { globToRegExp } from "../../policies/lib/exemptions-core";
import { didYouMean } from "./suggest";

export const DEFAULT_MAX_LIFETIME_DAYS = 180;
export const DEFAULT_EXPIRY_WARNING_DAYS = 14;
export const MIN_REASON_LENGTH = 20;
const DAY_MS = 24 * 3600 * 1000;

const OWNER_RULE = "who answers for the exemption: an email address or a team handle such as @acme/payments";
const TICKET_RULE = "where its removal is tracked: an issue key such as PLAT-123, a #123 issue number, or an https:// link";
const REASON_RULE = `at least ${MIN_REASON_LENGTH} characters saying why the policy does not apply to these resources`;
const DATE_RULE = "an ISO date YYYY-MM-DD (the exemption holds through that day, UTC)";

export const exemptionSchema = z.strictObject({
    policy: z.string().min(1).describe("the policy it exempts from: a policy name of the pack (policies/README.md lists them)"),
    resource: z.string().min(1).describe("a glob (* any characters, ? one) matched against the resource's URN and against its name, e.g. \"*-replica\" or \"urn:pulumi:*dev::*\""),
    reason: z.string().min(MIN_REASON_LENGTH, REASON_RULE).refine((s) => s.trim().length >= MIN_REASON_LENGTH, REASON_RULE)
        .describe(`why the policy cannot apply to these resources (at least ${MIN_REASON_LENGTH} characters)`),
    owner: z.string().regex(/^(\S+@\S+\.\S+|@[A-Za-z0-9][\w.-]*(\/[\w.-]+)?)$/, OWNER_RULE).describe(OWNER_RULE),
    ticket: z.string().regex(/^([A-Z][A-Z0-9]+-\d+|#\d+|https:\/\/\S+)$/, TICKET_RULE).describe(TICKET_RULE),
    expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, DATE_RULE).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), DATE_RULE).describe(DATE_RULE),
});

export const exemptionsFileSchema = z.strictObject({
    $schema: z.string().optional().describe("the JSON Schema of this file, for editors"),
    maxLifetimeDays: z.number().int().min(1).max(3650).default(DEFAULT_MAX_LIFETIME_DAYS)
        .describe(`the longest an exemption may run: its expires date at most this many days after the day the gate runs (default ${DEFAULT_MAX_LIFETIME_DAYS})`),
    expiryWarningDays: z.number().int().min(0).max(365).default(DEFAULT_EXPIRY_WARNING_DAYS)
        .describe(`warn about exemptions expiring within this many days (default ${DEFAULT_EXPIRY_WARNING_DAYS})`),
    exemptions: z.array(exemptionSchema).default([]).describe("the reasoned, expiring exemptions"),
});

export type ExemptionsFile = z.infer<typeof exemptionsFileSchema>;
export type Exemption = z.infer<typeof exemptionSchema>;

/** One mistake in the file. */
export interface ExemptionProblem {
    /** `exemption #2 (policy "...", resource "...")` or the top-level key. */
    where: string;
    key: string;
    given: unknown;
    allowed: string;
}

export class ExemptionsFileError extends Error {
    constructor(readonly file: string, readonly problems: ExemptionProblem[]) {
        const line = (p: ExemptionProblem) => `${p.where ? `${p.where}: ` : ""}${p.key}: got ${describeValue(p.given)}; allowed: ${p.allowed}`;
        super(problems.length === 1 ? `${file}: ${line(problems[0])}` : `${file}: ${problems.length} problems:\n${problems.map((p) => `  - ${line(p)}`).join("\n")}`);
        this.name = "ExemptionsFileError";
    }
}

export interface ExemptionsCheckContext {
    /** Policy names of the pack. */
    policies: readonly string[];
    /** The stacks about to be gated, with their environments (prod stacks refuse catch-all patterns). */
    stacks: readonly { stack: string; environment: string | null }[];
    project: string;
    now: Date;
}

export interface ExemptionsCheck {
    file: ExemptionsFile;
    /** Exemptions that expire within expiryWarningDays (still honoured; renew or fix before then). */
    warnings: string[];
}

function describeEntry(entry: unknown, index: number): string {
    const e = (entry !== null && typeof entry === "object" ? entry : {}) as Record<string, unknown>;
    return `exemption #${index + 1} (policy ${JSON.stringify(e.policy)}, resource ${JSON.stringify(e.resource)})`;
}

/** Dates YAML wrote as timestamps become the ISO dates the schema expects. */
function normalise(raw: unknown): unknown {
    if (Array.isArray(raw)) return { exemptions: raw.map(normalise) };
    if (raw instanceof Date) return raw.toISOString().slice(0, 10);
    if (raw === null || typeof raw !== "object") return raw;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.map(normalise) : normalise(v)]));
}

function readRaw(path: string): unknown {
    if (!fs.existsSync(path)) throw new ExemptionsFileError(path, [{ where: "", key: "<file>", given: path, allowed: "an existing exemptions file" }]);
    const text = fs.readFileSync(path, "utf8");
    try {
        return path.endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
    } catch (e) {
        throw new ExemptionsFileError(path, [{ where: "", key: "<file>", given: undefined, allowed: `valid ${path.endsWith(".json") ? "JSON" : "YAML"} (${(e as Error).message.split("\n")[0]})` }]);
    }
}

/** Would the pattern exempt any resource at all of this stack (matched as the pack matches: URN or name)? */
function coversWholeStack(pattern: RegExp, stack: string, project: string): boolean {
    // Resources no exemption could name on purpose: if the pattern matches all of them, it matches everything.
    const probes = [["a:b:C", "x"], ["aws:s3/bucket:Bucket", "Q-9.z"], ["platform:core:System$aws:kms/key:Key", "zz_0"]];
    const urns = probes.map(([type, name]) => `urn:pulumi:${stack}::${project}::${type}::${name}`);
    return urns.every((u) => pattern.test(u)) || probes.every(([, name]) => pattern.test(name));
}

function daysBetween(from: Date, isoDay: string): number {
    const startOfToday = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    return Math.round((Date.parse(`${isoDay}T00:00:00Z`) - startOfToday) / DAY_MS);
}

function schemaProblems(issues: readonly z.core.$ZodIssue[], raw: unknown): Map<number, ExemptionProblem[]> {
    const byEntry = new Map<number, ExemptionProblem[]>();
    const add = (i: number, p: ExemptionProblem) => byEntry.set(i, [...(byEntry.get(i) ?? []), p]);
    const entries = ((raw as { exemptions?: unknown } | null)?.exemptions ?? []) as unknown[];
    const fields = Object.keys(exemptionSchema.shape);
    const topFields = Object.keys(exemptionsFileSchema.shape);
    for (const issue of issues) {
        const [top, index, field] = issue.path;
        if (top === "exemptions" && typeof index === "number") {
            const entry = entries[index] as Record<string, unknown> | undefined;
            const where = describeEntry(entry, index);
            if (issue.code === "unrecognized_keys") {
                for (const k of issue.keys) add(index, { where, key: k, given: entry?.[k], allowed: `no field "${k}"; the fields are ${fields.join(", ")}${didYouMean(k, fields)}` });
                continue;
            }
            const given = field === undefined ? entry : entry?.[String(field)];
            const described = (exemptionSchema.shape as Record<string, z.ZodType>)[String(field)]?.description;
            const allowed = field === undefined ? `an object with ${fields.join(", ")}` : given === undefined ? `${described ?? issue.message} (required)` : issue.message;
            add(index, { where, key: field === undefined ? "<entry>" : String(field), given, allowed });
        } else if (issue.code === "unrecognized_keys") {
            for (const k of issue.keys) add(-1, { where: "", key: k, given: (raw as Record<string, unknown>)[k], allowed: `no top-level field "${k}"; the fields are ${topFields.join(", ")}${didYouMean(k, topFields)}` });
        } else {
            const key = issue.path.map(String).join(".") || "<root>";
            const given = issue.path.reduce<unknown>((v, p) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined), raw);
            add(-1, { where: "", key, given, allowed: key === "<root>" ? "a mapping with exemptions (and optionally maxLifetimeDays, expiryWarningDays)" : issue.message });
        }
    }
    return byEntry;
}

/**
 * Validates an exemptions file (or an already parsed document). Every problem of every entry is
 * collected, schema and meaning alike, and thrown as one ExemptionsFileError; warnings are returned.
 */
export function checkExemptionsFile(source: string | unknown, ctx: ExemptionsCheckContext, label = typeof source === "string" ? source : "exemptions"): ExemptionsCheck {
    const raw = normalise(typeof source === "string" ? readRaw(source) : source ?? {}) ?? {};
    const parsed = exemptionsFileSchema.safeParse(raw);
    const byEntry = parsed.success ? new Map<number, ExemptionProblem[]>() : schemaProblems(parsed.error.issues, raw);
    const add = (i: number, p: ExemptionProblem) => byEntry.set(i, [...(byEntry.get(i) ?? []), p]);
    const settings = raw as { maxLifetimeDays?: unknown; expiryWarningDays?: unknown; exemptions?: unknown };
    const maxLifetimeDays = typeof settings.maxLifetimeDays === "number" ? settings.maxLifetimeDays : DEFAULT_MAX_LIFETIME_DAYS;
    const warningDays = typeof settings.expiryWarningDays === "number" ? settings.expiryWarningDays : DEFAULT_EXPIRY_WARNING_DAYS;
    const warnings: string[] = [];
    const prodStacks = ctx.stacks.filter((s) => s.environment === "prod");
    const today = Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth(), ctx.now.getUTCDate());
    // What a schema cannot say, checked on every field that has the right shape (even in an entry with other problems).
    (Array.isArray(settings.exemptions) ? settings.exemptions : []).forEach((entry: unknown, i: number) => {
        const e = (entry !== null && typeof entry === "object" ? entry : {}) as Record<string, unknown>;
        const where = describeEntry(e, i);
        if (typeof e.policy === "string" && e.policy !== "" && !ctx.policies.includes(e.policy)) {
            add(i, { where, key: "policy", given: e.policy, allowed: `the name of a policy of the pack (${ctx.policies.length} policies, listed in policies/README.md)${didYouMean(e.policy, ctx.policies)}` });
        }
        if (typeof e.expires === "string" && /^\d{4}-\d{2}-\d{2}$/.test(e.expires) && !Number.isNaN(Date.parse(`${e.expires}T00:00:00Z`))) {
            const days = daysBetween(ctx.now, e.expires);
            if (days > maxLifetimeDays) {
                add(i, { where, key: "expires", given: e.expires, allowed: `a date at most ${maxLifetimeDays} days ahead (by ${new Date(today + maxLifetimeDays * DAY_MS).toISOString().slice(0, 10)}; it is ${days} days ahead); renew it when it expires, or raise maxLifetimeDays at the top of the file` });
            } else if (days >= 0 && days <= warningDays) {
                warnings.push(`${label}: ${where} (owner ${String(e.owner)}, ticket ${String(e.ticket)}) expires on ${e.expires}, ${days === 0 ? "today" : `in ${days} day${days === 1 ? "" : "s"}`}; after that its violations count again: fix the resources, or renew it with an up-to-date reason`);
            }
        }
        if (typeof e.resource === "string" && e.resource !== "") {
            const pattern = globToRegExp(e.resource);
            const prod = prodStacks.find((s) => coversWholeStack(pattern, s.stack, ctx.project));
            if (prod) add(i, { where, key: "resource", given: e.resource, allowed: `a pattern naming the resources it exempts (e.g. "*-replica" or a URN); this one covers every resource of prod stack ${prod.stack}, which is refused in prod` });
        }
    });
    const problems = [...byEntry.keys()].sort((a, b) => a - b).flatMap((i) => byEntry.get(i)!);
    if (problems.length > 0 || !parsed.success) throw new ExemptionsFileError(label, problems);
    return { file: parsed.data, warnings };
}

/** The JSON Schema editors use for policies/exemptions.yaml. */
export function exemptionsJsonSchema(): Record<string, unknown> {
    const schema = z.toJSONSchema(exemptionsFileSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
    return {
        $schema: schema.$schema,
        $id: "https://platform.example.com/schemas/exemptions.schema.json",
        title: "Policy exemptions",
        description: "Reasoned, expiring exemptions from the platform's policy pack (policies/exemptions.yaml). Generated from engine/gate/exemptions-file.ts by npm run gen:exemptions-schema. The gate also checks what a schema cannot: policy names, the maximum lifetime from today, and no catch-all pattern in prod.",
        ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
    };
}

export function exemptionsJsonSchemaText(): string {
    return `${JSON.stringify(exemptionsJsonSchema(), null, 2)}\n`;
}
