import { describePolicy, res, UNKNOWN } from "../support/spec";

const LISTENER = "aws:lb/listener:Listener";

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
