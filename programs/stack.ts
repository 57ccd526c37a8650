/**
 * Builds the systems a stack's configuration names. Each system gets its own SystemScope (the root of
 * its resource tree, which carries the platform tags to every taggable resource below it). What the
 * systems share lives under one more scope, `platform`: the region's API Gateway logging role (when
 * this stack owns it) and the stack's two web ACLs (programs/firewalls.ts), built after the systems
 * because each system's path limits name its own hosts, and only when `platform:firewall.enabled`
 * (prod; the committed dev stack runs without them).
 */
import { ApiAccountLogging } from "../components/private-api";
import { SystemScope } from "../components/system";
import { StackFirewalls } from "./firewalls";
import { stackBudget, systemBudget } from "./config/cost";
import type { PlatformConfig, SystemName } from "./config/schema";
import { SYSTEM_BUILDERS, type SystemOutputs } from "./systems";

/** camelCase export name for a system: "distro-nation" -> "distroNation". */
export function exportName(system: string): string {
    return system.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function buildStack(config: PlatformConfig): Record<string, SystemOutputs> {
    if (config.teamSpec !== undefined) {
        // A team stack: built from the team's declarative spec (loaded only for team stacks).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { buildTeamStack } = require("./team") as typeof import("./team");
        return { [exportName(config.team)]: buildTeamStack(config) };
    }
    const outputs: Record<string, SystemOutputs> = {};
    let platform: SystemScope | undefined;
    const platformScope = () => platform ??= new SystemScope("platform", {
        environment: config.environment, system: "platform", team: config.team, costCenter: config.costCenter,
        region: config.region, budget: systemBudget(config, "platform"), stackBudget: stackBudget(config),
    });
    // Stack-wide settings shared by the systems (one per account and region), under their own scope.
    const apiAccountLogging = config.api.manageAccountLoggingRole
        ? new ApiAccountLogging("apigateway-account-logging", {}, { parent: platformScope() })
        : undefined;
    const firewalls = new StackFirewalls(config);
    for (const system of config.systems ?? []) {
        const scope = new SystemScope(system, {
            environment: config.environment, system, team: config.team, costCenter: config.costCenter,
            region: config.region, budget: systemBudget(config, system), stackBudget: stackBudget(config),
        });
        outputs[exportName(system)] = SYSTEM_BUILDERS[system as SystemName]()({ config, scope, parent: { parent: scope }, apiAccountLogging, firewalls });
    }
    if (firewalls.inUse) firewalls.build(platformScope());
    return outputs;
}
