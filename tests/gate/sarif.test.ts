/**
 * SARIF as code scanning uses it: each result at the line that declared its resource (a program's own
 * resource, and a component's child with the line that declared the component), fingerprints that
 * identify a finding across runs whatever line it moves to, a security-severity and the remediation
 * once per rule, and exempted findings kept as suppressed results. Every log is checked against the
 * SARIF 2.1.0 schema.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Log, Result } from "sarif";
import { FINGERPRINT_KEY, renderSarif } from "../../engine/gate/report/sarif";
import { loadPolicyPack } from "../../engine/gate/pack";
import type { GateReport, StackReport } from "../../engine/gate/gate";
import { fixture, lineOf, plan, ROOT, sarifValidator, tempDir } from "./support";

const PROGRAM = fixture("locations", "index.ts");
const PROGRAM_REL = "tests/fixtures/locations/index.ts";
const ACL = "urn:pulumi:prod::platform::platform:core:System$aws:s3/bucketAcl:BucketAcl::reports-acl";
const BUCKET = "urn:pulumi:prod::platform::platform:core:System$platform:storage:SecureBucket$aws:s3/bucket:Bucket::reports";
const KEY_NAME = "reports-key";

async function sarifOf(...argv: string[]): Promise<{ code: number; log: Log; results: Result[] }> {
    const r = await plan(...argv, "--format", "sarif");
    const log = JSON.parse(r.stdout) as Log;
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5)));
    return { code: r.code, log, results: log.runs[0].results ?? [] };
}

const urnOf = (r: Result) => r.locations?.[0].logicalLocations?.[0].fullyQualifiedName;
const find = (results: Result[], ruleId: string, urn: string) => {
    const hit = results.find((r) => r.ruleId === ruleId && urnOf(r) === urn);
    assert.ok(hit, `no ${ruleId} result for ${urn} in ${JSON.stringify(results.map((r) => [r.ruleId, urnOf(r)]))}`);
    return hit;
};
const region = (r: Result) => ({ uri: r.locations![0].physicalLocation!.artifactLocation!.uri, line: r.locations![0].physicalLocation!.region!.startLine });
const fingerprints = (results: Result[]) => results.map((r) => `${r.ruleId} ${urnOf(r)} ${r.partialFingerprints![FINGERPRINT_KEY]}`).sort();

describe("SARIF for code scanning", function () {
    this.timeout(180_000);
    let first: Awaited<ReturnType<typeof sarifOf>>;
    before(async () => { first = await sarifOf("--program", PROGRAM, "--env", "prod"); });

    it("puts a program's own resource at the line that declared it", () => {
        assert.strictEqual(first.code, 1);
        const acl = find(first.results, "aws-s3-bucket-acl-disallow-public", ACL);
        assert.deepStrictEqual(region(acl), { uri: PROGRAM_REL, line: lineOf(PROGRAM_REL, `new aws.s3.BucketAcl("reports-acl"`) });
        assert.strictEqual(acl.level, "error");
    });

    it("puts a component's child at the component's line, and links the program line that declared the component", () => {
        const bucket = find(first.results, "aws-stateful-resource-protected", BUCKET);
        assert.deepStrictEqual(region(bucket), { uri: "components/secure-bucket/index.ts", line: lineOf("components/secure-bucket/index.ts", "this.bucket = new aws.s3.Bucket(name") });
        const related = bucket.relatedLocations ?? [];
        assert.deepStrictEqual(related.map((l) => [l.id, l.physicalLocation?.artifactLocation?.uri, l.physicalLocation?.region?.startLine]),
            [[1, PROGRAM_REL, lineOf(PROGRAM_REL, `new SecureBucket("reports"`)]]);
        assert.match(bucket.message.text!, /in platform:storage:SecureBucket "reports", declared at \[tests\/fixtures\/locations\/index\.ts:\d+:\d+\]\(1\)/);
        // Two levels down (the bucket's key is built by EncryptionKey, itself built by SecureBucket): both call sites.
        const key = first.results.find((r) => r.ruleId === "aws-stateful-resource-protected" && urnOf(r)?.endsWith(`::${KEY_NAME}`) && urnOf(r)?.includes("aws:kms/key:Key"));
        assert.ok(key);
        assert.strictEqual(region(key).uri, "components/encryption-key/index.ts");
        assert.deepStrictEqual(key.relatedLocations!.map((l) => l.physicalLocation!.artifactLocation!.uri), ["components/secure-bucket/index.ts", PROGRAM_REL]);
    });

    it("falls back to the stack file when a finding has no resource line (a stack-level finding)", () => {
        const stack: StackReport = {
            stack: "prod", environment: "prod", program: "programs/index.ts", policyConfig: "policies/config/prod.json", resources: [], deferred: [], unchecked: [],
            violations: [{ policy: "aws-resources-required-tags", enforcementLevel: "mandatory", severity: "medium", urn: null, message: "m", remediation: null, phase: "preview", sourcePosition: null }],
            exemptions: [], remediations: [], diagnostics: [], error: null, evaluations: 0, updatePass: { ran: false, checked: 0, onlyAtUpdate: 0, note: null }, timings: { programMs: 0, policyMs: 0, updateMs: 0 },
        };
        const report: GateReport = { stacks: [stack], summary: { stacks: 1, mandatory: 1, advisory: 0, deferred: 0, unchecked: 0, resources: 0, errors: 0, exempted: 0, create: 0, delete: 0, replace: 0 }, strict: false, warnings: [] };
        const log = JSON.parse(renderSarif(report, loadPolicyPack(path.join(ROOT, "policies")))) as Log;
        assert.deepStrictEqual(region(log.runs[0].results![0]), { uri: "Pulumi.prod.yaml", line: 1 });
    });

    it("fingerprints each finding by rule, stack and resource: the same across runs, unique within one, unchanged when its line moves", async () => {
        const second = await sarifOf("--program", PROGRAM, "--env", "prod");
        assert.deepStrictEqual(fingerprints(second.results), fingerprints(first.results));
        const values = first.results.map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
        assert.strictEqual(new Set(values).size, values.length, "no two findings share a fingerprint");
        // The same program with every line four lines further down.
        const shifted = path.join(path.dirname(PROGRAM), `shifted-${process.pid}.ts`);
        fs.writeFileSync(shifted, `// moved\n// down\n// four\n// lines\n${fs.readFileSync(PROGRAM, "utf8")}`);
        try {
            const moved = await sarifOf("--program", shifted, "--env", "prod");
            assert.deepStrictEqual(fingerprints(moved.results), fingerprints(first.results));
            const acl = find(moved.results, "aws-s3-bucket-acl-disallow-public", ACL);
            assert.strictEqual(region(acl).line, region(find(first.results, "aws-s3-bucket-acl-disallow-public", ACL)).line! + 4, "the location did move");
        } finally {
            fs.rmSync(shifted, { force: true });
        }
    });

    it("gives every rule a security-severity from the pack's severity and the remediation once, as help", () => {
        const rules = first.log.runs[0].tool.driver.rules ?? [];
        const acl = rules.find((r) => r.id === "aws-s3-bucket-acl-disallow-public")!;
        assert.strictEqual(acl.properties?.["security-severity"], "9.5", "critical");
        assert.ok((acl.properties?.tags as string[]).includes("security"), "GitHub reads security-severity on security rules");
        assert.strictEqual(rules.find((r) => r.id === "aws-s3-bucket-access-logging-enabled")!.properties?.["security-severity"], "3.0", "low");
        assert.strictEqual(rules.find((r) => r.id === "platform-baseline-stateful-replace")!.properties?.["security-severity"], "9.5");
        for (const r of rules) assert.match(String(r.properties?.["security-severity"]), /^\d+\.\d$/, r.id);
        const remediation = "pass resource options { protect: true, retainOnDelete: true }";
        assert.ok(rules.find((r) => r.id === "aws-stateful-resource-protected")!.help!.text.includes(remediation));
        const protectedResults = first.results.filter((r) => r.ruleId === "aws-stateful-resource-protected");
        assert.ok(protectedResults.length >= 2);
        for (const r of protectedResults) {
            assert.ok(!r.message.text!.includes(remediation), `the fix is the rule's help, not repeated: ${r.message.text}`);
            assert.ok(!r.message.text!.startsWith("prod: Stateful resources"), "nor is the rule's description");
        }
    });

    it("keeps exempted findings as results with an external suppression: the exemption's reason, owner and ticket", async () => {
        const dir = tempDir();
        const reason = "The reports key is recreated from the bucket's own key on restore, so it holds no data of its own";
        const expires = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
        const file = path.join(dir, "exemptions.yaml");
        fs.writeFileSync(file, `exemptions:\n  - policy: aws-stateful-resource-protected\n    resource: "${KEY_NAME}"\n    reason: ${JSON.stringify(reason)}\n    owner: storage-team@example.com\n    ticket: STOR-42\n    expires: "${expires}"\n`);
        const exempted = await sarifOf("--program", PROGRAM, "--env", "prod", "--exemptions", file);
        const suppressed = exempted.results.filter((r) => r.suppressions);
        assert.deepStrictEqual(suppressed.map((r) => [r.ruleId, urnOf(r)?.split("::").pop()]), [["aws-stateful-resource-protected", KEY_NAME]]);
        assert.deepStrictEqual(suppressed[0].suppressions, [{
            kind: "external", status: "accepted", justification: reason,
            properties: { owner: "storage-team@example.com", ticket: "STOR-42", expires, resource: KEY_NAME },
        }]);
        assert.strictEqual(suppressed[0].level, "error", "the level it would have had: mandatory in prod");
        assert.strictEqual(region(suppressed[0]).uri, "components/encryption-key/index.ts");
        // The same alert as when it was not exempted, so code scanning closes it as suppressed.
        const before = first.results.find((r) => r.ruleId === "aws-stateful-resource-protected" && urnOf(r) === urnOf(suppressed[0]))!;
        assert.deepStrictEqual(suppressed[0].partialFingerprints, before.partialFingerprints);
        // What is exempted no longer fails: the bucket and the ACL still do.
        assert.strictEqual(exempted.results.filter((r) => r.level === "error" && !r.suppressions).length, first.results.filter((r) => r.level === "error").length - 1);
        // The schema check can fail: a suppression without its kind is rejected.
        const broken = JSON.parse(JSON.stringify(exempted.log)) as Log;
        delete (broken.runs[0].results!.find((r) => r.suppressions)!.suppressions![0] as { kind?: string }).kind;
        assert.strictEqual(sarifValidator()(broken), false);
    });
});
