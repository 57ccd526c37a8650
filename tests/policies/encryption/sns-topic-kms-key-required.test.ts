import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-sns-topic-kms-key-required", {
    level: "mandatory",
    description: /SNS topics/,
    compliant: [res("aws:sns/topic:Topic", "alerts", { kmsMasterKeyId: UNKNOWN })],
    cases: [{ title: "no kmsMasterKeyId", break: (f) => delete f[0].props.kmsMasterKeyId, expect: /has no kmsMasterKeyId/ }],
});
