import { checkBucketCompanions, OK } from "../lib/buckets";
import { stackRule } from "../lib/define";
import { at, isTrue, isUnknown } from "../lib/values";

export const s3BucketVersioningEnabled = stackRule({
    name: "aws-s3-bucket-versioning-enabled",
    description: "Every S3 bucket has versioning enabled.",
    area: "data-safety",
    severity: "medium",
    remediation: 'add an aws.s3.BucketVersioning with `bucket: bucket.id` and versioningConfiguration { status: "Enabled" }',
    checkov: ["CKV_AWS_21"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
    check(resources, report) {
        checkBucketCompanions(resources, report, {
            companionTypes: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
            inline: (props) => {
                const enabled = at(props, "versioning", "enabled");
                if (enabled === undefined || enabled === null) return undefined;
                if (isUnknown(enabled)) return { unknown: "versioning.enabled" };
                return isTrue(enabled) ? OK : { problem: "has versioning.enabled false" };
            },
            companion: (props) => {
                const status = at(props, "versioningConfiguration", "status");
                if (isUnknown(status)) return { unknown: "versioningConfiguration.status" };
                return status === "Enabled" ? OK : { problem: `has versioning status "${String(status)}"`, fix: 'set versioningConfiguration.status "Enabled"' };
            },
            missing: "has no versioning",
        });
    },
});
