import { kmsKeyInputRule } from "./kms-key-input";

export const secretsmanagerSecretKmsKeyRequired = kmsKeyInputRule({
    name: "aws-secretsmanager-secret-kms-key-required",
    description: "Secrets Manager secrets are encrypted with a customer managed KMS key.",
    type: "aws:secretsmanager/secret:Secret",
    property: "kmsKeyId",
    severity: "high",
    checkov: ["CKV_AWS_149"],
});
