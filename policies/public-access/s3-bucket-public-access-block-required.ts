import { checkBucketCompanions, OK } from "../lib/buckets";
import { stackRule } from "../lib/define";
import { at, isTrue, isUnknown } from "../lib/values";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const s3BucketPublicAccessBlockRequired = stackRule({
    name: "aws-s3-bucket-public-access-block-required",
    description: "Every S3 bucket has a public access block with all four flags true.",
    area: "public-access",
    severity: "critical",
    remediation:
        "add an aws.s3.BucketPublicAccessBlock with `bucket: bucket.id` and blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true",
    cdkNag: ["AwsSolutions-S2"],
    checkov: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV2_AWS_6"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    check(resources, report) {
        checkBucketCompanions(resources, report, {
            companionTypes: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
            companion: (props) => {
                const unknown = FLAGS.find((f) => isUnknown(at(props, f)));
                if (unknown) return { unknown };
                const off = FLAGS.filter((f) => !isTrue(at(props, f)));
                return off.length === 0 ? OK : { problem: `leaves ${off.join(", ")} off`, fix: `set ${off.join(", ")} to true` };
            },
            missing: "has no public access block",
        });
    },
});
