import { describePolicy, res } from "../support/spec";

describePolicy("aws-dynamodb-table-pitr-and-deletion-protection", {
    level: "mandatory",
    description: /point-in-time recovery and deletion protection/,
    compliant: [res("aws:dynamodb/table:Table", "orders", { pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true })],
    cases: [
        { title: "no PITR", break: (f) => delete f[0].props.pointInTimeRecovery, expect: /no point-in-time recovery/ },
        { title: "no deletion protection", break: (f) => (f[0].props.deletionProtectionEnabled = false), expect: /no deletion protection/ },
    ],
});
