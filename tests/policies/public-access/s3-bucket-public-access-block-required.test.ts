import { byName, describePolicy, res, T, UNKNOWN } from "../support/spec";

const allFlags = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describePolicy("aws-s3-bucket-public-access-block-required", {
    level: "mandatory",
    description: /public access block with all four flags/,
    compliant: [res(T.bucket, "site", { bucket: UNKNOWN }), res(T.pab, "site-pab", { bucket: UNKNOWN, ...allFlags }, { bucket: ["site"] })],
    cases: [
        { title: "no public access block", break: (f) => f.pop(), expect: /has no public access block/ },
        { title: "one flag off", break: (f) => (byName(f, "site-pab").props.restrictPublicBuckets = false), expect: /leaves restrictPublicBuckets off \(for bucket "site"\)/, resource: "site-pab" },
        {
            title: "the block belongs to another bucket",
            break: (f) => { f.push(res(T.bucket, "other", { bucket: UNKNOWN })); byName(f, "site-pab").deps = { bucket: ["other"] }; },
            expect: /has no public access block/,
        },
    ],
    pending: [{ title: "a flag is unknown", break: (f) => (byName(f, "site-pab").props.blockPublicAcls = UNKNOWN) }],
});
