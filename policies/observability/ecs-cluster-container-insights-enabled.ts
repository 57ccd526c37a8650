import { resourceRule } from "../lib/define";
import { at, list } from "../lib/values";

export const ecsClusterContainerInsightsEnabled = resourceRule({
    name: "aws-ecs-cluster-container-insights-enabled",
    description: "ECS clusters have Container Insights.",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: 'add settings [{ name: "containerInsights", value: "enabled" }] (or "enhanced")',
    cdkNag: ["AwsSolutions-ECS4"],
    checkov: ["CKV_AWS_65"],
    types: ["aws:ecs/cluster:Cluster"],
    check({ props }, report) {
        const on = list(at(props, "settings")).some((s) => at(s, "name") === "containerInsights" && ["enabled", "enhanced"].includes(String(at(s, "value"))));
        if (!on) report("has no Container Insights");
    },
});
