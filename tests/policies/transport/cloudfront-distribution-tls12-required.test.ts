import { describePolicy, res, UNKNOWN } from "../support/spec";

const dist = () => ({
    defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https", responseHeadersPolicyId: "67f7725c", targetOriginId: "site" },
    orderedCacheBehaviors: [{ pathPattern: "/api/*", viewerProtocolPolicy: "https-only" }],
    viewerCertificate: { acmCertificateArn: UNKNOWN, minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
    origins: [{ originId: "site", domainName: "b.s3.amazonaws.com" }, { originId: "api", domainName: "api.example.com", customOriginConfig: { originProtocolPolicy: "https-only", httpPort: 80, httpsPort: 443, originSslProtocols: ["TLSv1.2"] } }],
    loggingConfig: { bucket: "logs.s3.amazonaws.com" },
});

const CF = "aws:cloudfront/distribution:Distribution";

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
