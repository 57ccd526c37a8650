import { kmsKeyInputRule } from "./kms-key-input";

export const snsTopicKmsKeyRequired = kmsKeyInputRule({
    name: "aws-sns-topic-kms-key-required",
    description: "SNS topics are encrypted with a KMS key.",
    type: "aws:sns/topic:Topic",
    property: "kmsMasterKeyId",
    severity: "medium",
    cdkNag: ["AwsSolutions-SNS2"],
    checkov: ["CKV_AWS_26"],
});
