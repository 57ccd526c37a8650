import { describePolicy, res, UNKNOWN } from "../support/spec";

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
