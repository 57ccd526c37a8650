import { byName, describePolicy, res, T, UNKNOWN } from "./support/spec";

const denyInsecure = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } };

describe("encryption in transit", () => {
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

    const dist = () => ({
        defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https", responseHeadersPolicyId: "67f7725c", targetOriginId: "site" },
        orderedCacheBehaviors: [{ pathPattern: "/api/*", viewerProtocolPolicy: "https-only" }],
        viewerCertificate: { acmCertificateArn: UNKNOWN, minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
        origins: [{ originId: "site", domainName: "b.s3.amazonaws.com" }, { originId: "api", domainName: "api.example.com", customOriginConfig: { originProtocolPolicy: "https-only", httpPort: 80, httpsPort: 443, originSslProtocols: ["TLSv1.2"] } }],
        loggingConfig: { bucket: "logs.s3.amazonaws.com" },
    });
    const CF = "aws:cloudfront/distribution:Distribution";

    describePolicy("aws-cloudfront-distribution-viewer-https-required", {
        level: "mandatory",
        description: /plain HTTP/,
        compliant: [res(CF, "cdn", dist())],
        cases: [
            { title: "default behavior allow-all", break: (f) => ((f[0].props.defaultCacheBehavior as Record<string, unknown>).viewerProtocolPolicy = "allow-all"), expect: /the default cache behavior allows plain HTTP/ },
            { title: "ordered behavior allow-all", break: (f) => ((f[0].props.orderedCacheBehaviors as Record<string, unknown>[])[0].viewerProtocolPolicy = "allow-all"), expect: /cache behavior "\/api\/\*" allows plain HTTP/ },
        ],
    });

    describePolicy("aws-cloudfront-distribution-tls12-required", {
        level: "mandatory",
        description: /TLSv1\.2_2021/,
        compliant: [res(CF, "cdn", dist())],
        alsoCompliant: [
            { title: "the default certificate is used", change: (f) => (f[0].props.viewerCertificate = { cloudfrontDefaultCertificate: true }) },
            { title: "a newer policy is used", change: (f) => ((f[0].props.viewerCertificate as Record<string, unknown>).minimumProtocolVersion = "TLSv1.2_2025") },
        ],
        cases: [
            { title: "TLSv1.2_2019", break: (f) => ((f[0].props.viewerCertificate as Record<string, unknown>).minimumProtocolVersion = "TLSv1.2_2019"), expect: /minimumProtocolVersion "TLSv1\.2_2019"/ },
            { title: "no minimum version", break: (f) => delete (f[0].props.viewerCertificate as Record<string, unknown>).minimumProtocolVersion, expect: /unset/ },
        ],
    });

    describePolicy("aws-cloudfront-distribution-origin-https-required", {
        level: "mandatory",
        description: /custom origins/,
        compliant: [res(CF, "cdn", dist())],
        cases: [
            { title: "http-only origin", break: (f) => ((f[0].props.origins as { customOriginConfig?: Record<string, unknown> }[])[1].customOriginConfig!.originProtocolPolicy = "http-only"), expect: /custom origin "api" uses originProtocolPolicy "http-only"/ },
            { title: "match-viewer origin", break: (f) => ((f[0].props.origins as { customOriginConfig?: Record<string, unknown> }[])[1].customOriginConfig!.originProtocolPolicy = "match-viewer"), expect: /match-viewer/ },
        ],
    });

    const LISTENER = "aws:lb/listener:Listener";
    describePolicy("aws-alb-listener-http-redirect-only", {
        level: "mandatory",
        description: /redirect to HTTPS/,
        compliant: [res(LISTENER, "http", { loadBalancerArn: UNKNOWN, port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] })],
        cases: [
            { title: "forwarding HTTP", break: (f) => (f[0].props.defaultActions = [{ type: "forward", targetGroupArn: UNKNOWN }]), expect: /serves traffic instead of redirecting/ },
            { title: "redirecting to HTTP", break: (f) => ((f[0].props.defaultActions as { redirect: Record<string, unknown> }[])[0].redirect.protocol = "HTTP"), expect: /instead of redirecting/ },
            { title: "the alb/ alias type too", break: (f) => { f[0].type = "aws:alb/listener:Listener"; f[0].props.defaultActions = [{ type: "fixed-response" }]; }, expect: /instead of redirecting/ },
        ],
    });

    describePolicy("aws-alb-listener-tls12-policy-required", {
        level: "mandatory",
        description: /TLS 1\.2/,
        compliant: [res(LISTENER, "https", { loadBalancerArn: UNKNOWN, port: 443, protocol: "HTTPS", certificateArn: UNKNOWN, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: [] })],
        cases: [
            { title: "no sslPolicy", break: (f) => delete f[0].props.sslPolicy, expect: /ELBSecurityPolicy-2016-08/ },
            { title: "an old policy", break: (f) => (f[0].props.sslPolicy = "ELBSecurityPolicy-2016-08"), expect: /sslPolicy "ELBSecurityPolicy-2016-08"/ },
        ],
        pending: [{ title: "the policy is unknown", break: (f) => (f[0].props.sslPolicy = UNKNOWN) }],
    });
});
