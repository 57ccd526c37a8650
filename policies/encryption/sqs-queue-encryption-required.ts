import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown } from "../lib/values";

export const sqsQueueEncryptionRequired = resourceRule({
    name: "aws-sqs-queue-encryption-required",
    description: "SQS queues use server-side encryption (SSE-KMS or SSE-SQS).",
    area: "encryption",
    severity: "medium",
    remediation: "set kmsMasterKeyId to a KMS key, or sqsManagedSseEnabled: true",
    cdkNag: ["AwsSolutions-SQS2"],
    checkov: ["CKV_AWS_27"],
    types: ["aws:sqs/queue:Queue"],
    check({ props }, report) {
        const key = at(props, "kmsMasterKeyId");
        if (key !== undefined && key !== null && key !== "") return;
        const managed = at(props, "sqsManagedSseEnabled");
        if (isUnknown(managed) || isTrue(managed)) return;
        report("sets neither kmsMasterKeyId nor sqsManagedSseEnabled");
    },
});
