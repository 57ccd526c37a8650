/**
 * A team stack: built from the team's declarative spec (`platform:teamSpec`, e.g.
 * programs/teams/payments.yaml) with the platform's components only, every guardrail on.
 *
 * - The spec is read relative to the project root and validated (strict: unknown fields fail, and no
 *   field can weaken a guardrail); its team must be the stack's `platform:team`, its cost center the
 *   stack's `platform:costCenter`, and the stack's environment one of the spec's environments.
 * - One SystemScope named after the team (System tag = the team; Team and CostCenter tags from the
 *   spec) is the parent of everything; every resource is named `<team>-<what>`.
 * - Protection, retention, lifecycle, WAF, capacity and throttles come from the stack configuration,
 *   exactly as in the seed programs; the spec says only what the team needs.
 * - IAM: the API function's role names only the team's own buckets, keys, table, secrets and database
 *   credentials (see team/api.ts).
 */
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SystemScope } from "../components/system";
import { stackBudget } from "./config/cost";
import type { PlatformConfig } from "./config/schema";
import type { SystemOutputs } from "./systems";
import { buildAlarms } from "./team/alarms";
import { buildApi } from "./team/api";
import { buildCdn } from "./team/cdn";
import type { TeamContext } from "./team/context";
import { buildDatabase, buildNetwork, buildTable } from "./team/data";
import { buildIdentity } from "./team/identity";
import { buildSecrets } from "./team/secrets";
import { loadTeamSpec, TeamSpecError, type TeamSpec } from "./team/spec";
import { buildStorage } from "./team/storage";

/** The project root: the directory of Pulumi.yaml as the engine reports it, else the working directory. */
export function projectRoot(): string {
    try {
        const dir = pulumi.runtime.getRootDirectory();
        if (dir) return dir;
    } catch {
        // Older engines do not report it.
    }
    return process.cwd();
}

/** Checks that the stack and its spec agree; throws TeamSpecError naming the field. */
export function checkStackAgainstSpec(spec: TeamSpec, config: PlatformConfig, file: string): void {
    const problems = [];
    if (spec.team !== config.team) {
        problems.push({ field: "team", given: spec.team, allowed: `the stack's platform:team (${JSON.stringify(config.team)} in Pulumi.${config.stack}.yaml); a spec belongs to one team` });
    }
    if (spec.costCenter !== config.costCenter) {
        problems.push({ field: "costCenter", given: spec.costCenter, allowed: `the stack's platform:costCenter (${JSON.stringify(config.costCenter)}); the spec is the source of the CostCenter tag, keep the two equal` });
    }
    if (!(spec.environments as string[]).includes(config.environment)) {
        problems.push({ field: "environments", given: spec.environments, allowed: `a list including the stack's environment ${JSON.stringify(config.environment)} (add it, e.g. with npm run new-team -- --team ${spec.team} --env ${config.environment})` });
    }
    if (problems.length > 0) throw new TeamSpecError(file, problems);
}

export function buildTeamStack(config: PlatformConfig): SystemOutputs {
    const file = config.teamSpec!;
    const root = projectRoot();
    const spec = loadTeamSpec(root, file);
    checkStackAgainstSpec(spec, config, file);

    const scope = new SystemScope(spec.team, {
        environment: config.environment, system: spec.team, team: spec.team, costCenter: spec.costCenter,
        region: config.region,
        budget: { monthlyUsd: spec.budget?.[config.environment as "dev" | "prod"], maxRisePercent: spec.budget?.maxRisePercent ?? config.cost.maxRisePercent },
        stackBudget: stackBudget(config),
    });
    const ctx: TeamContext = { spec, config, root: path.resolve(root), specFile: file, parent: { parent: scope } };

    const storage = buildStorage(ctx);
    const cdn = buildCdn(ctx, storage);
    const table = buildTable(ctx);
    const network = buildNetwork(ctx);
    const secrets = buildSecrets(ctx);
    const identity = buildIdentity(ctx);
    const api = buildApi(ctx, { storage, table, secrets, identity, network });
    const db = network ? buildDatabase(ctx, network, api ? { [`${spec.team}-handler`]: api.fn.securityGroup!.id } : {}) : undefined;
    if (db) api?.connectDatabase(db);
    const alarms = buildAlarms(ctx, { api, table, db });

    return {
        team: spec.team,
        owner: spec.owner,
        region: aws.getRegionOutput({}, ctx.parent).region,
        buckets: Object.fromEntries([...storage.buckets].map(([name, b]) => [name, b.name])),
        cdnUrl: cdn?.url,
        cdnDistributionId: cdn?.distributionId,
        apiUrl: api?.api.invokeUrl,
        functionName: api?.fn.functionName,
        tableName: table?.tableName,
        databaseEndpoint: db?.endpoint,
        userPoolId: identity?.userPoolId,
        userPoolClientId: identity?.clientIds.apply((ids) => ids[`${spec.team}-web`]),
        secretArns: Object.fromEntries([...secrets.secrets].map(([name, s]) => [name, s.secretArn])),
        alarmTopicArn: alarms?.topicArn,
    };
}
