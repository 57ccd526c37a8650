/**
 * Anchors: cdk-nag AwsSolutions-ECS2 (a container definition specifies environment variables directly).
 * Less than it: AwsSolutions-ECS2 flags every `environment` entry; configuration in `environment`
 * passes here, and only values that carry a secret fail: credential shapes whatever the name, literal
 * values in secret-named variables (see plaintext-secrets.ts).
 */
import { resourceRule } from "../lib/define";
import { containerDefinitions, containerLabel } from "../lib/containers";
import { at, isUnknown, list, pendingUntilUpdate } from "../lib/values";
import { plaintextSecrets } from "./plaintext-secrets";

export const ecsTaskDefinitionNoPlaintextSecrets = resourceRule({
    name: "aws-ecs-taskdefinition-no-plaintext-secrets",
    description: "ECS container definitions carry no literal secrets in `environment`: no credential-shaped values and no literal value in a secret-named variable (SECRET, PASSWORD, PASS, TOKEN, API_KEY...).",
    area: "encryption",
    severity: "critical",
    remediation: "move the value to Secrets Manager or SSM and reference it from the container's `secrets` list (valueFrom)",
    cdkNag: ["AwsSolutions-ECS2"],
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    check({ props }, report) {
        const defs = containerDefinitions(props);
        if (defs.kind === "unknown") pendingUntilUpdate("containerDefinitions");
        if (defs.kind !== "known") return;
        const pending: string[] = [];
        defs.containers.forEach((container, i) => {
            const variables: Record<string, unknown> = {};
            for (const entry of list(at(container, "environment"))) {
                const name = at(entry, "name");
                if (typeof name === "string" && !isUnknown(name)) variables[name] = at(entry, "value");
            }
            const { findings, unknown } = plaintextSecrets(variables);
            for (const f of findings) report(`${containerLabel(container, i)} environment variable ${f.name} ${f.problem}`);
            pending.push(...unknown.map((n) => `${containerLabel(container, i)} ${n}`));
        });
        if (pending.length > 0) pendingUntilUpdate(`the value of environment variable(s) ${pending.join(", ")}`);
    },
});
