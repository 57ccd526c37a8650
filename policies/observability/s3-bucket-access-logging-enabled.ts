import { checkBucketCompanions, OK } from "../lib/buckets";
import { stackRule } from "../lib/define";
import { BUCKET_ID_KEYS, bucketRefMatches, linksTo, ofTypes } from "../lib/links";
import { at } from "../lib/values";

const LOGGING_TYPES = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

export const s3BucketAccessLoggingEnabled = stackRule({
    name: "aws-s3-bucket-access-logging-enabled",
    description: "S3 buckets have server access logging (buckets that receive access logs are exempt).",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "add an aws.s3.BucketLogging with `bucket: bucket.id` and targetBucket set to the system's access-log bucket",
    cdkNag: ["AwsSolutions-S1"],
    checkov: ["CKV_AWS_18"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", ...LOGGING_TYPES],
    check(resources, report) {
        const loggings = ofTypes(resources, LOGGING_TYPES);
        checkBucketCompanions(resources, report, {
            companionTypes: LOGGING_TYPES,
            inline: (props) => (at(props, "logging", "targetBucket") ? OK : undefined),
            companion: () => OK,
            missing: "has no server access logging",
            // Logging a log bucket into itself or another log bucket only adds noise.
            skip: (bucket) => loggings.some((l) => linksTo(l, "targetBucket", bucket, BUCKET_ID_KEYS, bucketRefMatches) === "yes"),
        });
    },
});
