import { describePolicy, res, T, UNKNOWN } from "../support/spec";

const policy = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const DISTRIBUTION = "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL";
const viaCloudFront = { Sid: "CloudFrontRead", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*", Condition: { StringEquals: { "AWS:SourceArn": DISTRIBUTION } } };
const publicRead = (condition?: Record<string, unknown>) => ({ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*", ...(condition ? { Condition: condition } : {}) });

describePolicy("aws-s3-bucket-policy-disallow-public-principal", {
    level: "mandatory",
    description: /No bucket policy statement allows a public principal .* unless a condition really narrows it/,
    compliant: [
        res(T.bucketPolicy, "site-policy", { bucket: UNKNOWN, policy: policy(viaCloudFront) }),
        res("aws:s3/bucketV2:BucketV2", "legacy", { policy: policy({ ...publicRead({ StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }) }) }),
        res(T.bucket, "inline", { policy: { Statement: [{ ...publicRead({ StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }) }] } }),
    ],
    alsoCompliant: [
        { title: '"*" is narrowed by a Deny for requests from outside a VPC endpoint', change: (f) => (f[0].props.policy = policy(publicRead(), { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } } })) },
        { title: "a Deny statement names everyone", change: (f) => (f[0].props.policy = policy(viaCloudFront, { Effect: "Deny", Principal: "*", NotAction: "s3:GetObject", Resource: "*" })) },
    ],
    cases: [
        { title: 'Principal "*" without a condition', break: (f) => (f[0].props.policy = policy(publicRead())), expect: /statement "Public" allows principal "\*" without a condition/, resource: "site-policy" },
        { title: '{ AWS: "*" } as an object document', break: (f) => (f[0].props.policy = { Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:*", Resource: "*" }] }), expect: /statement #1 allows principal "\*"/, resource: "site-policy" },
        {
            title: "the narrowing condition is itself a wildcard (arn:aws:cloudfront::*:distribution/*)",
            break: (f) => (f[0].props.policy = policy({ ...viaCloudFront, Principal: "*", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudfront::*:distribution/*" } } })),
            expect: /statement "CloudFrontRead" allows principal "\*" whose condition aws:sourcearn "arn:aws:cloudfront::\*:distribution\/\*" does not narrow it/,
            resource: "site-policy",
        },
        { title: "an Allow with NotPrincipal", break: (f) => (f[0].props.policy = policy({ Sid: "AllButOne", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:role/blocked" }, Action: "s3:GetObject", Resource: "*" })), expect: /statement "AllButOne" allows everyone outside its NotPrincipal/, resource: "site-policy" },
        { title: 'an Allow with NotAction to "*"', break: (f) => (f[0].props.policy = policy({ Sid: "AllButDelete", Effect: "Allow", Principal: "*", NotAction: "s3:DeleteObject", Resource: "*" })), expect: /statement "AllButDelete" allows principal "\*"/, resource: "site-policy" },
        { title: "a deprecated BucketV2 carries a public inline policy", break: (f) => (f[1].props.policy = policy(publicRead({ StringEquals: { "aws:SourceVpce": "*" } }))), expect: /aws:sourcevpce "\*" does not narrow it/, resource: "legacy" },
        { title: "a Bucket's inline policy narrows with IfExists", break: (f) => (f[2].props.policy = { Statement: [{ ...publicRead({ StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }) }] }), expect: /it passes when the key is absent/, resource: "inline" },
    ],
    pending: [
        { title: "the document is unknown", break: (f) => (f[0].props.policy = UNKNOWN) },
        { title: "the narrowing value is unknown", break: (f) => (f[0].props.policy = { Statement: [{ ...viaCloudFront, Principal: "*", Condition: { StringEquals: { "aws:SourceArn": UNKNOWN } } }] }) },
    ],
});
