/**
 * Distro Nation (seed 000) under the offline engine: the real stack files, only the distro-nation
 * system. Asserts the seed's parts by type and key inputs, and what differs between dev and prod.
 * The committed dev stack runs without the shared web ACLs (`platform:firewall.enabled: false`):
 * what the system does with them is asserted on prod and on dev with the firewall on (`devWaf`).
 */
import * as assert from "assert";
import type { RunResult } from "../../engine/run";
import { ungraphedAlarmMetrics, unlistedAlarms } from "../support/dashboards";
import { NO_WAF, sharedAcl, systemRules, wafFootprint } from "../support/firewalls";
import { keyCoverage, systemKeys } from "../support/keys";
import { inputs, ofType, one, policyDocument } from "../support/records";
import { runSystem, systemRuns, systemRunsWithFirewall } from "../support/stacks";

const BUCKET = "aws:s3/bucket:Bucket";
const FUNCTION = "aws:lambda/function:Function";
const METHOD = "aws:apigateway/method:Method";
const CLUSTER = "aws:rds/cluster:Cluster";
const SECRET = "aws:secretsmanager/secret:Secret";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const THIRD_PARTY = ["mailgun", "openai", "youtube", "spotify", "similarweb"];
const FUNCTIONS = ["token-validator", "users-list", "send-mail", "payouts-fetch", "media-processor", "analytics-collector", "distrofm"];

/** The API's methods (CORS preflights aside) by "<METHOD> <path>", from the component's child names. */
function methodsOf(result: RunResult, apiName: string): Record<string, Record<string, unknown>> {
    const prefix = `${apiName}-`;
    return Object.fromEntries(ofType(result, METHOD)
        .filter((m) => m.name.startsWith(prefix) && inputs(m).httpMethod !== "OPTIONS")
        .map((m) => {
            const rest = m.name.slice(prefix.length);
            const slash = rest.indexOf("/");
            return [`${rest.slice(0, slash)} ${rest.slice(slash)}`, inputs(m)];
        }));
}

describe("Distro Nation program", function () {
    this.timeout(120_000);
    let dev: RunResult;
    let prod: RunResult;
    /** The dev stack with `platform:firewall.enabled` on (the committed one has it off). */
    let devWaf: RunResult;

    before(async () => {
        ({ dev, prod } = await systemRuns("distro-nation"));
        ({ dev: devWaf } = await systemRunsWithFirewall("distro-nation"));
    });

    it("runs in preview mode in both stacks", async () => {
        for (const stack of ["dev", "prod"] as const) {
            const result = await runSystem("distro-nation", stack, "preview");
            assert.ifError(result.error);
            assert.strictEqual(ofType(result, CLUSTER).length, 1, `${stack}: the Aurora cluster is planned`);
        }
    });

    it("serves the web apps and the CRM through CloudFront from private buckets, behind the stack's shared CLOUDFRONT-scope WAF wherever the firewall is on (prod; not the committed dev stack)", () => {
        for (const result of [devWaf, prod]) {
            const edge = sharedAcl(result, "CLOUDFRONT");
            for (const name of ["distro-nation-web", "distro-nation-crm"]) assert.strictEqual(inputs(one(result, DISTRIBUTION, name)).webAclId, edge.outputs.arn, `${result.stack} ${name}: the shared ACL`);
            assert.match(inputs(edge).description, /distro-nation/, "the ACL names the systems it fronts");
            assert.deepStrictEqual(systemRules(edge, "distro-nation"), [], "no rules of its own: the stack's managed groups and global limit");
        }
        for (const name of ["distro-nation-web", "distro-nation-crm"]) assert.strictEqual(inputs(one(dev, DISTRIBUTION, name)).webAclId, undefined, `committed dev ${name}: no web ACL`);
        for (const name of ["distro-nation-web", "distro-nation-crm"]) {
            const dist = inputs(one(dev, DISTRIBUTION, name));
            assert.strictEqual(dist.defaultCacheBehavior.viewerProtocolPolicy, "redirect-to-https");
            assert.ok(dist.origins.every((o: { originAccessControlId?: string }) => o.originAccessControlId), `${name}: OAC on every origin`);
            assert.ok(dist.customErrorResponses?.some((r: { errorCode: number }) => r.errorCode === 404), `${name}: single-page-app fallback`);
        }
        const web = inputs(one(dev, DISTRIBUTION, "distro-nation-web"));
        assert.deepStrictEqual(web.orderedCacheBehaviors.map((b: { pathPattern: string }) => b.pathPattern), ["/media/*"], "profile media served under /media/*");
        const csp = inputs(one(dev, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "distro-nation-crm-security-headers"))
            .securityHeadersConfig.contentSecurityPolicy.contentSecurityPolicy;
        assert.match(csp, /connect-src 'self' https:\/\/\*\.execute-api\.us-east-1\.amazonaws\.com/, "the CRM may call API Gateway");
    });

    it("exposes dn-api's three routes and the DistroFM API behind API keys with usage plans, regional behind the stack's shared REGIONAL WAF wherever the firewall is on", () => {
        const dn = methodsOf(dev, "distro-nation-dn-api");
        assert.deepStrictEqual(Object.keys(dn).sort(), ["GET /dn_payouts_fetch", "GET /dn_users_list", "POST /send-mail"]);
        assert.ok(Object.values(dn).every((m) => m.apiKeyRequired === true), "every dn-api route requires the API key");
        const fm = methodsOf(dev, "distro-nation-distrofm-api");
        assert.deepStrictEqual(Object.keys(fm), ["ANY /{proxy+}"]);
        assert.strictEqual(fm["ANY /{proxy+}"].apiKeyRequired, true);
        for (const api of ["distro-nation-dn-api", "distro-nation-distrofm-api"]) {
            assert.deepStrictEqual(inputs(one(dev, "aws:apigateway/restApi:RestApi", api)).endpointConfiguration.types, "REGIONAL");
            one(dev, "aws:apigateway/usagePlan:UsagePlan", `${api}-usage`);
            for (const result of [devWaf, prod]) {
                assert.strictEqual(inputs(one(result, "aws:wafv2/webAclAssociation:WebAclAssociation", `${api}-waf`)).webAclArn, sharedAcl(result, "REGIONAL").outputs.arn, `${result.stack} ${api}: the shared ACL`);
            }
        }
        assert.deepStrictEqual(ofType(dev, "aws:wafv2/webAclAssociation:WebAclAssociation"), [], "committed dev: no association");
    });

    it("takes stage throttling and CORS origins from the stack configuration", () => {
        const settings = (r: RunResult) => inputs(one(r, "aws:apigateway/methodSettings:MethodSettings", "distro-nation-dn-api-all-methods")).settings;
        assert.deepStrictEqual([settings(dev).throttlingRateLimit, settings(dev).throttlingBurstLimit], [20, 40]);
        assert.deepStrictEqual([settings(prod).throttlingRateLimit, settings(prod).throttlingBurstLimit], [200, 400]);
        // The CRM (its configured domain) calls dn-api from the browser: first among the allowed origins, then the stack's.
        const fourXx = inputs(one(prod, "aws:apigateway/response:Response", "distro-nation-dn-api-default-4xx"));
        assert.strictEqual(fourXx.responseParameters["gatewayresponse.header.Access-Control-Allow-Origin"], "'https://crm.distro-nation.example.com'");
        const preflight = inputs(one(prod, "aws:apigateway/integrationResponse:IntegrationResponse", "distro-nation-dn-api-OPTIONS/send-mail")).responseTemplates["application/json"];
        for (const origin of ["https://crm.distro-nation.example.com", "https://app.example.com", "https://www.example.com"]) assert.ok(preflight.includes(`"${origin}"`), origin);
    });

    it("creates the seed's functions with tracing, in private subnets, starting on bootstrap code the app pipeline may replace", () => {
        for (const part of FUNCTIONS) {
            const fn = one(dev, FUNCTION, `distro-nation-${part}`);
            assert.strictEqual(inputs(fn).tracingConfig.mode, "Active", `${part}: X-Ray`);
            assert.ok(inputs(fn).vpcConfig?.subnetIds?.length === 2, `${part}: in the private subnets`);
            assert.deepStrictEqual(fn.options.ignoreChanges, ["code", "sourceCodeHash"], `${part}: code owned by the app pipeline`);
            assert.strictEqual(inputs(fn).tags?.System, "distro-nation", `${part}: platform tags still applied`);
            assert.strictEqual(inputs(fn).environment.variables.DB_USER, `dn_${part.replace(/-/g, "_")}`);
        }
        const role = policyDocument(one(dev, "aws:iam/rolePolicy:RolePolicy", "distro-nation-users-list-policy")).Statement;
        const connect = role.find((s) => s.Action === "rds-db:connect");
        assert.match(connect?.Resource, /:dbuser:\*\/dn_users_list$/, "IAM database auth as its own user only");
    });

    it("processes uploads from an S3 notification, collects analytics on a schedule and sends campaign mail with the Mailgun secret", () => {
        const notification = inputs(one(dev, "aws:s3/bucketNotification:BucketNotification"));
        const processor = one(dev, FUNCTION, "distro-nation-media-processor");
        assert.strictEqual(notification.lambdaFunctions[0].lambdaFunctionArn, processor.outputs.arn);
        assert.deepStrictEqual(notification.lambdaFunctions[0].events, ["s3:ObjectCreated:*"]);
        assert.strictEqual(notification.lambdaFunctions[0].filterPrefix, "incoming/");
        assert.strictEqual(inputs(one(dev, "aws:cloudwatch/eventRule:EventRule", "distro-nation-analytics-collector-schedule")).scheduleExpression, "rate(6 hours)");
        const mailgun = one(dev, SECRET, "distro-nation-mailgun-secret");
        const sendMail = inputs(one(dev, FUNCTION, "distro-nation-send-mail")).environment.variables;
        assert.strictEqual(sendMail.MAILGUN_SECRET_ARN, mailgun.outputs.arn);
        const statements = policyDocument(one(dev, "aws:iam/rolePolicy:RolePolicy", "distro-nation-send-mail-policy")).Statement;
        const read = statements.find((s) => s.Sid === "ReadSecrets");
        assert.ok(read?.Resource.includes(mailgun.outputs.arn), "send-mail may read the Mailgun secret");
        assert.ok(!read?.Resource.includes(one(dev, SECRET, "distro-nation-spotify-secret").outputs.arn), "but not the Spotify one");
    });

    it("creates placeholder secrets (no value) for the five third-party providers, encrypted with a CMK", () => {
        for (const p of ["mailgun", "openai", "youtube", "spotify", "similarweb"]) {
            assert.ok(inputs(one(dev, SECRET, `distro-nation-${p}-secret`)).kmsKeyId, `${p}: CMK`);
        }
        assert.strictEqual(ofType(dev, "aws:secretsmanager/secretVersion:SecretVersion").length, 0, "no secret value is set by the platform");
    });

    it("runs Aurora PostgreSQL Serverless v2 from config.database: scale to zero in dev, protected with longer backups in prod", () => {
        const d = inputs(one(dev, CLUSTER));
        const p = inputs(one(prod, CLUSTER));
        assert.strictEqual(d.engine, "aurora-postgresql");
        assert.strictEqual(d.storageEncrypted, true);
        assert.deepStrictEqual([d.serverlessv2ScalingConfiguration.minCapacity, d.serverlessv2ScalingConfiguration.maxCapacity], [0, 2]);
        assert.strictEqual(d.serverlessv2ScalingConfiguration.secondsUntilAutoPause, 600);
        assert.deepStrictEqual([p.serverlessv2ScalingConfiguration.minCapacity, p.serverlessv2ScalingConfiguration.maxCapacity], [0.5, 16]);
        assert.deepStrictEqual([d.deletionProtection, d.backupRetentionPeriod, d.skipFinalSnapshot], [false, 1, true]);
        assert.deepStrictEqual([p.deletionProtection, p.backupRetentionPeriod, p.skipFinalSnapshot], [true, 14, false]);
        assert.strictEqual(ofType(dev, "aws:rds/clusterInstance:ClusterInstance").length, 1);
        assert.strictEqual(ofType(prod, "aws:rds/clusterInstance:ClusterInstance").length, 2);
        const ingress = ofType(dev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.name.startsWith("distro-nation-db-from-"));
        assert.deepStrictEqual(ingress.map((r) => r.name.replace("distro-nation-db-from-", "")).sort(), [...FUNCTIONS].sort(), "5432 only from the functions");
        assert.ok(ingress.every((r) => inputs(r).fromPort === 5432 && inputs(r).referencedSecurityGroupId), "no CIDR ingress");
    });

    it("uses one NAT gateway in dev and one per AZ in prod", () => {
        const nats = (r: RunResult) => ofType(r, "aws:ec2/natGateway:NatGateway").map((n) => n.name).sort();
        assert.deepStrictEqual(nats(dev), ["distro-nation-network-nat-1"]);
        assert.deepStrictEqual(nats(prod), ["distro-nation-network-nat-1", "distro-nation-network-nat-2"]);
    });

    it("creates the audio, backup, upload and profile media buckets with access logs, and replicates backups cross-region only in prod", () => {
        for (const b of ["audio", "backup", "upload", "profile-media"]) {
            one(dev, BUCKET, `distro-nation-${b}`);
            assert.strictEqual(inputs(one(dev, "aws:s3/bucketLogging:BucketLogging", new RegExp(`^distro-nation-${b}-`))).targetPrefix, `${b}/`);
        }
        assert.strictEqual(ofType(dev, "aws:s3/bucketReplicationConfig:BucketReplicationConfig").length, 0, "dev: no replication");
        const replication = one(prod, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
        assert.ok(replication.name.startsWith("distro-nation-backup"), "prod: the backup bucket replicates");
        const replica = one(prod, BUCKET, "distro-nation-backup-replica");
        assert.match(replica.provider ?? "", /distro-nation-backup-replica-provider/);
    });

    it("encrypts with one key per data class: logs, data, secrets, and the Aurora cluster's own (a changed kmsKeyId replaces a cluster)", () => {
        assert.deepStrictEqual(systemKeys(dev, "distro-nation"), ["distro-nation-data-key", "distro-nation-db-key", "distro-nation-functions-key", "distro-nation-secrets-key"]);
        assert.deepStrictEqual(systemKeys(prod, "distro-nation"), ["distro-nation-backup-replica-key", "distro-nation-data-key", "distro-nation-db-key", "distro-nation-functions-key", "distro-nation-secrets-key"],
            "prod: the backup replica's key in the replica region");
        for (const result of [dev, prod]) {
            const { problems, users } = keyCoverage(result);
            assert.deepStrictEqual(problems, [], `${result.stack}: every key allows the services that use it`);
            const logs = users["distro-nation-functions-key"];
            for (const part of ["distro-nation-network-flow-logs", "distro-nation-send-mail", "distro-nation-dn-api", "distro-nation-distrofm-api", "distro-nation-alarms-topic"]) {
                assert.ok(logs.some((u) => u.includes(part)), `${result.stack}: ${part} on the logs key (${logs.join(", ")})`);
            }
            assert.strictEqual(users["distro-nation-data-key"].filter((u) => u.startsWith("BucketServerSideEncryptionConfiguration")).length, 6, "the six buckets on the data key");
            assert.deepStrictEqual(users["distro-nation-secrets-key"].sort(), THIRD_PARTY.map((p) => `Secret distro-nation-${p}-secret`).sort());
            assert.strictEqual(inputs(one(result, CLUSTER)).kmsKeyId, one(result, "aws:kms/key:Key", "distro-nation-db-key").outputs.arn, "Aurora keeps its key");
        }
    });

    it("creates the CRM admin user pool: admin-created users only, MFA on, the crm-admins group", () => {
        const pool = inputs(one(dev, "aws:cognito/userPool:UserPool", "distro-nation-crm-admins"));
        assert.strictEqual(pool.adminCreateUserConfig.allowAdminCreateUserOnly, true);
        assert.strictEqual(pool.mfaConfiguration, "ON");
        assert.strictEqual(inputs(one(dev, "aws:cognito/userGroup:UserGroup")).name, "crm-admins");
        const client = inputs(one(prod, "aws:cognito/userPoolClient:UserPoolClient"));
        assert.strictEqual(client.callbackUrls[0], "https://crm.distro-nation.example.com/auth/callback", "the CRM's configured domain");
        assert.strictEqual(client.generateSecret, false);
    });

    it("raises alarms for both APIs, every function and the database, and on the API firewall's block rate wherever there is one", () => {
        const alarms = (r: RunResult) => ofType(r, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name);
        for (const r of [dev, devWaf, prod]) {
            for (const a of ["dn-api-5xx", "distrofm-api-5xx", "db-cpu", ...FUNCTIONS.flatMap((f) => [`${f}-errors`, `${f}-throttles`])]) {
                assert.ok(alarms(r).includes(`distro-nation-alarms-${a}`), `${r.stack}: alarm ${a}`);
            }
        }
        for (const r of [devWaf, prod]) assert.ok(alarms(r).includes("distro-nation-alarms-api-waf-blocks"), `${r.stack}: alarm api-waf-blocks`);
        assert.ok(!alarms(dev).includes("distro-nation-alarms-api-waf-blocks"), "committed dev: no alarm on a web ACL it does not have");
        assert.deepStrictEqual(inputs(one(prod, "aws:sns/topicSubscription:TopicSubscription")).endpoint, "platform-oncall@example.com");
    });

    it("protects every stateful resource in prod, none in dev", () => {
        const stateful = [BUCKET, CLUSTER, "aws:rds/clusterInstance:ClusterInstance", SECRET, "aws:kms/key:Key", "aws:cognito/userPool:UserPool"];
        assert.ok(stateful.flatMap((t) => ofType(prod, t)).length > 20, "stateful resources exist");
        for (const r of stateful.flatMap((t) => ofType(prod, t))) {
            assert.ok(r.options.protect && r.options.retainOnDelete, `prod: ${r.type} ${r.name} protected`);
        }
        for (const r of stateful.flatMap((t) => ofType(dev, t))) {
            assert.strictEqual(r.options.protect, false, `dev: ${r.type} ${r.name} not protected`);
        }
        assert.strictEqual(inputs(one(prod, "aws:cognito/userPool:UserPool")).deletionProtection, "ACTIVE");
        assert.strictEqual(inputs(one(dev, "aws:cognito/userPool:UserPool")).deletionProtection, "INACTIVE");
    });

    it("serves the CRM and the web apps on their configured domains: certificates requested in us-east-1 and validated in the prod zone", () => {
        const CERT = "aws:acm/certificate:Certificate";
        const aliases = (r: RunResult, site: string) => inputs(one(r, DISTRIBUTION, `distro-nation-${site}`)).aliases;
        assert.deepStrictEqual(aliases(prod, "crm"), ["crm.distro-nation.example.com"]);
        assert.deepStrictEqual(aliases(prod, "web"), ["www.distro-nation.example.com", "distro-nation.example.com"]);
        assert.deepStrictEqual(ofType(prod, CERT).map((c) => inputs(c).domainName).sort(), ["crm.distro-nation.example.com", "www.distro-nation.example.com"]);
        const records = ofType(prod, "aws:route53/record:Record").map(inputs);
        assert.ok(records.every((r) => r.zoneId === "Z0EXAMPLEDISTRONATION"), "records in the stack's zone");
        assert.deepStrictEqual(records.filter((r) => r.aliases).map((r) => `${r.name} ${r.type}`).sort(),
            ["crm.distro-nation.example.com A", "crm.distro-nation.example.com AAAA", "distro-nation.example.com A", "distro-nation.example.com AAAA", "www.distro-nation.example.com A", "www.distro-nation.example.com AAAA"]);
        assert.strictEqual(ofType(prod, "aws:acm/certificateValidation:CertificateValidation").length, 2);
        assert.strictEqual((prod.outputs.distroNation as Record<string, unknown>).crmUrl, "https://crm.distro-nation.example.com");
        // Dev has no zone: certificates requested, the sites on their CloudFront domains, the records exported, a warning each.
        assert.strictEqual(aliases(dev, "crm"), undefined);
        assert.strictEqual(ofType(dev, CERT).length, 2);
        assert.strictEqual(ofType(dev, "aws:acm/certificateValidation:CertificateValidation").length, 0);
        const devOut = dev.outputs.distroNation as Record<string, unknown>;
        assert.match(String(devOut.crmUrl), /\.cloudfront\.net$/);
        assert.deepStrictEqual((devOut.crmCertificateValidationRecords as { type: string }[]).map((r) => r.type), ["CNAME"]);
        assert.strictEqual(dev.diagnostics.filter((d) => d.severity === "warning" && /awaits DNS validation/.test(d.message)).length, 2);
        assert.ok(inputs(one(prod, DISTRIBUTION, "distro-nation-crm")).viewerCertificate.minimumProtocolVersion === "TLSv1.2_2021");
    });

    it("rotates Aurora's RDS-managed master password on the stack's schedule", () => {
        for (const [r, schedule] of [[dev, "rate(30 days)"], [prod, "cron(0 4 ? * SUN *)"]] as const) {
            const rotation = inputs(one(r, "aws:secretsmanager/secretRotation:SecretRotation"));
            const secretArn = (one(r, CLUSTER).outputs.masterUserSecrets as { secretArn: string }[])[0].secretArn;
            assert.deepStrictEqual(rotation, { secretId: secretArn, rotationRules: { scheduleExpression: schedule, duration: "3h" }, rotateImmediately: false }, r.stack);
        }
    });

    it("watches the age of the five third-party keys (manual rotation) and pages the alarm topic after platform:secrets.maxAgeDays", () => {
        const fn = inputs(one(prod, FUNCTION, "distro-nation-secret-age"));
        const targets = JSON.parse(fn.environment.variables.TARGETS);
        assert.deepStrictEqual(Object.keys(targets).sort(), ["mailgun", "openai", "similarweb", "spotify", "youtube"]);
        for (const [label, arn] of Object.entries(targets)) {
            assert.strictEqual(arn, one(prod, SECRET, `distro-nation-${label}-secret`).outputs.arn);
            const alarm = inputs(one(prod, "aws:cloudwatch/metricAlarm:MetricAlarm", `distro-nation-alarms-distro-nation-secret-age-${label}-age`));
            assert.deepStrictEqual([alarm.threshold, alarm.dimensions.Secret, alarm.alarmActions], [90, label, [one(prod, "aws:sns/topic:Topic").outputs.arn]]);
        }
    });

    it("has one dashboard graphing every metric its alarms read, listing every alarm", () => {
        for (const r of [dev, devWaf, prod]) {
            assert.deepStrictEqual(ungraphedAlarmMetrics(r, "distro-nation-dashboard"), [], `${r.stack}: alarmed metrics missing from the dashboard`);
            assert.deepStrictEqual(unlistedAlarms(r, "distro-nation-dashboard"), [], `${r.stack}: alarms missing from the status widget`);
        }
    });

    it("runs without WAF in the committed dev stack (platform:firewall.enabled false): no web ACL, association, WAF alarm or dashboard graph; prod has them all", () => {
        assert.deepStrictEqual(wafFootprint(dev), NO_WAF);
        assert.deepStrictEqual(wafFootprint(prod), {
            acls: ["platform-edge-waf", "platform-regional-waf"],
            associations: ["distro-nation-distrofm-api-waf", "distro-nation-dn-api-waf"],
            protectedDistributions: ["distro-nation-crm", "distro-nation-web"],
            alarms: ["distro-nation-alarms-api-waf-blocks: platform-regional-waf"],
            graphs: ["distro-nation-dashboard: platform-regional-waf"],
        });
        assert.deepStrictEqual(wafFootprint(devWaf), wafFootprint(prod), "dev with the firewall on: as prod");
    });

    it("exports URLs, names and ids, never a secret value", () => {
        const out = prod.outputs.distroNation as Record<string, unknown>;
        assert.match(String(out.webUrl), /^https:\/\//);
        assert.match(String(out.dnApiUrl), /^https:\/\/.*execute-api/);
        assert.ok(out.dnApiKeyId, "API key id (not its value)");
        assert.ok((out.secretArns as Record<string, string>).mailgun.startsWith("arn:aws:secretsmanager:"));
        assert.ok((out.buckets as Record<string, string>).backupReplica, "replica bucket name in prod");
        assert.ok(!JSON.stringify(out).includes("\"value\""), "no value field");
    });
});
