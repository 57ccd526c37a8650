/**
 * LogBucket: the target of S3 server access logs, ALB access logs and CloudFront standard logs (v2).
 *
 * AWS exception, on purpose: S3 server access logs and ALB logs cannot be delivered to SSE-KMS
 * buckets, so this bucket uses SSE-S3 (AES256). Everything else matches SecureBucket: public access
 * block, BucketOwnerEnforced (no ACLs: CloudFront logs go through the v2 log delivery, not ACLs),
 * versioning, TLS-only policy. Only the log writers named in `deliveries` may put objects, each
 * conditioned on this account. Logs expire after `retentionDays`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { requireArg } from "../shared/errors";
import { statefulOptions } from "../shared/protection";
import { LOG_BUCKET_DEFAULTS, SECURE_BUCKET_DEFAULTS } from "./defaults";
import { hardenBucket, isValidBucketName, type Hardening, type PolicyStatement } from "./hardening";
import { isPositiveWholeNumber } from "./validation";

/** Log writers a LogBucket can admit. */
export type LogDelivery = "s3-server-access-logs" | "alb-access-logs" | "cloudfront-access-logs";
const DELIVERIES: readonly LogDelivery[] = ["s3-server-access-logs", "alb-access-logs", "cloudfront-access-logs"];

const COMPONENT = "LogBucket";

export interface LogBucketArgs {
    /** Physical bucket name. Default: auto-named. */
    bucketName?: string;
    /** Days logs are kept before they expire. Default 365. */
    retentionDays?: number;
    /** Which services may write logs here. Default `["s3-server-access-logs"]`. */
    deliveries?: LogDelivery[];
    /** Let `pulumi destroy` delete the bucket with its logs. Default false; dev stacks only. */
    forceDestroy?: boolean;
    /** Protect the bucket (Pulumi protect + retainOnDelete). Default true. */
    protectData?: boolean;
}

export class LogBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly hardening: Hardening;
    readonly name: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    readonly deliveries: readonly LogDelivery[];

    constructor(name: string, args: LogBucketArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
        const retentionDays = args.retentionDays ?? LOG_BUCKET_DEFAULTS.retentionDays;
        requireArg(isPositiveWholeNumber(retentionDays), COMPONENT, name, "retentionDays", retentionDays, "a whole number of days, at least 1");
        const deliveries = args.deliveries ?? [...LOG_BUCKET_DEFAULTS.deliveries];
        requireArg(Array.isArray(deliveries) && deliveries.length > 0 && deliveries.every((d) => DELIVERIES.includes(d)), COMPONENT, name, "deliveries", deliveries,
            `a non-empty subset of ${DELIVERIES.join(", ")}`);
        if (args.bucketName !== undefined) {
            requireArg(isValidBucketName(args.bucketName), COMPONENT, name, "bucketName", args.bucketName, "3 to 63 lowercase letters, digits, dots and hyphens");
        }
        super("platform:storage:LogBucket", name, {}, opts);
        this.deliveries = [...new Set(deliveries)];
        const protectData = args.protectData ?? SECURE_BUCKET_DEFAULTS.protectData;

        this.bucket = new aws.s3.Bucket(name, {
            bucket: args.bucketName,
            forceDestroy: args.forceDestroy ?? SECURE_BUCKET_DEFAULTS.forceDestroy,
        }, statefulOptions(protectData, { parent: this }));

        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const elbAccount = this.deliveries.includes("alb-access-logs")
            ? aws.elb.getServiceAccountOutput({}, { parent: this }).arn
            : pulumi.output("");
        this.hardening = hardenBucket({
            name, bucket: this.bucket, encryption: LOG_BUCKET_DEFAULTS.sseAlgorithm, opts: { parent: this },
            extraStatements: (arn) => pulumi.all([account, elbAccount]).apply(([acct, elb]) => logWriterStatements(arn, acct, elb, this.deliveries)),
        });
        new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
            bucket: this.bucket.id,
            rules: [{
                id: "expire-logs",
                status: "Enabled",
                filter: {},
                expiration: { days: retentionDays },
                noncurrentVersionExpiration: { noncurrentDays: LOG_BUCKET_DEFAULTS.noncurrentVersionExpirationDays },
                abortIncompleteMultipartUpload: { daysAfterInitiation: SECURE_BUCKET_DEFAULTS.abortIncompleteMultipartUploadDays },
            }],
        }, { parent: this, dependsOn: [this.hardening.versioning] });

        this.name = this.bucket.bucket;
        this.arn = this.bucket.arn;
        this.registerOutputs({ name: this.name, arn: this.arn });
    }
}

/** One statement per admitted log writer; service principals conditioned on this account. */
export function logWriterStatements(bucketArn: string, account: string, elbAccountArn: string, deliveries: readonly LogDelivery[]): PolicyStatement[] {
    const out: PolicyStatement[] = [];
    if (deliveries.includes("s3-server-access-logs")) {
        out.push({
            Sid: "AllowS3ServerAccessLogs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject", Resource: `${bucketArn}/*`,
            Condition: { StringEquals: { "aws:SourceAccount": account } },
        });
    }
    if (deliveries.includes("alb-access-logs")) {
        // Regions opened before August 2022 deliver as the regional ELB account; newer ones as the service.
        out.push({
            Sid: "AllowAlbAccessLogsElbAccount", Effect: "Allow", Principal: { AWS: elbAccountArn },
            Action: "s3:PutObject", Resource: `${bucketArn}/*AWSLogs/${account}/*`,
        });
        out.push({
            Sid: "AllowAlbAccessLogsService", Effect: "Allow", Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
            Action: "s3:PutObject", Resource: `${bucketArn}/*AWSLogs/${account}/*`,
            Condition: { StringEquals: { "aws:SourceAccount": account } },
        });
    }
    if (deliveries.includes("cloudfront-access-logs")) {
        out.push({
            Sid: "AllowCloudFrontStandardLogsV2", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "s3:PutObject", Resource: `${bucketArn}/AWSLogs/${account}/*`,
            Condition: {
                StringEquals: { "aws:SourceAccount": account, "s3:x-amz-acl": "bucket-owner-full-control" },
                ArnLike: { "aws:SourceArn": `arn:aws:logs:us-east-1:${account}:delivery-source:*` },
            },
        });
    }
    return out;
}
