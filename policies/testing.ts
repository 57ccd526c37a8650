/**
 * Test helpers in the style of AWSGuard's: build the arguments the analyzer passes to a policy by
 * hand, run one policy, collect what it reports. Props are wrapped in @pulumi/policy's
 * unknown-checking proxy, exactly as the analyzer server wraps them, and `UNKNOWN` stands for a
 * value unknown during preview.
 */
import * as assert from "assert";
import type {
    EnforcementLevel,
    Policy,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(v: T): T; UnknownValueError: new (...a: never[]) => Error };

/** The engine's sentinel for a string unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Violation {
    policy: string;
    message: string;
    urn?: string;
    enforcementLevel: EnforcementLevel;
    /** True for the advisory note the analyzer emits when a check must wait for update time. */
    pending?: boolean;
}

export function urnOf(type: string, name: string, stack = "dev"): string {
    return `urn:pulumi:${stack}::platform::${type}::${name}`;
}

export interface ResourceOptions {
    name?: string;
    protect?: boolean;
    retainOnDelete?: boolean;
    config?: Record<string, unknown>;
    providerProps?: Record<string, unknown>;
}

/** ResourceValidationArgs for one resource, like the analyzer builds them. */
export function resourceArgs(type: string, props: Record<string, unknown>, options: ResourceOptions = {}): ResourceValidationArgs {
    const name = options.name ?? "subject";
    const wrapped = proxy.unknownCheckingProxy(props);
    return {
        type,
        name,
        urn: urnOf(type, name),
        props: wrapped,
        opts: {
            protect: options.protect ?? false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
            ...(options.retainOnDelete !== undefined ? { retainOnDelete: options.retainOnDelete } : {}),
        } as ResourceValidationArgs["opts"],
        ...(options.providerProps ? { provider: { type: "pulumi:providers:aws", name: "default", urn: urnOf("pulumi:providers:aws", "default"), props: proxy.unknownCheckingProxy(options.providerProps) } } : {}),
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => (options.config ?? {}) as T,
        notApplicable: (reason?: string): never => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
}

/**
 * A resource of a stack fixture. `deps` lists, per input property, the names of the resources it was
 * computed from; `parent` and `provider` name other resources of the fixture, linked as the analyzer
 * links them (the cost policies find a resource's System through its parents and its region through
 * its provider).
 */
export interface StackFixtureResource {
    type: string;
    name: string;
    props: Record<string, unknown>;
    deps?: Record<string, string[]>;
    parent?: string;
    provider?: string;
    protect?: boolean;
}

/** StackValidationArgs for a set of resources, with dependencies resolved to resource objects. */
export function stackArgs(fixture: StackFixtureResource[], config: Record<string, unknown> = {}): StackValidationArgs {
    const byName = new Map<string, PolicyResource>();
    const resources: PolicyResource[] = fixture.map((r) => {
        const resource: PolicyResource = {
            type: r.type,
            name: r.name,
            urn: urnOf(r.type, r.name),
            props: proxy.unknownCheckingProxy(r.props),
            opts: { protect: r.protect ?? false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        };
        byName.set(r.name, resource);
        return resource;
    });
    fixture.forEach((r, i) => {
        const named = (n: string, role: string): PolicyResource => {
            const d = byName.get(n);
            if (!d) throw new Error(`fixture ${r.name}: ${role} ${n} is not in the stack`);
            return d;
        };
        for (const [prop, names] of Object.entries(r.deps ?? {})) {
            const deps = names.map((n) => named(n, "dependency"));
            resources[i].propertyDependencies[prop] = deps;
            resources[i].dependencies.push(...deps.filter((d) => !resources[i].dependencies.includes(d)));
        }
        if (r.parent !== undefined) resources[i].parent = named(r.parent, "parent");
        if (r.provider !== undefined) resources[i].provider = named(r.provider, "provider");
    });
    return {
        resources,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
}

function levelOf(policy: Policy, config?: Record<string, unknown>): EnforcementLevel {
    const c = config?.enforcementLevel;
    return (typeof c === "string" ? (c as EnforcementLevel) : undefined) ?? policy.enforcementLevel ?? "advisory";
}

async function collect(policy: Policy, level: EnforcementLevel, run: (report: (message: string, urn?: string) => void) => Promise<void> | void): Promise<Violation[]> {
    const out: Violation[] = [];
    try {
        await run((message, urn) => out.push({ policy: policy.name, message, urn, enforcementLevel: level }));
    } catch (e) {
        if (!(e instanceof proxy.UnknownValueError)) throw e;
        out.push({ policy: policy.name, message: `can't run policy '${policy.name}' during preview: ${(e as Error).message}`, enforcementLevel: "advisory", pending: true });
    }
    return out;
}

/** Runs a resource policy on one resource. */
export async function runResourcePolicy(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Promise<Violation[]> {
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : policy.validateResource ? [policy.validateResource] : [];
    return collect(policy, levelOf(policy), async (report) => {
        for (const v of validations) await v(args, report);
    });
}

/** Runs a stack policy on a stack. */
export async function runStackPolicy(policy: StackValidationPolicy, args: StackValidationArgs): Promise<Violation[]> {
    return collect(policy, levelOf(policy), (report) => policy.validateStack(args, report));
}

/** Runs either kind of policy: a resource policy over every resource of the stack, a stack policy once. */
export async function runPolicy(policy: ResourceValidationPolicy | StackValidationPolicy, fixture: StackFixtureResource[], config: Record<string, unknown> = {}): Promise<Violation[]> {
    if ("validateStack" in policy && typeof policy.validateStack === "function") return runStackPolicy(policy, stackArgs(fixture, config));
    const out: Violation[] = [];
    for (const r of fixture) {
        const violations = await runResourcePolicy(policy as ResourceValidationPolicy, resourceArgs(r.type, r.props, { name: r.name, protect: r.protect, config }));
        out.push(...violations.map((v) => ({ ...v, urn: urnOf(r.type, r.name) })));
    }
    return out;
}

/** Asserts that some reported violation matches every pattern. */
export function assertHasViolation(violations: Violation[], ...patterns: (RegExp | string)[]): Violation {
    const found = violations.find((v) => !v.pending && patterns.every((p) => (typeof p === "string" ? v.message.includes(p) : p.test(v.message))));
    assert.ok(found, `expected a violation matching ${patterns.map(String).join(" and ")}; got:\n${violations.map((v) => `  - ${v.message}`).join("\n") || "  (none)"}`);
    return found;
}

/** Asserts that nothing was reported (a pending-until-update note counts as reported). */
export function assertNoViolations(violations: Violation[]): void {
    assert.deepStrictEqual(violations.map((v) => v.message), [], "expected no violations");
}

/** Asserts that the check was deferred to update time, with no definite violation. */
export function assertPending(violations: Violation[], pattern?: RegExp): void {
    assert.ok(violations.some((v) => v.pending && (!pattern || pattern.test(v.message))), `expected a "runs at update time" note; got ${JSON.stringify(violations.map((v) => v.message))}`);
    assert.ok(violations.every((v) => v.pending), `expected only the pending note; got ${JSON.stringify(violations.map((v) => v.message))}`);
}
