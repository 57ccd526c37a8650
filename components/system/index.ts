/**
 * SystemScope: the root component of one system (Distro Nation, Vibe, a team's stack...).
 *
 * Everything a system creates is parented here, which gives the system one node in the resource tree
 * and carries the platform tags down to every taggable descendant through one transform (run by the
 * engine for every registration below this component, packaged components' children included).
 */
import * as pulumi from "@pulumi/pulumi";
import { platformTags, tagTransform, type PlatformTags, type TagContext } from "../shared/tags";

export type SystemScopeArgs = TagContext;

export class SystemScope extends pulumi.ComponentResource {
    /** The tags every taggable resource of this system carries. */
    readonly tags: PlatformTags;

    constructor(name: string, args: SystemScopeArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const tags = platformTags(args);
        super("platform:core:System", name, {}, {
            ...opts,
            transforms: [tagTransform(tags), ...(opts.transforms ?? [])],
        });
        this.tags = tags;
        this.registerOutputs({ tags });
    }
}
