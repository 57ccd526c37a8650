/**
 * Anchors: checkov CKV_AWS_26 (SNS topics are encrypted), cdk-nag NIST.800.53.R5-SNSEncryptedKMS (a KMS key
 * is set). cdk-nag removed the AwsSolutions-SNS2 rule in 2024 (it remains in the NIST, HIPAA and PCI packs).
 */
import { kmsKeyInputRule } from "./kms-key-input";

export const snsTopicKmsKeyRequired = kmsKeyInputRule({
    name: "aws-sns-topic-kms-key-required",
    description: "SNS topics are encrypted with a KMS key.",
    type: "aws:sns/topic:Topic",
    property: "kmsMasterKeyId",
    severity: "medium",
    cdkNag: ["NIST.800.53.R5-SNSEncryptedKMS"],
    checkov: ["CKV_AWS_26"],
});
