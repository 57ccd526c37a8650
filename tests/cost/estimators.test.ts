/**
 * Each priced type's cost components from known inputs, at the pinned table's prices: the quantity
 * per month, the unit price, the monthly cost and whether it is fixed or usage.
 */
import * as assert from "assert";
import { parseUsageFile } from "../../engine/cost/usage";
import { costOf, estimate, rows, UNKNOWN, type Fixture } from "./support";

const usageOf = (resources: Record<string, Record<string, number>>, defaults: Record<string, Record<string, number>> = {}) =>
    parseUsageFile(JSON.stringify({ version: 1, defaults, resources }), "Pulumi.test.usage.yaml");

const T = {
    nat: "aws:ec2/natGateway:NatGateway",
    eip: "aws:ec2/eip:Eip",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    subnet: "aws:ec2/subnet:Subnet",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    service: "aws:ecs/service:Service",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    cluster: "aws:ecs/cluster:Cluster",
    fn: "aws:lambda/function:Function",
    rds: "aws:rds/instance:Instance",
    aurora: "aws:rds/cluster:Cluster",
    auroraInstance: "aws:rds/clusterInstance:ClusterInstance",
    table: "aws:dynamodb/table:Table",
    bucket: "aws:s3/bucket:Bucket",
    key: "aws:kms/key:Key",
    secret: "aws:secretsmanager/secret:Secret",
    acl: "aws:wafv2/webAcl:WebAcl",
    pool: "aws:cognito/userPool:UserPool",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    logs: "aws:cloudwatch/logGroup:LogGroup",
} as const;

const managed = (name: string) => ({ name, statement: { managedRuleGroupStatement: { name, vendorName: "AWS" } } });

describe("cost estimators: components from known inputs", () => {
    it("NAT gateway: 730 hours fixed, data processed from usage; its Elastic IP: 730 public IPv4 hours", () => {
        const fixtures: Fixture[] = [{ type: T.nat, name: "nat", props: { connectivityType: "public", subnetId: UNKNOWN } }, { type: T.eip, name: "nat", props: { domain: "vpc" } }];
        const usage = usageOf({ [`${T.nat}::nat`]: { dataProcessedGb: 100 } });
        const nat = estimate(fixtures, usage).resources.find((r) => r.type === T.nat)!;
        assert.deepStrictEqual(rows(nat), [["NAT gateway hours", 730, 0.045, 32.85, "fixed"], ["NAT data processed", 100, 0.045, 4.5, "usage"]]);
        assert.deepStrictEqual([nat.fixed, nat.usage, nat.monthly], [32.85, 4.5, 37.35]);
        const eip = estimate(fixtures).resources.find((r) => r.type === T.eip)!;
        assert.deepStrictEqual(rows(eip), [["public IPv4 address hours", 730, 0.005, 3.65, "fixed"]]);
    });

    it("interface endpoint: one AZ-hour per subnet, counted from its subnets when their ids are unknown; a gateway endpoint is free", () => {
        const subnets: Fixture[] = ["a", "b", "c"].map((az) => ({ type: T.subnet, name: `private-${az}` }));
        const known = costOf([{ type: T.endpoint, name: "sm", props: { vpcEndpointType: "Interface", subnetIds: ["subnet-1", "subnet-2", "subnet-3"] } }], "sm");
        assert.deepStrictEqual(rows(known), [["interface endpoint AZ-hours (3 AZs)", 2190, 0.01, 21.9, "fixed"]]);
        const preview = costOf([...subnets.slice(0, 2), { type: T.endpoint, name: "kms", props: { vpcEndpointType: "Interface", subnetIds: UNKNOWN }, deps: { subnetIds: ["private-a", "private-b"] } }], "kms");
        assert.deepStrictEqual(rows(preview), [["interface endpoint AZ-hours (2 AZs)", 1460, 0.01, 14.6, "fixed"]]);
        const gateway = costOf([{ type: T.endpoint, name: "s3", props: { vpcEndpointType: "Gateway" } }], "s3");
        assert.deepStrictEqual([gateway.status, gateway.monthly], ["free", 0]);
        assert.match(gateway.reason!, /gateway endpoints .* are free/);
    });

    it("load balancers: ALB and NLB hours fixed, capacity units from the usage file's average LCUs", () => {
        const alb = costOf([{ type: T.lb, name: "alb", props: { loadBalancerType: "application" } }], "alb", usageOf({ alb: { averageLcus: 2 } }));
        assert.deepStrictEqual(rows(alb), [["ALB hours", 730, 0.0225, 16.425, "fixed"], ["LCU hours", 1460, 0.008, 11.68, "usage"]]);
        const nlb = costOf([{ type: T.lb, name: "nlb", props: { loadBalancerType: "network" } }], "nlb");
        assert.deepStrictEqual(rows(nlb), [["NLB hours", 730, 0.0225, 16.425, "fixed"]]);
    });

    it("Fargate service: desired tasks x task size from its task definition, x86 and arm64 rates; autoscaled tasks above it from usage", () => {
        const svc = (arch: string): Fixture[] => [
            { type: T.taskDef, name: "task", props: { cpu: "512", memory: "1024", runtimePlatform: { cpuArchitecture: arch } } },
            { type: T.service, name: "svc", props: { launchType: "FARGATE", desiredCount: 2, taskDefinition: UNKNOWN }, deps: { taskDefinition: ["task"] } },
        ];
        assert.deepStrictEqual(rows(costOf(svc("X86_64"), "svc")), [
            ["Fargate x86 vCPU hours (2 tasks x 0.5 vCPU)", 730, 0.04048, 29.5504, "fixed"],
            ["Fargate x86 memory GB-hours (2 x 1 GB)", 1460, 0.004445, 6.4897, "fixed"],
        ]);
        const arm = costOf(svc("ARM64"), "svc", usageOf({ svc: { additionalTasks: 1 } }));
        assert.deepStrictEqual(rows(arm), [
            ["Fargate arm64 vCPU hours (2 tasks x 0.5 vCPU)", 730, 0.03238, 23.6374, "fixed"],
            ["Fargate arm64 memory GB-hours (2 x 1 GB)", 1460, 0.00356, 5.1976, "fixed"],
            ["Fargate vCPU hours above desiredCount", 365, 0.03238, 11.8187, "usage"],
            ["Fargate memory GB-hours above desiredCount", 730, 0.00356, 2.5988, "usage"],
        ]);
        const taskDef = estimate(svc("X86_64")).resources.find((r) => r.type === T.taskDef)!;
        assert.strictEqual(taskDef.status, "free", "the task definition is billed through its service, not twice");
    });

    it("Fargate service with public IPs (public subnets, no NAT): one public IPv4 address per task, autoscaled ones from usage", () => {
        const fixtures = (assignPublicIp: boolean): Fixture[] => [
            { type: T.taskDef, name: "task", props: { cpu: "256", memory: "512", runtimePlatform: { cpuArchitecture: "X86_64" } } },
            { type: T.service, name: "svc", props: { launchType: "FARGATE", desiredCount: 2, taskDefinition: UNKNOWN, networkConfiguration: { assignPublicIp } }, deps: { taskDefinition: ["task"] } },
        ];
        const ipv4 = (r: ReturnType<typeof costOf>) => rows(r).filter((row) => String(row[0]).startsWith("public IPv4"));
        assert.deepStrictEqual(ipv4(costOf(fixtures(true), "svc", usageOf({ svc: { additionalTasks: 0.5 } }))), [
            ["public IPv4 address hours (2 tasks)", 1460, 0.005, 7.3, "fixed"],
            ["public IPv4 address hours above desiredCount", 365, 0.005, 1.825, "usage"],
        ]);
        assert.deepStrictEqual(ipv4(costOf(fixtures(false), "svc")), [], "private tasks have no public address");
    });

    it("Lambda: requests and GB-seconds from usage at the function's architecture and memory", () => {
        const fn = costOf([{ type: T.fn, name: "fn", props: { memorySize: 512, architectures: ["arm64"] } }], "fn", usageOf({}, { [T.fn]: { requestsPerMonth: 2_000_000, averageDurationMs: 100 } }));
        assert.deepStrictEqual(rows(fn), [["requests", 2, 0.2, 0.4, "usage"], ["duration (arm64, 512 MB)", 100_000, 0.0000133334, 1.33334, "usage"]]);
        const idle = costOf([{ type: T.fn, name: "fn", props: { memorySize: 512 } }], "fn");
        assert.deepStrictEqual([idle.status, idle.monthly], ["priced", 0], "no usage file: a function costs nothing before traffic");
    });

    it("RDS for PostgreSQL: the class's hourly price and gp3 storage, both doubled by Multi-AZ", () => {
        const db = (multiAz: boolean): Fixture[] => [{ type: T.rds, name: "db", props: { engine: "postgres", instanceClass: "db.t3.medium", multiAz, allocatedStorage: 100, storageType: "gp3" } }];
        assert.deepStrictEqual(rows(costOf(db(false), "db")), [["db.t3.medium instance hours (single-AZ)", 730, 0.072, 52.56, "fixed"], ["gp3 storage (100 GB, single-AZ)", 100, 0.115, 11.5, "fixed"]]);
        assert.deepStrictEqual(rows(costOf(db(true), "db")), [["db.t3.medium instance hours (Multi-AZ)", 730, 0.144, 105.12, "fixed"], ["gp3 storage (100 GB, Multi-AZ)", 100, 0.23, 23, "fixed"]]);
        const mysql = costOf([{ type: T.rds, name: "db", props: { engine: "mysql", instanceClass: "db.t3.medium" } }], "db");
        assert.strictEqual(mysql.status, "unpriced");
        assert.match(mysql.reason!, /only RDS for PostgreSQL/);
    });

    it("Aurora Serverless v2: each instance bills the cluster's minimum ACUs (none at 0, which pauses); storage and I/O on the cluster from usage", () => {
        const aurora = (min: number): Fixture[] => [
            { type: T.aurora, name: "db", props: { engine: "aurora-postgresql", serverlessv2ScalingConfiguration: { minCapacity: min, maxCapacity: 8 } } },
            { type: T.auroraInstance, name: "db-1", props: { instanceClass: "db.serverless", clusterIdentifier: UNKNOWN }, deps: { clusterIdentifier: ["db"] } },
            { type: T.auroraInstance, name: "db-2", props: { instanceClass: "db.serverless", clusterIdentifier: UNKNOWN }, deps: { clusterIdentifier: ["db"] } },
        ];
        const prod = estimate(aurora(0.5), usageOf({ db: { storageGb: 50, ioRequestsMillions: 10 }, "db-1": { averageAcu: 1 } }));
        const by = (n: string) => rows(prod.resources.find((r) => r.name === n)!);
        assert.deepStrictEqual(by("db-1"), [["Serverless v2 minimum capacity (0.5 ACU)", 365, 0.12, 43.8, "fixed"], ["Serverless v2 capacity above the minimum", 730, 0.12, 87.6, "usage"]]);
        assert.deepStrictEqual(by("db-2"), [["Serverless v2 minimum capacity (0.5 ACU)", 365, 0.12, 43.8, "fixed"]]);
        assert.deepStrictEqual(by("db"), [["Aurora storage", 50, 0.1, 5, "usage"], ["Aurora I/O", 10, 0.2, 2, "usage"]]);
        const dev = estimate(aurora(0));
        assert.strictEqual(dev.fixed, 0, "a cluster that scales to zero has no fixed capacity cost");
    });

    it("DynamoDB on demand: request units, storage and point-in-time recovery from usage", () => {
        const t = costOf([{ type: T.table, name: "t", props: { billingMode: "PAY_PER_REQUEST", pointInTimeRecovery: { enabled: true } } }], "t",
            usageOf({ t: { writeRequestUnits: 4_000_000, readRequestUnits: 10_000_000, storageGb: 10 } }));
        assert.deepStrictEqual(rows(t), [
            ["write request units", 4, 0.625, 2.5, "usage"], ["read request units", 10, 0.125, 1.25, "usage"],
            ["storage", 10, 0.25, 2.5, "usage"], ["point-in-time recovery", 10, 0.2, 2, "usage"],
        ]);
        const provisioned = costOf([{ type: T.table, name: "t", props: { billingMode: "PROVISIONED" } }], "t");
        assert.strictEqual(provisioned.status, "unpriced");
    });

    it("S3, ECR, Backup, CloudFront, API Gateway, SNS, SQS, Cognito: usage only", () => {
        const cases: [Fixture, Record<string, number>, unknown[][]][] = [
            [{ type: T.bucket, name: "b" }, { storageGb: 100, putRequests: 10_000, getRequests: 1_000_000 },
                [["Standard storage", 100, 0.023, 2.3, "usage"], ["PUT/COPY/POST/LIST requests", 10, 0.005, 0.05, "usage"], ["GET requests", 1000, 0.0004, 0.4, "usage"]]],
            [{ type: "aws:ecr/repository:Repository", name: "r" }, { storageGb: 5 }, [["image storage", 5, 0.1, 0.5, "usage"]]],
            [{ type: "aws:backup/vault:Vault", name: "v" }, { dynamodbBackupGb: 20 }, [["DynamoDB backup storage", 20, 0.1, 2, "usage"]]],
            [{ type: "aws:cloudfront/distribution:Distribution", name: "cdn" }, { dataTransferOutGb: 100, httpsRequests: 1_000_000 },
                [["data transfer out", 100, 0.085, 8.5, "usage"], ["HTTPS requests", 100, 0.01, 1, "usage"]]],
            [{ type: "aws:apigateway/restApi:RestApi", name: "api" }, { requestsPerMonth: 2_000_000 }, [["REST API requests", 2, 3.5, 7, "usage"]]],
            [{ type: "aws:sns/topic:Topic", name: "topic" }, { emailNotifications: 100_000 }, [["email notifications", 1, 2, 2, "usage"]]],
            [{ type: "aws:sqs/queue:Queue", name: "q", props: { fifoQueue: true } }, { requestsPerMonth: 3_000_000 }, [["FIFO queue requests", 3, 0.5, 1.5, "usage"]]],
            [{ type: T.pool, name: "users", props: { userPoolTier: "ESSENTIALS" } }, { monthlyActiveUsers: 1000 }, [["monthly active users (essentials)", 1000, 0.015, 15, "usage"]]],
            [{ type: T.pool, name: "users", props: { userPoolTier: "LITE" } }, { monthlyActiveUsers: 1000 }, [["monthly active users (lite)", 1000, 0.0055, 5.5, "usage"]]],
        ];
        for (const [fixture, given, expected] of cases) assert.deepStrictEqual(rows(costOf([fixture], fixture.name, usageOf({ [fixture.name]: given }))), expected, fixture.type);
    });

    it("KMS keys and secrets: a month each, fixed; requests and rotations from usage", () => {
        const key = costOf([{ type: T.key, name: "k" }], "k", usageOf({ k: { requestsPerMonth: 100_000, rotatedVersions: 1 } }));
        assert.deepStrictEqual(rows(key), [["customer managed key", 1, 1, 1, "fixed"], ["rotated key versions", 1, 1, 1, "usage"], ["requests", 10, 0.03, 0.3, "usage"]]);
        assert.deepStrictEqual(rows(costOf([{ type: T.secret, name: "s" }], "s")), [["secret", 1, 0.4, 0.4, "fixed"]]);
    });

    it("WAF web ACL: the ACL and each rule or rule group, Bot Control's subscription when the ACL uses it; requests from usage", () => {
        const rules = [managed("AWSManagedRulesCommonRuleSet"), { name: "rate", statement: { rateBasedStatement: { limit: 1000 } } }, managed("AWSManagedRulesSQLiRuleSet")];
        assert.deepStrictEqual(rows(costOf([{ type: T.acl, name: "acl", props: { rules } }], "acl", usageOf({ acl: { requestsPerMonth: 5_000_000 } }))), [
            ["web ACL", 1, 5, 5, "fixed"], ["rules and rule groups (3)", 3, 1, 3, "fixed"], ["requests inspected", 5, 0.6, 3, "usage"],
        ]);
        const bot = costOf([{ type: T.acl, name: "acl", props: { rules: [...rules, managed("AWSManagedRulesBotControlRuleSet")] } }], "acl");
        assert.deepStrictEqual(rows(bot), [["web ACL", 1, 5, 5, "fixed"], ["rules and rule groups (4)", 4, 1, 4, "fixed"], ["Bot Control subscription", 1, 10, 10, "fixed"]]);
    });

    it("CloudWatch: an alarm per metric it evaluates (metric math pays for each), high resolution at its rate; dashboards; log groups from usage and retention", () => {
        const single = costOf([{ type: T.alarm, name: "a", props: { metricName: "Errors", period: 60 } }], "a");
        assert.deepStrictEqual(rows(single), [["alarm metrics (1)", 1, 0.1, 0.1, "fixed"]]);
        const math = costOf([{ type: T.alarm, name: "a", props: { metricQueries: [{ id: "e", metric: { metricName: "5XXError" } }, { id: "c", metric: { metricName: "Count" } }, { id: "rate", expression: "e / c" }] } }], "a");
        assert.deepStrictEqual(rows(math), [["alarm metrics (2)", 2, 0.1, 0.2, "fixed"]]);
        const fast = costOf([{ type: T.alarm, name: "a", props: { metricName: "Errors", period: 10 } }], "a");
        assert.deepStrictEqual(rows(fast), [["alarm metrics (1, high resolution)", 1, 0.3, 0.3, "fixed"]]);
        assert.deepStrictEqual(rows(costOf([{ type: "aws:cloudwatch/dashboard:Dashboard", name: "d" }], "d")), [["dashboard", 1, 3, 3, "fixed"]]);
        const logs = costOf([{ type: T.logs, name: "lg", props: { retentionInDays: 90 } }], "lg", usageOf({ lg: { ingestedGbPerMonth: 2 } }));
        assert.deepStrictEqual(rows(logs), [["ingestion", 2, 0.5, 1, "usage"], ["storage", 6, 0.03, 0.18, "usage"]]);
    });

    it("S3 request metrics publish 16 CloudWatch metrics; an API stage is free unless it has a cache cluster; a hosted zone is $0.50", () => {
        assert.deepStrictEqual(rows(costOf([{ type: "aws:s3/bucketMetric:BucketMetric", name: "m" }], "m")), [["S3 request metrics (16)", 16, 0.3, 4.8, "fixed"]]);
        assert.strictEqual(costOf([{ type: "aws:apigateway/stage:Stage", name: "s" }], "s").status, "free");
        assert.strictEqual(costOf([{ type: "aws:apigateway/stage:Stage", name: "s", props: { cacheClusterEnabled: true } }], "s").status, "unpriced");
        assert.deepStrictEqual(rows(costOf([{ type: "aws:route53/zone:Zone", name: "z" }], "z")), [["hosted zone", 1, 0.5, 0.5, "fixed"]]);
    });
});
