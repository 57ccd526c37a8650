import { describePolicy, res } from "../support/spec";

describePolicy("aws-ecs-cluster-container-insights-enabled", {
    level: "advisory",
    description: /Container Insights/,
    compliant: [res("aws:ecs/cluster:Cluster", "cluster", { settings: [{ name: "containerInsights", value: "enhanced" }] })],
    cases: [{ title: "disabled", break: (f) => (f[0].props.settings = [{ name: "containerInsights", value: "disabled" }]), expect: /has no Container Insights/ }],
});
