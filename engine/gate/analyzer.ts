/**
 * Runs policy objects over a recorded stack with the semantics of @pulumi/policy's analyzer server
 * (the code `pulumi preview --policy-pack` talks to over gRPC): per resource, remediations first, then
 * resource validations; then stack validations over every resource with parents, dependencies and
 * property dependencies linked. Properties are deserialized and wrapped exactly as the server does
 * (the library's own deserializer and unknown-checking proxy), so a policy that reads an unknown value
 * during preview gets an advisory "can't run during preview" note, never a crash.
 *
 * Unlike the server, each resource's properties are deserialized once and shared by all policies,
 * which is what makes 10,000 resources fast; validations must not mutate them (the server's proxy
 * does not allow meaningful mutation either).
 */
import type {
    EnforcementLevel, Policy, PolicyResource, ReportViolation, ResourceValidation, ResourceValidationPolicy, Severity, StackValidationPolicy,
} from "@pulumi/policy";
import type { ResourceRecord } from "../monitor";
import { ROOT_STACK_TYPE } from "../monitor";
import type { ResolvedPolicyConfig } from "./policy-config";

// Library internals the analyzer server itself uses (not part of the typed public API).
/* eslint-disable @typescript-eslint/no-require-imports */
const { deserializeProperties } = require("@pulumi/policy/deserialize") as { deserializeProperties(struct: { toJavaScript(): unknown }, proxySecrets: boolean): Record<string, unknown> };
const { unknownCheckingProxy, UnknownValueError } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(x: T): T; UnknownValueError: new (...a: unknown[]) => Error };
const { getPulumiType, isResourcePolicy, isStackPolicy } = require("@pulumi/policy/policy") as {
    getPulumiType(fn: unknown): string | undefined; isResourcePolicy(p: Policy): p is ResourceValidationPolicy; isStackPolicy(p: Policy): p is StackValidationPolicy;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface Violation {
    policy: string;
    enforcementLevel: "advisory" | "mandatory";
    severity?: Severity;
    urn?: string;
    message: string;
    /** True for "can't run during preview" notes: the check runs at update time. */
    unknown?: boolean;
}

export interface Remediation {
    policy: string;
    urn: string;
    diagnostic?: string;
}

export interface AnalysisResult {
    violations: Violation[];
    remediations: Remediation[];
    /** Policy evaluations performed (policy x resource, plus stack policies). */
    evaluations: number;
}

class NotApplicable extends Error {}
const throwNotApplicable = (reason?: string): never => { throw new NotApplicable(reason); };

/** The names of the stack policies among `policies` (they see every resource of a stack at once). */
export function stackPolicyNames(policies: readonly Policy[]): Set<string> {
    return new Set(policies.filter((p) => isStackPolicy(p)).map((p) => p.name));
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = getPulumiType(resourceClass);
    if (pulumiType) return type === pulumiType;
    const isInstance = (resourceClass as { isInstance?: (x: unknown) => boolean }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function optionsOf(r: ResourceRecord) {
    return {
        protect: r.options.protect,
        ignoreChanges: r.options.ignoreChanges,
        aliases: r.options.aliases,
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: r.options.additionalSecretOutputs,
        deleteBeforeReplace: r.options.deleteBeforeReplace,
        parent: r.parent,
        // Not in the engine's protobuf options today; carried for policies that check retention.
        retainOnDelete: r.options.retainOnDelete,
    };
}

/** Which records the engine sends to Analyze: every resource except the root stack and providers. */
export function analyzable(r: ResourceRecord): boolean {
    return r.type !== ROOT_STACK_TYPE && !r.type.startsWith("pulumi:providers:");
}

export interface AnalyzeOptions {
    packName: string;
    packVersion: string;
    policies: readonly Policy[];
    config: Map<string, ResolvedPolicyConfig>;
    stackTags?: ReadonlyMap<string, string>;
}

export async function analyzeStack(resources: readonly ResourceRecord[], opts: AnalyzeOptions): Promise<AnalysisResult> {
    const violations: Violation[] = [];
    const remediations: Remediation[] = [];
    let evaluations = 0;
    const stackTags = opts.stackTags ?? new Map<string, string>();
    const levelOf = (p: Policy): EnforcementLevel => opts.config.get(p.name)?.enforcementLevel ?? p.enforcementLevel ?? "advisory";
    const getConfigFor = (p: Policy) => () => (opts.config.get(p.name)?.properties ?? {}) as never;
    // As the engine does for Analyze, a resource policy's violation is about the resource analyzed
    // unless the policy names another URN.
    const reporterFor = (p: Policy, level: "advisory" | "mandatory", subject?: string): ReportViolation => (message, reportedUrn) => {
        const urn = reportedUrn ?? subject;
        if (message !== null && typeof message === "object") {
            const info = message as { message?: string; description?: string; urn?: string; enforcementLevel?: string; severity?: Severity; name?: string };
            violations.push({ policy: info.name ?? p.name, enforcementLevel: (info.enforcementLevel === "mandatory" ? "mandatory" : info.enforcementLevel === "advisory" ? "advisory" : level), severity: info.severity ?? p.severity, urn: info.urn ?? subject, message: info.message ?? info.description ?? p.description });
        } else {
            violations.push({ policy: p.name, enforcementLevel: level, severity: p.severity, urn, message: message ? `${p.description}\n${message}` : p.description });
        }
    };
    const unknownNote = (p: Policy, urn: string | undefined, e: Error) => violations.push({
        policy: p.name, enforcementLevel: "advisory", severity: p.severity, urn, unknown: true,
        message: `can't run policy '${p.name}' from policy pack '${opts.packName}@v${opts.packVersion}' during preview: ${e.message}`,
    });

    const resourcePolicies = opts.policies.filter((p) => levelOf(p) !== "disabled" && isResourcePolicy(p)) as ResourceValidationPolicy[];
    const stackPolicies = opts.policies.filter((p) => levelOf(p) !== "disabled" && isStackPolicy(p)) as StackValidationPolicy[];
    const propsByUrn = new Map<string, Record<string, unknown>>();

    // Plan once per run, not per resource: each policy's level, validations and the one type it
    // applies to (when it declares one), grouped by type. What runs, and in which order, is what the
    // server does; only the bookkeeping is hoisted out of the per-resource loop.
    interface Plan { p: ResourceValidationPolicy; report: "advisory" | "mandatory"; validations: ResourceValidation[] }
    const anyType: Plan[] = [];
    const byType = new Map<string, Plan[]>();
    for (const p of resourcePolicies) {
        if (!p.validateResource) continue;
        const plan: Plan = { p, report: levelOf(p) === "advisory" ? "advisory" : "mandatory", validations: Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource] };
        const t = Array.isArray(p.validateResource) ? undefined : getPulumiType(p.validateResource);
        if (t === undefined) anyType.push(plan);
        else byType.set(t, [...(byType.get(t) ?? []), plan]);
    }
    const order = new Map(resourcePolicies.map((p, i) => [p, i]));
    const remediators = resourcePolicies.filter((p) => levelOf(p) === "remediate" && p.remediateResource);

    for (const r of resources) {
        if (!analyzable(r)) continue;
        const type = r.type;
        const resourceOpts = optionsOf(r);
        let raw: unknown = r.inputs;
        // Remediations first: each remediating policy may rewrite the properties the validations see.
        for (const p of remediators) {
            const t = getPulumiType(p.remediateResource);
            if (t && t !== type) continue;
            const props = unknownCheckingProxy(deserializeProperties({ toJavaScript: () => raw }, true));
            try {
                evaluations++;
                const result = await p.remediateResource!({
                    urn: r.urn, name: r.name, type, opts: resourceOpts, props, stackTags, getConfig: getConfigFor(p),
                    isType: (c: unknown) => isTypeOf(type, c), asType: (c: unknown) => (isTypeOf(type, c) ? props : undefined),
                    notApplicable: throwNotApplicable,
                } as never);
                if (result) {
                    raw = JSON.parse(JSON.stringify(result));
                    remediations.push({ policy: p.name, urn: r.urn });
                }
            } catch (e) {
                if (e instanceof UnknownValueError) remediations.push({ policy: p.name, urn: r.urn, diagnostic: `can't run remediation '${p.name}' during preview: ${(e as Error).message}` });
                else if (!(e instanceof NotApplicable)) throw new Error(`Error remediating ${r.urn} with policy '${p.name}': ${(e as Error).message}`);
            }
        }
        const deserialized = deserializeProperties({ toJavaScript: () => raw }, false);
        propsByUrn.set(r.urn, deserialized);
        const props = unknownCheckingProxy(deserialized);
        const typed = byType.get(type);
        const plans = typed ? [...anyType, ...typed].sort((a, b) => order.get(a.p)! - order.get(b.p)!) : anyType;
        const args = {
            type, props, urn: r.urn, name: r.name, opts: resourceOpts, stackTags, getConfig: undefined as unknown,
            isType: (c: unknown) => isTypeOf(type, c), asType: (c: unknown) => (isTypeOf(type, c) ? props : undefined),
            notApplicable: throwNotApplicable,
        };
        for (const { p, report: level, validations } of plans) {
            const report = reporterFor(p, level, r.urn);
            for (const validation of validations) {
                evaluations++;
                try {
                    // Most validations are synchronous: await only a promise (a microtask per call adds up at 10,000 resources).
                    const pending = validation({ ...args, getConfig: getConfigFor(p) } as never, report) as unknown;
                    if (pending && typeof (pending as Promise<void>).then === "function") await pending;
                } catch (e) {
                    if (e instanceof UnknownValueError) unknownNote(p, r.urn, e as Error);
                    else if (!(e instanceof NotApplicable)) throw new Error(`Error validating ${r.urn} with policy '${p.name}': ${(e as Error).message}`);
                }
            }
        }
    }

    // Stack validations see every resource (components included), linked to parents and dependencies.
    const stackResources = resources.filter((r) => r.type !== ROOT_STACK_TYPE);
    const policyResources = new Map<string, PolicyResource>();
    for (const r of stackResources) {
        const deserialized = propsByUrn.get(r.urn) ?? deserializeProperties({ toJavaScript: () => r.inputs }, false);
        const props = unknownCheckingProxy(deserialized);
        policyResources.set(r.urn, {
            type: r.type, props, urn: r.urn, name: r.name, opts: optionsOf(r), dependencies: [], propertyDependencies: {},
            isType: (c: unknown) => isTypeOf(r.type, c), asType: (c: unknown) => (isTypeOf(r.type, c) ? props : undefined),
        } as unknown as PolicyResource);
    }
    for (const r of stackResources) {
        const pr = policyResources.get(r.urn) as PolicyResource & { parent?: PolicyResource };
        if (r.parent && policyResources.has(r.parent)) pr.parent = policyResources.get(r.parent);
        // As the engine does, a resource names its provider (a reference is `<provider urn>::<id>`); the
        // engine's default providers are not recorded, so only explicit ones can be linked.
        const providerUrn = r.provider?.slice(0, r.provider.lastIndexOf("::"));
        if (providerUrn && policyResources.has(providerUrn)) (pr as { provider?: unknown }).provider = policyResources.get(providerUrn);
        pr.dependencies = r.dependencies.map((u) => policyResources.get(u)).filter((x): x is PolicyResource => x !== undefined);
        for (const [k, urns] of Object.entries(r.propertyDependencies)) {
            pr.propertyDependencies[k] = urns.map((u) => policyResources.get(u)).filter((x): x is PolicyResource => x !== undefined);
        }
    }
    const all = [...policyResources.values()];
    for (const p of stackPolicies) {
        const t = getPulumiType(p.validateStack);
        if (t && !all.some((r) => r.type === t)) continue;
        const level = levelOf(p);
        evaluations++;
        try {
            await p.validateStack({ resources: all, getConfig: getConfigFor(p), stackTags, notApplicable: throwNotApplicable } as never,
                reporterFor(p, level === "advisory" ? "advisory" : "mandatory"));
        } catch (e) {
            if (e instanceof UnknownValueError) unknownNote(p, undefined, e as Error);
            else if (!(e instanceof NotApplicable)) throw new Error(`Error validating the stack with policy '${p.name}': ${(e as Error).message}`);
        }
    }
    return { violations, remediations, evaluations };
}
