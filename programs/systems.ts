/**
 * The registry of systems a stack can deploy: one builder per seed system, each in its own module.
 * Adding a system: write programs/<system>.ts exporting a SystemBuilder, add its name to SYSTEMS in
 * config/schema.ts and its builder here.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SystemScope } from "../components/system";
import type { PlatformConfig, SystemName } from "./config/schema";
import { buildDistroNation } from "./distro-nation";
import { buildMultiMusic } from "./multimusic";
import { buildPadmakara } from "./padmakara";
import { buildVibe } from "./vibe";
import { buildVidVerse } from "./vidverse";

export interface SystemContext {
    config: PlatformConfig;
    /** The system's root component: parent every resource to it (use `parent`). */
    scope: SystemScope;
    parent: pulumi.ComponentResourceOptions;
}

/** What a system exports: URLs, ids, names and ARNs. Never secret values. */
export type SystemOutputs = Record<string, pulumi.Input<unknown>>;

export type SystemBuilder = (ctx: SystemContext) => SystemOutputs;

export const SYSTEM_BUILDERS: Record<SystemName, SystemBuilder> = {
    "distro-nation": buildDistroNation,
    "padmakara": buildPadmakara,
    "vidverse": buildVidVerse,
    "vibe": buildVibe,
    "multimusic": buildMultiMusic,
};
