import * as assert from "assert";
import { LogBucket, SecureBucket, type LogBucketArgs, type SecureBucketArgs } from "../../components/secure-bucket";
import { runInline, UNKNOWN, type RunResult } from "../../engine/run";
import { inputs, ofType, one, plain, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const FN = "arn:aws:lambda:us-east-1:123456789012:function:thumbnails";

function componentOutputs(result: RunResult, type: string): Record<string, unknown> {
    return plain(one(result, type).outputs) as Record<string, unknown>;
}

function tlsDenies(statements: Record<string, any>[]): Record<string, any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
    return statements.filter((s) => s.Effect === "Deny");
}

describe("SecureBucket", () => {
    it("with default args: protected bucket, PAB all four flags, BucketOwnerEnforced, SSE-KMS with bucket key from its own key, versioning, lifecycle, one TLS policy", async () => {
        const result = await runInline(() => new SecureBucket("assets"));
        const bucket = one(result, BUCKET);
        assert.strictEqual(inputs(bucket).forceDestroy, false, "forceDestroy defaults to false");
        assert.strictEqual(bucket.options.protect, true, "bucket protect");
        assert.strictEqual(bucket.options.retainOnDelete, true, "bucket retainOnDelete");
        assert.deepStrictEqual(inputs(one(result, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")), {
            bucket: inputs(bucket).bucket ?? bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        });
        assert.strictEqual(inputs(one(result, "aws:s3/bucketOwnershipControls:BucketOwnershipControls")).rule.objectOwnership, "BucketOwnerEnforced");
        const key = one(result, "aws:kms/key:Key");
        assert.strictEqual(key.options.protect, true, "the created key is protected too");
        const rule = inputs(one(result, SSE)).rules[0];
        assert.deepStrictEqual(rule.applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: (plain(key.outputs) as { arn: string }).arn });
        assert.strictEqual(rule.bucketKeyEnabled, true, "bucketKeyEnabled");
        assert.strictEqual(inputs(one(result, "aws:s3/bucketVersioning:BucketVersioning")).versioningConfiguration.status, "Enabled");
        const lifecycle = inputs(one(result, LIFECYCLE)).rules;
        assert.strictEqual(lifecycle.length, 1);
        assert.strictEqual(lifecycle[0].noncurrentVersionExpiration.noncurrentDays, 90, "noncurrent expiry default");
        assert.strictEqual(lifecycle[0].abortIncompleteMultipartUpload.daysAfterInitiation, 7, "multipart abort default");

        const statements = policyDocument(one(result, POLICY)).Statement;
        assert.strictEqual(ofType(result, POLICY).length, 1, "exactly one bucket policy");
        assert.deepStrictEqual(tlsDenies(statements).map((s) => s.Condition), [
            { Bool: { "aws:SecureTransport": "false" } },
            { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        ]);
        assert.strictEqual(statements.length, 2, "no allow statement without cloudFrontReadAccess");
        assert.ok(one(result, POLICY).options.dependsOn.some((u) => u.endsWith("assets-public-access-block")), "policy waits for the public access block");
        for (const t of ["aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketNotification:BucketNotification",
            "aws:s3/bucketReplicationConfig:BucketReplicationConfig", "aws:lambda/permission:Permission"]) {
            assert.strictEqual(ofType(result, t).length, 0, `${t} only when asked for`);
        }
    });

    it("exposes name, arn, regional domain name and key ARN as outputs", async () => {
        const result = await runInline(() => new SecureBucket("assets", { bucketName: "vidverse-assets-dev" }));
        const outputs = componentOutputs(result, "platform:storage:SecureBucket");
        assert.strictEqual(outputs.name, "vidverse-assets-dev");
        assert.strictEqual(outputs.arn, "arn:aws:s3:::vidverse-assets-dev");
        assert.strictEqual(outputs.regionalDomainName, "vidverse-assets-dev.s3.us-east-1.amazonaws.com");
        assert.match(String(outputs.kmsKeyArn), /^arn:aws:kms:us-east-1:123456789012:key\//);
    });

    it("in preview registers the same children, with the policy document unknown until the bucket ARN is", async () => {
        const preview = await runInline(() => new SecureBucket("assets"), { mode: "preview" });
        const apply = await runInline(() => new SecureBucket("assets"), { mode: "apply" });
        // The same resources; their registration order may differ, since children wait on different outputs.
        assert.deepStrictEqual(preview.resources.map((r) => r.urn).sort(), apply.resources.map((r) => r.urn).sort());
        assert.strictEqual(inputs(one(preview, POLICY)).policy, UNKNOWN);
        assert.strictEqual(inputs(one(preview, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).blockPublicPolicy, true);
    });

    it("dev through args: protectData false drops protect on bucket and key; forceDestroy true reaches the bucket", async () => {
        const result = await runInline(() => new SecureBucket("scratch", { protectData: false, forceDestroy: true }), { stack: "dev" });
        const bucket = one(result, BUCKET);
        assert.strictEqual(bucket.options.protect, false);
        assert.strictEqual(bucket.options.retainOnDelete, false);
        assert.strictEqual(inputs(bucket).forceDestroy, true);
        assert.strictEqual(one(result, "aws:kms/key:Key").options.protect, false);
    });

    it("uses a given kmsKeyArn instead of creating a key", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-4333-a444-555555555555";
        const result = await runInline(() => new SecureBucket("assets", { kmsKeyArn: keyArn }));
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0);
        assert.strictEqual(inputs(one(result, SSE)).rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, keyArn);
    });

    it("lifecycle args: noncurrent expiry, noncurrent and current archive transitions, expiration", async () => {
        const result = await runInline(() => new SecureBucket("media", {
            lifecycle: {
                noncurrentVersionExpirationDays: 30, abortIncompleteMultipartUploadDays: 3, expirationDays: 730,
                archiveTransitions: [{ days: 90, storageClass: "GLACIER_IR" }],
                noncurrentArchiveTransitions: [{ days: 30, storageClass: "STANDARD_IA" }],
            },
        }));
        const [versions, archive] = inputs(one(result, LIFECYCLE)).rules;
        assert.strictEqual(versions.noncurrentVersionExpiration.noncurrentDays, 30);
        assert.strictEqual(versions.abortIncompleteMultipartUpload.daysAfterInitiation, 3);
        assert.deepStrictEqual(versions.noncurrentVersionTransitions, [{ noncurrentDays: 30, storageClass: "STANDARD_IA" }]);
        assert.deepStrictEqual(archive.transitions, [{ days: 90, storageClass: "GLACIER_IR" }]);
        assert.deepStrictEqual(archive.expiration, { days: 730 });
    });

    it("CORS: exact https origins pass through; localhost only with allowLocalhostOrigins", async () => {
        const cors = [{ allowedOrigins: ["https://app.vidverse.example", "http://localhost:3000"], allowedMethods: ["GET", "PUT"], exposeHeaders: ["ETag"], maxAgeSeconds: 3000 }];
        const result = await runInline(() => new SecureBucket("assets", { cors, allowLocalhostOrigins: true }), { stack: "dev" });
        const rule = inputs(one(result, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration")).corsRules[0];
        assert.deepStrictEqual(rule.allowedOrigins, ["https://app.vidverse.example", "http://localhost:3000"]);
        assert.deepStrictEqual(rule.allowedMethods, ["GET", "PUT"]);
        assert.strictEqual(rule.maxAgeSeconds, 3000);
        await assert.rejects(runInline(() => new SecureBucket("assets", { cors })),
            /SecureBucket "assets": argument cors\[0\]\.allowedOrigins\[1\]: got "http:\/\/localhost:3000"; allowed: an exact https:\/\/ origin.*allowLocalhostOrigins: true/);
    });

    it("access logs go to the given log bucket under <name>/ by default", async () => {
        const result = await runInline(() => new SecureBucket("assets", { accessLogs: { targetBucket: "platform-logs" } }));
        const logging = inputs(one(result, "aws:s3/bucketLogging:BucketLogging"));
        assert.strictEqual(logging.targetBucket, "platform-logs");
        assert.strictEqual(logging.targetPrefix, "assets/");
    });

    it("notifications: a Lambda permission scoped to this bucket and account, and the notification depends on it", async () => {
        const result = await runInline(() => new SecureBucket("uploads", { notifications: [{ functionArn: FN, events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", filterSuffix: ".mp3" }] }));
        const bucketArn = plain(one(result, BUCKET).outputs) as { arn: string };
        const permission = one(result, "aws:lambda/permission:Permission");
        assert.deepStrictEqual(inputs(permission), {
            function: FN, action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceArn: bucketArn.arn, sourceAccount: "123456789012",
        });
        const notification = one(result, "aws:s3/bucketNotification:BucketNotification");
        assert.deepStrictEqual(inputs(notification).lambdaFunctions, [{ lambdaFunctionArn: FN, events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", filterSuffix: ".mp3" }]);
        assert.ok(notification.options.dependsOn.includes(permission.urn), "notification registered after the permission");
    });

    it("replication: a provider for the replica region, a protected replica with its own key, PAB, versioning and TLS policy, a scoped role and SSE-KMS replication", async () => {
        const result = await runInline(() => new SecureBucket("backup", { replicaRegion: "us-west-2" }));
        const providers = result.resources.filter((r) => r.type === "pulumi:providers:aws" && r.name === "backup-replica-provider");
        assert.strictEqual(providers.length, 1, "one explicit provider for the replica region");
        const provider = providers[0];
        assert.strictEqual(inputs(provider).region, "us-west-2");
        const replica = one(result, BUCKET, "backup-replica");
        assert.ok(replica.provider?.startsWith(provider.urn), "replica bucket uses the replica provider");
        assert.strictEqual(replica.options.protect, true, "replica protected");
        const replicaKey = one(result, "aws:kms/key:Key", "backup-replica-key");
        const replicaKeyArn = (plain(replicaKey.outputs) as { arn: string }).arn;
        assert.match(replicaKeyArn, /^arn:aws:kms:us-west-2:/, "replica key lives in the replica region");
        assert.strictEqual(inputs(one(result, SSE, "backup-replica-encryption")).rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, replicaKeyArn);
        assert.strictEqual(inputs(one(result, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "backup-replica-public-access-block")).restrictPublicBuckets, true);
        assert.strictEqual(inputs(one(result, "aws:s3/bucketVersioning:BucketVersioning", "backup-replica-versioning")).versioningConfiguration.status, "Enabled");
        assert.strictEqual(tlsDenies(policyDocument(one(result, POLICY, "backup-replica-policy")).Statement).length, 2, "replica policy has the TLS denies");

        const sourceArn = (plain(one(result, BUCKET, "backup").outputs) as { arn: string }).arn;
        const replicaArn = (plain(replica.outputs) as { arn: string }).arn;
        const rolePolicy = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy", "backup-replication")).Statement;
        const resources = rolePolicy.flatMap((s) => [s.Resource].flat());
        assert.ok(resources.every((r: string) => r.startsWith(sourceArn) || r.startsWith(replicaArn) || r.startsWith("arn:aws:kms:")), `role limited to the two buckets and keys: ${resources}`);
        assert.ok(resources.includes(replicaKeyArn), "role may encrypt with the replica key");
        const config = inputs(one(result, "aws:s3/bucketReplicationConfig:BucketReplicationConfig"));
        assert.strictEqual(config.rules[0].destination.bucket, replicaArn);
        assert.strictEqual(config.rules[0].destination.encryptionConfiguration.replicaKmsKeyId, replicaKeyArn);
        assert.strictEqual(config.rules[0].sourceSelectionCriteria.sseKmsEncryptedObjects.status, "Enabled");
        const outputs = componentOutputs(result, "platform:storage:SecureBucket");
        assert.strictEqual(outputs.replicaBucketArn, replicaArn, "replicaBucketArn output");
    });

    it("grantPrefixAccess: a role policy on bucket/<prefix>*, ListBucket conditioned on s3:prefix, KMS through S3; IAM policy variables stay literal", async () => {
        const prefix = "users/${cognito-identity.amazonaws.com:sub}/";
        const result = await runInline(() => {
            const bucket = new SecureBucket("assets");
            bucket.grantPrefixAccess("vidverse-authenticated", prefix, ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]);
        });
        const record = one(result, "aws:iam/rolePolicy:RolePolicy");
        assert.strictEqual(inputs(record).role, "vidverse-authenticated");
        const bucketArn = (plain(one(result, BUCKET).outputs) as { arn: string }).arn;
        const [objects, list, kms] = policyDocument(record).Statement;
        assert.strictEqual(objects.Resource, `${bucketArn}/users/\${cognito-identity.amazonaws.com:sub}/*`);
        assert.deepStrictEqual(objects.Action, ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]);
        assert.deepStrictEqual(list, { Sid: "ListPrefixOnly", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringLike: { "s3:prefix": ["users/${cognito-identity.amazonaws.com:sub}/*"] } } });
        assert.deepStrictEqual(kms.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
        assert.deepStrictEqual(kms.Condition, { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } });
    });

    it("grantCloudFrontRead without cloudFrontReadAccess, or twice, fails with a clear message", async () => {
        await assert.rejects(runInline(() => new SecureBucket("plain").grantCloudFrontRead("arn:aws:cloudfront::123456789012:distribution/E1")),
            /SecureBucket "plain": grantCloudFrontRead: the bucket was created without cloudFrontReadAccess: true/);
        await assert.rejects(runInline(() => {
            const b = new SecureBucket("site", { cloudFrontReadAccess: true });
            b.grantCloudFrontRead("arn:aws:cloudfront::123456789012:distribution/E1");
            b.grantCloudFrontRead("arn:aws:cloudfront::123456789012:distribution/E2");
        }), /SecureBucket "site": grantCloudFrontRead was already called/);
    });

    it("with cloudFrontReadAccess, a direct grant adds the SourceArn-conditioned GetObject statement to the same policy, and the created key admits CloudFront", async () => {
        const dist = "arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE";
        const result = await runInline(() => new SecureBucket("site", { cloudFrontReadAccess: true }).grantCloudFrontRead(dist));
        const statements = policyDocument(one(result, POLICY)).Statement;
        assert.strictEqual(statements.length, 3);
        const bucketArn = (plain(one(result, BUCKET).outputs) as { arn: string }).arn;
        assert.deepStrictEqual(statements[2], {
            Sid: "AllowCloudFrontReadThroughOac", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject",
            Resource: `${bucketArn}/*`, Condition: { StringEquals: { "aws:SourceArn": dist } },
        });
        const keyPrincipals = policyDocument(one(result, "aws:kms/key:Key")).Statement.map((s) => s.Principal);
        assert.ok(keyPrincipals.some((p) => p.Service === "cloudfront.amazonaws.com"), "key policy lets CloudFront decrypt for OAC");
    });

    describe("rejects bad arguments, naming component and argument", () => {
        const cases: [string, SecureBucketArgs, RegExp][] = [
            ["CORS origin *", { cors: [{ allowedOrigins: ["*"], allowedMethods: ["GET"] }] }, /SecureBucket "b": argument cors\[0\]\.allowedOrigins\[0\]: got "\*"/],
            ["a non-https CORS origin", { cors: [{ allowedOrigins: ["http://app.example.com"], allowedMethods: ["GET"] }] }, /argument cors\[0\]\.allowedOrigins\[0\]: got "http:\/\/app.example.com"/],
            ["a CORS origin with a path", { cors: [{ allowedOrigins: ["https://app.example.com/x"], allowedMethods: ["GET"] }] }, /argument cors\[0\]\.allowedOrigins\[0\]/],
            ["a wildcard subdomain origin", { cors: [{ allowedOrigins: ["https://*.example.com"], allowedMethods: ["GET"] }], allowLocalhostOrigins: true }, /argument cors\[0\]\.allowedOrigins\[0\]/],
            ["an unknown CORS method", { cors: [{ allowedOrigins: ["https://a.example.com"], allowedMethods: ["PATCH"] }] }, /argument cors\[0\]\.allowedMethods: got \["PATCH"\]/],
            ["an empty CORS list", { cors: [] }, /argument cors: got \[\]/],
            ["noncurrent expiry of 0 days", { lifecycle: { noncurrentVersionExpirationDays: 0 } }, /argument lifecycle\.noncurrentVersionExpirationDays: got 0; allowed: a whole number of days, at least 1/],
            ["multipart abort of 0 days", { lifecycle: { abortIncompleteMultipartUploadDays: 0 } }, /argument lifecycle\.abortIncompleteMultipartUploadDays: got 0/],
            ["STANDARD_IA before 30 days", { lifecycle: { archiveTransitions: [{ days: 10, storageClass: "STANDARD_IA" }] } }, /argument lifecycle\.archiveTransitions\[0\]\.days: got 10; allowed: at least 30 days/],
            ["an unknown storage class", { lifecycle: { archiveTransitions: [{ days: 90, storageClass: "COLD" as never }] } }, /argument lifecycle\.archiveTransitions\[0\]\.storageClass: got "COLD"/],
            ["an invalid bucket name", { bucketName: "Bad_Name" }, /argument bucketName: got "Bad_Name"/],
            ["the stack's own region as replica region", { replicaRegion: "us-east-1" }, /argument replicaRegion: got "us-east-1"; allowed: a region other than the stack's own/],
            ["a malformed replica region", { replicaRegion: "west" }, /argument replicaRegion: got "west"/],
            ["a replica key without a replica region", { replicaKmsKeyArn: "arn:aws:kms:us-west-2:123456789012:key/x" }, /argument replicaKmsKeyArn/],
            ["a notification without s3 events", { notifications: [{ functionArn: FN, events: ["ObjectCreated"] }] }, /argument notifications\[0\]\.events: got \["ObjectCreated"\]/],
            ["an access-log prefix without trailing slash", { accessLogs: { targetBucket: "logs", prefix: "assets" } }, /argument accessLogs\.prefix: got "assets"/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => new SecureBucket("b", args)), message);
            });
        }

        it("grantPrefixAccess with an ACL action or a wildcard prefix", async () => {
            await assert.rejects(runInline(() => new SecureBucket("b").grantPrefixAccess("r", "users/", ["s3:PutObjectAcl"])),
                /SecureBucket "b": argument grantPrefixAccess\(actions\): got \["s3:PutObjectAcl"\]/);
            await assert.rejects(runInline(() => new SecureBucket("b").grantPrefixAccess("r", "users/*/", ["s3:GetObject"])),
                /SecureBucket "b": argument grantPrefixAccess\(prefix\): got "users\/\*\/"/);
        });

        it("registers nothing when an argument is bad", async () => {
            // runInline throws on error, so run through a program that catches to inspect what was registered.
            const result = await runInline(() => { try { new SecureBucket("b", { lifecycle: { expirationDays: 0 } }); } catch { /* expected */ } });
            assert.strictEqual(ofType(result, "platform:storage:SecureBucket").length, 0);
        });
    });
});

describe("LogBucket", () => {
    it("uses SSE-S3 (the AWS exception for log targets), keeps PAB, ownership, versioning and TLS denies, admits S3 access logs for this account, expires logs", async () => {
        const result = await runInline(() => new LogBucket("logs"));
        assert.deepStrictEqual(inputs(one(result, SSE)).rules[0].applyServerSideEncryptionByDefault, { sseAlgorithm: "AES256" });
        assert.strictEqual(inputs(one(result, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).blockPublicAcls, true);
        assert.strictEqual(inputs(one(result, "aws:s3/bucketOwnershipControls:BucketOwnershipControls")).rule.objectOwnership, "BucketOwnerEnforced");
        assert.strictEqual(inputs(one(result, "aws:s3/bucketVersioning:BucketVersioning")).versioningConfiguration.status, "Enabled");
        const statements = policyDocument(one(result, POLICY)).Statement;
        assert.strictEqual(tlsDenies(statements).length, 2);
        const allows = statements.filter((s) => s.Effect === "Allow");
        assert.deepStrictEqual(allows.map((s) => [s.Principal, s.Action, s.Condition]), [
            [{ Service: "logging.s3.amazonaws.com" }, "s3:PutObject", { StringEquals: { "aws:SourceAccount": "123456789012" } }],
        ]);
        assert.strictEqual(inputs(one(result, LIFECYCLE)).rules[0].expiration.days, 365);
        assert.strictEqual(one(result, BUCKET).options.protect, true);
    });

    it("admits ALB and CloudFront v2 log writers when asked, each scoped to this account", async () => {
        const result = await runInline(() => new LogBucket("logs", { deliveries: ["alb-access-logs", "cloudfront-access-logs"], retentionDays: 30, protectData: false }));
        const allows = policyDocument(one(result, POLICY)).Statement.filter((s) => s.Effect === "Allow");
        assert.deepStrictEqual(allows.map((s) => s.Principal), [
            { AWS: "arn:aws:iam::127311923021:root" },
            { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
            { Service: "delivery.logs.amazonaws.com" },
        ]);
        assert.ok(allows.every((s) => [s.Resource].flat().every((r: string) => r.includes("AWSLogs/123456789012/"))), "writes limited to this account's AWSLogs prefix");
        assert.deepStrictEqual(allows[2].Condition.ArnLike, { "aws:SourceArn": "arn:aws:logs:us-east-1:123456789012:delivery-source:*" });
        assert.strictEqual(inputs(one(result, LIFECYCLE)).rules[0].expiration.days, 30);
        assert.strictEqual(one(result, BUCKET).options.protect, false);
    });

    it("rejects bad arguments, naming component and argument", async () => {
        const cases: [LogBucketArgs, RegExp][] = [
            [{ retentionDays: 0 }, /LogBucket "logs": argument retentionDays: got 0/],
            [{ deliveries: [] }, /LogBucket "logs": argument deliveries: got \[\]/],
            [{ deliveries: ["vpc-flow-logs" as never] }, /LogBucket "logs": argument deliveries/],
        ];
        for (const [args, message] of cases) await assert.rejects(runInline(() => new LogBucket("logs", args)), message);
    });
});

describe("SecureBucket README", () => {
    it("documents exactly the SecureBucketArgs and LogBucketArgs properties, each in its own inputs table", () => {
        for (const [file, iface] of [["index.ts", "SecureBucketArgs"], ["log-bucket.ts", "LogBucketArgs"]]) {
            const props = interfaceProperties("secure-bucket", iface, file);
            assert.ok(props.length > 3, `found the properties of ${iface}`);
            assert.deepStrictEqual(readmeInputNames("secure-bucket", { heading: new RegExp(`^Inputs \\(\`${iface}\`\\)`) }), props);
        }
    });
});
