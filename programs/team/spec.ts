/**
 * The team spec: what a team declares in `programs/teams/<team>.yaml` to get its stacks.
 *
 * Every object is strict (an unknown field is an error), and there is deliberately no field that
 * could weaken a guardrail: no public buckets, no unencrypted storage, no tags, no force-destroy, no
 * protection or WAF switches. Those come from the platform's components and the stack configuration;
 * a justified exception goes through the policy pack's reasoned, expiring exemptions
 * (policies/exemptions.yaml), reviewed like any other change.
 *
 * `programs/teams/team-spec.schema.json` is generated from this schema (`npm run gen:team-schema`)
 * so editors can complete and check the YAML; a test keeps the file up to date.
 */
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { z } from "zod";
import { describeValue } from "../../components/shared/errors";
import { SYSTEMS } from "../config/schema";

/** Where guardrail exceptions go: named in every "unknown field" message that looks like an attempt. */
export const EXEMPTIONS_HINT = "guardrails (encryption, public access, TLS, tags, protection, force-destroy, WAF, backups) cannot be switched off in a team spec; an exception goes through the policy pack's reasoned exemptions (policies/exemptions.yaml)";

/** Field names that look like an attempt to switch a guardrail off. */
const GUARDRAIL_FIELD = /public|acl|encrypt|kms|sse|tag|destroy|protect|deletion|snapshot|retain|version|waf|firewall|tls|ssl|https|secure|logging|backup|pitr|mfa|guardrail|exempt|insecure|policy|wildcard|principal/i;

export const TEAM_NAME_RULE = "lowercase letters, digits and single hyphens, 3 to 20 characters, starting with a letter and not ending with a hyphen";
const TEAM_NAME = /^(?!.*--)[a-z][a-z0-9-]{1,18}[a-z0-9]$/;
/** Names the platform keeps for itself (seed systems, stacks, the platform team). */
export const RESERVED_TEAM_NAMES: readonly string[] = [...SYSTEMS, "platform", "platform-engineering", "dev", "staging", "prod", "team", "teams", "shared"];

const SHORT_NAME_RULE = "lowercase letters, digits and single hyphens, 2 to 20 characters, starting with a letter";
const shortName = z.string().regex(/^(?!.*--)[a-z][a-z0-9-]{0,18}[a-z0-9]$/, SHORT_NAME_RULE);
const ATTRIBUTE_RULE = "a DynamoDB attribute name: letters, digits, _ . -, starting with a letter or _ (at most 64 characters)";
const attributeName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, ATTRIBUTE_RULE);
const email = z.email("an email address such as payments-team@example.com");

export const ROUTE_PATH_RULE = "a path starting with /, segments of letters, digits, . _ - or a {parameter}, a greedy {proxy+} only last, no trailing /";
const ROUTE_PATH = /^(\/([A-Za-z0-9._-]+|\{[A-Za-z][A-Za-z0-9_]*\}))*(\/\{[A-Za-z][A-Za-z0-9_]*\+\})?$/;

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
export const AUTHORIZATIONS = ["cognito", "apiKey", "iam", "none"] as const;
export const TEAM_ENVIRONMENTS = ["dev", "prod"] as const;

const key = z.strictObject({
    name: attributeName.describe("attribute name"),
    type: z.enum(["S", "N", "B"]).default("S").describe("S (string), N (number) or B (binary); default S"),
});

export const bucketSpecSchema = z.strictObject({
    name: shortName.describe(`the bucket's short name (${SHORT_NAME_RULE}); the resource is <team>-<name>`),
    purpose: z.string().min(3).max(200).describe("what the bucket holds, in a sentence (3 to 200 characters)"),
    retentionDays: z.number().int().min(1).max(36500).optional().describe("days after which current objects expire (1 to 36500); omitted: kept until deleted. Old versions always expire per the stack's storage config"),
    apiAccess: z.enum(["none", "read", "readWrite"]).default("readWrite").describe("what the team's API function may do with the bucket's objects: none, read or readWrite (default)"),
});

export const cdnSpecSchema = z.strictObject({
    bucket: shortName.describe("name of one of the spec's buckets, served through CloudFront (the bucket stays private; CloudFront reads it through Origin Access Control)"),
    spa: z.boolean().default(false).describe("single-page app: answer 403/404 with /index.html"),
});

export const routeSpecSchema = z.strictObject({
    method: z.enum(HTTP_METHODS).describe(`HTTP method: ${HTTP_METHODS.join(", ")}`),
    path: z.string().regex(ROUTE_PATH, ROUTE_PATH_RULE).refine((p) => p.length > 1, "a path other than / (e.g. /items)").describe(ROUTE_PATH_RULE),
    authorization: z.enum(AUTHORIZATIONS).describe("cognito (the team's user pool), apiKey (x-api-key with a usage plan), iam (SigV4) or none"),
});

export const apiSpecSchema = z.strictObject({
    entry: z.string().regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9_./-]+\.(ts|js|mjs|cjs)$/, "a path relative to the project root, inside it, ending in .ts or .js").optional()
        .describe("the function's code: a TypeScript/JavaScript file exporting `handler`, relative to the project root; default: the platform's placeholder that answers 503 until the team deploys its code"),
    memoryMb: z.number().int().min(128).max(10240).default(256).describe("function memory in MB (128 to 10240)"),
    timeoutSeconds: z.number().int().min(1).max(29).default(10).describe("function timeout in seconds (1 to 29: API Gateway waits at most 29 s)"),
    routes: z.array(routeSpecSchema).min(1).max(100).describe("the API's routes, all served by the one function"),
});

export const tableSpecSchema = z.strictObject({
    partitionKey: key.describe("partition (hash) key"),
    sortKey: key.optional().describe("sort (range) key"),
    indexes: z.array(z.strictObject({
        name: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, "an index name: letters, digits, _ . -, 3 to 255 characters").describe("index name"),
        partitionKey: key,
        sortKey: key.optional(),
        projection: z.enum(["ALL", "KEYS_ONLY"]).default("ALL").describe("ALL (default) or KEYS_ONLY"),
    })).max(20).default([]).describe("global secondary indexes (at most 20)"),
    ttlAttribute: attributeName.optional().describe("attribute holding an expiry time in epoch seconds (TTL); not a key"),
});

export const databaseSpecSchema = z.strictObject({
    engine: z.literal("aurora-postgresql").default("aurora-postgresql").describe("aurora-postgresql (Aurora Serverless v2); capacity and backups come from the stack's database config"),
    name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "a PostgreSQL database name: lowercase letters, digits and _, starting with a letter").default("app").describe("initial database name"),
});

export const userPoolSpecSchema = z.strictObject({
    selfSignUp: z.boolean().default(false).describe("users may sign themselves up (default: administrators create users)"),
    mfa: z.enum(["optional", "required"]).default("optional").describe("multi-factor authentication: optional (default) or required"),
});

export const secretSpecSchema = z.strictObject({
    name: shortName.describe(`the secret's short name (${SHORT_NAME_RULE})`),
    value: z.enum(["generated", "placeholder"]).describe("generated (a random 32-character value, rotated on a schedule) or placeholder (an operator sets it with `aws secretsmanager put-secret-value`)"),
    rotationDays: z.number().int().min(1).max(365).optional()
        .describe("generated secrets only: days between rotations (default 30); the team's code must read the secret when it uses it, not keep it past a cache TTL"),
}).refine((s) => s.rotationDays === undefined || s.value === "generated", {
    message: "rotationDays only for a generated secret (an operator rotates a placeholder by setting a new value)", path: ["rotationDays"],
});

export const budgetSpecSchema = z.strictObject({
    dev: z.number().positive().optional().describe("monthly budget of the dev stack in USD (fixed plus usage, as `npm run plan` estimates it)"),
    prod: z.number().positive().optional().describe("monthly budget of the prod stack in USD"),
    maxRisePercent: z.number().min(0).max(1000).optional().describe("how far the estimate may rise above the committed cost baseline, in percent"),
});

export const teamSpecSchema = z.strictObject({
    $schema: z.string().optional().describe("path of this file's JSON Schema (for editors)"),
    team: z.string().regex(TEAM_NAME, TEAM_NAME_RULE).describe(`the team's name (${TEAM_NAME_RULE}); prefixes every resource and is the System tag`),
    owner: email.describe("the owning team's contact email"),
    costCenter: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,30}$/, "letters, digits and hyphens, 2 to 31 characters").describe("cost center for the CostCenter tag, e.g. CC-2001"),
    environments: z.array(z.enum(TEAM_ENVIRONMENTS)).min(1).describe("environments the team deploys: dev and/or prod"),
    buckets: z.array(bucketSpecSchema).max(20).default([]).describe("S3 buckets (always private, KMS-encrypted, versioned, TLS-only)"),
    cdn: cdnSpecSchema.optional().describe("a CloudFront site over one of the buckets (HTTPS only, security headers, WAF per stack config)"),
    api: apiSpecSchema.optional().describe("a REST API (regional, behind WAF) whose routes one Lambda function serves"),
    table: tableSpecSchema.optional().describe("a DynamoDB table (KMS, point-in-time recovery); not with `database`"),
    database: databaseSpecSchema.optional().describe("an Aurora PostgreSQL Serverless v2 database in the team's own VPC; not with `table`"),
    userPool: userPoolSpecSchema.optional().describe("a Cognito user pool with one public web client (needed by cognito routes)"),
    secrets: z.array(secretSpecSchema).max(20).default([]).describe("Secrets Manager secrets (KMS-encrypted) the API function may read"),
    alarms: z.strictObject({
        emails: z.array(email).min(1).max(10).describe("addresses notified (each confirms by email)"),
    }).optional().describe("CloudWatch alarms on the function, API, table or database, sent to these addresses"),
    budget: budgetSpecSchema.optional().describe("the team's monthly cost budget per environment; the gate's cost policy reports an estimate over it (npm run new-team prints the estimate)"),
});

export type TeamSpec = z.infer<typeof teamSpecSchema>;
/** What a spec file may hold before defaults apply (what blueprints and new-team write). */
export type TeamSpecInput = z.input<typeof teamSpecSchema>;

export interface SpecProblem {
    /** Field path, e.g. `buckets[0].public`. */
    field: string;
    given: unknown;
    allowed: string;
}

export class TeamSpecError extends Error {
    constructor(readonly file: string, readonly problems: SpecProblem[]) {
        super([
            `Invalid team spec ${file} (${problems.length} problem${problems.length === 1 ? "" : "s"}):`,
            ...problems.map((p) => `  - ${p.field}: got ${describeValue(p.given)}; allowed: ${p.allowed}`),
        ].join("\n"));
        this.name = "TeamSpecError";
    }
}

function fieldOf(pathParts: PropertyKey[]): string {
    if (pathParts.length === 0) return "<root>";
    return pathParts.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

function valueAt(raw: unknown, pathParts: PropertyKey[]): unknown {
    let value = raw;
    for (const p of pathParts) {
        if (value === null || typeof value !== "object") return undefined;
        value = (value as Record<PropertyKey, unknown>)[p];
    }
    return value;
}

interface ZodInternals { _zod: { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType } } }

/** The schema at a path (through optional/default wrappers), to name the fields allowed there. */
function schemaAt(schema: z.ZodType, pathParts: PropertyKey[]): z.ZodType | undefined {
    let s: z.ZodType | undefined = schema;
    const unwrap = () => {
        while (s) {
            const def = (s as unknown as ZodInternals)._zod.def;
            if (def.innerType) s = def.innerType;
            else if (def.type === "pipe" && def.in) s = def.in;
            else break;
        }
    };
    unwrap();
    for (const p of pathParts) {
        if (!s) return undefined;
        const def: ZodInternals["_zod"]["def"] = (s as unknown as ZodInternals)._zod.def;
        if (def.type === "object" && typeof p === "string") s = def.shape?.[p];
        else if (def.type === "array" && typeof p === "number") s = def.element;
        else return undefined;
        unwrap();
    }
    return s;
}

function allowedFields(pathParts: PropertyKey[]): string[] {
    const s = schemaAt(teamSpecSchema, pathParts);
    const def = s ? (s as unknown as ZodInternals)._zod.def : undefined;
    return def?.type === "object" ? Object.keys(def.shape ?? {}).filter((k) => k !== "$schema") : [];
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
    const described = schemaAt(teamSpecSchema, issue.path)?.description;
    switch (issue.code) {
        case "invalid_value":
            return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
        case "invalid_type":
            if (valueAt(raw, issue.path) === undefined) return `${described ?? `a value of type ${issue.expected}`} (the field is required)`;
            return `${issue.expected === "object" || issue.expected === "array" ? `an ${issue.expected}` : `a ${issue.expected}`}${described ? `: ${described}` : ""}`;
        case "too_small":
            return `at least ${String(issue.minimum)}${issue.origin === "array" ? " entries" : issue.origin === "string" ? " characters" : ""}`;
        case "too_big":
            return `at most ${String(issue.maximum)}${issue.origin === "array" ? " entries" : issue.origin === "string" ? " characters" : ""}`;
        default:
            return issue.message;
    }
}

/** Checks between fields (the schema checks each field on its own). */
function crossChecks(spec: TeamSpec): SpecProblem[] {
    const problems: SpecProblem[] = [];
    const unique = (items: { name: string }[], field: string) => {
        const seen = new Set<string>();
        items.forEach((item, i) => {
            if (seen.has(item.name)) problems.push({ field: `${field}[${i}].name`, given: item.name, allowed: `a name not used by another entry of ${field}` });
            seen.add(item.name);
        });
    };
    unique(spec.buckets, "buckets");
    unique(spec.secrets, "secrets");
    if (new Set(spec.environments).size !== spec.environments.length) {
        problems.push({ field: "environments", given: spec.environments, allowed: "each environment once" });
    }
    if (spec.cdn && !spec.buckets.some((b) => b.name === spec.cdn!.bucket)) {
        problems.push({ field: "cdn.bucket", given: spec.cdn.bucket, allowed: spec.buckets.length > 0 ? `the name of one of the spec's buckets: ${spec.buckets.map((b) => b.name).join(", ")}` : "the name of one of the spec's buckets (declare it under buckets)" });
    }
    if (spec.table && spec.database) {
        problems.push({ field: "database", given: spec.database, allowed: "either table (DynamoDB) or database (Aurora), not both" });
    }
    if (spec.table) {
        const keys = [spec.table.partitionKey.name, spec.table.sortKey?.name];
        if (spec.table.ttlAttribute !== undefined && keys.includes(spec.table.ttlAttribute)) {
            problems.push({ field: "table.ttlAttribute", given: spec.table.ttlAttribute, allowed: "an attribute that is not a table key" });
        }
        const indexNames = new Set<string>();
        spec.table.indexes.forEach((ix, i) => {
            if (indexNames.has(ix.name)) problems.push({ field: `table.indexes[${i}].name`, given: ix.name, allowed: "a name not used by another index" });
            indexNames.add(ix.name);
        });
    }
    if (spec.api) {
        const seen = new Set<string>();
        spec.api.routes.forEach((r, i) => {
            const id = `${r.method} ${r.path}`;
            if (seen.has(id)) problems.push({ field: `api.routes[${i}]`, given: id, allowed: "one route per method and path" });
            seen.add(id);
            if (r.authorization === "cognito" && !spec.userPool) {
                problems.push({ field: `api.routes[${i}].authorization`, given: r.authorization, allowed: "cognito only when the spec declares a userPool (add `userPool: {}`), otherwise apiKey, iam or none" });
            }
        });
    }
    return problems;
}

/** Validates a parsed spec document; `file` names it in errors. Throws TeamSpecError. */
export function validateTeamSpec(raw: unknown, file: string): TeamSpec {
    const parsed = teamSpecSchema.safeParse(raw);
    if (!parsed.success) {
        const problems: SpecProblem[] = [];
        for (const issue of parsed.error.issues) {
            if (issue.code === "unrecognized_keys") {
                const allowed = allowedFields(issue.path);
                for (const k of issue.keys) {
                    const guardrail = GUARDRAIL_FIELD.test(k);
                    problems.push({
                        field: fieldOf([...issue.path, k]), given: valueAt(raw, [...issue.path, k]),
                        allowed: `no field "${k}" here (unknown field); allowed fields: ${allowed.join(", ")}${guardrail ? `. ${EXEMPTIONS_HINT}` : ""}`,
                    });
                }
                continue;
            }
            problems.push({ field: fieldOf(issue.path), given: valueAt(raw, issue.path), allowed: describeIssue(issue, raw) });
        }
        throw new TeamSpecError(file, problems);
    }
    const problems = crossChecks(parsed.data);
    if (problems.length > 0) throw new TeamSpecError(file, problems);
    return parsed.data;
}

/** Parses spec YAML text; `file` names it in errors. */
export function parseTeamSpec(text: string, file: string): TeamSpec {
    let raw: unknown;
    try {
        raw = YAML.parse(text);
    } catch (e) {
        throw new TeamSpecError(file, [{ field: "<root>", given: undefined, allowed: `valid YAML (${(e as Error).message.split("\n")[0]})` }]);
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new TeamSpecError(file, [{ field: "<root>", given: raw, allowed: "a YAML mapping with team, owner, costCenter, environments and what the team needs" }]);
    }
    return validateTeamSpec(raw, file);
}

/** Reads and validates a spec file. `file` is relative to `root` (as a stack's platform:teamSpec is). */
export function loadTeamSpec(root: string, file: string): TeamSpec {
    const full = path.resolve(root, file);
    if (!fs.existsSync(full)) {
        throw new TeamSpecError(file, [{ field: "<file>", given: full, allowed: "an existing team spec file (create one with npm run new-team)" }]);
    }
    return parseTeamSpec(fs.readFileSync(full, "utf8"), file);
}

/** The JSON Schema editors use for programs/teams/*.yaml. */
export function teamSpecJsonSchema(): Record<string, unknown> {
    const schema = z.toJSONSchema(teamSpecSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
    return {
        $schema: schema.$schema,
        $id: "https://platform.example.com/schemas/team-spec.schema.json",
        title: "Team spec",
        description: `A team's stacks, declared as data (programs/teams/<team>.yaml). Generated from programs/team/spec.ts by npm run gen:team-schema. Unknown fields are rejected: ${EXEMPTIONS_HINT}.`,
        ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
    };
}

/** The schema file's text, as committed. */
export function teamSpecJsonSchemaText(): string {
    return `${JSON.stringify(teamSpecJsonSchema(), null, 2)}\n`;
}
