import { describePolicy, res, T, UNKNOWN } from "../support/spec";

const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

describePolicy("aws-s3-bucket-policy-disallow-public-principal", {
    level: "mandatory",
    description: /`\*` principal/,
    compliant: [res(T.bucketPolicy, "site-policy", { bucket: UNKNOWN, policy: policy({ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*", Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::1:distribution/X" } } }) })],
    alsoCompliant: [{ title: '"*" is conditioned on aws:SourceVpce', change: (f) => (f[0].props.policy = { Statement: { Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } } }) }],
    cases: [
        { title: 'Principal "*" without a condition', break: (f) => (f[0].props.policy = policy({ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" })), expect: /statement "Public" allows principal "\*"/ },
        { title: '{ AWS: "*" } as an object document', break: (f) => (f[0].props.policy = { Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:*", Resource: "*" }] }), expect: /statement #1 allows principal/ },
    ],
    pending: [{ title: "the document is unknown", break: (f) => (f[0].props.policy = UNKNOWN) }],
});
