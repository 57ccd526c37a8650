import { describePolicy, res, UNKNOWN } from "../support/spec";

const dist = () => ({
    defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https", responseHeadersPolicyId: "67f7725c", targetOriginId: "site" },
    orderedCacheBehaviors: [{ pathPattern: "/api/*", viewerProtocolPolicy: "https-only" }],
    viewerCertificate: { acmCertificateArn: UNKNOWN, minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
    origins: [{ originId: "site", domainName: "b.s3.amazonaws.com" }, { originId: "api", domainName: "api.example.com", customOriginConfig: { originProtocolPolicy: "https-only", httpPort: 80, httpsPort: 443, originSslProtocols: ["TLSv1.2"] } }],
    loggingConfig: { bucket: "logs.s3.amazonaws.com" },
});

const CF = "aws:cloudfront/distribution:Distribution";

describePolicy("aws-cloudfront-distribution-origin-https-required", {
    level: "mandatory",
    description: /custom origins/,
    compliant: [res(CF, "cdn", dist())],
    cases: [
        { title: "http-only origin", break: (f) => ((f[0].props.origins as { customOriginConfig?: Record<string, unknown> }[])[1].customOriginConfig!.originProtocolPolicy = "http-only"), expect: /custom origin "api" uses originProtocolPolicy "http-only"/ },
        { title: "match-viewer origin", break: (f) => ((f[0].props.origins as { customOriginConfig?: Record<string, unknown> }[])[1].customOriginConfig!.originProtocolPolicy = "match-viewer"), expect: /match-viewer/ },
    ],
});
