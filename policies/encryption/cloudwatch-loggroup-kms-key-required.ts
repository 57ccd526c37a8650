import { kmsKeyInputRule } from "./kms-key-input";

export const cloudwatchLogGroupKmsKeyRequired = kmsKeyInputRule({
    name: "aws-cloudwatch-loggroup-kms-key-required",
    description: "CloudWatch log groups are encrypted with a KMS key.",
    type: "aws:cloudwatch/logGroup:LogGroup",
    property: "kmsKeyId",
    severity: "medium",
    checkov: ["CKV_AWS_158"],
});
