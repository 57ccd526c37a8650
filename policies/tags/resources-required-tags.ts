import { resourceRule } from "../lib/define";
import { isTaggable, TAGGABLE_TYPES } from "../lib/taggable";
import { at, isUnknown, pendingUntilUpdate, raw, record } from "../lib/values";

export const DEFAULT_REQUIRED_TAGS = ["Environment", "System", "Team", "CostCenter", "ManagedBy"];

/** Provider `defaultTags` apply to every resource the provider manages (the inputs carry them as JSON text or an object). */
function providerDefaultTags(providerProps: Record<string, unknown> | undefined): Record<string, unknown> {
    let defaults = raw(providerProps?.["defaultTags"]);
    if (typeof defaults === "string" && !isUnknown(defaults)) {
        try {
            defaults = JSON.parse(defaults);
        } catch {
            return {};
        }
    }
    return record(at(defaults, "tags")) ?? {};
}

export const requiredTags = resourceRule<{ requiredTags: string[]; environment?: string }>({
    name: "aws-resources-required-tags",
    description: "Every taggable resource carries the required tags with non-empty values, and Environment equals the stack's environment.",
    area: "tags",
    severity: "medium",
    remediation: "create the resource inside a SystemScope (its transformation adds the platform tags), or pass the missing tags explicitly",
    configSchema: {
        properties: {
            requiredTags: { type: "array", items: { type: "string" }, default: DEFAULT_REQUIRED_TAGS, description: "Tag keys every taggable resource must carry." },
            environment: { type: "string", description: "The value the Environment tag must have (dev, staging, prod)." },
        },
    },
    types: TAGGABLE_TYPES,
    check({ type, props, providerProps }, report, config) {
        if (!isTaggable(type)) return;
        const given = raw(props["tags"]);
        if (isUnknown(given)) pendingUntilUpdate("tags");
        const tags: Record<string, unknown> = { ...providerDefaultTags(providerProps), ...(record(given) ?? {}) };
        const missing = config.requiredTags.filter((k) => tags[k] === undefined || tags[k] === null);
        const empty = config.requiredTags.filter((k) => typeof tags[k] === "string" && (tags[k] as string).trim() === "");
        if (missing.length > 0) report(`is missing required tag(s) ${missing.join(", ")}`, `add ${missing.join(", ")} to tags (or create it inside a SystemScope)`);
        if (empty.length > 0) report(`has empty required tag(s) ${empty.join(", ")}`, `give ${empty.join(", ")} a non-empty value`);
        const env = tags["Environment"];
        if (config.environment && typeof env === "string" && env.trim() !== "" && !isUnknown(env) && env !== config.environment) {
            report(`has Environment "${env}" but this stack's environment is "${config.environment}"`, `set the Environment tag to "${config.environment}"`);
        }
        if (config.environment && isUnknown(env)) pendingUntilUpdate("tags.Environment");
    },
});
