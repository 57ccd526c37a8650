/**
 * The registry of systems a stack can deploy: one builder per seed system, each in its own module.
 * Adding a system: write programs/<system>.ts exporting a SystemBuilder, add its name to SYSTEMS in
 * config/schema.ts and its builder here.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SystemScope } from "../components/system";
import type { StackFirewalls } from "./firewalls";
import type { PlatformConfig, SystemName } from "./config/schema";

export interface SystemContext {
    config: PlatformConfig;
    /** The system's root component: parent every resource to it (use `parent`). */
    scope: SystemScope;
    parent: pulumi.ComponentResourceOptions;
    /** The stack's API Gateway account logging setting, when this stack owns it: pass it to every PrivateApi. */
    apiAccountLogging?: pulumi.Resource;
    /**
     * The stack's shared web ACLs (`regional`, `edge`; none when `platform:firewall.enabled` is
     * false, as in the committed dev stack): pass `use(system).webAclArn` to every internet-facing
     * entry point, and alarm on or graph an ACL only when there is one.
     */
    firewalls: StackFirewalls;
}

/** What a system exports: URLs, ids, names and ARNs. Never secret values. */
export type SystemOutputs = Record<string, pulumi.Input<unknown>>;

export type SystemBuilder = (ctx: SystemContext) => SystemOutputs;

/**
 * Each system's builder, loaded when a stack names the system: a stack that deploys one system does
 * not load (or depend on) the others' modules.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const SYSTEM_BUILDERS: Record<SystemName, () => SystemBuilder> = {
    "distro-nation": () => (require("./distro-nation") as typeof import("./distro-nation")).buildDistroNation,
    "padmakara": () => (require("./padmakara") as typeof import("./padmakara")).buildPadmakara,
    "vidverse": () => (require("./vidverse") as typeof import("./vidverse")).buildVidVerse,
    "vibe": () => (require("./vibe") as typeof import("./vibe")).buildVibe,
    "multimusic": () => (require("./multimusic") as typeof import("./multimusic")).buildMultiMusic,
};
/* eslint-enable @typescript-eslint/no-require-imports */
