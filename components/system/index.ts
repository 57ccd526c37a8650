/**
 * SystemScope: the root component of one system (Distro Nation, Vibe, a team's stack...).
 *
 * Everything a system creates is parented here, which gives the system one node in the resource tree
 * and carries the platform tags down to every taggable descendant through one transform (run by the
 * engine for every registration below this component, packaged components' children included).
 *
 * It also carries the system's cost budget (and the stack's) as its inputs and outputs: the cost
 * policies of the pack read them there, both offline (the gate sees component inputs) and under
 * `pulumi preview --policy-pack` (stack policies see component outputs).
 */
import * as pulumi from "@pulumi/pulumi";
import { platformTags, tagTransform, type PlatformTags, type TagContext } from "../shared/tags";

/** A monthly budget in USD, and how far the estimate may rise above the committed cost baseline. */
export interface CostBudget {
    monthlyUsd?: number;
    maxRisePercent?: number;
}

export interface SystemScopeArgs extends TagContext {
    /** The stack's `aws:region`: the cost policies price the default provider's resources in it. */
    region?: string;
    /** The system's budget. */
    budget?: CostBudget;
    /** The stack's budget (every system of a stack carries the same). */
    stackBudget?: CostBudget;
}

export class SystemScope extends pulumi.ComponentResource {
    /** The tags every taggable resource of this system carries. */
    readonly tags: PlatformTags;

    constructor(name: string, args: SystemScopeArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const tags = platformTags(args);
        const cost = costProps(args);
        super("platform:core:System", name, cost, {
            ...opts,
            transforms: [tagTransform(tags), ...(opts.transforms ?? [])],
        });
        this.tags = tags;
        this.registerOutputs({ tags, ...cost });
    }
}

function costProps(args: SystemScopeArgs): Record<string, unknown> {
    const defined = (b: CostBudget | undefined) => (b && (b.monthlyUsd !== undefined || b.maxRisePercent !== undefined) ? b : undefined);
    return Object.fromEntries(Object.entries({ region: args.region, budget: defined(args.budget), stackBudget: defined(args.stackBudget) }).filter(([, v]) => v !== undefined));
}
