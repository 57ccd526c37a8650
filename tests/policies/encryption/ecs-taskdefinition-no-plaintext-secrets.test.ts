import { describePolicy, res, UNKNOWN } from "../support/spec";

const container = (env: { name: string; value: string }[]) => JSON.stringify([{ name: "web", image: "nginx", environment: env }]);

describePolicy("aws-ecs-taskdefinition-no-plaintext-secrets", {
    level: "mandatory",
    description: /ECS container definitions/,
    compliant: [res("aws:ecs/taskDefinition:TaskDefinition", "task", { family: "web", containerDefinitions: container([{ name: "LOG_LEVEL", value: "info" }, { name: "DB_SECRET_ARN", value: "arn:aws:secretsmanager:us-east-1:1:secret:x" }]) })],
    cases: [
        { title: "a literal token", break: (f) => (f[0].props.containerDefinitions = container([{ name: "GITHUB_TOKEN", value: "ghp_abc" }])), expect: /container "web" environment variable GITHUB_TOKEN/ },
        { title: "a literal private key in object form", break: (f) => (f[0].props.containerDefinitions = [{ name: "web", environment: [{ name: "PRIVATE_KEY", value: "-----BEGIN" }] }]), expect: /PRIVATE_KEY/ },
    ],
    pending: [{ title: "the definitions are unknown", break: (f) => (f[0].props.containerDefinitions = UNKNOWN) }],
});
