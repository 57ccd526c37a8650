import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-dynamodb-table-kms-encryption-required", {
    level: "mandatory",
    description: /DynamoDB tables are encrypted with a KMS key/,
    compliant: [res("aws:dynamodb/table:Table", "orders", { serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } })],
    cases: [
        { title: "no serverSideEncryption", break: (f) => delete f[0].props.serverSideEncryption, expect: /AWS owned key/ },
        { title: "serverSideEncryption disabled", break: (f) => (f[0].props.serverSideEncryption = { enabled: false }), expect: /AWS owned key/ },
    ],
    pending: [{ title: "the flag is unknown", break: (f) => (f[0].props.serverSideEncryption = { enabled: UNKNOWN }) }],
});
