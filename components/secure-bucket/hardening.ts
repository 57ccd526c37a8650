/**
 * The protections every platform bucket gets (data buckets, replicas and log buckets alike): public
 * access block, BucketOwnerEnforced, default encryption, versioning and ONE bucket policy that starts
 * with the TLS denies. Callers add their own statements to that single policy (S3 allows one per bucket).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SECURE_BUCKET_DEFAULTS } from "./defaults";

/** A JSON policy statement. */
export type PolicyStatement = Record<string, unknown>;

/** Denies every request over plain HTTP and every request negotiated below TLS 1.2. */
export function tlsDenyStatements(bucketArn: string): PolicyStatement[] {
    const resources = [bucketArn, `${bucketArn}/*`];
    return [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: resources,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "DenyOutdatedTls",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: resources,
            Condition: { NumericLessThan: { "s3:TlsVersion": SECURE_BUCKET_DEFAULTS.minimumTlsVersion } },
        },
    ];
}

export interface HardenArgs {
    /** Prefix of the children's names. */
    name: string;
    bucket: aws.s3.Bucket;
    /** A KMS key ARN (SSE-KMS with bucket key) or "AES256" (SSE-S3, for log targets only). */
    encryption: { kmsKeyArn: pulumi.Input<string> } | "AES256";
    /** Statements added after the TLS denies, given the bucket ARN. */
    extraStatements?: (bucketArn: string) => pulumi.Input<PolicyStatement[]>;
    /** Options for every child (parent, provider). */
    opts: pulumi.CustomResourceOptions;
}

export interface Hardening {
    publicAccessBlock: aws.s3.BucketPublicAccessBlock;
    ownershipControls: aws.s3.BucketOwnershipControls;
    encryption: aws.s3.BucketServerSideEncryptionConfiguration;
    versioning: aws.s3.BucketVersioning;
    policy: aws.s3.BucketPolicy;
}

export function hardenBucket(args: HardenArgs): Hardening {
    const { name, bucket, opts } = args;
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-public-access-block`, {
        bucket: bucket.id,
        ...SECURE_BUCKET_DEFAULTS.publicAccessBlock,
    }, opts);
    const ownershipControls = new aws.s3.BucketOwnershipControls(`${name}-ownership`, {
        bucket: bucket.id,
        rule: { objectOwnership: SECURE_BUCKET_DEFAULTS.objectOwnership },
    }, opts);
    const byDefault = args.encryption === "AES256"
        ? { sseAlgorithm: "AES256" }
        : { sseAlgorithm: SECURE_BUCKET_DEFAULTS.sseAlgorithm, kmsMasterKeyId: args.encryption.kmsKeyArn };
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
        bucket: bucket.id,
        rules: [{
            applyServerSideEncryptionByDefault: byDefault,
            bucketKeyEnabled: args.encryption === "AES256" ? undefined : SECURE_BUCKET_DEFAULTS.bucketKeyEnabled,
        }],
    }, opts);
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, {
        bucket: bucket.id,
        versioningConfiguration: { status: SECURE_BUCKET_DEFAULTS.versioning },
    }, opts);
    const document = bucket.arn.apply((arn) => {
        const extra = args.extraStatements ? args.extraStatements(arn) : [];
        return pulumi.output(extra).apply((statements) => JSON.stringify({
            Version: "2012-10-17",
            Statement: [...tlsDenyStatements(arn), ...(statements as PolicyStatement[])],
        }));
    });
    // The public access block goes first: with BlockPublicPolicy on, a policy that AWS judged public
    // would be refused rather than applied.
    const policy = new aws.s3.BucketPolicy(`${name}-policy`, {
        bucket: bucket.id,
        policy: document,
    }, { ...opts, dependsOn: [publicAccessBlock] });
    return { publicAccessBlock, ownershipControls, encryption, versioning, policy };
}

/** Validates an S3 bucket name (the rules S3 enforces for general-purpose buckets). */
export function isValidBucketName(value: string): boolean {
    return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) && !value.includes("..") && !/^\d+\.\d+\.\d+\.\d+$/.test(value)
        && !value.startsWith("xn--") && !value.endsWith("-s3alias");
}
