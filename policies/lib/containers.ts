/** ECS container definitions as they reach a policy: JSON text (the provider's input) or a list. */
import { at, isUnknown, list, raw } from "./values";

export type Containers = { kind: "known"; containers: unknown[] } | { kind: "unknown" } | { kind: "absent" };

export function containerDefinitions(props: Record<string, unknown>): Containers {
    let defs = raw(at(props, "containerDefinitions"));
    if (defs === undefined || defs === null || defs === "") return { kind: "absent" };
    if (isUnknown(defs)) return { kind: "unknown" };
    if (typeof defs === "string") {
        try {
            defs = JSON.parse(defs);
        } catch {
            return { kind: "absent" }; // the provider rejects invalid JSON itself
        }
    }
    return { kind: "known", containers: list(defs) };
}

/** `container "web"`, or `container #2` when it has no name. */
export function containerLabel(container: unknown, index: number): string {
    const name = at(container, "name");
    return typeof name === "string" && !isUnknown(name) ? `container "${name}"` : `container #${index + 1}`;
}
