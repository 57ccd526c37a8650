import { byName, describePolicy, res, T, UNKNOWN } from "../support/spec";

describePolicy("aws-s3-bucket-encryption-required", {
    level: "mandatory",
    description: /default server-side encryption/,
    config: { requireKms: true },
    compliant: [
        res(T.bucket, "data", { bucket: UNKNOWN }),
        res(T.sse, "data-sse", { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } }] }, { bucket: ["data"] }),
    ],
    alsoCompliant: [
        { title: "SSE-S3 is used and KMS is not required", change: (f) => (byName(f, "data-sse").props.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]), config: { requireKms: false } },
        { title: "the link is by known bucket names instead of property dependencies", change: (f) => { byName(f, "data").props.bucket = "acme-data"; byName(f, "data-sse").props.bucket = "acme-data"; delete byName(f, "data-sse").deps; } },
        { title: "the bucket uses the inline form", change: (f) => { f.pop(); f[0].props.serverSideEncryptionConfiguration = { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } } }; } },
    ],
    cases: [
        { title: "no encryption configuration", break: (f) => f.pop(), expect: /has no default server-side encryption configuration/ },
        {
            title: "the configuration belongs to another bucket",
            break: (f) => { byName(f, "data").props.bucket = "acme-data"; byName(f, "data-sse").props.bucket = "acme-other"; delete byName(f, "data-sse").deps; },
            expect: /has no default server-side encryption/,
        },
        { title: "SSE-S3 where KMS is required", break: (f) => (byName(f, "data-sse").props.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]), expect: /requires SSE-KMS.*for bucket "data"/, resource: "data-sse" },
        { title: "inline SSE-S3 where KMS is required", break: (f) => { f.pop(); f[0].props.serverSideEncryptionConfiguration = { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } }; }, expect: /SSE-S3/ },
    ],
    pending: [{ title: "the configuration's bucket is unknown and carries no dependencies", break: (f) => delete byName(f, "data-sse").deps }],
});
