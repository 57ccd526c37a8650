import { describePolicy, res, UNKNOWN } from "../support/spec";

const LISTENER = "aws:lb/listener:Listener";

describePolicy("aws-alb-listener-tls12-policy-required", {
    level: "mandatory",
    description: /known to refuse TLS 1\.0 and 1\.1/,
    compliant: [
        res(LISTENER, "https", { loadBalancerArn: UNKNOWN, port: 443, protocol: "HTTPS", certificateArn: UNKNOWN, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: [] }),
        res("aws:alb/listener:Listener", "nlb-tls", { loadBalancerArn: UNKNOWN, port: 5432, protocol: "TLS", certificateArn: UNKNOWN, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", defaultActions: [] }),
        res(LISTENER, "tcp", { loadBalancerArn: UNKNOWN, port: 6379, protocol: "TCP", defaultActions: [] }),
    ],
    alsoCompliant: [
        { title: "a FIPS policy", change: (f) => (f[0].props.sslPolicy = "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04") },
        { title: "a TLS 1.3-only policy", change: (f) => (f[0].props.sslPolicy = "ELBSecurityPolicy-TLS13-1-3-2021-06") },
        { title: "a forward-secrecy TLS 1.2 policy", change: (f) => (f[0].props.sslPolicy = "ELBSecurityPolicy-FS-1-2-Res-2020-10") },
    ],
    cases: [
        { title: "no sslPolicy", break: (f) => delete f[0].props.sslPolicy, expect: /unset \(the default ELBSecurityPolicy-2016-08 allows TLS 1\.0\)/ },
        { title: "an old policy", break: (f) => (f[0].props.sslPolicy = "ELBSecurityPolicy-2016-08"), expect: /sslPolicy "ELBSecurityPolicy-2016-08", which is not known to refuse TLS 1\.0\/1\.1/ },
        { title: "a TLS13 policy that still accepts TLS 1.0", break: (f) => (f[0].props.sslPolicy = "ELBSecurityPolicy-TLS13-1-0-2021-06"), expect: /"ELBSecurityPolicy-TLS13-1-0-2021-06"/ },
        { title: "a TLS13 policy that still accepts TLS 1.1", break: (f) => (f[0].props.sslPolicy = "ELBSecurityPolicy-TLS13-1-1-2021-06"), expect: /"ELBSecurityPolicy-TLS13-1-1-2021-06"/ },
        { title: "a FIPS policy that still accepts TLS 1.0", break: (f) => (f[1].props.sslPolicy = "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04"), expect: /TLS13-1-0-FIPS/, resource: "nlb-tls" },
        { title: "a post-quantum policy that still accepts TLS 1.0", break: (f) => (f[1].props.sslPolicy = "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09"), expect: /TLS13-1-0-PQ/, resource: "nlb-tls" },
        { title: "a TLS 1.1 forward-secrecy policy", break: (f) => (f[0].props.sslPolicy = "ELBSecurityPolicy-FS-1-1-2019-08"), expect: /FS-1-1-2019-08/ },
    ],
    pending: [
        { title: "the policy is unknown", break: (f) => (f[0].props.sslPolicy = UNKNOWN) },
        { title: "the protocol is unknown", break: (f) => (f[2].props.protocol = UNKNOWN) },
    ],
});
