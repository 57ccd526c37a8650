/**
 * Why a read-only root filesystem: code that gets into a container cannot replace its binaries, drop
 * tools or persist in the image layer; the container writes only where the task definition says (a
 * volume, a bind mount of scratch space). That is a hardening measure rather than an exposure, so the
 * rule is advisory in dev (where images are iterated on) and mandatory in staging and prod.
 * Windows containers are skipped: ECS does not support readonlyRootFilesystem for them.
 *
 * Anchors: checkov CKV_AWS_336 (containers are limited to read-only root filesystems).
 */
import { resourceRule } from "../lib/define";
import { containerDefinitions, containerLabel } from "../lib/containers";
import { at, isTrue, isUnknown, pendingUntilUpdate } from "../lib/values";

export const ecsTaskDefinitionReadonlyRootFilesystem = resourceRule({
    name: "aws-ecs-taskdefinition-readonly-root-filesystem",
    description: "Every container of an ECS task definition (Linux) sets readonlyRootFilesystem: true.",
    area: "workload",
    severity: "medium",
    remediation: "set readonlyRootFilesystem: true on the container and mount a volume (or bind-mount scratch space) where it must write, e.g. /tmp",
    checkov: ["CKV_AWS_336"],
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    check({ props }, report) {
        const os = at(props, "runtimePlatform", "operatingSystemFamily");
        if (isUnknown(os)) pendingUntilUpdate("runtimePlatform.operatingSystemFamily");
        if (typeof os === "string" && os.toUpperCase().startsWith("WINDOWS")) return;
        const defs = containerDefinitions(props);
        if (defs.kind === "unknown") pendingUntilUpdate("containerDefinitions");
        if (defs.kind !== "known") return;
        const pending: string[] = [];
        defs.containers.forEach((c, i) => {
            const readonly = at(c, "readonlyRootFilesystem");
            if (isUnknown(readonly)) pending.push(`${containerLabel(c, i)} readonlyRootFilesystem`);
            else if (!isTrue(readonly)) report(`${containerLabel(c, i)} has a writable root filesystem`);
        });
        if (pending.length > 0) pendingUntilUpdate(pending.join(", "));
    },
});
