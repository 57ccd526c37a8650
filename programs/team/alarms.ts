/**
 * Alarms: Alarms `<team>-alarms` (KMS-encrypted SNS topic, the spec's email subscriptions) with the
 * platform's alarms on what the team has: function errors, throttles and timeouts, the API's 5xx
 * rate, table throttles, database CPU.
 */
import { Alarms } from "../../components/alarms";
import type { DataTable } from "../../components/data-table";
import type { ServerlessDb } from "../../components/serverless-db";
import type { TeamApi } from "./api";
import { teamName, type TeamContext } from "./context";

export function buildAlarms(ctx: TeamContext, deps: { api?: TeamApi; table?: DataTable; db?: ServerlessDb }): Alarms | undefined {
    const a = ctx.spec.alarms;
    if (!a) return undefined;
    const alarms = new Alarms(teamName(ctx, "alarms"), { emails: a.emails, protectData: ctx.config.protectData }, ctx.parent);
    if (deps.api) {
        const functionName = deps.api.fn.functionName;
        alarms.lambdaErrors(teamName(ctx, "handler-errors"), { functionName });
        alarms.lambdaThrottles(teamName(ctx, "handler-throttles"), { functionName });
        alarms.lambdaTimeouts(teamName(ctx, "handler-timeouts"), { functionName, timeoutSeconds: ctx.spec.api!.timeoutSeconds });
        alarms.apiGateway5xxRate(teamName(ctx, "api-5xx"), { apiName: deps.api.api.restApi.name, stage: deps.api.api.stageName });
    }
    if (deps.table) alarms.dynamoThrottles(teamName(ctx, "table-throttles"), { tableName: deps.table.tableName });
    if (deps.db) alarms.databaseCpu(teamName(ctx, "db-cpu"), { clusterIdentifier: deps.db.clusterIdentifier });
    return alarms;
}
