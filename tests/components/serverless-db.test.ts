import * as assert from "assert";
import { ServerlessDb, type ServerlessDbArgs } from "../../components/serverless-db";
import { runInline, UNKNOWN } from "../../engine/run";
import { inputs, one, ofType } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const base: ServerlessDbArgs = {
    vpcId: "vpc-123",
    subnetIds: ["subnet-a", "subnet-b"],
    allowedSecurityGroups: { api: "sg-api" },
};
/** The dev stack's values (Pulumi.dev.yaml). */
const dev: ServerlessDbArgs = { ...base, minCapacity: 0, maxCapacity: 2, secondsUntilAutoPause: 600, instanceCount: 1, backupRetentionDays: 1, skipFinalSnapshot: true, protectData: false };

describe("ServerlessDb", () => {
    it("creates an encrypted Aurora PostgreSQL 16 Serverless v2 cluster with managed secret, IAM auth, logs, backups and a final snapshot", async () => {
        const result = await runInline(() => new ServerlessDb("users", base));
        const c = inputs(one(result, CLUSTER));
        const keyArn = (one(result, "aws:kms/key:Key").outputs as Record<string, string>).arn;
        assert.strictEqual(c.engine, "aurora-postgresql", "engine");
        assert.strictEqual(c.engineMode, "provisioned", "engineMode");
        assert.match(c.engineVersion, /^16\.\d+$/, "engineVersion");
        assert.strictEqual(c.storageEncrypted, true, "storageEncrypted");
        assert.strictEqual(c.kmsKeyId, keyArn, "kmsKeyId is the created CMK");
        assert.strictEqual(c.manageMasterUserPassword, true, "manageMasterUserPassword");
        assert.strictEqual(c.masterUserSecretKmsKeyId, keyArn, "masterUserSecretKmsKeyId");
        assert.strictEqual(c.masterPassword, undefined, "no plaintext password");
        assert.strictEqual(c.iamDatabaseAuthenticationEnabled, true, "iamDatabaseAuthenticationEnabled");
        assert.deepStrictEqual(c.enabledCloudwatchLogsExports, ["postgresql"], "enabledCloudwatchLogsExports");
        assert.strictEqual(c.backupRetentionPeriod, 7, "backupRetentionPeriod");
        assert.strictEqual(c.copyTagsToSnapshot, true, "copyTagsToSnapshot");
        assert.strictEqual(c.skipFinalSnapshot, false, "skipFinalSnapshot");
        assert.strictEqual(c.finalSnapshotIdentifier, "platform-test-users-final", "finalSnapshotIdentifier");
        assert.strictEqual(c.deletionProtection, true, "deletionProtection");
        assert.deepStrictEqual(c.serverlessv2ScalingConfiguration, { minCapacity: 0.5, maxCapacity: 8 }, "scaling: no auto-pause above 0 ACU");
        const cluster = one(result, CLUSTER);
        assert.strictEqual(cluster.options.protect, true, "protect");
        assert.strictEqual(cluster.options.retainOnDelete, true, "retainOnDelete");
        assert.deepStrictEqual(cluster.options.ignoreChanges, ["engineVersion"], "minor upgrades by AWS are not reverted");
    });

    it("runs two db.serverless instances across AZs in prod (default), private, with encrypted Performance Insights", async () => {
        const result = await runInline(() => new ServerlessDb("users", base), { stack: "prod" });
        const instances = ofType(result, INSTANCE).map(inputs);
        const keyArn = (one(result, "aws:kms/key:Key").outputs as Record<string, string>).arn;
        assert.strictEqual(instances.length, 2, "instance count");
        assert.deepStrictEqual(instances.map((i) => i.availabilityZone), ["us-east-1a", "us-east-1b"], "spread across AZs");
        for (const i of instances) {
            assert.strictEqual(i.instanceClass, "db.serverless", "instanceClass");
            assert.strictEqual(i.publiclyAccessible, false, "publiclyAccessible");
            assert.strictEqual(i.performanceInsightsEnabled, true, "performanceInsightsEnabled");
            assert.strictEqual(i.performanceInsightsKmsKeyId, keyArn, "performanceInsightsKmsKeyId");
            assert.strictEqual(i.autoMinorVersionUpgrade, true, "autoMinorVersionUpgrade");
        }
        assert.ok(ofType(result, INSTANCE).every((r) => r.options.protect), "instances protected");
    });

    it("in dev scales to zero with auto-pause, one instance, short backups, no final snapshot and no protection", async () => {
        const result = await runInline(() => new ServerlessDb("users", dev), { stack: "dev" });
        const cluster = one(result, CLUSTER);
        const c = inputs(cluster);
        assert.deepStrictEqual(c.serverlessv2ScalingConfiguration, { minCapacity: 0, maxCapacity: 2, secondsUntilAutoPause: 600 }, "scale to zero");
        assert.strictEqual(ofType(result, INSTANCE).length, 1, "one instance");
        assert.strictEqual(c.backupRetentionPeriod, 1);
        assert.strictEqual(c.skipFinalSnapshot, true);
        assert.strictEqual(c.finalSnapshotIdentifier, undefined, "no final snapshot identifier when skipped");
        assert.strictEqual(c.deletionProtection, false, "deletionProtection");
        assert.strictEqual(cluster.options.protect, false, "protect");
        assert.strictEqual(c.storageEncrypted, true, "still encrypted in dev");
    });

    it("applies rds.force_ssl and logging in a cluster parameter group of the engine's family", async () => {
        const result = await runInline(() => new ServerlessDb("users", { ...base, engineVersion: "17.5" }));
        const group = inputs(one(result, "aws:rds/clusterParameterGroup:ClusterParameterGroup"));
        assert.strictEqual(group.family, "aurora-postgresql17", "family follows the engine major");
        const params = Object.fromEntries(group.parameters.map((p: { name: string; value: string }) => [p.name, p.value]));
        assert.strictEqual(params["rds.force_ssl"], "1", "rds.force_ssl");
        assert.strictEqual(params.log_min_duration_statement, "1000");
        const c = inputs(one(result, CLUSTER));
        assert.strictEqual(c.dbClusterParameterGroupName, (one(result, "aws:rds/clusterParameterGroup:ClusterParameterGroup").outputs as Record<string, string>).name);
    });

    it("places the cluster in a subnet group on the given subnets behind a group admitting 5432 only from named groups", async () => {
        const result = await runInline(() => new ServerlessDb("users", { ...base, subnetIds: ["subnet-a", "subnet-b", "subnet-c"], allowedSecurityGroups: { api: "sg-api", worker: "sg-worker" } }));
        assert.deepStrictEqual(inputs(one(result, "aws:rds/subnetGroup:SubnetGroup")).subnetIds, ["subnet-a", "subnet-b", "subnet-c"]);
        const sg = one(result, "aws:ec2/securityGroup:SecurityGroup");
        assert.strictEqual(inputs(sg).vpcId, "vpc-123");
        assert.strictEqual(inputs(sg).ingress, undefined, "no inline ingress");
        assert.strictEqual(inputs(sg).egress, undefined, "no egress");
        const rules = ofType(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(inputs);
        assert.deepStrictEqual(rules.map((r) => [r.referencedSecurityGroupId, r.ipProtocol, r.fromPort, r.toPort, r.cidrIpv4]),
            [["sg-api", "tcp", 5432, 5432, undefined], ["sg-worker", "tcp", 5432, 5432, undefined]], "5432 from named groups, no CIDR");
        const sgId = (sg.outputs as Record<string, string>).id ?? sg.id;
        assert.deepStrictEqual(inputs(one(result, CLUSTER)).vpcSecurityGroupIds, [sgId]);
    });

    it("uses a given key, given zones, and exports the cluster's outputs", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/given";
        const result = await runInline(() => new ServerlessDb("users", { ...base, kmsKeyArn: keyArn, instanceCount: 3, availabilityZones: ["us-east-1b", "us-east-1c"] }));
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created");
        assert.strictEqual(inputs(one(result, CLUSTER)).kmsKeyId, keyArn);
        assert.deepStrictEqual(ofType(result, INSTANCE).map((r) => inputs(r).availabilityZone), ["us-east-1b", "us-east-1c", "us-east-1b"]);
        const out = one(result, "platform:database:ServerlessDb").outputs as Record<string, unknown>;
        assert.match(String(out.clusterArn), /^arn:aws:rds:us-east-1:123456789012:cluster:/, "clusterArn");
        assert.match(String(out.endpoint), /\.cluster-[a-f0-9]+\.us-east-1\.rds\.amazonaws\.com$/, "endpoint");
        assert.match(String(out.readerEndpoint), /\.cluster-ro-/, "readerEndpoint");
        assert.strictEqual(out.port, 5432, "port");
        assert.match(String(out.masterUserSecretArn), /^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-/, "masterUserSecretArn");
        assert.match(String(out.securityGroupId), /^sg-/, "securityGroupId");
        assert.strictEqual(out.databaseName, "app", "databaseName");
        assert.ok(out.clusterIdentifier, "clusterIdentifier");
    });

    it("rotates the RDS-managed master secret on a weekly Sunday window by default, never at deploy time, and on a given schedule", async () => {
        const result = await runInline(() => new ServerlessDb("users", base), { mode: "apply" });
        const rotation = one(result, "aws:secretsmanager/secretRotation:SecretRotation");
        const secretArn = (one(result, "aws:rds/cluster:Cluster").outputs.masterUserSecrets as { secretArn: string }[])[0].secretArn;
        assert.match(secretArn, /rds!cluster-/);
        assert.deepStrictEqual(inputs(rotation), { secretId: secretArn, rotationRules: { scheduleExpression: "cron(0 4 ? * SUN *)", duration: "3h" }, rotateImmediately: false });
        assert.strictEqual(inputs(rotation).rotationLambdaArn, undefined, "RDS rotates its own secret: no function");
        assert.match(rotation.name, /-password-rotation$/);
        const custom = await runInline(() => new ServerlessDb("users", { ...base, passwordRotationSchedule: "rate(30 days)", passwordRotationWindowHours: 6 }));
        assert.deepStrictEqual(inputs(one(custom, "aws:secretsmanager/secretRotation:SecretRotation")).rotationRules, { scheduleExpression: "rate(30 days)", duration: "6h" });
    });

    it("declares the same children in preview, with computed values unknown", async () => {
        const result = await runInline(() => new ServerlessDb("users", base), { mode: "preview" });
        const c = inputs(one(result, CLUSTER));
        assert.strictEqual(c.kmsKeyId, UNKNOWN, "key ARN unknown in preview");
        assert.strictEqual(c.storageEncrypted, true);
        assert.strictEqual(ofType(result, INSTANCE).length, 2);
    });

    describe("rejects bad arguments, naming the component and argument", () => {
        const cases: [string, ServerlessDbArgs, RegExp][] = [
            ["min ACU above max", { ...base, minCapacity: 4, maxCapacity: 2 }, /ServerlessDb "db": argument minCapacity: got 4; allowed: at most maxCapacity \(2\)/],
            ["max ACU above 256", { ...base, maxCapacity: 512 }, /ServerlessDb "db": argument maxCapacity: got 512; allowed: 1 to 256 ACUs/],
            ["ACU not in steps of 0.5", { ...base, minCapacity: 0.3 }, /ServerlessDb "db": argument minCapacity: got 0.3/],
            ["backup days outside 1..35", { ...base, backupRetentionDays: 0 }, /ServerlessDb "db": argument backupRetentionDays: got 0; allowed: a whole number of days from 1 to 35/],
            ["fewer than 2 subnets", { ...base, subnetIds: ["subnet-a"] }, /ServerlessDb "db": argument subnetIds: got "1 subnets"; allowed: at least 2 subnets/],
            ["an unknown engine major", { ...base, engineVersion: "11.9" }, /ServerlessDb "db": argument engineVersion: got "11.9"; allowed: an Aurora PostgreSQL version/],
            ["an auto-pause below 300 s", { ...base, minCapacity: 0, secondsUntilAutoPause: 60 }, /ServerlessDb "db": argument secondsUntilAutoPause: got 60/],
            ["16 instances", { ...base, instanceCount: 16 }, /ServerlessDb "db": argument instanceCount: got 16/],
            ["a reserved master user", { ...base, masterUsername: "postgres" }, /ServerlessDb "db": argument masterUsername: got "postgres"/],
            ["a bad source name", { ...base, allowedSecurityGroups: { "Bad Name": "sg-1" } }, /ServerlessDb "db": argument allowedSecurityGroups: got "Bad Name"/],
            ["a malformed rotation schedule", { ...base, passwordRotationSchedule: "weekly" }, /ServerlessDb "db": argument passwordRotationSchedule: got "weekly"; allowed: rate\(N days\), rate\(N hours\) or a six-field cron/],
            ["a rotation every hour", { ...base, passwordRotationSchedule: "rate(1 hour)" }, /argument passwordRotationSchedule: got "rate\(1 hour\)"; allowed: rate\(N hours\) with N from 4 to 23/],
            ["a rotation window crossing midnight", { ...base, passwordRotationSchedule: "cron(0 22 ? * SUN *)", passwordRotationWindowHours: 4 }, /argument passwordRotationSchedule: got "cron\(0 22 \? \* SUN \*\)"; allowed: a start hour whose 4-hour window ends by midnight UTC/],
            ["a 25-hour window", { ...base, passwordRotationWindowHours: 25 }, /argument passwordRotationWindowHours: got 25; allowed: a whole number of hours from 1 to 24/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => new ServerlessDb("db", args)), message);
            });
        }
    });

    it("documents every ServerlessDbArgs property in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("serverless-db"), interfaceProperties("serverless-db", "ServerlessDbArgs"));
    });
});
