import { byName, describePolicy, res, UNKNOWN } from "../support/spec";

const LISTENER = "aws:lb/listener:Listener";
const RULE = "aws:lb/listenerRule:ListenerRule";
const toHttps = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };

describePolicy("aws-alb-listener-http-redirect-only", {
    level: "mandatory",
    description: /HTTP listeners, and the listener rules attached to them, only redirect to HTTPS/,
    compliant: [
        res(LISTENER, "http", { loadBalancerArn: UNKNOWN, port: 80, protocol: "HTTP", defaultActions: [toHttps] }),
        res(RULE, "http-legacy-path", { listenerArn: UNKNOWN, priority: 10, conditions: [{ pathPattern: { values: ["/old/*"] } }], actions: [{ ...toHttps, redirect: { ...toHttps.redirect, path: "/new/#{path}" } }] }, { listenerArn: ["http"] }),
        res(LISTENER, "https", { loadBalancerArn: UNKNOWN, port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: UNKNOWN, defaultActions: [{ type: "forward", targetGroupArn: UNKNOWN }] }),
        res(RULE, "https-api", { listenerArn: UNKNOWN, priority: 10, conditions: [{ pathPattern: { values: ["/api/*"] } }], actions: [{ type: "forward", targetGroupArn: UNKNOWN }] }, { listenerArn: ["https"] }),
    ],
    alsoCompliant: [{ title: "a rule's listener is managed outside the stack", change: (f) => { delete byName(f, "http-legacy-path").deps; byName(f, "http-legacy-path").props.listenerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/50dc6c495c0c9188/f2f7dc8efc522ab2"; byName(f, "http-legacy-path").props.actions = [{ type: "forward" }]; } }],
    cases: [
        { title: "forwarding HTTP", break: (f) => (f[0].props.defaultActions = [{ type: "forward", targetGroupArn: UNKNOWN }]), expect: /is an HTTP listener that serves traffic instead of redirecting to HTTPS \(default action: forward\)/ },
        { title: "redirecting to HTTP", break: (f) => (f[0].props.defaultActions = [{ type: "redirect", redirect: { protocol: "HTTP", port: "8080" } }]), expect: /default action: redirect to HTTP/ },
        { title: "a second default action serves traffic", break: (f) => (f[0].props.defaultActions = [toHttps, { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "200" } }]), expect: /default action: fixed-response/ },
        { title: "the alb/ alias type too", break: (f) => { f[0].type = "aws:alb/listener:Listener"; f[0].props.defaultActions = [{ type: "fixed-response" }]; }, expect: /instead of redirecting/ },
        { title: "a listener rule forwards plain HTTP", break: (f) => (byName(f, "http-legacy-path").props.actions = [{ type: "forward", targetGroupArn: UNKNOWN }]), expect: /serves traffic on HTTP listener "http" instead of redirecting to HTTPS \(action: forward\)/, resource: "http-legacy-path" },
        { title: "an alb/ listener rule authenticates over HTTP", break: (f) => { const r = byName(f, "http-legacy-path"); r.type = "aws:alb/listenerRule:ListenerRule"; r.props.actions = [{ type: "authenticate-cognito" }, { type: "forward" }]; }, expect: /action: authenticate-cognito, forward/, resource: "http-legacy-path" },
        { title: "a rule on the HTTPS listener moves to the HTTP one", break: (f) => (byName(f, "https-api").deps = { listenerArn: ["http"] }), expect: /serves traffic on HTTP listener "http"/, resource: "https-api" },
    ],
    pending: [
        { title: "a rule's listener is unknown without dependencies", break: (f) => delete byName(f, "http-legacy-path").deps },
        { title: "a listener's protocol is unknown", break: (f) => (f[0].props.protocol = UNKNOWN) },
    ],
});
