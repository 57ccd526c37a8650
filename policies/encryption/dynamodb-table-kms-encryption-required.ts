import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown, pendingUntilUpdate } from "../lib/values";

export const dynamodbTableKmsEncryptionRequired = resourceRule({
    name: "aws-dynamodb-table-kms-encryption-required",
    description: "DynamoDB tables are encrypted with a KMS key (not the AWS owned default key).",
    area: "encryption",
    severity: "high",
    remediation: "set serverSideEncryption { enabled: true, kmsKeyArn: <customer managed key ARN> }",
    checkov: ["CKV_AWS_119"],
    types: ["aws:dynamodb/table:Table"],
    check({ props }, report) {
        const enabled = at(props, "serverSideEncryption", "enabled");
        if (isUnknown(enabled)) pendingUntilUpdate("serverSideEncryption.enabled");
        if (!isTrue(enabled)) report("is encrypted with the AWS owned key only (serverSideEncryption.enabled is not true)");
    },
});
