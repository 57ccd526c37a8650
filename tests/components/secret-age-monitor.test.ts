import * as assert from "assert";
import { DescribeSecretCommand, ListSecretVersionIdsCommand, ResourceNotFoundException, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { Alarms } from "../../components/alarms";
import { SecretAgeMonitor, type SecretAgeMonitorArgs } from "../../components/secret-age-monitor";
import { check, metricRecord, readTargets } from "../../components/secret-age-monitor/handler";
import { runInline } from "../../engine/run";
import { inputs, one, ofType, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const MAILGUN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dn-mailgun-AbCdEf";
const OPENAI = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dn-openai-GhIjKl";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

function run(extra: Partial<SecretAgeMonitorArgs> = {}) {
    return runInline(() => {
        const alarms = new Alarms("dn-alarms");
        new SecretAgeMonitor("dn-secret-age", { secrets: { mailgun: MAILGUN, openai: OPENAI }, alarms, ...extra });
    }, { mode: "apply" });
}

describe("SecretAgeMonitor", () => {
    it("runs a daily function that may read the watched secrets' version metadata and nothing else (no value, no key)", async () => {
        const result = await run();
        const fn = inputs(one(result, "aws:lambda/function:Function"));
        assert.deepStrictEqual(fn.environment.variables, { MONITOR_NAME: "dn-secret-age", TARGETS: JSON.stringify({ mailgun: MAILGUN, openai: OPENAI }) });
        assert.strictEqual(inputs(one(result, "aws:cloudwatch/eventRule:EventRule")).scheduleExpression, "rate(1 day)");
        const statements = ofType(result, "aws:iam/rolePolicy:RolePolicy").flatMap((p) => policyDocument(p).Statement);
        const read = statements.find((s) => s.Sid === "ReadSecretVersionMetadata")!;
        assert.deepStrictEqual(read.Action, ["secretsmanager:ListSecretVersionIds", "secretsmanager:DescribeSecret"]);
        assert.deepStrictEqual(read.Resource, [MAILGUN, OPENAI]);
        const actions = statements.flatMap((s) => [s.Action].flat());
        assert.ok(!actions.some((a) => /GetSecretValue/.test(a)), `no value access: ${actions.join(", ")}`);
        // Its only key access is its own environment's key, not the secrets' keys.
        const ownKey = one(result, "aws:kms/key:Key", "dn-secret-age-key").outputs.arn;
        const keyResources = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith("kms:"))).flatMap((s) => [s.Resource].flat());
        assert.deepStrictEqual([...new Set(keyResources)], [ownKey], "only its own environment key");
    });

    it("pages the system's alarm topic per secret once its age passes maxAgeDays (90 by default), and on the function's errors", async () => {
        const result = await run();
        const alarms = Object.fromEntries(ofType(result, ALARM).map((a) => [a.name, inputs(a)]));
        assert.deepStrictEqual(Object.keys(alarms).sort(), ["dn-alarms-dn-secret-age-errors", "dn-alarms-dn-secret-age-mailgun-age", "dn-alarms-dn-secret-age-openai-age"]);
        const mailgun = alarms["dn-alarms-dn-secret-age-mailgun-age"];
        assert.deepStrictEqual([mailgun.namespace, mailgun.metricName, mailgun.dimensions, mailgun.threshold], ["Platform/Secrets", "SecretAgeDays", { Monitor: "dn-secret-age", Secret: "mailgun" }, 90]);
        const topic = one(result, "aws:sns/topic:Topic").outputs.arn;
        assert.ok(Object.values(alarms).every((a) => a.alarmActions[0] === topic), "every alarm notifies the system's topic");
        assert.strictEqual(alarms["dn-alarms-dn-secret-age-errors"].metricName, "Errors");
        const custom = await run({ maxAgeDays: 30, schedule: "rate(12 hours)" });
        assert.strictEqual(inputs(one(custom, ALARM, "dn-alarms-dn-secret-age-mailgun-age")).threshold, 30);
        assert.strictEqual(inputs(one(custom, "aws:cloudwatch/eventRule:EventRule")).scheduleExpression, "rate(12 hours)");
    });

    describe("rejects bad arguments", () => {
        const cases: [string, Partial<SecretAgeMonitorArgs>, RegExp][] = [
            ["no secrets", { secrets: {} }, /SecretAgeMonitor "dn-secret-age": argument secrets: got \{\}; allowed: at least one secret ARN/],
            ["a label with capitals", { secrets: { Mailgun: MAILGUN } }, /argument secrets: got "Mailgun"; allowed: labels of 1 to 63 lowercase/],
            ["a 0-day maximum", { maxAgeDays: 0 }, /argument maxAgeDays: got 0/],
        ];
        for (const [what, extra, message] of cases) it(what, async () => assert.rejects(run(extra), message));
    });

    it("documents every argument in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("secret-age-monitor"), interfaceProperties("secret-age-monitor", "SecretAgeMonitorArgs"));
    });
});

describe("SecretAgeMonitor function", () => {
    const sm = mockClient(SecretsManagerClient);
    const client = new SecretsManagerClient({ region: "us-east-1" });
    const now = new Date("2026-06-30T12:00:00Z");
    const env = { MONITOR_NAME: "dn-secret-age", TARGETS: JSON.stringify({ mailgun: MAILGUN, openai: OPENAI }) };
    beforeEach(() => sm.reset());
    after(() => sm.restore());

    it("measures the age of the AWSCURRENT version (not of older versions) and publishes one metric record per secret", async () => {
        sm.on(ListSecretVersionIdsCommand, { SecretId: MAILGUN }).resolves({
            Versions: [
                { VersionId: "old", VersionStages: ["AWSPREVIOUS"], CreatedDate: new Date("2025-01-01T00:00:00Z") },
                { VersionId: "cur", VersionStages: ["AWSCURRENT"], CreatedDate: new Date("2026-03-01T12:00:00Z") },
            ],
        });
        sm.on(ListSecretVersionIdsCommand, { SecretId: OPENAI }).resolves({ Versions: [{ VersionId: "v", VersionStages: ["AWSCURRENT"], CreatedDate: new Date("2026-06-29T18:00:00Z") }] });
        const written: Record<string, unknown>[] = [];
        const ages = await check(client, env, now, (r) => written.push(...r));
        assert.deepStrictEqual(ages, [{ secret: "mailgun", ageDays: 121, hasValue: true }, { secret: "openai", ageDays: 0, hasValue: true }]);
        assert.deepStrictEqual(written[0], metricRecord("dn-secret-age", ages[0], now));
        assert.deepStrictEqual(written[0], {
            _aws: { Timestamp: now.getTime(), CloudWatchMetrics: [{ Namespace: "Platform/Secrets", Dimensions: [["Monitor", "Secret"]], Metrics: [{ Name: "SecretAgeDays", Unit: "None" }] }] },
            Monitor: "dn-secret-age", Secret: "mailgun", SecretAgeDays: 121, HasValue: true,
        });
        assert.strictEqual(sm.commandCalls(DescribeSecretCommand).length, 0, "no DescribeSecret when a current version exists");
    });

    it("follows pagination, and counts an empty placeholder's age from the secret's creation", async () => {
        sm.on(ListSecretVersionIdsCommand, { SecretId: MAILGUN }).resolvesOnce({ Versions: [], NextToken: "p2" })
            .resolves({ Versions: [{ VersionId: "cur", VersionStages: ["AWSCURRENT"], CreatedDate: new Date("2026-06-20T12:00:00Z") }] });
        sm.on(ListSecretVersionIdsCommand, { SecretId: OPENAI }).resolves({ Versions: [] });
        sm.on(DescribeSecretCommand, { SecretId: OPENAI }).resolves({ CreatedDate: new Date("2026-01-01T12:00:00Z") });
        const ages = await check(client, env, now, () => undefined);
        assert.deepStrictEqual(ages, [{ secret: "mailgun", ageDays: 10, hasValue: true }, { secret: "openai", ageDays: 180, hasValue: false }]);
        assert.strictEqual(sm.commandCalls(ListSecretVersionIdsCommand, { SecretId: MAILGUN, NextToken: "p2" }, false).length, 1, "second page read");
    });

    it("publishes the secrets it could read, then fails the invocation naming the others (so the error alarm pages)", async () => {
        sm.on(ListSecretVersionIdsCommand, { SecretId: MAILGUN }).rejects(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }));
        sm.on(ListSecretVersionIdsCommand, { SecretId: OPENAI }).resolves({ Versions: [{ VersionId: "v", VersionStages: ["AWSCURRENT"], CreatedDate: new Date("2026-06-01T12:00:00Z") }] });
        const written: Record<string, unknown>[] = [];
        await assert.rejects(check(client, env, now, (r) => written.push(...r)), /could not read the version metadata of 1 secret\(s\): mailgun: ResourceNotFoundException/);
        assert.deepStrictEqual(written.map((r) => [r.Secret, r.SecretAgeDays]), [["openai", 29]]);
    });

    it("refuses a broken environment", () => {
        assert.throws(() => readTargets({ TARGETS: "{}" }), /MONITOR_NAME is not set/);
        assert.throws(() => readTargets({ MONITOR_NAME: "m", TARGETS: "not json" }), /TARGETS is not JSON/);
        assert.throws(() => readTargets({ MONITOR_NAME: "m", TARGETS: "[\"arn\"]" }), /TARGETS must be a JSON object/);
    });
});
