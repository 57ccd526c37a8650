import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-sqs-queue-encryption-required", {
    level: "mandatory",
    description: /SQS queues/,
    compliant: [res("aws:sqs/queue:Queue", "jobs", { kmsMasterKeyId: UNKNOWN })],
    alsoCompliant: [{ title: "SSE-SQS is on", change: (f) => (f[0].props = { sqsManagedSseEnabled: true }) }],
    cases: [
        { title: "no encryption setting", break: (f) => delete f[0].props.kmsMasterKeyId, expect: /neither kmsMasterKeyId nor sqsManagedSseEnabled/ },
        { title: "SSE-SQS explicitly off", break: (f) => (f[0].props = { sqsManagedSseEnabled: false }), expect: /neither/ },
    ],
});
