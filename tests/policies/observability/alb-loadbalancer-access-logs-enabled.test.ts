import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-alb-loadbalancer-access-logs-enabled", {
    level: "advisory",
    description: /load balancers write access logs/,
    compliant: [res("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application", accessLogs: { bucket: UNKNOWN, enabled: true } })],
    alsoCompliant: [{ title: "it is a network load balancer", change: (f) => (f[0].props = { loadBalancerType: "network" }) }],
    cases: [
        { title: "no access logs", break: (f) => delete f[0].props.accessLogs, expect: /has no access logs/ },
        { title: "disabled", break: (f) => ((f[0].props.accessLogs as Record<string, unknown>).enabled = false), expect: /has no access logs/ },
    ],
});
