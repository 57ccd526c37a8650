import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exemptionResults, loadExemptions, resetExemptionState } from "../../policies/exemptions";
import { policies } from "../../policies/policies";
import { runPolicy, UNKNOWN, type StackFixtureResource, type Violation } from "../../policies/testing";

const T = {
    bucket: "aws:s3/bucket:Bucket",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
};

/** A stack with an access-log bucket on SSE-S3 (what AWS forces) and an app bucket on SSE-KMS. */
const stack: StackFixtureResource[] = [
    { type: T.bucket, name: "shop-access-logs", props: { bucket: UNKNOWN } },
    { type: T.sse, name: "shop-access-logs-sse", props: { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, deps: { bucket: ["shop-access-logs"] } },
    { type: T.bucket, name: "shop-data", props: { bucket: UNKNOWN } },
    { type: T.sse, name: "shop-data-sse", props: { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }, deps: { bucket: ["shop-data"] } },
];
const prodConfig = { requireKms: true };

const entry = (over: Record<string, unknown> = {}) => ({
    policy: "aws-s3-bucket-encryption-required",
    resource: "*access-logs*",
    reason: "S3 server access logs cannot be delivered to SSE-KMS buckets",
    expires: "2027-06-30",
    ...over,
});

/** Runs the served policies the way the analyzer does: every policy, then the exemption reports. */
async function evaluate(config: Record<string, Record<string, unknown>> = {}): Promise<Violation[]> {
    resetExemptionState();
    const out: Violation[] = [];
    for (const p of policies) {
        if (!["aws-s3-bucket-encryption-required", "platform-exemptions-expired", "platform-exemptions-unmatched"].includes(p.name)) continue;
        out.push(...(await runPolicy(p, structuredClone(stack), config[p.name] ?? {})));
    }
    return out;
}

describe("exemptions", () => {
    after(() => loadExemptions()); // back to the committed file for other specs

    it("honours a live exemption: the violation is not reported and the match is recorded", async () => {
        loadExemptions([entry()], { now: new Date("2026-01-01T00:00:00Z") });
        const v = await evaluate({ "aws-s3-bucket-encryption-required": prodConfig });
        assert.deepStrictEqual(v.map((x) => x.message), []);
        const [result] = exemptionResults();
        assert.strictEqual(result.status, "honoured");
        assert.deepStrictEqual(result.matched, ["urn:pulumi:dev::platform::aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::shop-access-logs-sse"]);
    });

    it("without the exemption the same stack is a violation (the fixture really violates)", async () => {
        loadExemptions([], { now: new Date("2026-01-01T00:00:00Z") });
        const v = await evaluate({ "aws-s3-bucket-encryption-required": prodConfig });
        assert.ok(v.some((x) => x.policy === "aws-s3-bucket-encryption-required" && /shop-access-logs-sse/.test(x.message)));
    });

    it("reports an expired exemption: the violation comes back and the expiry is a mandatory violation", async () => {
        loadExemptions([entry({ expires: "2025-12-31" })], { now: new Date("2026-01-01T00:00:00Z") });
        const v = await evaluate({ "aws-s3-bucket-encryption-required": prodConfig });
        const original = v.find((x) => x.policy === "aws-s3-bucket-encryption-required");
        assert.ok(original && /expired on 2025-12-31/.test(original.message), JSON.stringify(v));
        const expired = v.find((x) => x.policy === "platform-exemptions-expired");
        assert.ok(expired, JSON.stringify(v));
        assert.strictEqual(expired.enforcementLevel, "mandatory");
        assert.match(expired.message, /"shop-access-logs-sse".*expired on 2025-12-31.*Fix:/);
        assert.strictEqual(expired.urn, "urn:pulumi:dev::platform::aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::shop-access-logs-sse");
        assert.strictEqual(exemptionResults()[0].status, "expired");
    });

    it("holds through its expiry day", async () => {
        loadExemptions([entry({ expires: "2026-01-01" })], { now: new Date("2026-01-01T23:00:00Z") });
        assert.deepStrictEqual((await evaluate({ "aws-s3-bucket-encryption-required": prodConfig })).map((x) => x.message), []);
    });

    it("reports a stale exemption (its resources exist but have nothing to exempt) as advisory, and not one for other stacks", async () => {
        loadExemptions([entry(), entry({ resource: "urn:pulumi:*::no-such-bucket" })], { now: new Date("2026-01-01T00:00:00Z") });
        const v = await evaluate({ "aws-s3-bucket-encryption-required": { requireKms: false } });
        const unmatched = v.filter((x) => x.policy === "platform-exemptions-unmatched");
        assert.strictEqual(unmatched.length, 1, JSON.stringify(unmatched));
        assert.strictEqual(unmatched[0].enforcementLevel, "advisory");
        assert.match(unmatched[0].message, /exemption #1 \(policy "aws-s3-bucket-encryption-required", resource "\*access-logs\*"\) matched no violation/);
        assert.deepStrictEqual(exemptionResults().map((r) => r.status), ["unmatched", "not-applicable"]);
    });

    it("matches on the URN as well as the name", async () => {
        loadExemptions([entry({ resource: "urn:pulumi:dev::platform::*::shop-access-logs-sse" })], { now: new Date("2026-01-01T00:00:00Z") });
        assert.deepStrictEqual((await evaluate({ "aws-s3-bucket-encryption-required": prodConfig })).map((x) => x.message), []);
        assert.strictEqual(exemptionResults()[0].status, "honoured");
    });

    it("rejects a reason shorter than 20 characters, naming the entry", () => {
        assert.throws(() => loadExemptions([entry(), entry({ resource: "legacy-*", reason: "legacy bucket" })]), /exemption #2 \(policy "aws-s3-bucket-encryption-required", resource "legacy-\*"\): reason must have at least 20 characters/);
    });

    it("rejects malformed entries: unknown policy, bad date, missing field, unknown field", () => {
        assert.throws(() => loadExemptions([entry({ policy: "aws-nope" })]), /exemption #1 .*no policy named "aws-nope"/);
        assert.throws(() => loadExemptions([entry({ expires: "next year" })]), /exemption #1 .*expires must be an ISO date/);
        assert.throws(() => loadExemptions([{ policy: "aws-s3-bucket-encryption-required", reason: "a long enough reason here" }]), /exemption #1 .*resource must be a non-empty string/);
        assert.throws(() => loadExemptions([entry({ team: "me" })]), /unknown field\(s\) team/);
    });

    it("loads YAML and JSON files, and the committed file is valid with a 2027 expiry", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exemptions-"));
        const yamlFile = path.join(dir, "e.yaml");
        fs.writeFileSync(yamlFile, `exemptions:\n  - policy: aws-s3-bucket-encryption-required\n    resource: "*access-logs*"\n    reason: S3 server access logs need SSE-S3 targets\n    expires: 2027-01-31\n`);
        assert.strictEqual(loadExemptions(yamlFile)[0].expires, "2027-01-31");
        const jsonFile = path.join(dir, "e.json");
        fs.writeFileSync(jsonFile, JSON.stringify([entry()]));
        assert.strictEqual(loadExemptions(jsonFile).length, 1);
        const committed = loadExemptions();
        assert.ok(committed.length >= 1);
        for (const e of committed) assert.match(e.expires, /^2027-/);
    });
});
