/**
 * Platform tags: the one place that decides which tags every resource carries and puts them there.
 *
 * Tags are applied by a resource transform (`transforms`, run by the Pulumi engine for every
 * registration below the component that declares it) on a system's root component (see
 * `SystemScope`), so every taggable descendant receives them in its own `tags` input: also the
 * children of packaged (multi-language) components, which legacy SDK-side `transformations` never
 * reach. Provider `defaultTags` are not enough: CrossGuard and the offline gate read resource inputs,
 * where provider defaults are invisible during preview.
 */
import * as pulumi from "@pulumi/pulumi";
import taggableTypes from "../../policies/lib/taggable-types.json";

/** The tag keys every taggable resource must carry (the policy pack checks the same list by default). */
export const REQUIRED_TAG_KEYS = ["Environment", "System", "Team", "CostCenter", "ManagedBy"] as const;

export type RequiredTagKey = (typeof REQUIRED_TAG_KEYS)[number];
export type PlatformTags = Record<RequiredTagKey, string>;

const TAGGABLE = new Set<string>(taggableTypes.types);

/** True when the `@pulumi/aws` schema gives this resource type a `tags` input. */
export function isTaggable(type: string): boolean {
    return TAGGABLE.has(type);
}

export interface TagContext {
    environment: string;
    system: string;
    team: string;
    costCenter: string;
}

/** The required tags for one system of one stack. */
export function platformTags(ctx: TagContext): PlatformTags {
    return {
        Environment: ctx.environment,
        System: ctx.system,
        Team: ctx.team,
        CostCenter: ctx.costCenter,
        ManagedBy: "pulumi",
    };
}

/**
 * A transform that merges the platform tags into every taggable resource's `tags` input.
 * Caller-supplied tags are kept; the required keys always win, so `Environment` can never disagree
 * with `platform:environment`.
 */
export function tagTransform(tags: PlatformTags): pulumi.ResourceTransform {
    return (args) => {
        if (!isTaggable(args.type)) return undefined;
        const existing = args.props["tags"] as pulumi.Input<Record<string, pulumi.Input<string>>> | undefined;
        const merged = existing === undefined
            ? { ...tags }
            : pulumi.output(existing).apply((given) => ({ ...(given ?? {}), ...tags }));
        return { props: { ...args.props, tags: merged }, opts: args.opts };
    };
}
