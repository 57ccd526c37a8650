import { describePolicy, res, T, UNKNOWN } from "../support/spec";

describePolicy("aws-s3-bucket-access-logging-enabled", {
    level: "advisory",
    description: /server access logging/,
    compliant: [
        res(T.bucket, "data", { bucket: UNKNOWN }),
        res(T.bucket, "data-access-logs", { bucket: UNKNOWN }),
        res(T.logging, "data-logging", { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "data/" }, { bucket: ["data"], targetBucket: ["data-access-logs"] }),
    ],
    cases: [{ title: "no logging", break: (f) => f.pop(), expect: /has no server access logging/ }],
});
