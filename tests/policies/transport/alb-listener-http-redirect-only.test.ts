import { describePolicy, res, UNKNOWN } from "../support/spec";

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
