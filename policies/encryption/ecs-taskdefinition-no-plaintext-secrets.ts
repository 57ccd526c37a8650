import { resourceRule } from "../lib/define";
import { at, isUnknown, list, pendingUntilUpdate, raw } from "../lib/values";
import { plaintextSecretNames } from "./plaintext-secrets";

export const ecsTaskDefinitionNoPlaintextSecrets = resourceRule({
    name: "aws-ecs-taskdefinition-no-plaintext-secrets",
    description: "ECS container definitions carry no literal secrets in `environment` (names like SECRET, PASSWORD, TOKEN, API_KEY, PRIVATE_KEY).",
    area: "encryption",
    severity: "critical",
    remediation: "move the value to Secrets Manager or SSM and reference it from the container's `secrets` list (valueFrom)",
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    check({ props }, report) {
        let defs = raw(at(props, "containerDefinitions"));
        if (defs === undefined || defs === null) return;
        if (isUnknown(defs)) pendingUntilUpdate("containerDefinitions");
        if (typeof defs === "string") {
            try {
                defs = JSON.parse(defs);
            } catch {
                return; // the provider rejects invalid JSON itself
            }
        }
        for (const container of list(defs)) {
            const variables: Record<string, unknown> = {};
            for (const entry of list(at(container, "environment"))) {
                const name = at(entry, "name");
                if (typeof name === "string") variables[name] = at(entry, "value");
            }
            const cname = at(container, "name");
            for (const name of plaintextSecretNames(variables)) {
                report(`container ${typeof cname === "string" ? `"${cname}"` : ""} environment variable ${name} holds a literal secret value`.replace("  ", " "));
            }
        }
    },
});
