import * as assert from "assert";
import { Alarms, type AlarmsArgs } from "../../components/alarms";
import { runInline } from "../../engine/run";
import { inputs, ofType, one, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";
import type { RunResult } from "../../engine/run";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";

/** Runs Alarms "ops" and one helper call; returns the run and the one alarm's inputs. */
async function withAlarm(call: (a: Alarms) => void, args: AlarmsArgs = {}): Promise<{ result: RunResult; alarm: Record<string, any> }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const result = await runInline(() => { call(new Alarms("ops", args)); });
    return { result, alarm: inputs(one(result, ALARM)) };
}

/** The metric-math queries of an alarm by id. */
function queries(alarm: Record<string, any>): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return Object.fromEntries((alarm.metricQueries as { id: string }[]).map((q) => [q.id, q]));
}

describe("Alarms", () => {
    it("creates a topic encrypted with a key that lets cloudwatch and sns use it, and a topic policy for CloudWatch over TLS", async () => {
        const result = await runInline(() => { new Alarms("ops"); });
        const key = one(result, "aws:kms/key:Key");
        assert.strictEqual(inputs(one(result, TOPIC)).kmsMasterKeyId, key.outputs.arn, "topic kmsMasterKeyId");
        const principals = policyDocument(key).Statement.map((s) => s.Principal);
        assert.deepStrictEqual(principals.slice(1), [{ Service: "cloudwatch.amazonaws.com" }, { Service: "sns.amazonaws.com" }], "key services");
        assert.strictEqual(key.options.protect, true, "key protected by default");
        const statements = policyDocument(one(result, "aws:sns/topicPolicy:TopicPolicy")).Statement;
        assert.deepStrictEqual(statements[0].Principal, { Service: "cloudwatch.amazonaws.com" });
        assert.deepStrictEqual(statements[0].Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
        assert.deepStrictEqual([statements[1].Effect, statements[1].Condition], ["Deny", { Bool: { "aws:SecureTransport": "false" } }]);
        assert.strictEqual(ofType(result, "aws:sns/topicSubscription:TopicSubscription").length, 0, "no subscriptions by default");
    });

    it("subscribes each email and uses a given key", async () => {
        const result = await runInline(() => { new Alarms("ops", { emails: ["oncall@example.com", "lead@example.org"], kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", protectData: false }); });
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created");
        assert.strictEqual(inputs(one(result, TOPIC)).kmsMasterKeyId, "arn:aws:kms:us-east-1:123456789012:key/k");
        const subs = ofType(result, "aws:sns/topicSubscription:TopicSubscription").map(inputs);
        assert.deepStrictEqual(subs.map((s) => [s.protocol, s.endpoint, s.topic]), [
            ["email", "oncall@example.com", one(result, TOPIC).outputs.arn],
            ["email", "lead@example.org", one(result, TOPIC).outputs.arn],
        ]);
    });

    it("every alarm notifies the topic on alarm and recovery, treats missing data as not breaching, and is parented to the component", async () => {
        const { result, alarm } = await withAlarm((a) => a.lambdaErrors("fn-errors", { functionName: "login" }));
        const topicArn = one(result, TOPIC).outputs.arn;
        assert.deepStrictEqual(alarm.alarmActions, [topicArn], "alarmActions");
        assert.deepStrictEqual(alarm.okActions, [topicArn], "okActions");
        assert.strictEqual(alarm.treatMissingData, "notBreaching");
        const record = one(result, ALARM);
        assert.strictEqual(record.name, "ops-fn-errors", "child name derived from the component name");
        assert.match(record.parent!, /platform:monitoring:Alarms::ops$/, "parent");
        assert.deepStrictEqual([alarm.namespace, alarm.metricName, alarm.dimensions, alarm.statistic, alarm.comparisonOperator, alarm.threshold],
            ["AWS/Lambda", "Errors", { FunctionName: "login" }, "Sum", "GreaterThanThreshold", 0]);
    });

    it("apiGateway5xxRate: metric math 5XXError / Count * 100 above 5 % by default", async () => {
        const { alarm } = await withAlarm((a) => a.apiGateway5xxRate("api-5xx", { apiName: "oauth", stage: "prod" }));
        const q = queries(alarm);
        assert.strictEqual(q.rate.expression, "errors / requests * 100");
        assert.strictEqual(q.rate.returnData, true);
        assert.deepStrictEqual(q.errors.metric, { namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions: { ApiName: "oauth", Stage: "prod" }, stat: "Sum", period: 60 });
        assert.strictEqual(q.requests.metric.metricName, "Count");
        assert.deepStrictEqual([alarm.threshold, alarm.evaluationPeriods, alarm.datapointsToAlarm], [5, 5, 3]);
        const custom = await withAlarm((a) => a.apiGateway5xxRate("api-5xx", { apiName: "oauth", stage: "prod", thresholdPercent: 1 }));
        assert.strictEqual(custom.alarm.threshold, 1, "thresholdPercent");
    });

    it("albTarget5xxRate: target 5xx over requests, per target group when given", async () => {
        const { alarm } = await withAlarm((a) => a.albTarget5xxRate("alb-5xx", { loadBalancerArnSuffix: "app/vibe/1", targetGroupArnSuffix: "targetgroup/vibe/2" }));
        const q = queries(alarm);
        assert.deepStrictEqual(q.errors.metric.dimensions, { LoadBalancer: "app/vibe/1", TargetGroup: "targetgroup/vibe/2" });
        assert.deepStrictEqual([q.errors.metric.metricName, q.requests.metric.metricName, alarm.threshold], ["HTTPCode_Target_5XX_Count", "RequestCount", 5]);
    });

    it("lambdaThrottles and lambdaTimeouts (Duration maximum at 90 % of the timeout)", async () => {
        const throttles = await withAlarm((a) => a.lambdaThrottles("t", { functionName: "f" }));
        assert.deepStrictEqual([throttles.alarm.metricName, throttles.alarm.threshold], ["Throttles", 0]);
        const timeouts = await withAlarm((a) => a.lambdaTimeouts("to", { functionName: "f", timeoutSeconds: 10 }));
        assert.deepStrictEqual([timeouts.alarm.metricName, timeouts.alarm.statistic, timeouts.alarm.comparisonOperator, timeouts.alarm.threshold],
            ["Duration", "Maximum", "GreaterThanOrEqualToThreshold", 9000]);
    });

    it("p99Latency: extendedStatistic p99 above 1000 ms by default", async () => {
        const { alarm } = await withAlarm((a) => a.p99Latency("lat", { namespace: "AWS/ApiGateway", metricName: "Latency", dimensions: { ApiName: "oauth" } }));
        assert.deepStrictEqual([alarm.extendedStatistic, alarm.statistic, alarm.threshold, alarm.dimensions], ["p99", undefined, 1000, { ApiName: "oauth" }]);
        const custom = await withAlarm((a) => a.p99Latency("lat", { namespace: "N", metricName: "M", dimensions: {}, thresholdMs: 250 }));
        assert.strictEqual(custom.alarm.threshold, 250);
    });

    it("dynamoThrottles: read + write throttle events above 0", async () => {
        const { alarm } = await withAlarm((a) => a.dynamoThrottles("ddb", { tableName: "tokens" }));
        const q = queries(alarm);
        assert.strictEqual(q.throttles.expression, "reads + writes");
        assert.deepStrictEqual([q.reads.metric.metricName, q.writes.metric.metricName, q.reads.metric.dimensions], ["ReadThrottleEvents", "WriteThrottleEvents", { TableName: "tokens" }]);
        assert.strictEqual(alarm.threshold, 0);
    });

    it("databaseCpu: an Aurora cluster or an RDS instance, 80 % by default", async () => {
        const cluster = await withAlarm((a) => a.databaseCpu("cpu", { clusterIdentifier: "dn-aurora" }));
        assert.deepStrictEqual([cluster.alarm.namespace, cluster.alarm.metricName, cluster.alarm.dimensions, cluster.alarm.threshold], ["AWS/RDS", "CPUUtilization", { DBClusterIdentifier: "dn-aurora" }, 80]);
        const instance = await withAlarm((a) => a.databaseCpu("cpu", { dbInstanceIdentifier: "vibe-db", thresholdPercent: 70 }));
        assert.deepStrictEqual([instance.alarm.dimensions, instance.alarm.threshold], [{ DBInstanceIdentifier: "vibe-db" }, 70]);
    });

    it("wafBlockRate: blocked / (allowed + blocked) * 100 above 10 %; Region dimension only for REGIONAL", async () => {
        const cf = await withAlarm((a) => a.wafBlockRate("waf", { webAclName: "edge", scope: "CLOUDFRONT" }));
        const q = queries(cf.alarm);
        assert.strictEqual(q.rate.expression, "blocked / (allowed + blocked) * 100");
        assert.deepStrictEqual(q.blocked.metric.dimensions, { WebACL: "edge", Rule: "ALL" });
        assert.deepStrictEqual([q.blocked.metric.metricName, q.allowed.metric.metricName, cf.alarm.threshold], ["BlockedRequests", "AllowedRequests", 10]);
        const regional = await withAlarm((a) => a.wafBlockRate("waf", { webAclName: "api", scope: "REGIONAL" }));
        assert.deepStrictEqual(queries(regional.alarm).blocked.metric.dimensions, { WebACL: "api", Rule: "ALL", Region: "us-east-1" });
    });

    it("ecsTaskFailures: running tasks below the minimum; natGatewayErrors: port allocation + dropped packets", async () => {
        const ecs = await withAlarm((a) => a.ecsTaskFailures("ecs", { clusterName: "vibe", serviceName: "api", minimumRunningTasks: 2 }));
        assert.deepStrictEqual([ecs.alarm.namespace, ecs.alarm.metricName, ecs.alarm.comparisonOperator, ecs.alarm.threshold, ecs.alarm.dimensions],
            ["ECS/ContainerInsights", "RunningTaskCount", "LessThanThreshold", 2, { ClusterName: "vibe", ServiceName: "api" }]);
        const nat = await withAlarm((a) => a.natGatewayErrors("nat", { natGatewayId: "nat-1" }));
        const q = queries(nat.alarm);
        assert.deepStrictEqual([q.portErrors.metric.metricName, q.dropped.metric.metricName, q.errors.expression], ["ErrorPortAllocation", "PacketsDropCount", "portErrors + dropped"]);
    });

    it("s3BucketSize: daily BucketSizeBytes summed over the storage classes, in GiB, paging on one of the last two days", async () => {
        const { alarm } = await withAlarm((a) => a.s3BucketSize("size", { bucketName: "assets", thresholdGib: 100, storageTypes: ["StandardStorage", "GlacierInstantRetrievalStorage"] }));
        const q = queries(alarm);
        assert.deepStrictEqual(q.size0.metric, { namespace: "AWS/S3", metricName: "BucketSizeBytes", dimensions: { BucketName: "assets", StorageType: "StandardStorage" }, stat: "Average", period: 86400 });
        assert.strictEqual(q.size1.metric.dimensions.StorageType, "GlacierInstantRetrievalStorage");
        assert.strictEqual(q.gib.expression, "(FILL(size0, 0) + FILL(size1, 0)) / 1073741824", "a class with no objects counts as 0, not as missing");
        assert.deepStrictEqual([alarm.threshold, alarm.comparisonOperator, alarm.evaluationPeriods, alarm.datapointsToAlarm], [100, "GreaterThanThreshold", 2, 1]);
        const standard = await withAlarm((a) => a.s3BucketSize("size", { bucketName: "assets", thresholdGib: 5 }));
        assert.deepStrictEqual(Object.keys(queries(standard.alarm)).sort(), ["gib", "size0"], "StandardStorage only by default");
    });

    it("cognitoSignInFailures: SignInSuccesses sample count minus sum (failed attempts) of one app client above 20 by default", async () => {
        const { alarm } = await withAlarm((a) => a.cognitoSignInFailures("auth", { userPoolId: "us-east-1_abc", clientId: "client1" }));
        const q = queries(alarm);
        assert.strictEqual(q.failures.expression, "attempts - successes");
        assert.deepStrictEqual(q.attempts.metric, { namespace: "AWS/Cognito", metricName: "SignInSuccesses", dimensions: { UserPool: "us-east-1_abc", UserPoolClient: "client1" }, stat: "SampleCount", period: 300 });
        assert.deepStrictEqual([q.successes.metric.metricName, q.successes.metric.stat], ["SignInSuccesses", "Sum"]);
        assert.deepStrictEqual([alarm.threshold, alarm.evaluationPeriods], [20, 1]);
    });

    it("s3PrefixErrors: a request metrics configuration filtered on the prefix and 4xx / 5xx rate alarms on its FilterId", async () => {
        const result = await runInline(() => { new Alarms("ops").s3PrefixErrors("uploads", { bucketName: "vibe-assets", prefix: "user-uploads/" }); });
        const configuration = one(result, "aws:s3/bucketMetric:BucketMetric");
        assert.strictEqual(configuration.name, "ops-uploads");
        assert.deepStrictEqual(inputs(configuration), { bucket: "vibe-assets", name: "user-uploads", filter: { prefix: "user-uploads/" } });
        const alarms = Object.fromEntries(ofType(result, ALARM).map((a) => [a.name, inputs(a)]));
        assert.deepStrictEqual(Object.keys(alarms).sort(), ["ops-uploads-4xx", "ops-uploads-5xx"]);
        const q4 = queries(alarms["ops-uploads-4xx"]);
        assert.deepStrictEqual(q4.errors.metric, { namespace: "AWS/S3", metricName: "4xxErrors", dimensions: { BucketName: "vibe-assets", FilterId: "user-uploads" }, stat: "Sum", period: 60 });
        assert.strictEqual(q4.requests.metric.metricName, "AllRequests");
        assert.strictEqual(queries(alarms["ops-uploads-5xx"]).errors.metric.metricName, "5xxErrors");
        assert.deepStrictEqual([alarms["ops-uploads-4xx"].threshold, alarms["ops-uploads-5xx"].threshold], [10, 1]);
    });

    it("secretAge: the monitor's SecretAgeDays for one secret above maxAgeDays, read daily", async () => {
        const { alarm } = await withAlarm((a) => a.secretAge("mailgun-age", { monitor: "dn-secret-age", secret: "mailgun", maxAgeDays: 90 }));
        assert.deepStrictEqual([alarm.namespace, alarm.metricName, alarm.dimensions, alarm.statistic, alarm.period, alarm.threshold, alarm.comparisonOperator],
            ["Platform/Secrets", "SecretAgeDays", { Monitor: "dn-secret-age", Secret: "mailgun" }, "Maximum", 86400, 90, "GreaterThanThreshold"]);
        assert.match(alarm.alarmDescription, /mailgun not rotated for more than 90 days/);
    });

    it("lists the alarms it created, in order", async () => {
        let same = false;
        await runInline(() => {
            const a = new Alarms("ops");
            const created = [a.lambdaErrors("e", { functionName: "f" }), a.lambdaThrottles("t", { functionName: "f" })];
            same = a.alarms.length === 2 && a.alarms.every((x, i) => x === created[i]);
        });
        assert.ok(same, "alarms lists the created MetricAlarms");
    });

    it("records what each alarm watches: the helper and the metric definitions it reads", async () => {
        let watched: { name: string; helper: string; metrics: { namespace: string; metricName: string; dimensions: unknown; stat: string }[] }[] = [];
        await runInline(() => {
            const a = new Alarms("ops");
            a.natGatewayErrors("nat-0-errors", { natGatewayId: "nat-1" });
            a.p99Latency("lat", { namespace: "AWS/ApiGateway", metricName: "Latency", dimensions: { ApiName: "oauth" } });
            watched = a.watched.map(({ name, helper, metrics }) => ({ name, helper, metrics }));
        });
        assert.deepStrictEqual(watched.map((w) => [w.name, w.helper]), [["nat-0-errors", "natGatewayErrors"], ["lat", "p99Latency"]]);
        assert.deepStrictEqual(watched[0].metrics.map((m) => [m.namespace, m.metricName, m.dimensions, m.stat]), [
            ["AWS/NATGateway", "ErrorPortAllocation", { NatGatewayId: "nat-1" }, "Sum"], ["AWS/NATGateway", "PacketsDropCount", { NatGatewayId: "nat-1" }, "Sum"],
        ]);
        assert.deepStrictEqual(watched[1].metrics.map((m) => [m.metricName, m.stat]), [["Latency", "p99"]], "a single-metric alarm's percentile");
    });

    it("registers topicArn as its output", async () => {
        const result = await runInline(() => { new Alarms("ops"); });
        const outputs = result.resources.find((r) => r.type === "platform:monitoring:Alarms")!.outputs;
        assert.deepStrictEqual(outputs, { topicArn: one(result, TOPIC).outputs.arn });
    });

    describe("rejects bad arguments, naming the component and the argument", () => {
        it("an invalid email", async () => {
            await assert.rejects(runInline(() => { new Alarms("ops", { emails: ["not-an-email"] }); }), /Alarms "ops": argument emails\[0\]: got "not-an-email"; allowed: an email address/);
        });
        it("a duplicate email", async () => {
            await assert.rejects(runInline(() => { new Alarms("ops", { emails: ["a@b.co", "a@b.co"] }); }), /argument emails: .*distinct/);
        });
        const cases: [string, (a: Alarms) => void, RegExp][] = [
            ["a 0 % API threshold", (a) => a.apiGateway5xxRate("x", { apiName: "a", stage: "s", thresholdPercent: 0 }), /Alarms "ops": argument apiGateway5xxRate\("x"\).thresholdPercent: got 0; allowed: a percentage above 0 and at most 100/],
            ["a 150 % WAF threshold", (a) => a.wafBlockRate("x", { webAclName: "w", scope: "REGIONAL", thresholdPercent: 150 }), /argument wafBlockRate\("x"\).thresholdPercent: got 150/],
            ["a bad WAF scope", (a) => a.wafBlockRate("x", { webAclName: "w", scope: "GLOBAL" as "REGIONAL" }), /argument wafBlockRate\("x"\).scope: got "GLOBAL"/],
            ["a negative latency", (a) => a.p99Latency("x", { namespace: "n", metricName: "m", dimensions: {}, thresholdMs: -1 }), /argument p99Latency\("x"\).thresholdMs: got -1/],
            ["both database identifiers", (a) => a.databaseCpu("x", { clusterIdentifier: "c", dbInstanceIdentifier: "i" }), /argument databaseCpu\("x"\).clusterIdentifier\/dbInstanceIdentifier/],
            ["no database identifier", (a) => a.databaseCpu("x", {}), /exactly one of clusterIdentifier and dbInstanceIdentifier/],
            ["a 0 s timeout", (a) => a.lambdaTimeouts("x", { functionName: "f", timeoutSeconds: 0 }), /argument lambdaTimeouts\("x"\).timeoutSeconds: got 0/],
            ["a bucket size of 0 GiB", (a) => a.s3BucketSize("x", { bucketName: "b", thresholdGib: 0 }), /argument s3BucketSize\("x"\).thresholdGib: got 0/],
            ["an unknown storage type", (a) => a.s3BucketSize("x", { bucketName: "b", thresholdGib: 1, storageTypes: ["GLACIER_IR"] }), /argument s3BucketSize\("x"\).storageTypes: got \["GLACIER_IR"\]/],
            ["a fractional sign-in threshold", (a) => a.cognitoSignInFailures("x", { userPoolId: "p", clientId: "c", threshold: 2.5 }), /argument cognitoSignInFailures\("x"\).threshold: got 2.5/],
            ["a prefix without a trailing slash", (a) => a.s3PrefixErrors("x", { bucketName: "b", prefix: "uploads" }), /argument s3PrefixErrors\("x"\).prefix: got "uploads"; allowed: a key prefix ending in \//],
            ["a 0-day secret age", (a) => a.secretAge("x", { monitor: "m", secret: "s", maxAgeDays: 0 }), /argument secretAge\("x"\).maxAgeDays: got 0/],
            ["a 0-task minimum", (a) => a.ecsTaskFailures("x", { clusterName: "c", serviceName: "s", minimumRunningTasks: 0 }), /argument ecsTaskFailures\("x"\).minimumRunningTasks: got 0/],
        ];
        for (const [what, call, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => { call(new Alarms("ops")); }), message);
            });
        }
    });

    it("documents every argument in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("alarms"), interfaceProperties("alarms", "AlarmsArgs"));
    });
});
