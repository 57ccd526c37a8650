import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-secretsmanager-secret-kms-key-required", {
    level: "mandatory",
    description: /Secrets Manager secrets/,
    compliant: [res("aws:secretsmanager/secret:Secret", "db-secret", { kmsKeyId: UNKNOWN })],
    cases: [{ title: "no kmsKeyId", break: (f) => delete f[0].props.kmsKeyId, expect: /has no kmsKeyId/ }],
});
