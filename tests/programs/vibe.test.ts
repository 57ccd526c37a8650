/**
 * Vibe (seed 003) under the offline engine: the real stack files, only the vibe system.
 * Asserts the seed's parts by type and key inputs, and what differs between dev and prod.
 * The committed dev stack runs without the shared web ACLs (`platform:firewall.enabled: false`):
 * what the system does with them is asserted on prod and on dev with the firewall on (`devWaf`).
 */
import * as assert from "assert";
import type { RunResult } from "../../engine/run";
import { ungraphedAlarmMetrics, unlistedAlarms } from "../support/dashboards";
import { NO_WAF, sharedAcl, wafFootprint } from "../support/firewalls";
import { keyCoverage, systemKeys } from "../support/keys";
import { inputs, one, ofType, policyDocument } from "../support/records";
import { runSystem, systemRuns, systemRunsWithFirewall } from "../support/stacks";

const BUCKET = "aws:s3/bucket:Bucket";
const DB = "aws:rds/instance:Instance";
const NETWORK = "platform:network:Network";
const ALB = "aws:lb/loadBalancer:LoadBalancer";
const TARGETS = "aws:lb/targetGroup:TargetGroup";
const LISTENER = "aws:lb/listener:Listener";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const REPOSITORY = "aws:ecr/repository:Repository";

/** The backend's container definition, parsed from its task definition. */
function container(result: RunResult): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return JSON.parse(inputs(one(result, TASK)).containerDefinitions)[0];
}

describe("Vibe program", function () {
    this.timeout(60_000);
    let dev: RunResult;
    let prod: RunResult;
    /** The dev stack with `platform:firewall.enabled` on (the committed one has it off). */
    let devWaf: RunResult;

    before(async () => {
        ({ dev, prod } = await systemRuns("vibe"));
        ({ dev: devWaf } = await systemRunsWithFirewall("vibe"));
    });

    it("runs in preview mode in both stacks", async () => {
        for (const stack of ["dev", "prod"] as const) {
            const result = await runSystem("vibe", stack, "preview");
            assert.ifError(result.error);
            assert.strictEqual(ofType(result, DB).length, 1, `${stack}: a database is planned`);
        }
    });

    it("builds the seed's VPC: 10.0.0.0/16 over 2 AZs with the seed's public and private subnets plus isolated ones for the database; no NAT in dev (public tasks), one per AZ in prod", () => {
        for (const [result, natCount] of [[dev, 0], [prod, 2]] as const) {
            assert.strictEqual(inputs(one(result, "aws:ec2/vpc:Vpc", "vibe-network")).cidrBlock, "10.0.0.0/16");
            const cidrs = (tier: string) => ofType(result, "aws:ec2/subnet:Subnet").filter((s) => s.name.startsWith(`vibe-network-${tier}-`)).map((s) => inputs(s).cidrBlock);
            assert.deepStrictEqual(cidrs("public"), ["10.0.1.0/24", "10.0.2.0/24"], "the seed's public subnets");
            assert.deepStrictEqual(cidrs("private"), ["10.0.11.0/24", "10.0.12.0/24"], "the seed's private subnets");
            assert.deepStrictEqual(cidrs("isolated"), ["10.0.21.0/24", "10.0.22.0/24"], "the database's subnets, no route out");
            assert.strictEqual(ofType(result, "aws:ec2/natGateway:NatGateway").length, natCount, `${result.stack}: NAT gateways`);
        }
        assert.ok(ofType(prod, "aws:ec2/flowLog:FlowLog").length === 1, "flow logs");
    });

    it("keeps images in a versioned, KMS-encrypted bucket whose old versions expire after 30 days", () => {
        for (const result of [dev, prod]) {
            const bucket = one(result, BUCKET, "vibe-assets");
            assert.strictEqual(inputs(bucket).bucket, undefined, "auto-named: bucket names are global");
            assert.strictEqual(inputs(one(result, "aws:s3/bucketVersioning:BucketVersioning", "vibe-assets-versioning")).versioningConfiguration.status, "Enabled");
            const rules = inputs(one(result, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "vibe-assets-lifecycle")).rules;
            assert.strictEqual(rules[0].noncurrentVersionExpiration.noncurrentDays, 30, `${result.stack}: the seed's 30 days`);
            const sse = inputs(one(result, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "vibe-assets-encryption"));
            assert.strictEqual(sse.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
        }
    });

    it("replaces the seed's CORS wildcard with the stack's origins", () => {
        const rule = (r: RunResult) => inputs(one(r, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration")).corsRules[0];
        assert.deepStrictEqual(rule(dev).allowedOrigins, ["https://dev.example.com", "http://localhost:3000"]);
        assert.deepStrictEqual(rule(prod).allowedOrigins, ["https://app.example.com", "https://www.example.com"]);
        assert.ok(!rule(prod).allowedOrigins.includes("*"));
        assert.deepStrictEqual(rule(prod).allowedMethods, ["GET", "PUT", "POST", "DELETE"]);
    });

    it("lets the backend's task role sign uploads for exactly the seed's four prefixes", () => {
        const taskRoleName = one(dev, "aws:iam/role:Role", "vibe-api-task").outputs.name;
        const bucketArn = one(dev, BUCKET, "vibe-assets").outputs.arn as string;
        const grants = ofType(dev, "aws:iam/rolePolicy:RolePolicy").filter((p) => inputs(p).role === taskRoleName);
        const resources = grants.flatMap((g) => policyDocument(g).Statement.filter((s) => s.Sid === "ObjectsUnderPrefix").map((s) => s.Resource)).sort();
        assert.deepStrictEqual(resources, ["activity-images/", "profile-pictures/", "user-uploads/", "vibe-stories/"].map((p) => `${bucketArn}/${p}*`));
    });

    it("serves the bucket through CloudFront (OAC) with 1-year caching for images, behind the stack's shared CloudFront WAF wherever the firewall is on", () => {
        const distribution = inputs(one(dev, DISTRIBUTION));
        const ttl = (id: string) => inputs(ofType(dev, "aws:cloudfront/cachePolicy:CachePolicy").find((p) => p.id === id)!).defaultTtl;
        const images = Object.fromEntries(distribution.orderedCacheBehaviors.map((b: { pathPattern: string; cachePolicyId: string }) => [b.pathPattern, ttl(b.cachePolicyId)]));
        assert.deepStrictEqual(images, { "/profile-pictures/*": 31536000, "/activity-images/*": 31536000, "/vibe-stories/images/*": 31536000 });
        assert.ok(distribution.origins[0].originAccessControlId, "OAC");
        assert.ok([distribution.defaultCacheBehavior, ...distribution.orderedCacheBehaviors].every((b) => b.viewerProtocolPolicy === "redirect-to-https"));
        const statements = policyDocument(one(dev, "aws:s3/bucketPolicy:BucketPolicy", "vibe-assets-policy")).Statement;
        assert.deepStrictEqual(statements.filter((s) => s.Effect === "Allow").map((s) => s.Condition.StringEquals["aws:SourceArn"]), [one(dev, DISTRIBUTION).outputs.arn]);
        for (const [result, bot] of [[devWaf, false], [prod, true]] as const) {
            const acl = sharedAcl(result, "CLOUDFRONT");
            assert.match(acl.provider ?? "", /::platform-us-east-1::/);
            assert.strictEqual(inputs(one(result, DISTRIBUTION)).webAclId, acl.outputs.arn);
            assert.strictEqual(inputs(acl).rules.some((r: { name: string }) => /BotControl/.test(r.name)), bot, `bot control in ${result.stack}: ${bot}`);
        }
        assert.strictEqual(distribution.webAclId, undefined, "committed dev: no web ACL");
    });

    it("runs PostgreSQL 16 on gp3 with storage autoscaling, encrypted, private, TLS-only, sized and protected from config", () => {
        const db = inputs(one(prod, DB));
        assert.strictEqual(db.engine, "postgres");
        assert.strictEqual(db.engineVersion, "16");
        assert.strictEqual(db.instanceClass, "db.t3.medium");
        assert.strictEqual(db.storageType, "gp3");
        assert.strictEqual(db.allocatedStorage, 100);
        assert.ok(db.maxAllocatedStorage > db.allocatedStorage, "storage autoscaling");
        assert.strictEqual(db.storageEncrypted, true);
        assert.strictEqual(db.publiclyAccessible, false);
        assert.strictEqual(db.manageMasterUserPassword, true, "password kept by RDS in Secrets Manager");
        const params = inputs(one(prod, "aws:rds/parameterGroup:ParameterGroup")).parameters;
        assert.ok(params.some((p: { name: string; value: string }) => p.name === "rds.force_ssl" && p.value === "1"), "TLS required");
        const isolated = one(prod, NETWORK, "vibe-network").outputs.isolatedSubnetIds;
        assert.deepStrictEqual(inputs(one(prod, "aws:rds/subnetGroup:SubnetGroup")).subnetIds, isolated, "database in the isolated subnets");

        const devDb = inputs(one(dev, DB));
        assert.deepStrictEqual([db.multiAz, devDb.multiAz], [true, false], "Multi-AZ in prod only");
        assert.deepStrictEqual([db.deletionProtection, devDb.deletionProtection], [true, false]);
        assert.deepStrictEqual([db.backupRetentionPeriod >= 7, devDb.backupRetentionPeriod], [true, 1]);
        assert.deepStrictEqual([db.skipFinalSnapshot, devDb.skipFinalSnapshot], [false, true]);
        assert.deepStrictEqual([db.instanceClass, devDb.instanceClass], ["db.t3.medium", "db.t4g.micro"]);
    });

    it("admits only the backend's security group to the database", () => {
        const dbGroup = one(dev, "aws:ec2/securityGroup:SecurityGroup", "vibe-db-db");
        const ingress = ofType(dev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => inputs(r).securityGroupId === dbGroup.id);
        assert.deepStrictEqual(ingress.map((r) => inputs(r).referencedSecurityGroupId), [one(dev, "aws:ec2/securityGroup:SecurityGroup", "vibe-api-tasks").id]);
        assert.ok(ingress.every((r) => inputs(r).cidrIpv4 === undefined), "no CIDR ingress");
    });

    it("runs the dev tasks in the public subnets with public IPs and no NAT (platform:vibe.taskSubnets), still reachable only from the load balancer", () => {
        const service = inputs(one(dev, SERVICE));
        assert.deepStrictEqual(service.networkConfiguration.subnets, one(dev, NETWORK, "vibe-network").outputs.publicSubnetIds, "dev: public subnets");
        assert.strictEqual(service.networkConfiguration.assignPublicIp, true, "dev: a public IP per task");
        for (const result of [dev, prod]) {
            const tasks = ofType(result, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.id === inputs(one(result, SERVICE)).networkConfiguration.securityGroups[0])!;
            const albGroup = one(result, "aws:ec2/securityGroup:SecurityGroup", "vibe-api-alb");
            assert.deepStrictEqual(inputs(tasks).ingress.map((r: { securityGroups?: string[]; cidrBlocks?: string[] }) => [r.securityGroups, r.cidrBlocks]), [[[albGroup.id], undefined]],
                `${result.stack}: the tasks admit only the load balancer`);
        }
    });

    it("refuses public task subnets in a production environment, naming the key", async () => {
        const result = await runSystem("vibe", "prod", "preview", { "platform:vibe": '{"taskSubnets":"public"}' });
        assert.match(String(result.error?.message), /platform:vibe\.taskSubnets: got "public"; allowed: private in prod/);
        assert.deepStrictEqual(result.resources.filter((r) => r.type !== "pulumi:pulumi:Stack"), [], "nothing registered");
    });

    it("runs the backend on Fargate in private subnets behind an ALB checking /api/health, scaling between the configured task counts", () => {
        const alb = inputs(one(prod, ALB));
        const targets = inputs(one(prod, TARGETS));
        assert.strictEqual(targets.healthCheck.path, "/api/health");
        assert.strictEqual(targets.port, 3000);
        const service = inputs(one(prod, SERVICE));
        assert.deepStrictEqual(service.networkConfiguration.subnets, one(prod, NETWORK, "vibe-network").outputs.privateSubnetIds);
        assert.strictEqual(service.networkConfiguration.assignPublicIp, false);
        const scaling = (r: RunResult) => inputs(one(r, "aws:appautoscaling/target:Target"));
        assert.deepStrictEqual([scaling(prod).minCapacity, scaling(prod).maxCapacity], [2, 4]);
        assert.deepStrictEqual([scaling(dev).minCapacity, scaling(dev).maxCapacity], [1, 2]);
        assert.deepStrictEqual([inputs(one(dev, TASK)).cpu, inputs(one(prod, TASK)).cpu], ["256", "512"]);
        assert.deepStrictEqual([inputs(one(dev, ALB)).enableDeletionProtection, alb.enableDeletionProtection], [false, true]);
    });

    it("keeps the backend's images in its own ECR repository: immutable tags, scan on push, KMS, expiring old images; force-deleted only in dev", () => {
        for (const [result, forceDelete] of [[dev, true], [prod, false]] as const) {
            const repo = inputs(one(result, REPOSITORY, "vibe-backend"));
            assert.strictEqual(repo.imageTagMutability, "IMMUTABLE");
            assert.deepStrictEqual(repo.imageScanningConfiguration, { scanOnPush: true });
            assert.deepStrictEqual(repo.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: one(result, "aws:kms/key:Key", "vibe-backend-key").outputs.arn }]);
            assert.strictEqual(repo.forceDelete, forceDelete, `${result.stack}: forceDelete from platform:storage.forceDestroy`);
            const rules = JSON.parse(inputs(one(result, "aws:ecr/lifecyclePolicy:LifecyclePolicy", "vibe-backend-lifecycle")).policy).rules;
            assert.deepStrictEqual(rules.map((r: { selection: { tagStatus: string; countNumber: number } }) => [r.selection.tagStatus, r.selection.countNumber]), [["untagged", 7], ["tagged", 30]]);
        }
        assert.strictEqual(ofType(prod, "aws:ecr/repositoryPolicy:RepositoryPolicy").length, 0, "no push principals configured: no repository policy");
    });

    it("runs the tag the pipeline sets in platform:vibe.imageTag, and lets only the configured CI roles push", async () => {
        const ci = "arn:aws:iam::123456789012:role/vibe-ci";
        const result = await runSystem("vibe", "prod", "apply", { "platform:vibe": JSON.stringify({ apiDomainName: "api.example.com", apiCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", imageTag: "3f2a9c1", imagePushRoleArns: [ci] }) });
        assert.ifError(result.error);
        assert.match(container(result).image, /vibe-backend-[0-9a-f]{7}:3f2a9c1$/);
        assert.strictEqual(inputs(one(result, SERVICE)).waitForSteadyState, true, "a real tag is waited for");
        const pushers = policyDocument(one(result, "aws:ecr/repositoryPolicy:RepositoryPolicy")).Statement.flatMap((st) => [st.Principal?.AWS].flat());
        assert.deepStrictEqual([...new Set(pushers)], [ci]);
    });

    it("runs the image from that repository, which the execution role may pull, and exports the repository's URL", async () => {
        const image = container(prod).image;
        // Tags are immutable: the declared task definition runs the pipeline's first push, never a moving `latest`.
        assert.match(String(one(prod, REPOSITORY).outputs.repositoryUrl), /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\//);
        assert.strictEqual(image, `${String(one(prod, REPOSITORY).outputs.repositoryUrl)}:bootstrap`, "the default platform:vibe.imageTag");
        assert.strictEqual(inputs(one(prod, SERVICE)).waitForSteadyState, false, "no image behind the bootstrap tag yet: the first up does not wait");
        const preview = await runSystem("vibe", "prod", "preview");
        assert.ifError(preview.error);
        const repoUrn = one(preview, REPOSITORY, "vibe-backend").urn;
        assert.ok(one(preview, TASK).propertyDependencies.containerDefinitions.includes(repoUrn), "the task definition's image comes from the repository");
        const pull = policyDocument(one(prod, "aws:iam/rolePolicy:RolePolicy", "vibe-api-execution")).Statement.find((s) => s.Sid === "PullOwnImages")!;
        const repoArn = String(one(prod, REPOSITORY).outputs.arn);
        assert.ok(repoArn.startsWith(String(pull.Resource).replace(/\*$/, "")), `${repoArn} is within ${String(pull.Resource)}`);
        assert.ok(pull.Action.includes("ecr:BatchGetImage") && pull.Action.includes("ecr:GetDownloadUrlForLayer"));
        const stack = preview.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
        assert.ok("apiImageRepository" in (stack.outputs.vibe as Record<string, unknown>), "exported (computed by ECR, so unknown in preview)");
    });

    it("gives the container its database credentials and API keys from Secrets Manager, never as plain values", () => {
        const app = container(prod);
        const secrets = Object.fromEntries(app.secrets.map((s: { name: string; valueFrom: string }) => [s.name, s.valueFrom]));
        const dbSecretArn = (prod.outputs.vibe as Record<string, string>).databaseSecretArn;
        assert.match(dbSecretArn, /^arn:aws:secretsmanager:.*:secret:rds!/, "the RDS-managed master secret");
        assert.strictEqual(secrets.DB_USERNAME, `${dbSecretArn}:username::`);
        assert.strictEqual(secrets.DB_PASSWORD, `${dbSecretArn}:password::`);
        assert.strictEqual(secrets.CLAUDE_API_KEY, `${one(prod, "aws:secretsmanager/secret:Secret", "vibe-app-secrets").outputs.arn as string}:CLAUDE_API_KEY::`);
        const env = Object.fromEntries(app.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
        assert.ok(!Object.keys(env).some((k) => /SECRET|PASSWORD|TOKEN|API_KEY|ACCESS_KEY/.test(k)), `no secret-looking plain variables: ${Object.keys(env).join(", ")}`);
        assert.strictEqual(env.DB_HOST, one(prod, DB).outputs.address);
        assert.strictEqual(env.S3_BUCKET_NAME, one(prod, BUCKET, "vibe-assets").outputs.bucket);
        const execution = policyDocument(one(prod, "aws:iam/rolePolicy:RolePolicy", "vibe-api-execution")).Statement;
        const readable = execution.find((s) => s.Sid === "ReadOwnSecrets")!.Resource;
        assert.deepStrictEqual([...readable].sort(), [dbSecretArn, one(prod, "aws:secretsmanager/secret:Secret", "vibe-app-secrets").outputs.arn].sort());
    });

    it("encrypts every log group and the alarm topic with one logs key; the bucket, secret, repository and database keep their own", () => {
        for (const result of [dev, prod]) {
            assert.deepStrictEqual(systemKeys(result, "vibe"), ["vibe-app-secrets-key", "vibe-assets-key", "vibe-backend-key", "vibe-db-key", "vibe-logs-key"]);
            const { problems, users } = keyCoverage(result);
            assert.deepStrictEqual(problems, [], `${result.stack}: every key allows the services that use it`);
            for (const part of ["vibe-network-flow-logs", "vibe-api-logs", "vibe-secret-age", "vibe-alarms-topic"]) {
                assert.ok(users["vibe-logs-key"].some((u) => u.includes(part)), `${result.stack}: ${part} on the logs key (${users["vibe-logs-key"].join(", ")})`);
            }
            assert.strictEqual(inputs(one(result, REPOSITORY)).encryptionConfigurations[0].kmsKey, one(result, "aws:kms/key:Key", "vibe-backend-key").outputs.arn, "a changed key would replace the repository");
            assert.strictEqual(inputs(one(result, DB)).kmsKeyId, one(result, "aws:kms/key:Key", "vibe-db-key").outputs.arn, "a changed key would replace the database");
        }
    });

    it("raises the seed's alarms: API error rate above 5 %, database CPU above 80 %, task failures", () => {
        const alarm = (name: string) => inputs(one(prod, ALARM, `vibe-alarms-${name}`));
        assert.strictEqual(alarm("vibe-api-error-rate").threshold, 5);
        const cpu = alarm("vibe-db-cpu");
        assert.strictEqual(cpu.threshold, 80);
        assert.strictEqual(cpu.dimensions.DBInstanceIdentifier, one(prod, DB).outputs.identifier);
        const tasks = alarm("vibe-api-task-failures");
        assert.strictEqual(tasks.threshold, 2, "fewer running tasks than the configured minimum");
        const topic = one(prod, "aws:sns/topic:Topic").outputs.arn;
        for (const name of ["vibe-api-error-rate", "vibe-db-cpu", "vibe-api-task-failures"]) assert.deepStrictEqual(alarm(name).alarmActions, [topic]);
        assert.deepStrictEqual(ofType(prod, "aws:sns/topicSubscription:TopicSubscription").map((s) => inputs(s).endpoint), ["platform-oncall@example.com"]);
    });

    it("protects every stateful resource in prod, none in dev", () => {
        const stateful = (r: RunResult) => [
            one(r, BUCKET, "vibe-assets"), one(r, BUCKET, "vibe-access-logs"), one(r, DB),
            one(r, "aws:secretsmanager/secret:Secret"), one(r, REPOSITORY), ...ofType(r, "aws:kms/key:Key"),
        ];
        for (const record of stateful(prod)) assert.strictEqual(record.options.protect, true, `prod ${record.type} ${record.name}`);
        for (const record of stateful(dev)) assert.strictEqual(record.options.protect, false, `dev ${record.type} ${record.name}`);
    });

    it("serves images on cdn.<domain>: a certificate requested in us-east-1, validated in the prod zone; dev exports its validation record", () => {
        assert.deepStrictEqual(inputs(one(prod, DISTRIBUTION)).aliases, ["cdn.prod.vibeapp.example.com"]);
        assert.deepStrictEqual(inputs(one(prod, DISTRIBUTION)).viewerCertificate.minimumProtocolVersion, "TLSv1.2_2021");
        const record = ofType(prod, "aws:route53/record:Record").map(inputs).find((r) => r.type === "A")!;
        assert.deepStrictEqual([record.zoneId, record.name, record.aliases[0].name], ["Z0EXAMPLEVIBEAPP", "cdn.prod.vibeapp.example.com", one(prod, DISTRIBUTION).outputs.domainName]);
        assert.strictEqual(inputs(one(dev, DISTRIBUTION)).aliases, undefined);
        assert.strictEqual(((dev.outputs.vibe as Record<string, unknown>).cdnCertificateValidationRecords as unknown[]).length, 1);
    });

    it("rotates the RDS-managed master password on the stack's schedule (the tasks read it from the secret at start)", () => {
        const secretArn = (r: RunResult) => (one(r, DB).outputs.masterUserSecrets as { secretArn: string }[])[0].secretArn;
        assert.deepStrictEqual(inputs(one(dev, "aws:secretsmanager/secretRotation:SecretRotation")).rotationRules, { scheduleExpression: "rate(30 days)", duration: "3h" });
        const prodRotation = inputs(one(prod, "aws:secretsmanager/secretRotation:SecretRotation"));
        assert.deepStrictEqual([prodRotation.secretId, prodRotation.rotationRules.scheduleExpression, prodRotation.rotateImmediately], [secretArn(prod), "cron(0 4 ? * SUN *)", false]);
    });

    it("alarms on upload failures: S3 request metrics on user-uploads/ with 4xx and 5xx rate alarms to the topic", () => {
        const metrics = inputs(one(prod, "aws:s3/bucketMetric:BucketMetric"));
        assert.deepStrictEqual(metrics, { bucket: one(prod, BUCKET, "vibe-assets").outputs.bucket, name: "user-uploads", filter: { prefix: "user-uploads/" } });
        const topic = one(prod, "aws:sns/topic:Topic").outputs.arn;
        for (const suffix of ["4xx", "5xx"]) {
            const alarm = inputs(one(prod, ALARM, `vibe-alarms-vibe-upload-failures-${suffix}`));
            const errors = alarm.metricQueries.find((q: { id: string }) => q.id === "errors").metric;
            assert.deepStrictEqual([errors.metricName, errors.dimensions], [`${suffix}Errors`, { BucketName: metrics.bucket, FilterId: "user-uploads" }]);
            assert.deepStrictEqual(alarm.alarmActions, [topic]);
        }
    });

    it("watches the age of the app's third-party keys and has a dashboard graphing every alarmed metric", () => {
        assert.deepStrictEqual(JSON.parse(inputs(one(prod, "aws:lambda/function:Function", "vibe-secret-age")).environment.variables.TARGETS),
            { "app-secrets": one(prod, "aws:secretsmanager/secret:Secret").outputs.arn });
        one(prod, ALARM, "vibe-alarms-vibe-secret-age-app-secrets-age");
        for (const r of [dev, devWaf, prod]) {
            assert.deepStrictEqual(ungraphedAlarmMetrics(r, "vibe-dashboard"), [], r.stack);
            assert.deepStrictEqual(unlistedAlarms(r, "vibe-dashboard"), [], r.stack);
        }
    });

    it("runs without WAF in the committed dev stack (platform:firewall.enabled false): its internet-facing load balancer and CDN on no web ACL, no WAF graph; prod has them all", () => {
        assert.strictEqual(inputs(one(dev, ALB)).internal, false, "dev's API is internet-facing too (it has a certificate)");
        assert.deepStrictEqual(wafFootprint(dev), NO_WAF);
        assert.deepStrictEqual(wafFootprint(prod), {
            ...NO_WAF,
            acls: ["platform-edge-waf", "platform-regional-waf"],
            associations: ["vibe-api-waf"],
            protectedDistributions: ["vibe-cdn"],
            graphs: ["vibe-dashboard: platform-regional-waf"],
        });
        assert.deepStrictEqual(wafFootprint(devWaf), wafFootprint(prod), "dev with the firewall on: as prod");
        const exported = (r: RunResult) => r.outputs.vibe as Record<string, unknown>;
        assert.deepStrictEqual([exported(dev).webAclArn, exported(dev).apiWebAclArn], [undefined, undefined], "committed dev: no web ACL exported");
        assert.deepStrictEqual([exported(prod).webAclArn, exported(prod).apiWebAclArn], [sharedAcl(prod, "CLOUDFRONT").outputs.arn, sharedAcl(prod, "REGIONAL").outputs.arn]);
    });

    it("exports endpoints, names and secret ARNs, never secret values", () => {
        const out = prod.outputs.vibe as Record<string, unknown>;
        assert.strictEqual(out.assetsBucketName, one(prod, BUCKET, "vibe-assets").outputs.bucket);
        assert.strictEqual(out.cdnUrl, "https://cdn.prod.vibeapp.example.com", "prod: the CDN's custom domain (validated in its zone)");
        assert.strictEqual((dev.outputs.vibe as Record<string, unknown>).cdnUrl, `https://${one(dev, DISTRIBUTION).outputs.domainName as string}`, "dev: the CloudFront domain until its certificate is validated");
        assert.strictEqual(out.databaseEndpoint, one(prod, DB).outputs.endpoint);
        assert.match(String(out.apiUrl), /^https:\/\/api\.prod\.vibeapp\.example\.com/);
        assert.match(String(out.databaseSecretArn), /^arn:aws:secretsmanager:/);
        assert.match(String(out.appSecretsArn), /^arn:aws:secretsmanager:/);
        assert.ok(!Object.keys(out).some((k) => /password|value/i.test(k)));
    });
});

describe("Vibe API exposure", function () {
    this.timeout(120_000);
    it("serves the API internet-facing over HTTPS behind a REGIONAL WAF when a certificate is configured", async () => {
        const result = await runSystem("vibe", "prod", "apply");
        assert.strictEqual(result.error?.message, undefined);
        const alb = inputs(one(result, ALB));
        assert.strictEqual(alb.internal, false);
        const listeners = ofType(result, LISTENER).map(inputs);
        assert.deepStrictEqual(listeners.map((l) => `${String(l.protocol)}:${String(l.port)}`).sort(), ["HTTP:80", "HTTPS:443"]);
        assert.deepStrictEqual(listeners.find((l) => l.port === 80)!.defaultActions.map((a: { type: string }) => a.type), ["redirect"]);
        const association = ofType(result, "aws:wafv2/webAclAssociation:WebAclAssociation");
        assert.strictEqual(association.length, 1);
        assert.strictEqual(inputs(association[0]).resourceArn, one(result, ALB).outputs.arn);
        assert.strictEqual(inputs(association[0]).webAclArn, sharedAcl(result, "REGIONAL").outputs.arn, "the stack's shared regional web ACL");
        assert.match(String((result.outputs.vibe as { apiUrl: string }).apiUrl), /^https:\/\/api\.prod\.vibeapp\.example\.com/);
    });

    it("keeps the API internal without a certificate, and rejects half of the pair naming the key", async () => {
        const internal = await runSystem("vibe", "dev", "apply", { "platform:vibe": "{}" });
        assert.strictEqual(internal.error?.message, undefined);
        assert.strictEqual(inputs(one(internal, ALB)).internal, true);
        const half = await runSystem("vibe", "dev", "preview", { "platform:vibe": '{"apiDomainName":"api.example.com"}' });
        assert.match(String(half.error?.message), /platform:vibe\.apiCertificateArn: got nothing; allowed: both platform:vibe\.apiDomainName and platform:vibe\.apiCertificateArn, or neither/);
    });
});
