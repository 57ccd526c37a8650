/**
 * VidVerse (seed 002) under the offline engine: the real stack files, only the vidverse system.
 * Asserts the seed's parts by type and key inputs, and what differs between dev and prod.
 * The committed dev stack runs without the shared web ACLs (`platform:firewall.enabled: false`):
 * what the system does with them is asserted on prod and on dev with the firewall on (`devWaf`).
 */
import * as assert from "assert";
import type { RunResult } from "../../engine/run";
import { ungraphedAlarmMetrics, unlistedAlarms } from "../support/dashboards";
import { NO_WAF, sharedAcl, systemRules, wafFootprint } from "../support/firewalls";
import { keyCoverage, systemKeys } from "../support/keys";
import { inputs, one, ofType, policyDocument } from "../support/records";
import { runSystem, systemRuns, systemRunsWithFirewall } from "../support/stacks";

const BUCKET = "aws:s3/bucket:Bucket";
const USER_POOL = "aws:cognito/userPool:UserPool";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const OWN_PREFIX = "users/${cognito-identity.amazonaws.com:sub}";

describe("VidVerse program", function () {
    this.timeout(60_000);
    let dev: RunResult;
    let prod: RunResult;
    /** The dev stack with `platform:firewall.enabled` on (the committed one has it off). */
    let devWaf: RunResult;

    before(async () => {
        ({ dev, prod } = await systemRuns("vidverse"));
        ({ dev: devWaf } = await systemRunsWithFirewall("vidverse"));
    });

    it("runs in preview mode in both stacks", async () => {
        for (const stack of ["dev", "prod"] as const) {
            const result = await runSystem("vidverse", stack, "preview");
            assert.ifError(result.error);
            assert.ok(ofType(result, DISTRIBUTION).length === 1, `${stack}: a distribution is planned`);
        }
    });

    it("creates the user pool as the seed configures it: email sign-in, strong passwords, optional MFA, self sign-up, verified email", () => {
        const pool = inputs(one(dev, USER_POOL, "vidverse-users"));
        assert.deepStrictEqual(pool.usernameAttributes, ["email"]);
        assert.deepStrictEqual(pool.autoVerifiedAttributes, ["email"]);
        const { minimumLength, requireUppercase, requireLowercase, requireNumbers, requireSymbols } = pool.passwordPolicy;
        assert.deepStrictEqual({ minimumLength, requireUppercase, requireLowercase, requireNumbers, requireSymbols },
            { minimumLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: true });
        assert.strictEqual(pool.mfaConfiguration, "OPTIONAL");
        assert.strictEqual(pool.adminCreateUserConfig.allowAdminCreateUserOnly, false, "self sign-up");
        assert.strictEqual(pool.verificationMessageTemplate.defaultEmailOption, "CONFIRM_WITH_CODE");
    });

    it("creates the public web client without a secret, calling back to the stack's app origins", () => {
        const client = inputs(one(dev, "aws:cognito/userPoolClient:UserPoolClient"));
        assert.strictEqual(client.name, "vidverse-web-client");
        assert.strictEqual(client.generateSecret, false);
        assert.deepStrictEqual(client.callbackUrls, ["https://dev.example.com/auth/callback", "http://localhost:3000/auth/callback"]);
        const prodClient = inputs(one(prod, "aws:cognito/userPoolClient:UserPoolClient"));
        assert.deepStrictEqual(prodClient.callbackUrls, ["https://app.example.com/auth/callback", "https://www.example.com/auth/callback"]);
    });

    it("limits signed-in users to their own users/<identity id>/ prefix through the identity pool, without unauthenticated identities", () => {
        assert.strictEqual(inputs(one(dev, "aws:cognito/identityPool:IdentityPool")).allowUnauthenticatedIdentities, false);
        const bucketArn = one(dev, BUCKET, "vidverse-assets").outputs.arn as string;
        const statements = policyDocument(one(dev, "aws:iam/rolePolicy:RolePolicy", "vidverse-users-authenticated")).Statement;
        const objects = statements.find((s) => s.Sid === "OwnPrefixObjects")!;
        assert.strictEqual(objects.Resource, `${bucketArn}/${OWN_PREFIX}/*`);
        assert.deepStrictEqual([...objects.Action].sort(), ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], "no PutObjectAcl: ACLs are disabled");
        const list = statements.find((s) => s.Action === "s3:ListBucket")!;
        assert.strictEqual(list.Resource, bucketArn);
        assert.ok(list.Condition.StringLike["s3:prefix"].every((p: string) => p.startsWith(`${OWN_PREFIX}/`)), "listing only within the own prefix");
        for (const s of statements) {
            for (const r of [s.Resource].flat()) assert.ok(!/users\/\*/.test(r), `no statement reaches every user's folder: ${r}`);
        }
    });

    it("keeps the logical name vidverse-assets but lets the physical name be unique per stack", () => {
        const bucket = one(dev, BUCKET, "vidverse-assets");
        assert.strictEqual(inputs(bucket).bucket, undefined, "no hard-coded global name");
        assert.match(bucket.outputs.bucket as string, /^vidverse-assets-[0-9a-f]+$/);
    });

    it("replaces the seed's public-read policy with CloudFront OAC: public access blocked, reads only by this distribution, TLS required", () => {
        const block = inputs(one(dev, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "vidverse-assets-public-access-block"));
        assert.deepStrictEqual([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets], [true, true, true, true]);
        const statements = policyDocument(one(dev, "aws:s3/bucketPolicy:BucketPolicy", "vidverse-assets-policy")).Statement;
        const distributionArn = one(dev, DISTRIBUTION).outputs.arn;
        const allows = statements.filter((s) => s.Effect === "Allow");
        assert.deepStrictEqual(allows.map((s) => s.Principal), [{ Service: "cloudfront.amazonaws.com" }]);
        assert.strictEqual(allows[0].Condition.StringEquals["aws:SourceArn"], distributionArn);
        assert.ok(statements.some((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false"), "denies non-TLS");
        const origin = inputs(one(dev, DISTRIBUTION)).origins[0];
        assert.ok(origin.originAccessControlId, "the S3 origin is read through OAC");
    });

    it("sets the seed's CORS rule for the stack's origins", () => {
        const rule = inputs(one(dev, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration")).corsRules[0];
        assert.deepStrictEqual(rule.allowedOrigins, ["https://dev.example.com", "http://localhost:3000"]);
        assert.deepStrictEqual(rule.allowedMethods, ["GET", "PUT", "POST", "DELETE", "HEAD"]);
        assert.deepStrictEqual(rule.exposeHeaders, ["ETag", "x-amz-request-id"]);
        assert.strictEqual(rule.maxAgeSeconds, 3000);
        const prodRule = inputs(one(prod, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration")).corsRules[0];
        assert.deepStrictEqual(prodRule.allowedOrigins, ["https://app.example.com", "https://www.example.com"], "prod: https origins only");
    });

    it("caches videos 24 hours and images and frames 1 hour on the seed's folder layout, HTTPS only", () => {
        const distribution = inputs(one(dev, DISTRIBUTION));
        const ttlOf = (policyId: string) => {
            const policy = ofType(dev, "aws:cloudfront/cachePolicy:CachePolicy").find((p) => p.id === policyId)!;
            return inputs(policy).defaultTtl;
        };
        const byPath = Object.fromEntries(distribution.orderedCacheBehaviors.map((b: { pathPattern: string; cachePolicyId: string }) => [b.pathPattern, ttlOf(b.cachePolicyId)]));
        assert.strictEqual(byPath["/users/*/video/*"], 86400);
        assert.strictEqual(byPath["/users/*/projects/*/video/*"], 86400);
        assert.strictEqual(byPath["/users/*/image/*"], 3600);
        assert.strictEqual(byPath["/users/*/projects/*/image/*"], 3600);
        assert.strictEqual(byPath["/users/*/projects/*/frame/*"], 3600);
        const behaviors = [distribution.defaultCacheBehavior, ...distribution.orderedCacheBehaviors];
        assert.ok(behaviors.every((b) => b.viewerProtocolPolicy === "redirect-to-https"));
    });

    it("puts the stack's shared CloudFront-scope WAF (us-east-1) in front of the distribution wherever the firewall is on; Bot Control in prod only", () => {
        for (const [result, bot] of [[devWaf, false], [prod, true]] as const) {
            const acl = sharedAcl(result, "CLOUDFRONT");
            assert.match(acl.provider ?? "", /::platform-us-east-1::/);
            assert.strictEqual(inputs(one(result, DISTRIBUTION)).webAclId, acl.outputs.arn);
            assert.deepStrictEqual(systemRules(acl, "vidverse"), [], "no rules of its own");
            assert.strictEqual(ofType(result, "aws:wafv2/webAcl:WebAcl").length, 1, "no web ACL of its own");
            const rules = (inputs(acl).rules as { name: string }[]).map((r) => r.name).join(",");
            assert.strictEqual(/BotControl/.test(rules), bot, `bot control ${bot} in ${result.stack}`);
        }
    });

    it("runs without WAF in the committed dev stack (platform:firewall.enabled false): no web ACL, no WAF graph; prod has them", () => {
        assert.deepStrictEqual(wafFootprint(dev), NO_WAF);
        assert.deepStrictEqual(wafFootprint(prod), { ...NO_WAF, acls: ["platform-edge-waf"], protectedDistributions: ["vidverse-cdn"], graphs: ["vidverse-dashboard: platform-edge-waf"] });
        assert.deepStrictEqual(wafFootprint(devWaf), wafFootprint(prod), "dev with the firewall on: as prod");
        assert.strictEqual((dev.outputs.vidverse as Record<string, unknown>).webAclArn, undefined, "committed dev: no web ACL exported");
    });

    it("has two keys, its two data classes: the asset bucket's and the alarm topic's (no log group of its own)", () => {
        for (const result of [dev, prod]) {
            assert.deepStrictEqual(systemKeys(result, "vidverse"), ["vidverse-alarms-key", "vidverse-assets-key"]);
            assert.deepStrictEqual(keyCoverage(result).problems, [], result.stack);
        }
    });

    it("logs S3 access and CloudFront requests to the access-log bucket", () => {
        const logBucket = one(dev, BUCKET, "vidverse-access-logs");
        assert.strictEqual(inputs(one(dev, "aws:s3/bucketLogging:BucketLogging")).targetBucket, logBucket.outputs.bucket);
        assert.strictEqual(inputs(one(dev, "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination")).deliveryDestinationConfiguration.destinationResourceArn, logBucket.outputs.arn);
    });

    it("protects the stateful resources in prod only (bucket, key, user pool), with Cognito deletion protection", () => {
        const stateful = (r: RunResult) => [one(r, BUCKET, "vidverse-assets"), one(r, BUCKET, "vidverse-access-logs"), one(r, USER_POOL), one(r, "aws:kms/key:Key", "vidverse-assets-key")];
        for (const record of stateful(prod)) assert.strictEqual(record.options.protect, true, `prod ${record.name} protected`);
        for (const record of stateful(dev)) assert.strictEqual(record.options.protect, false, `dev ${record.name} unprotected`);
        assert.strictEqual(inputs(one(prod, USER_POOL)).deletionProtection, "ACTIVE");
        assert.strictEqual(inputs(one(dev, USER_POOL)).deletionProtection, "INACTIVE");
    });

    it("takes storage lifecycle and destroy behaviour from config: dev force-destroys and keeps 30 days, prod archives after 180 days and keeps 90", () => {
        const rules = (r: RunResult) => inputs(one(r, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "vidverse-assets-lifecycle")).rules as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
        assert.strictEqual(rules(dev)[0].noncurrentVersionExpiration.noncurrentDays, 30);
        assert.strictEqual(rules(prod)[0].noncurrentVersionExpiration.noncurrentDays, 90);
        assert.ok(!rules(dev).some((r) => r.transitions), "dev: no archive transition");
        assert.deepStrictEqual(rules(prod).find((r) => r.transitions)!.transitions, [{ days: 180, storageClass: "GLACIER_IR" }]);
        assert.strictEqual(inputs(one(dev, BUCKET, "vidverse-assets")).forceDestroy, true);
        assert.strictEqual(inputs(one(prod, BUCKET, "vidverse-assets")).forceDestroy, false);
        assert.strictEqual(inputs(one(prod, DISTRIBUTION)).priceClass, "PriceClass_All");
        assert.strictEqual(inputs(one(dev, DISTRIBUTION)).priceClass, "PriceClass_100");
    });

    it("alarms when the asset bucket passes 100 GB (daily storage, every class it uses) and on Cognito sign-in failures, to its own topic", () => {
        const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
        const queries = (a: Record<string, any>) => Object.fromEntries(a.metricQueries.map((q: { id: string }) => [q.id, q])); // eslint-disable-line @typescript-eslint/no-explicit-any
        for (const [r, classes] of [[dev, ["StandardStorage"]], [prod, ["StandardStorage", "GlacierInstantRetrievalStorage"]]] as const) {
            const size = inputs(one(r, ALARM, "vidverse-alarms-assets-size"));
            const q = queries(size);
            const bucket = one(r, BUCKET, "vidverse-assets").outputs.bucket;
            assert.deepStrictEqual(classes.map((_, i) => [q[`size${i}`].metric.metricName, q[`size${i}`].metric.dimensions.BucketName, q[`size${i}`].metric.dimensions.StorageType, q[`size${i}`].metric.period]),
                classes.map((c) => ["BucketSizeBytes", bucket, c, 86400]), `${r.stack}: archived objects count (prod archives after 180 days)`);
            assert.strictEqual(size.threshold, 100);
            const auth = inputs(one(r, ALARM, "vidverse-alarms-sign-in-failures"));
            const client = one(r, "aws:cognito/userPoolClient:UserPoolClient").id;
            assert.deepStrictEqual(queries(auth).attempts.metric.dimensions, { UserPool: one(r, USER_POOL).id, UserPoolClient: client });
            assert.strictEqual(queries(auth).failures.expression, "attempts - successes");
            const topic = one(r, "aws:sns/topic:Topic", "vidverse-alarms-topic").outputs.arn;
            assert.deepStrictEqual([size.alarmActions, auth.alarmActions], [[topic], [topic]]);
        }
        assert.deepStrictEqual(ofType(prod, "aws:sns/topicSubscription:TopicSubscription").map((t) => inputs(t).endpoint), ["platform-oncall@example.com"]);
        assert.strictEqual(one(prod, "aws:kms/key:Key", "vidverse-alarms-key").options.protect, true, "the topic's key is protected in prod");
    });

    it("has a dashboard (CDN, bucket, sign-ins) graphing every alarmed metric and listing every alarm", () => {
        for (const r of [dev, devWaf, prod]) {
            assert.deepStrictEqual(ungraphedAlarmMetrics(r, "vidverse-dashboard"), [], r.stack);
            assert.deepStrictEqual(unlistedAlarms(r, "vidverse-dashboard"), [], r.stack);
        }
    });

    it("exports what the frontend and backend need, and no secret", () => {
        const out = dev.outputs.vidverse as Record<string, unknown>;
        assert.strictEqual(out.userPoolId, one(dev, USER_POOL).id);
        assert.strictEqual(out.userPoolClientId, one(dev, "aws:cognito/userPoolClient:UserPoolClient").id);
        assert.strictEqual(out.identityPoolId, one(dev, "aws:cognito/identityPool:IdentityPool").id);
        assert.strictEqual(out.assetsBucketName, one(dev, BUCKET, "vidverse-assets").outputs.bucket);
        assert.strictEqual(out.cdnUrl, `https://${one(dev, DISTRIBUTION).outputs.domainName as string}`);
        assert.strictEqual(out.region, "us-east-1");
        assert.ok(!Object.keys(out).some((k) => /secret|password|key$/i.test(k)), `no secret-like output: ${Object.keys(out).join(", ")}`);
    });
});
