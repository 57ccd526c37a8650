import { checkBucketCompanions, OK, type Verdict } from "../lib/buckets";
import { stackRule } from "../lib/define";
import { at, isUnknown, list } from "../lib/values";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

function judgeRules(rules: unknown, requireKms: boolean): Verdict {
    const rs = list(rules);
    if (isUnknown(rules)) return { unknown: "rules" };
    if (rs.length === 0) return { problem: "has an encryption configuration without rules" };
    for (const rule of rs) {
        const algorithm = at(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm");
        if (isUnknown(algorithm)) return { unknown: "sseAlgorithm" };
        if (typeof algorithm !== "string") continue;
        if (KMS_ALGORITHMS.includes(algorithm)) return OK;
        if (algorithm === "AES256" && !requireKms) return OK;
        if (algorithm === "AES256") {
            return { problem: "uses SSE-S3 (AES256) but this environment requires SSE-KMS", fix: 'set sseAlgorithm "aws:kms" with a customer managed kmsMasterKeyId' };
        }
    }
    return { problem: "sets no default encryption algorithm" };
}

export const s3BucketEncryptionRequired = stackRule<{ requireKms: boolean }>({
    name: "aws-s3-bucket-encryption-required",
    description: "Every S3 bucket has a default server-side encryption configuration (SSE-KMS where the environment requires it).",
    area: "encryption",
    severity: "high",
    remediation:
        "add an aws.s3.BucketServerSideEncryptionConfiguration with `bucket: bucket.id` and a rule applyServerSideEncryptionByDefault { sseAlgorithm: \"aws:kms\", kmsMasterKeyId }",
    cdkNag: ["NIST.800.53.R5-S3DefaultEncryptionKMS"],
    checkov: ["CKV_AWS_19", "CKV_AWS_145"],
    configSchema: {
        properties: { requireKms: { type: "boolean", default: false, description: "Require aws:kms or aws:kms:dsse (SSE-S3 not enough)." } },
    },
    types: [
        "aws:s3/bucket:Bucket",
        "aws:s3/bucketV2:BucketV2",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    check(resources, report, config) {
        checkBucketCompanions(resources, report, {
            companionTypes: [
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
            ],
            inline: (props) => {
                const sse = at(props, "serverSideEncryptionConfiguration");
                if (sse === undefined || sse === null) return undefined;
                if (isUnknown(sse)) return { unknown: "serverSideEncryptionConfiguration" };
                return judgeRules(at(sse, "rule"), config.requireKms);
            },
            companion: (props) => judgeRules(at(props, "rules"), config.requireKms),
            missing: "has no default server-side encryption configuration",
        });
    },
});
