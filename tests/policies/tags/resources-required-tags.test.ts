import * as assert from "assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { assertHasViolation, assertNoViolations, resourceArgs, runResourcePolicy } from "../../../policies/testing";
import { describePolicy, policyNamed, res, UNKNOWN } from "../support/spec";

const tags = { Environment: "prod", System: "orders", Team: "payments", CostCenter: "cc-42", ManagedBy: "pulumi" };

describePolicy("aws-resources-required-tags", {
    level: "mandatory",
    description: /required tags/,
    config: { environment: "prod" },
    compliant: [res("aws:s3/bucket:Bucket", "data", { tags: { ...tags } }), res("aws:sqs/queue:Queue", "jobs", { tags: { ...tags, Extra: "x" } }), res("awsx:ec2:Vpc", "vpc", { tags: { ...tags } })],
    alsoCompliant: [
        { title: "the resource type is not taggable", change: (f) => (f[0].type = "aws:s3/bucketPolicy:BucketPolicy") },
        { title: "a component resource carries no tags", change: (f) => (f[0].type = "platform:storage:SecureBucket") },
        { title: "a tag value is unknown but present", change: (f) => ((f[0].props.tags as Record<string, string>).Team = UNKNOWN) },
    ],
    cases: [
        { title: "no tags at all", break: (f) => delete f[0].props.tags, expect: /missing required tag\(s\) Environment, System, Team, CostCenter, ManagedBy/ },
        { title: "one tag missing", break: (f) => delete (f[1].props.tags as Record<string, string>).CostCenter, expect: /missing required tag\(s\) CostCenter/, resource: "jobs" },
        { title: "an empty value", break: (f) => ((f[0].props.tags as Record<string, string>).Team = " "), expect: /empty required tag\(s\) Team/ },
        { title: "the wrong environment", break: (f) => ((f[0].props.tags as Record<string, string>).Environment = "dev"), expect: /Environment "dev" but this stack's environment is "prod"/ },
        { title: "an awsx component without tags", break: (f) => delete f[2].props.tags, expect: /missing required tag/, resource: "vpc" },
        { title: "a configured extra key", break: (f) => delete (f[0].props.tags as Record<string, string>).System, config: { environment: "prod", requiredTags: ["System"] }, expect: /missing required tag\(s\) System$|missing required tag\(s\) System\./ },
    ],
    pending: [{ title: "the tags map is unknown", break: (f) => (f[0].props.tags = UNKNOWN) }],
});

describe("aws-resources-required-tags with provider defaultTags", () => {
    it("counts the provider's defaultTags", async () => {
        const policy = policyNamed("aws-resources-required-tags") as ResourceValidationPolicy;
        const providerProps = { defaultTags: JSON.stringify({ tags: { CostCenter: "cc-42", ManagedBy: "pulumi" } }) };
        const { CostCenter: _c, ManagedBy: _m, ...rest } = tags;
        assertNoViolations(await runResourcePolicy(policy, resourceArgs("aws:s3/bucket:Bucket", { tags: rest }, { name: "b", providerProps, config: { environment: "prod" } })));
        const v = await runResourcePolicy(policy, resourceArgs("aws:s3/bucket:Bucket", { tags: rest }, { name: "b", config: { environment: "prod" } }));
        assertHasViolation(v, /CostCenter, ManagedBy/);
        assert.strictEqual(v.length, 1);
    });
});
