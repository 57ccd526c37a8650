import { describePolicy, res, UNKNOWN } from "../support/spec";

const dist = () => ({
    aliases: ["www.example.com"],
    defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https", responseHeadersPolicyId: "67f7725c", targetOriginId: "site" },
    viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0d5e8f7a-1b2c-4d3e-9f40-5a6b7c8d9e0f", minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
    origins: [{ originId: "site", domainName: "b.s3.amazonaws.com" }],
});
const CF = "aws:cloudfront/distribution:Distribution";
type Cert = Record<string, unknown>;

describePolicy("aws-cloudfront-distribution-tls12-required", {
    level: "mandatory",
    description: /require TLSv1\.2_2021 or newer, and a distribution with aliases does not use the default certificate/,
    compliant: [res(CF, "cdn", dist()), res(CF, "internal", { ...dist(), aliases: [], viewerCertificate: { cloudfrontDefaultCertificate: true } })],
    alsoCompliant: [
        { title: "a newer policy is used", change: (f) => ((f[0].props.viewerCertificate as Cert).minimumProtocolVersion = "TLSv1.2_2025") },
        { title: "the default certificate without aliases", change: (f) => { delete f[1].props.aliases; } },
    ],
    cases: [
        { title: "TLSv1.2_2019", break: (f) => ((f[0].props.viewerCertificate as Cert).minimumProtocolVersion = "TLSv1.2_2019"), expect: /minimumProtocolVersion "TLSv1\.2_2019"/ },
        { title: "TLSv1.1_2016", break: (f) => ((f[0].props.viewerCertificate as Cert).minimumProtocolVersion = "TLSv1.1_2016"), expect: /minimumProtocolVersion "TLSv1\.1_2016"/ },
        { title: "no minimum version", break: (f) => delete (f[0].props.viewerCertificate as Cert).minimumProtocolVersion, expect: /unset/ },
        { title: "aliases served with the default certificate", break: (f) => (f[0].props.viewerCertificate = { cloudfrontDefaultCertificate: true }), expect: /serves aliases www\.example\.com with the default \*\.cloudfront\.net certificate/ },
        { title: "aliases with no viewer certificate at all", break: (f) => (f[1].props.aliases = ["app.example.com"]), expect: /serves aliases app\.example\.com with the default/, resource: "internal" },
    ],
    pending: [
        { title: "the minimum version is unknown", break: (f) => ((f[0].props.viewerCertificate as Cert).minimumProtocolVersion = UNKNOWN) },
        { title: "the aliases of a default-certificate distribution are unknown", break: (f) => (f[1].props.aliases = [UNKNOWN]) },
    ],
});
