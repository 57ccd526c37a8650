import { describePolicy, res, UNKNOWN } from "../support/spec";

const DOMAIN = "aws:apigateway/domainName:DomainName";

describePolicy("aws-apigateway-domainname-tls12-required", {
    level: "mandatory",
    description: /refuses TLS 1\.0 and 1\.1/,
    compliant: [
        res(DOMAIN, "api-domain", { domainName: "api.example.com", regionalCertificateArn: UNKNOWN, endpointConfiguration: { types: "REGIONAL" }, securityPolicy: "TLS_1_2" }),
        res(DOMAIN, "edge-domain", { domainName: "cdn.example.com", certificateArn: UNKNOWN, securityPolicy: "SecurityPolicy_TLS13_2025_EDGE", endpointAccessMode: "STRICT" }),
    ],
    alsoCompliant: [{ title: "an enhanced regional policy", change: (f) => (f[0].props.securityPolicy = "SecurityPolicy_TLS13_1_2_2021_06") }],
    cases: [
        { title: "TLS_1_0", break: (f) => (f[0].props.securityPolicy = "TLS_1_0"), expect: /uses securityPolicy "TLS_1_0", which accepts TLS older than 1\.2/ },
        { title: "securityPolicy unset", break: (f) => delete f[1].props.securityPolicy, expect: /securityPolicy unset/, resource: "edge-domain" },
        { title: "an unknown policy name", break: (f) => (f[1].props.securityPolicy = "SecurityPolicy_TLS10_2019"), expect: /"SecurityPolicy_TLS10_2019"/, resource: "edge-domain" },
    ],
    pending: [{ title: "the policy is unknown", break: (f) => (f[0].props.securityPolicy = UNKNOWN) }],
});
