import { describePolicy, res } from "../support/spec";

describePolicy("aws-cloudwatch-loggroup-kms-key-required", {
    level: "mandatory",
    description: /log groups/,
    compliant: [res("aws:cloudwatch/logGroup:LogGroup", "app-logs", { kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/abc", retentionInDays: 30 })],
    cases: [{ title: "no kmsKeyId", break: (f) => delete f[0].props.kmsKeyId, expect: /has no kmsKeyId/ }],
});
