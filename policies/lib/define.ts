/**
 * The one way a policy of this pack is declared: a spec with its metadata (severity, area,
 * remediation, the equivalent cdk-nag / checkov ids) and a `check` that reports problems. The
 * helpers turn it into a plain `@pulumi/policy` policy object, whose violation messages always
 * read `<type> "<name>": <problem>. Fix: <fix>`, so every message names the resource and the fix.
 */
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { raw } from "./values";

export type Severity = "critical" | "high" | "medium" | "low";
export type Area = "encryption" | "public-access" | "transport" | "tags" | "data-safety" | "iam" | "workload" | "observability" | "exemptions" | "cost";

export interface PolicyMetadata {
    severity: Severity;
    area: Area;
    remediation: string;
    cdkNag?: string[];
    checkov?: string[];
}

interface CommonSpec extends PolicyMetadata {
    name: string;
    description: string;
    /** Defaults to "mandatory"; advisory checks say so. Config files override it per environment. */
    enforcementLevel?: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
}

/** What a resource check sees: raw inputs (unknowns as sentinels, see values.ts) and options. */
export interface Subject {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
    opts: { protect?: boolean; retainOnDelete?: boolean; parent?: string };
    providerProps?: Record<string, unknown>;
}

export type Report = (problem: string, fix?: string) => void;
export type StackReport = (resource: PolicyResource | string, problem: string, fix?: string) => void;

export interface ResourceRuleSpec<C extends object> extends CommonSpec {
    /** The type tokens the rule applies to (checked against @pulumi/aws by a test). */
    types: string[];
    check(subject: Subject, report: Report, config: C): void;
}

export interface StackRuleSpec<C extends object> extends CommonSpec {
    /** The type tokens the rule looks at (checked against @pulumi/aws by a test). */
    types: string[];
    check(resources: PolicyResource[], report: StackReport, config: C, args: StackValidationArgs): void;
}

/** Metadata of every policy defined so far, by policy name. */
export const metadataRegistry: Record<string, PolicyMetadata> = {};
/** Type tokens each policy looks at, by policy name. */
export const typeRegistry: Record<string, string[]> = {};

/** `aws:s3/bucket:Bucket "logs"`: how messages name a resource. */
export function label(type: string, name: string): string {
    return `${type} "${name}"`;
}

/** The resource name at the end of a URN (`urn:pulumi:stack::project::type::name`). */
export function nameFromUrn(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}

/** The type at the end of a URN's type chain. */
export function typeFromUrn(urn: string): string {
    const parts = urn.split("::");
    if (parts.length < 4) return "";
    const chain = parts[parts.length - 2];
    return chain.slice(chain.lastIndexOf("$") + 1);
}

export function message(type: string, name: string, problem: string, fix: string): string {
    return `${label(type, name)}: ${problem}. Fix: ${fix}`;
}

function configOf<C extends object>(schema: PolicyConfigSchema | undefined, given: object): C {
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
        if ((prop as { default?: unknown }).default !== undefined) out[key] = (prop as { default?: unknown }).default;
    }
    return { ...out, ...(given as Record<string, unknown>) } as C;
}

/** Records a policy's metadata (done by resourceRule/stackRule; exported for hand-written policies). */
export function register(spec: PolicyMetadata & { name: string; types: string[] }): void {
    if (metadataRegistry[spec.name]) throw new Error(`policy ${spec.name} is defined twice`);
    metadataRegistry[spec.name] = {
        severity: spec.severity,
        area: spec.area,
        remediation: spec.remediation,
        ...(spec.cdkNag ? { cdkNag: spec.cdkNag } : {}),
        ...(spec.checkov ? { checkov: spec.checkov } : {}),
    };
    typeRegistry[spec.name] = spec.types;
}

function common(spec: CommonSpec) {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel ?? "mandatory",
        severity: spec.severity,
        remediationSteps: spec.remediation,
        tags: [spec.area, ...(spec.cdkNag ?? []), ...(spec.checkov ?? [])],
        ...(spec.configSchema ? { configSchema: spec.configSchema } : {}),
    };
}

/**
 * The subject of one resource, shared by every policy that checks it: the analyzer hands each policy
 * the same props proxy for a resource, so unwrapping it (proxy traps on every read) is done once.
 */
const subjects = new WeakMap<object, Subject>();

function subjectOf(args: ResourceValidationArgs): Subject {
    const key = args.props as unknown;
    const cached = key !== null && typeof key === "object" ? subjects.get(key) : undefined;
    if (cached && cached.urn === args.urn) return cached;
    const opts = raw(args.opts) as Subject["opts"] | undefined;
    const provider = raw(args.provider) as { props?: unknown } | undefined;
    const subject: Subject = {
        type: args.type,
        name: args.name,
        urn: args.urn,
        props: (raw(args.props) as Record<string, unknown> | undefined) ?? {},
        opts: opts ?? {},
        providerProps: provider ? (raw(provider.props) as Record<string, unknown> | undefined) : undefined,
    };
    if (key !== null && typeof key === "object") subjects.set(key, subject);
    return subject;
}

/** Builds a resource validation policy from a spec. */
export function resourceRule<C extends object = Record<string, never>>(spec: ResourceRuleSpec<C>): ResourceValidationPolicy {
    register(spec);
    const types = new Set(spec.types);
    // The analyzer passes the same configuration object on every call: merge the defaults once per object.
    const configs = new WeakMap<object, C>();
    const validate = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!types.has(args.type)) return;
        const given = args.getConfig<object>();
        let config = configs.get(given);
        if (!config) configs.set(given, (config = configOf<C>(spec.configSchema, given)));
        spec.check(subjectOf(args), (problem, fix) => reportViolation(message(args.type, args.name, problem, fix ?? spec.remediation)), config);
    };
    // Lets the analyzer skip other types without calling the function (as validateResourceOfType does).
    if (spec.types.length === 1) (validate as unknown as { __pulumiType: string }).__pulumiType = spec.types[0];
    // Lets wrappers (exemptions) skip other types before doing any work of their own.
    (validate as unknown as { __policyTypes: ReadonlySet<string> }).__policyTypes = types;
    return { ...common(spec), validateResource: validate };
}

/** Builds a stack validation policy from a spec. */
export function stackRule<C extends object = Record<string, never>>(spec: StackRuleSpec<C>): StackValidationPolicy {
    register(spec);
    const validate = (args: StackValidationArgs, reportViolation: ReportViolation): void => {
        const config = configOf<C>(spec.configSchema, args.getConfig<object>());
        const report: StackReport = (resource, problem, fix) => {
            const urn = typeof resource === "string" ? resource : resource.urn;
            const type = typeof resource === "string" ? typeFromUrn(urn) : resource.type;
            const name = typeof resource === "string" ? nameFromUrn(urn) : resource.name;
            reportViolation(message(type, name, problem, fix ?? spec.remediation), urn);
        };
        spec.check(args.resources, report, config, args);
    };
    return { ...common(spec), validateStack: validate };
}
