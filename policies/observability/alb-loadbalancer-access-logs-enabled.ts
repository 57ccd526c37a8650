import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown } from "../lib/values";

export const albLoadBalancerAccessLogsEnabled = resourceRule({
    name: "aws-alb-loadbalancer-access-logs-enabled",
    description: "Application load balancers write access logs.",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "set accessLogs { bucket: <ALB log bucket (SSE-S3)>, enabled: true }",
    cdkNag: ["AwsSolutions-ELB2"],
    checkov: ["CKV_AWS_91"],
    types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    check({ props }, report) {
        const kind = at(props, "loadBalancerType");
        if (typeof kind === "string" && kind !== "application") return;
        const enabled = at(props, "accessLogs", "enabled");
        if (isUnknown(enabled)) return;
        if (!at(props, "accessLogs", "bucket") || enabled === false || (enabled !== undefined && !isTrue(enabled))) report("has no access logs");
    },
});
