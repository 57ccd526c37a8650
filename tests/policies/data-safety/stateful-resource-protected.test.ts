import { describePolicy, res } from "../support/spec";

describePolicy("aws-stateful-resource-protected", {
    level: "mandatory",
    description: /protected with `protect` or `retainOnDelete`/,
    compliant: [
        { ...res("aws:dynamodb/table:Table", "orders", {}), protect: true },
        { ...res("aws:s3/bucket:Bucket", "data", {}), protect: true },
        res("aws:sqs/queue:Queue", "jobs", {}),
    ],
    cases: [
        { title: "an unprotected table", break: (f) => (f[0].protect = false), expect: /neither protected nor retained on delete/ },
        { title: "an unprotected bucket", break: (f) => (f[1].protect = false), expect: /neither protected/, resource: "data" },
    ],
});
