/**
 * A container that is privileged, adds CAP_SYS_ADMIN (or ALL), or shares the host's network, process or
 * IPC namespace can reach the host and every other task on it: one compromised process is the instance.
 *
 * Anchors: checkov CKV_AWS_334 (containers are not privileged), CKV_AWS_335 (no host process namespace).
 * Beyond them: host network and IPC modes, and added SYS_ADMIN / ALL capabilities. (CKV_AWS_334 reads a
 * `privilege` key and CKV_AWS_335 a per-container `pidMode`; ECS's are `privileged` per container and
 * `pidMode` on the task definition, which is what this rule reads.)
 */
import { resourceRule } from "../lib/define";
import { containerDefinitions, containerLabel } from "../lib/containers";
import { at, isTrue, isUnknown, list, pendingUntilUpdate } from "../lib/values";

const HOST_MODES: [prop: string, what: string][] = [
    ["networkMode", "network stack"],
    ["pidMode", "process namespace"],
    ["ipcMode", "IPC namespace"],
];
const HOST_CAPABILITIES = ["ALL", "SYS_ADMIN"];

export const ecsTaskDefinitionDisallowHostAccess = resourceRule({
    name: "aws-ecs-taskdefinition-disallow-host-access",
    description: "ECS task definitions run no privileged container, add no SYS_ADMIN/ALL capability, and share no host network, PID or IPC namespace.",
    area: "workload",
    severity: "critical",
    remediation: 'remove privileged and the added capabilities, and use networkMode "awsvpc" without pidMode/ipcMode "host" (give the task what it needs through its task role and volumes)',
    checkov: ["CKV_AWS_334", "CKV_AWS_335"],
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    check({ props }, report) {
        const pending: string[] = [];
        for (const [prop, what] of HOST_MODES) {
            const mode = at(props, prop);
            if (isUnknown(mode)) pending.push(prop);
            else if (mode === "host") report(`uses ${prop} "host": its containers share the host's ${what}`);
        }
        const defs = containerDefinitions(props);
        if (defs.kind === "unknown") pending.push("containerDefinitions");
        if (defs.kind === "known") {
            defs.containers.forEach((c, i) => {
                const privileged = at(c, "privileged");
                if (isUnknown(privileged)) pending.push(`${containerLabel(c, i)} privileged`);
                else if (isTrue(privileged)) report(`${containerLabel(c, i)} is privileged`);
                const added = list(at(c, "linuxParameters", "capabilities", "add")).filter((a) => typeof a === "string" && HOST_CAPABILITIES.includes(a.toUpperCase()));
                if (added.length > 0) report(`${containerLabel(c, i)} adds the ${added.join(", ")} capabilit${added.length > 1 ? "ies" : "y"}`);
            });
        }
        if (pending.length > 0) pendingUntilUpdate(pending.join(", "));
    },
});
