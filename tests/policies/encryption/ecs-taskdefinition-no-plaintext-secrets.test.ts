import { describePolicy, res, UNKNOWN } from "../support/spec";

const container = (env: { name: string; value: unknown }[], name = "web") => ({ name, image: "public.ecr.aws/nginx/nginx:1.27", environment: env, secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" }] });
const defs = (...containers: unknown[]) => JSON.stringify(containers);
const config = [{ name: "LOG_LEVEL", value: "info" }, { name: "DB_SECRET_ARN", value: "arn:aws:secretsmanager:us-east-1:123456789012:secret:x" }, { name: "MAX_TOKENS", value: "4096" }, { name: "PASSWORD_MIN_LENGTH", value: "12" }];

describePolicy("aws-ecs-taskdefinition-no-plaintext-secrets", {
    level: "mandatory",
    description: /ECS container definitions carry no literal secrets in `environment`/,
    compliant: [res("aws:ecs/taskDefinition:TaskDefinition", "task", { family: "web", containerDefinitions: defs(container(config), container([{ name: "PORT", value: "8080" }], "sidecar")) })],
    cases: [
        { title: "a literal token", break: (f) => (f[0].props.containerDefinitions = defs(container([{ name: "GITHUB_TOKEN", value: "ghp_abc" }]))), expect: /container "web" environment variable GITHUB_TOKEN holds a literal secret value/ },
        { title: "a literal private key in object form", break: (f) => (f[0].props.containerDefinitions = [{ name: "web", environment: [{ name: "PRIVATE_KEY", value: "-----BEGIN" }] }]), expect: /PRIVATE_KEY/ },
        { title: "a vendor key by value in the second container", break: (f) => (f[0].props.containerDefinitions = defs(container(config), container([{ name: "UPSTREAM", value: "sk-proj-Abc123Def456Ghi789Jkl012" }], "sidecar"))), expect: /container "sidecar" environment variable UPSTREAM holds what looks like an OpenAI \/ Anthropic API key/ },
        { title: "a broker URL with a password", break: (f) => (f[0].props.containerDefinitions = defs(container([...config, { name: "BROKER_URL", value: "amqp://guest:guest@mq.internal:5672" }]))), expect: /BROKER_URL holds what looks like a URI with an embedded password/ },
    ],
    pending: [
        { title: "the definitions are unknown", break: (f) => (f[0].props.containerDefinitions = UNKNOWN) },
        { title: "a secret-named value is unknown", break: (f) => (f[0].props.containerDefinitions = [container([{ name: "API_KEY", value: UNKNOWN }])]) },
    ],
});
