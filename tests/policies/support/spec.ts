/**
 * The spec shape every policy follows (as in pulumi/compliance-policies): check the name, the
 * enforcement level and the description, then a compliant fixture that passes, then numbered
 * cases `#1 … #n`, each starting from that fixture and breaking one thing, asserting the message
 * names the resource and the fix.
 */
import * as assert from "assert";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies, policyMetadata } from "../../../policies/policies";
import { loadExemptions, resetExemptionState } from "../../../policies/exemptions";
import { assertHasViolation, assertNoViolations, assertPending, runPolicy, type StackFixtureResource } from "../../../policies/testing";

export type Fixture = StackFixtureResource[];

export interface BreakCase {
    title: string;
    /** Mutates a deep copy of the compliant fixture. */
    break: (fixture: Fixture) => void;
    /** What the message must say (besides the resource name and "Fix:"). */
    expect: RegExp;
    /** The resource the message must name (default: the first resource of the fixture). */
    resource?: string;
    config?: Record<string, unknown>;
}

export interface PendingCase {
    title: string;
    break: (fixture: Fixture) => void;
    config?: Record<string, unknown>;
}

export interface PolicySpec {
    level: "mandatory" | "advisory";
    description: RegExp;
    compliant: Fixture;
    config?: Record<string, unknown>;
    cases: BreakCase[];
    /** Fixtures that stay compliant after a change (e.g. the other allowed form). */
    alsoCompliant?: { title: string; change: (fixture: Fixture) => void; config?: Record<string, unknown> }[];
    /** Changes that make the decision depend on a preview unknown: the check must defer, not crash. */
    pending?: PendingCase[];
}

export function policyNamed(name: string): ResourceValidationPolicy | StackValidationPolicy {
    const p = policies.find((x) => x.name === name);
    if (!p) throw new Error(`no policy ${name}`);
    return p;
}

const copy = (f: Fixture): Fixture => structuredClone(f);

export function describePolicy(name: string, spec: PolicySpec): void {
    describe(name, () => {
        const policy = policyNamed(name);
        // A spec tests the policy itself: the committed exemptions (some of which cover dev stacks,
        // whose URNs the fixtures use) must not hide its violations.
        before(() => loadExemptions([]));
        after(() => loadExemptions());
        beforeEach(() => resetExemptionState());

        it("has its name, enforcement level, description and metadata", () => {
            assert.strictEqual(policy.name, name);
            assert.strictEqual(policy.enforcementLevel, spec.level);
            assert.match(policy.description, spec.description);
            const meta = policyMetadata[name];
            assert.ok(meta, "metadata registered");
            assert.ok(["critical", "high", "medium", "low"].includes(meta.severity));
            assert.ok(meta.remediation.length > 10, "remediation steps");
            assert.strictEqual(policy.severity, meta.severity);
        });

        it("passes the compliant fixture", async () => {
            assertNoViolations(await runPolicy(policy, copy(spec.compliant), spec.config));
        });

        for (const change of spec.alsoCompliant ?? []) {
            it(`passes when ${change.title}`, async () => {
                const f = copy(spec.compliant);
                change.change(f);
                assertNoViolations(await runPolicy(policy, f, change.config ?? spec.config));
            });
        }

        spec.cases.forEach((c, i) => {
            it(`#${i + 1} ${c.title}`, async () => {
                const f = copy(spec.compliant);
                c.break(f);
                const violations = await runPolicy(policy, f, c.config ?? spec.config);
                const subject = c.resource ?? f[0].name;
                const v = assertHasViolation(violations, c.expect, `"${subject}"`, "Fix:");
                assert.strictEqual(v.enforcementLevel, spec.level);
            });
        });

        for (const p of spec.pending ?? []) {
            it(`defers to update time when ${p.title}`, async () => {
                const f = copy(spec.compliant);
                p.break(f);
                assertPending(await runPolicy(policy, f, p.config ?? spec.config), /runs at update time/);
            });
        }
    });
}

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Shorthand for a fixture resource. */
export function res(type: string, name: string, props: Record<string, unknown>, deps?: Record<string, string[]>): StackFixtureResource {
    return { type, name, props, ...(deps ? { deps } : {}) };
}

/** Finds a fixture resource by name for a case to break. */
export function byName(f: Fixture, name: string): StackFixtureResource {
    const r = f.find((x) => x.name === name);
    if (!r) throw new Error(`fixture has no ${name}`);
    return r;
}

export const T = {
    bucket: "aws:s3/bucket:Bucket",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketAcl: "aws:s3/bucketAcl:BucketAcl",
    bucketObject: "aws:s3/bucketObjectv2:BucketObjectv2",
    logging: "aws:s3/bucketLogging:BucketLogging",
};
