/**
 * SecureBucket: an S3 bucket that cannot be made public, encrypted with a customer-managed key,
 * versioned, reachable only over TLS 1.2+, with lifecycle rules, validated CORS, optional access
 * logging, cross-region replication, Lambda notifications, and helpers that grant a CloudFront
 * distribution (OAC) or an IAM role (per key prefix) exactly the access they need.
 *
 * CloudFront read contract (the distribution is created after the bucket, and S3 allows ONE policy):
 *   1. construct the bucket with `cloudFrontReadAccess: true`: its policy then waits for a deferred
 *      list of distribution ARNs;
 *   2. pass the bucket to CdnSite (or call `grantCloudFrontRead(distributionArn)` yourself, once, with
 *      every distribution ARN): the policy is then registered with the TLS denies plus an
 *      `aws:SourceArn`-conditioned `s3:GetObject` statement.
 * There is no cycle: bucket -> distribution -> bucket policy. If the grant is never made, the policy
 * can never be registered and Pulumi stops with "a deferred output that was never resolved" naming
 * `<name>-policy`. Never make anything depend on the SecureBucket component as a whole (dependsOn:
 * [secureBucket]) before the grant: depend on `secureBucket.bucket` or its outputs instead.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey, type KeyService } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { statefulOptions } from "../shared/protection";
import { PREFIX_ACTIONS, SECURE_BUCKET_DEFAULTS } from "./defaults";
import { hardenBucket, isValidBucketName, type Hardening, type PolicyStatement } from "./hardening";
import { isValidPrefix, validateCors, validateLifecycle, type CorsRule, type LifecycleArgs } from "./validation";

export { LogBucket, type LogBucketArgs, type LogDelivery } from "./log-bucket";
export type { ArchiveTransition, CorsRule, LifecycleArgs } from "./validation";
export { tlsDenyStatements } from "./hardening";

const COMPONENT = "SecureBucket";

/** Where the bucket's S3 server access logs go. */
export interface AccessLogTarget {
    /** Name of the target bucket: a LogBucket's `name` (SSE-S3: S3 cannot write access logs to SSE-KMS buckets). */
    targetBucket: pulumi.Input<string>;
    /** Key prefix in the target bucket, ending with "/". Default `<component name>/`. */
    prefix?: string;
}

/** One S3 event notification to a Lambda function. */
export interface LambdaNotification {
    /** The function's ARN. The component adds the invoke permission (sourceArn = this bucket). */
    functionArn: pulumi.Input<string>;
    /** S3 event types, e.g. `s3:ObjectCreated:*`. */
    events: string[];
    /** Only keys starting with this. */
    filterPrefix?: string;
    /** Only keys ending with this (e.g. `.mp3`). */
    filterSuffix?: string;
}

export interface SecureBucketArgs {
    /** Physical bucket name. Default: auto-named from the component name (recommended: names are global). */
    bucketName?: string;
    /** KMS key for SSE-KMS. Default: an EncryptionKey child with rotation. A given key must allow CloudFront (when cloudFrontReadAccess) and the roles granted access. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Let `pulumi destroy` delete a bucket that still holds objects. Default false; dev stacks only. */
    forceDestroy?: boolean;
    /** Protect the bucket, key and replica (Pulumi protect + retainOnDelete). Default true. */
    protectData?: boolean;
    /** Lifecycle: noncurrent-version expiry (default 90 days), archive transitions, multipart abort (default 7 days). */
    lifecycle?: LifecycleArgs;
    /** CORS rules. Origins must be exact `https://` origins; `*` is always rejected. */
    cors?: CorsRule[];
    /** Also accept `http://localhost[:port]` and `http://127.0.0.1[:port]` CORS origins. Default false; dev stacks only. */
    allowLocalhostOrigins?: boolean;
    /** S3 server access logging to a log bucket. Default: off (advisory policy recommends it). */
    accessLogs?: AccessLogTarget;
    /** Replicate every object to a bucket in this region (e.g. `us-west-2`), with the same protections. Default: none. */
    replicaRegion?: string;
    /** KMS key (in replicaRegion) for the replica. Default: an EncryptionKey child created in replicaRegion. */
    replicaKmsKeyArn?: pulumi.Input<string>;
    /** S3 event notifications to Lambda functions. */
    notifications?: LambdaNotification[];
    /** Reserve a statement in the bucket policy for CloudFront (OAC) reads; CdnSite then calls grantCloudFrontRead. Default false. */
    cloudFrontReadAccess?: boolean;
}

export class SecureBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly hardening: Hardening;
    readonly key?: EncryptionKey;
    readonly replicaBucket?: aws.s3.Bucket;
    /** Bucket name. */
    readonly name: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    /** `<bucket>.s3.<region>.amazonaws.com`: the origin domain for CloudFront. */
    readonly regionalDomainName: pulumi.Output<string>;
    readonly kmsKeyArn: pulumi.Output<string>;
    readonly replicaBucketName?: pulumi.Output<string>;
    readonly replicaBucketArn?: pulumi.Output<string>;
    /** True when constructed with cloudFrontReadAccess: the policy waits for grantCloudFrontRead. */
    readonly cloudFrontReadAccess: boolean;

    private readonly resourceName: string;
    private readonly resolveCloudFront?: (arns: pulumi.Output<string[]>) => void;
    private cloudFrontGranted = false;
    private grantCount = 0;

    constructor(name: string, args: SecureBucketArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
        validateArgs(name, args);
        super("platform:storage:SecureBucket", name, {}, opts);
        this.resourceName = name;
        const protectData = args.protectData ?? SECURE_BUCKET_DEFAULTS.protectData;
        this.cloudFrontReadAccess = args.cloudFrontReadAccess ?? false;

        const services: KeyService[] = this.cloudFrontReadAccess ? ["cloudfront"] : [];
        if (args.kmsKeyArn === undefined) {
            this.key = new EncryptionKey(`${name}-key`, { description: `S3 bucket ${name}`, services, protectData }, { parent: this });
        }
        const keyArn = args.kmsKeyArn !== undefined ? pulumi.output(args.kmsKeyArn) : this.key!.arn;

        this.bucket = new aws.s3.Bucket(name, {
            bucket: args.bucketName,
            forceDestroy: args.forceDestroy ?? SECURE_BUCKET_DEFAULTS.forceDestroy,
        }, statefulOptions(protectData, { parent: this }));

        let cloudFrontArns: pulumi.Output<string[]> | undefined;
        if (this.cloudFrontReadAccess) {
            const [deferred, resolve] = pulumi.deferredOutput<string[]>();
            cloudFrontArns = deferred;
            this.resolveCloudFront = resolve;
        }
        this.hardening = hardenBucket({
            name, bucket: this.bucket, encryption: { kmsKeyArn: keyArn }, opts: { parent: this },
            extraStatements: cloudFrontArns ? (arn) => cloudFrontArns.apply((arns) => [cloudFrontReadStatement(arn, arns)]) : undefined,
        });
        const lifecycle = lifecycleRules(args.lifecycle);
        new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
            bucket: this.bucket.id, rules: lifecycle,
        }, { parent: this, dependsOn: [this.hardening.versioning] });

        if (args.cors !== undefined) {
            new aws.s3.BucketCorsConfiguration(`${name}-cors`, {
                bucket: this.bucket.id,
                corsRules: args.cors.map((rule, i) => ({
                    id: `rule-${i}`,
                    allowedOrigins: rule.allowedOrigins,
                    allowedMethods: rule.allowedMethods,
                    allowedHeaders: rule.allowedHeaders,
                    exposeHeaders: rule.exposeHeaders,
                    maxAgeSeconds: rule.maxAgeSeconds,
                })),
            }, { parent: this });
        }

        if (args.accessLogs !== undefined) {
            new aws.s3.BucketLogging(`${name}-access-logs`, {
                bucket: this.bucket.id,
                targetBucket: args.accessLogs.targetBucket,
                targetPrefix: args.accessLogs.prefix ?? `${name}/`,
            }, { parent: this });
        }

        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        if (args.notifications !== undefined) {
            const permissions = args.notifications.map((n, i) => new aws.lambda.Permission(`${name}-notify-${i}`, {
                function: n.functionArn,
                action: "lambda:InvokeFunction",
                principal: "s3.amazonaws.com",
                sourceArn: this.bucket.arn,
                sourceAccount: identity.accountId,
            }, { parent: this }));
            new aws.s3.BucketNotification(`${name}-notifications`, {
                bucket: this.bucket.id,
                lambdaFunctions: args.notifications.map((n) => ({
                    lambdaFunctionArn: n.functionArn, events: n.events, filterPrefix: n.filterPrefix, filterSuffix: n.filterSuffix,
                })),
            }, { parent: this, dependsOn: permissions });
        }

        if (args.replicaRegion !== undefined) {
            const replica = this.createReplica(name, args.replicaRegion, args.replicaKmsKeyArn, keyArn, protectData, lifecycle, args.forceDestroy ?? SECURE_BUCKET_DEFAULTS.forceDestroy);
            this.replicaBucket = replica;
            this.replicaBucketName = replica.bucket;
            this.replicaBucketArn = replica.arn;
        }

        this.name = this.bucket.bucket;
        this.arn = this.bucket.arn;
        this.regionalDomainName = this.bucket.bucketRegionalDomainName;
        this.kmsKeyArn = keyArn;
        this.registerOutputs({
            name: this.name, arn: this.arn, regionalDomainName: this.regionalDomainName, kmsKeyArn: this.kmsKeyArn,
            replicaBucketName: this.replicaBucketName, replicaBucketArn: this.replicaBucketArn,
        });
    }

    /** True once grantCloudFrontRead has been called. */
    get cloudFrontReadGranted(): boolean {
        return this.cloudFrontGranted;
    }

    /**
     * Completes the bucket policy with `s3:GetObject` on `bucket/*` for `cloudfront.amazonaws.com`,
     * conditioned on `aws:SourceArn` = the given distribution ARN(s). Call exactly once (CdnSite does),
     * with every distribution that reads this bucket.
     */
    grantCloudFrontRead(distributionArns: pulumi.Input<string> | pulumi.Input<string>[]): void {
        if (!this.resolveCloudFront) {
            throw new Error(`${COMPONENT} "${this.resourceName}": grantCloudFrontRead: the bucket was created without cloudFrontReadAccess: true, so its policy has no CloudFront statement to complete; construct it with cloudFrontReadAccess: true`);
        }
        if (this.cloudFrontGranted) {
            throw new Error(`${COMPONENT} "${this.resourceName}": grantCloudFrontRead was already called; S3 allows one bucket policy, so pass every distribution ARN in one call`);
        }
        const list = Array.isArray(distributionArns) ? distributionArns : [distributionArns];
        if (list.length === 0) {
            throw new Error(`${COMPONENT} "${this.resourceName}": grantCloudFrontRead: got no distribution ARN; allowed: one or more CloudFront distribution ARNs`);
        }
        this.cloudFrontGranted = true;
        this.resolveCloudFront(pulumi.all(list));
    }

    /**
     * Lets a role use the objects under one key prefix (and list that prefix), nothing else.
     * `prefix` ends with "/" and may contain IAM policy variables, e.g.
     * `"users/${cognito-identity.amazonaws.com:sub}/"` (a plain string, not a JS template): IAM
     * substitutes them per request. Also grants the KMS use the bucket's SSE-KMS needs, via S3 only.
     */
    grantPrefixAccess(role: aws.iam.Role | pulumi.Input<string>, prefix: string, actions: string[], grantName?: string): aws.iam.RolePolicy {
        const n = this.resourceName;
        requireArg(isValidPrefix(prefix), COMPONENT, n, "grantPrefixAccess(prefix)", prefix,
            "a key prefix ending with \"/\", without a leading \"/\" or wildcard (IAM policy variables such as ${aws:userid} are allowed)");
        requireArg(Array.isArray(actions) && actions.length > 0 && actions.every((a) => (PREFIX_ACTIONS as readonly string[]).includes(a)), COMPONENT, n,
            "grantPrefixAccess(actions)", actions, `a non-empty subset of ${PREFIX_ACTIONS.join(", ")} (ACL actions are meaningless: ACLs are disabled)`);
        const index = this.grantCount++;
        const writes = actions.some((a) => a.startsWith("s3:Put"));
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const policy = pulumi.all([this.arn, this.kmsKeyArn, region]).apply(([arn, keyArn, regionName]) => JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Sid: "ObjectsUnderPrefix", Effect: "Allow", Action: [...new Set(actions)].sort(), Resource: `${arn}/${prefix}*` },
                { Sid: "ListPrefixOnly", Effect: "Allow", Action: "s3:ListBucket", Resource: arn, Condition: { StringLike: { "s3:prefix": [`${prefix}*`] } } },
                {
                    Sid: "UseBucketKeyThroughS3", Effect: "Allow",
                    Action: writes ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
                    Resource: keyArn,
                    Condition: { StringEquals: { "kms:ViaService": `s3.${regionName}.amazonaws.com` } },
                },
            ],
        }));
        return new aws.iam.RolePolicy(grantName ?? `${n}-access-${index}`, {
            role: aws.iam.Role.isInstance(role) ? role.name : role,
            policy,
        }, { parent: this });
    }

    private createReplica(name: string, region: string, replicaKmsKeyArn: pulumi.Input<string> | undefined, sourceKeyArn: pulumi.Output<string>,
        protectData: boolean, lifecycle: aws.types.input.s3.BucketLifecycleConfigurationRule[], forceDestroy: boolean): aws.s3.Bucket {
        const provider = new aws.Provider(`${name}-replica-provider`, { region: region as aws.Region }, { parent: this });
        const replicaKeyArn = replicaKmsKeyArn !== undefined
            ? pulumi.output(replicaKmsKeyArn)
            : new EncryptionKey(`${name}-replica-key`, { description: `S3 replica of ${name}`, protectData }, { parent: this, provider }).arn;
        const replica = new aws.s3.Bucket(`${name}-replica`, { forceDestroy }, statefulOptions(protectData, { parent: this, provider }));
        const replicaHardening = hardenBucket({ name: `${name}-replica`, bucket: replica, encryption: { kmsKeyArn: replicaKeyArn }, opts: { parent: this, provider } });
        new aws.s3.BucketLifecycleConfiguration(`${name}-replica-lifecycle`, {
            bucket: replica.id, rules: lifecycle.filter((r) => r.id !== "archive-and-expire"),
        }, { parent: this, provider, dependsOn: [replicaHardening.versioning] });

        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const sourceRegion = aws.getRegionOutput({}, { parent: this }).region;
        const role = new aws.iam.Role(`${name}-replication`, {
            description: `S3 replication of ${name} to ${region}`,
            assumeRolePolicy: identity.accountId.apply((account) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": account } },
                }],
            })),
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-replication`, {
            role: role.name,
            policy: pulumi.all([this.bucket.arn, replica.arn, sourceKeyArn, replicaKeyArn, sourceRegion]).apply(([src, dst, srcKey, dstKey, srcRegion]) =>
                JSON.stringify(replicationPolicy(src, dst, srcKey, dstKey, srcRegion, region))),
        }, { parent: this });
        new aws.s3.BucketReplicationConfig(`${name}-replication`, {
            role: role.arn,
            bucket: this.bucket.id,
            rules: [{
                id: "replicate-everything",
                status: "Enabled",
                filter: {},
                deleteMarkerReplication: { status: "Enabled" },
                sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
                destination: {
                    bucket: replica.arn,
                    storageClass: SECURE_BUCKET_DEFAULTS.replicaStorageClass,
                    encryptionConfiguration: { replicaKmsKeyId: replicaKeyArn },
                },
            }],
        }, { parent: this, dependsOn: [this.hardening.versioning, replicaHardening.versioning] });
        return replica;
    }
}

/** The OAC read statement: only the named distributions, only GetObject. */
export function cloudFrontReadStatement(bucketArn: string, distributionArns: string[]): PolicyStatement {
    return {
        Sid: "AllowCloudFrontReadThroughOac",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: `${bucketArn}/*`,
        Condition: { StringEquals: { "aws:SourceArn": distributionArns.length === 1 ? distributionArns[0] : [...distributionArns].sort() } },
    };
}

/** Least privilege for S3 replication: read versions from the source, write replicas to the destination, keys through S3 only. */
export function replicationPolicy(source: string, destination: string, sourceKey: string, destinationKey: string, sourceRegion: string, destinationRegion: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadSourceConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: source },
            { Sid: "ReadSourceVersions", Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: `${source}/*` },
            { Sid: "WriteReplicas", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: `${destination}/*` },
            {
                Sid: "DecryptSource", Effect: "Allow", Action: "kms:Decrypt", Resource: sourceKey,
                Condition: { StringEquals: { "kms:ViaService": `s3.${sourceRegion}.amazonaws.com` }, StringLike: { "kms:EncryptionContext:aws:s3:arn": `${source}/*` } },
            },
            {
                Sid: "EncryptReplicas", Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: destinationKey,
                Condition: { StringEquals: { "kms:ViaService": `s3.${destinationRegion}.amazonaws.com` }, StringLike: { "kms:EncryptionContext:aws:s3:arn": `${destination}/*` } },
            },
        ],
    };
}

function lifecycleRules(lifecycle: LifecycleArgs = {}): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
    const rules: aws.types.input.s3.BucketLifecycleConfigurationRule[] = [{
        id: "noncurrent-versions-and-multipart",
        status: "Enabled",
        filter: {},
        noncurrentVersionExpiration: { noncurrentDays: lifecycle.noncurrentVersionExpirationDays ?? SECURE_BUCKET_DEFAULTS.noncurrentVersionExpirationDays },
        noncurrentVersionTransitions: lifecycle.noncurrentArchiveTransitions?.map((t) => ({ noncurrentDays: t.days, storageClass: t.storageClass })),
        abortIncompleteMultipartUpload: { daysAfterInitiation: lifecycle.abortIncompleteMultipartUploadDays ?? SECURE_BUCKET_DEFAULTS.abortIncompleteMultipartUploadDays },
    }];
    if (lifecycle.archiveTransitions?.length || lifecycle.expirationDays !== undefined) {
        rules.push({
            id: "archive-and-expire",
            status: "Enabled",
            filter: {},
            transitions: lifecycle.archiveTransitions?.map((t) => ({ days: t.days, storageClass: t.storageClass })),
            expiration: lifecycle.expirationDays !== undefined ? { days: lifecycle.expirationDays } : undefined,
        });
    }
    return rules;
}

const EVENT = /^s3:[A-Za-z]+(:[A-Za-z*]+)?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

function validateArgs(name: string, args: SecureBucketArgs): void {
    if (args.bucketName !== undefined) {
        requireArg(isValidBucketName(args.bucketName), COMPONENT, name, "bucketName", args.bucketName, "3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit");
    }
    validateLifecycle(name, args.lifecycle);
    validateCors(name, args.cors, args.allowLocalhostOrigins ?? SECURE_BUCKET_DEFAULTS.allowLocalhostOrigins);
    if (args.accessLogs?.prefix !== undefined) {
        requireArg(isValidPrefix(args.accessLogs.prefix), COMPONENT, name, "accessLogs.prefix", args.accessLogs.prefix, "a key prefix ending with \"/\", without a leading \"/\" or wildcard");
    }
    if (args.replicaRegion !== undefined) {
        requireArg(REGION.test(args.replicaRegion), COMPONENT, name, "replicaRegion", args.replicaRegion, "an AWS region name such as us-west-2");
        const current = new pulumi.Config("aws").get("region");
        requireArg(args.replicaRegion !== current, COMPONENT, name, "replicaRegion", args.replicaRegion, `a region other than the stack's own (${current})`);
    } else {
        requireArg(args.replicaKmsKeyArn === undefined, COMPONENT, name, "replicaKmsKeyArn", "(given)", "only together with replicaRegion");
    }
    (args.notifications ?? []).forEach((n, i) => {
        requireArg(Array.isArray(n.events) && n.events.length > 0 && n.events.every((e) => EVENT.test(e)), COMPONENT, name, `notifications[${i}].events`, n.events,
            "a non-empty list of S3 event types such as s3:ObjectCreated:*");
        requireArg(n.functionArn !== undefined && n.functionArn !== "", COMPONENT, name, `notifications[${i}].functionArn`, n.functionArn, "a Lambda function ARN");
    });
    if (args.notifications !== undefined) {
        requireArg(args.notifications.length > 0, COMPONENT, name, "notifications", args.notifications, "at least one notification (omit for none)");
    }
}
