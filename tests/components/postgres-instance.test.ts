import * as assert from "assert";
import { PostgresInstance, type PostgresInstanceArgs } from "../../components/postgres-instance";
import { runInline, UNKNOWN } from "../../engine/run";
import { inputs, one, ofType, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const INSTANCE = "aws:rds/instance:Instance";
const base: PostgresInstanceArgs = { vpcId: "vpc-123", subnetIds: ["subnet-a", "subnet-b"], allowedSecurityGroups: { backend: "sg-backend" } };
/** The dev stack's values (Pulumi.dev.yaml). */
const dev: PostgresInstanceArgs = {
    ...base, instanceClass: "db.t4g.micro", multiAz: false, allocatedStorageGb: 20, maxAllocatedStorageGb: 50, backupRetentionDays: 1, skipFinalSnapshot: true, protectData: false,
};

describe("PostgresInstance", () => {
    it("creates Vibe's production database by default: PostgreSQL 16, db.t3.medium, 100 GiB gp3 autoscaling, Multi-AZ, 7-day backups, protected", async () => {
        const result = await runInline(() => new PostgresInstance("vibe", base), { stack: "prod" });
        const record = one(result, INSTANCE);
        const i = inputs(record);
        assert.strictEqual(i.engine, "postgres", "engine");
        assert.strictEqual(i.engineVersion, "16", "engineVersion (major; RDS picks the minor)");
        assert.strictEqual(i.instanceClass, "db.t3.medium", "instanceClass");
        assert.strictEqual(i.storageType, "gp3", "storageType");
        assert.strictEqual(i.allocatedStorage, 100, "allocatedStorage");
        assert.strictEqual(i.maxAllocatedStorage, 500, "maxAllocatedStorage");
        assert.strictEqual(i.multiAz, true, "multiAz");
        assert.strictEqual(i.backupRetentionPeriod, 7, "backupRetentionPeriod");
        assert.strictEqual(i.copyTagsToSnapshot, true, "copyTagsToSnapshot");
        assert.strictEqual(i.skipFinalSnapshot, false, "skipFinalSnapshot");
        assert.strictEqual(i.finalSnapshotIdentifier, "platform-prod-vibe-final", "finalSnapshotIdentifier");
        assert.strictEqual(i.deletionProtection, true, "deletionProtection");
        assert.strictEqual(i.deleteAutomatedBackups, false, "automated backups kept after delete");
        assert.strictEqual(i.publiclyAccessible, false, "publiclyAccessible");
        assert.strictEqual(i.autoMinorVersionUpgrade, true, "autoMinorVersionUpgrade");
        assert.deepStrictEqual(i.enabledCloudwatchLogsExports, ["postgresql", "upgrade"], "enabledCloudwatchLogsExports");
        assert.strictEqual(record.options.protect, true, "protect");
        assert.strictEqual(record.options.retainOnDelete, true, "retainOnDelete");
    });

    it("encrypts storage, the managed master secret and Performance Insights with its CMK, with IAM auth and no password", async () => {
        const result = await runInline(() => new PostgresInstance("vibe", base));
        const i = inputs(one(result, INSTANCE));
        const keyArn = (one(result, "aws:kms/key:Key").outputs as Record<string, string>).arn;
        assert.strictEqual(i.storageEncrypted, true, "storageEncrypted");
        assert.strictEqual(i.kmsKeyId, keyArn, "kmsKeyId");
        assert.strictEqual(i.manageMasterUserPassword, true, "manageMasterUserPassword");
        assert.strictEqual(i.masterUserSecretKmsKeyId, keyArn, "masterUserSecretKmsKeyId");
        assert.strictEqual(i.password, undefined, "no plaintext password");
        assert.strictEqual(i.iamDatabaseAuthenticationEnabled, true, "iamDatabaseAuthenticationEnabled");
        assert.strictEqual(i.performanceInsightsEnabled, true, "performanceInsightsEnabled");
        assert.strictEqual(i.performanceInsightsKmsKeyId, keyArn, "performanceInsightsKmsKeyId");
    });

    it("requires TLS through a postgres16 parameter group and admits 5432 only from named security groups", async () => {
        const result = await runInline(() => new PostgresInstance("vibe", base));
        const group = one(result, "aws:rds/parameterGroup:ParameterGroup");
        assert.strictEqual(inputs(group).family, "postgres16", "family");
        const params = Object.fromEntries(inputs(group).parameters.map((p: { name: string; value: string }) => [p.name, p.value]));
        assert.strictEqual(params["rds.force_ssl"], "1", "rds.force_ssl");
        assert.strictEqual(inputs(one(result, INSTANCE)).parameterGroupName, (group.outputs as Record<string, string>).name);
        assert.deepStrictEqual(inputs(one(result, "aws:rds/subnetGroup:SubnetGroup")).subnetIds, ["subnet-a", "subnet-b"], "subnet group");
        const rules = ofType(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(inputs);
        assert.deepStrictEqual(rules.map((r) => [r.referencedSecurityGroupId, r.fromPort, r.toPort, r.cidrIpv4]), [["sg-backend", 5432, 5432, undefined]]);
        const sg = one(result, "aws:ec2/securityGroup:SecurityGroup");
        assert.strictEqual(inputs(sg).egress, undefined, "no egress rules");
        assert.deepStrictEqual(inputs(one(result, INSTANCE)).vpcSecurityGroupIds, [sg.id]);
    });

    it("in dev takes a small single-AZ instance, short backups, no final snapshot and no protection", async () => {
        const result = await runInline(() => new PostgresInstance("vibe", dev), { stack: "dev" });
        const record = one(result, INSTANCE);
        const i = inputs(record);
        assert.strictEqual(i.instanceClass, "db.t4g.micro");
        assert.strictEqual(i.multiAz, false, "multiAz");
        assert.strictEqual(i.allocatedStorage, 20);
        assert.strictEqual(i.maxAllocatedStorage, 50);
        assert.strictEqual(i.backupRetentionPeriod, 1);
        assert.strictEqual(i.skipFinalSnapshot, true);
        assert.strictEqual(i.finalSnapshotIdentifier, undefined);
        assert.strictEqual(i.deletionProtection, false, "deletionProtection");
        assert.strictEqual(i.deleteAutomatedBackups, true);
        assert.strictEqual(record.options.protect, false, "protect");
        assert.strictEqual(i.storageEncrypted, true, "still encrypted");
    });

    it("adds an Enhanced Monitoring role trusted only by monitoring.rds.amazonaws.com for this account when asked", async () => {
        const off = await runInline(() => new PostgresInstance("vibe", base));
        assert.strictEqual(ofType(off, "aws:iam/role:Role").length, 0, "no role by default");
        assert.strictEqual(inputs(one(off, INSTANCE)).monitoringInterval, 0);

        const on = await runInline(() => new PostgresInstance("vibe", { ...base, monitoringInterval: 60 }));
        const role = one(on, "aws:iam/role:Role");
        const trust = policyDocument(role, "assumeRolePolicy").Statement;
        assert.deepStrictEqual(trust, [{
            Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        }]);
        assert.strictEqual(inputs(one(on, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).policyArn,
            "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole");
        const i = inputs(one(on, INSTANCE));
        assert.strictEqual(i.monitoringInterval, 60);
        assert.strictEqual(i.monitoringRoleArn, (role.outputs as Record<string, string>).arn);
    });

    it("uses a given key, can turn Performance Insights off, and exports its outputs", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/given";
        const result = await runInline(() => new PostgresInstance("vibe", { ...base, kmsKeyArn: keyArn, performanceInsights: false }));
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created");
        const i = inputs(one(result, INSTANCE));
        assert.strictEqual(i.kmsKeyId, keyArn);
        assert.strictEqual(i.performanceInsightsEnabled, false);
        assert.strictEqual(i.performanceInsightsKmsKeyId, undefined);
        const out = one(result, "platform:database:PostgresInstance").outputs as Record<string, unknown>;
        assert.match(String(out.address), /\.us-east-1\.rds\.amazonaws\.com$/, "address");
        assert.match(String(out.endpoint), /:5432$/, "endpoint");
        assert.strictEqual(out.port, 5432, "port");
        assert.match(String(out.arn), /^arn:aws:rds:us-east-1:123456789012:db:/, "arn");
        assert.match(String(out.masterUserSecretArn), /^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-/, "masterUserSecretArn");
        assert.match(String(out.securityGroupId), /^sg-/, "securityGroupId");
    });

    it("rotates the RDS-managed master secret on a weekly Sunday window by default, never at deploy time, and on a given schedule", async () => {
        const result = await runInline(() => new PostgresInstance("vibe-db", base), { mode: "apply" });
        const rotation = one(result, "aws:secretsmanager/secretRotation:SecretRotation");
        const secretArn = (one(result, "aws:rds/instance:Instance").outputs.masterUserSecrets as { secretArn: string }[])[0].secretArn;
        assert.match(secretArn, /rds!db-/);
        assert.deepStrictEqual(inputs(rotation), { secretId: secretArn, rotationRules: { scheduleExpression: "cron(0 4 ? * SUN *)", duration: "3h" }, rotateImmediately: false });
        assert.strictEqual(inputs(rotation).rotationLambdaArn, undefined, "RDS rotates its own secret: no function");
        assert.match(rotation.name, /-password-rotation$/);
        const custom = await runInline(() => new PostgresInstance("vibe-db", { ...base, passwordRotationSchedule: "rate(30 days)", passwordRotationWindowHours: 6 }));
        assert.deepStrictEqual(inputs(one(custom, "aws:secretsmanager/secretRotation:SecretRotation")).rotationRules, { scheduleExpression: "rate(30 days)", duration: "6h" });
    });

    it("declares the same children in preview, with computed values unknown", async () => {
        const result = await runInline(() => new PostgresInstance("vibe", base), { mode: "preview" });
        const i = inputs(one(result, INSTANCE));
        assert.strictEqual(i.kmsKeyId, UNKNOWN);
        assert.strictEqual(i.storageEncrypted, true);
        assert.strictEqual(i.publiclyAccessible, false);
    });

    describe("rejects bad arguments, naming the component and argument", () => {
        const cases: [string, PostgresInstanceArgs, RegExp][] = [
            ["storage below 20 GiB", { ...base, allocatedStorageGb: 10 }, /PostgresInstance "db": argument allocatedStorageGb: got 10; allowed: a whole number of GiB from 20 to 65536/],
            ["a ceiling below the allocated storage", { ...base, allocatedStorageGb: 100, maxAllocatedStorageGb: 50 },
                /PostgresInstance "db": argument maxAllocatedStorageGb: got 50; allowed: a whole number of GiB above allocatedStorageGb \(100\)/],
            ["backup days outside 1..35", { ...base, backupRetentionDays: 36 }, /PostgresInstance "db": argument backupRetentionDays: got 36/],
            ["a malformed instance class", { ...base, instanceClass: "t3.medium" }, /PostgresInstance "db": argument instanceClass: got "t3.medium"; allowed: an RDS instance class/],
            ["an unknown engine major", { ...base, engineVersion: "9.6" }, /PostgresInstance "db": argument engineVersion: got "9.6"/],
            ["a bad monitoring interval", { ...base, monitoringInterval: 7 }, /PostgresInstance "db": argument monitoringInterval: got 7; allowed: 0, 1, 5, 10, 15, 30, 60/],
            ["one subnet", { ...base, subnetIds: ["subnet-a"] }, /PostgresInstance "db": argument subnetIds: got "1 subnets"/],
            ["a malformed rotation schedule", { ...base, passwordRotationSchedule: "weekly" }, /PostgresInstance "db": argument passwordRotationSchedule: got "weekly"; allowed: rate\(N days\), rate\(N hours\) or a six-field cron/],
            ["a rotation every hour", { ...base, passwordRotationSchedule: "rate(1 hour)" }, /argument passwordRotationSchedule: got "rate\(1 hour\)"; allowed: rate\(N hours\) with N from 4 to 23/],
            ["a rotation window crossing midnight", { ...base, passwordRotationSchedule: "cron(0 22 ? * SUN *)", passwordRotationWindowHours: 4 }, /argument passwordRotationSchedule: got "cron\(0 22 \? \* SUN \*\)"; allowed: a start hour whose 4-hour window ends by midnight UTC/],
            ["a 25-hour window", { ...base, passwordRotationWindowHours: 25 }, /argument passwordRotationWindowHours: got 25; allowed: a whole number of hours from 1 to 24/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => new PostgresInstance("db", args)), message);
            });
        }
    });

    it("documents every PostgresInstanceArgs property in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("postgres-instance"), interfaceProperties("postgres-instance", "PostgresInstanceArgs"));
    });
});
