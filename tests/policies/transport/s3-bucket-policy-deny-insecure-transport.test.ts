import { byName, describePolicy, res, T, UNKNOWN } from "../support/spec";

const denyInsecure = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } };

describePolicy("aws-s3-bucket-policy-deny-insecure-transport", {
    level: "mandatory",
    description: /denies requests without TLS/,
    compliant: [res(T.bucket, "data", { bucket: UNKNOWN }), res(T.bucketPolicy, "data-policy", { bucket: UNKNOWN, policy: JSON.stringify({ Version: "2012-10-17", Statement: [denyInsecure] }) }, { bucket: ["data"] })],
    alsoCompliant: [{ title: "the bucket carries the policy inline as an object", change: (f) => { f.pop(); f[0].props.policy = { Statement: denyInsecure }; } }],
    cases: [
        { title: "no bucket policy", break: (f) => f.pop(), expect: /has no bucket policy denying non-TLS requests/ },
        { title: "a policy without the TLS deny", break: (f) => (byName(f, "data-policy").props.policy = JSON.stringify({ Statement: [{ ...denyInsecure, Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Condition: undefined }] })), expect: /without a Deny for aws:SecureTransport/, resource: "data-policy" },
        { title: "the deny tests SecureTransport true", break: (f) => (byName(f, "data-policy").props.policy = JSON.stringify({ Statement: [{ ...denyInsecure, Condition: { Bool: { "aws:SecureTransport": "true" } } }] })), expect: /without a Deny/, resource: "data-policy" },
    ],
    pending: [{ title: "the policy document is unknown", break: (f) => (byName(f, "data-policy").props.policy = UNKNOWN) }],
});
