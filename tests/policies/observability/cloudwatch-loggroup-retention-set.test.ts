import { describePolicy, res } from "../support/spec";

describePolicy("aws-cloudwatch-loggroup-retention-set", {
    level: "advisory",
    description: /retention period/,
    compliant: [res("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 30 })],
    cases: [
        { title: "unset", break: (f) => delete f[0].props.retentionInDays, expect: /keeps logs forever/ },
        { title: "zero", break: (f) => (f[0].props.retentionInDays = 0), expect: /forever/ },
    ],
});
