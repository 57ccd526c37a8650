/**
 * Data stores: a DynamoDB table (DataTable `<team>-table`: KMS, PITR, deletion protection from the
 * stack config) or an Aurora PostgreSQL Serverless v2 database (ServerlessDb `<team>-db`) in the
 * team's own VPC (Network `<team>-network`), sized, backed up and protected from the stack config.
 */
import { DataTable } from "../../components/data-table";
import { Network } from "../../components/network";
import { ServerlessDb } from "../../components/serverless-db";
import { teamName, type TeamContext } from "./context";

export function buildTable(ctx: TeamContext): DataTable | undefined {
    const t = ctx.spec.table;
    if (!t) return undefined;
    return new DataTable(teamName(ctx, "table"), {
        partitionKey: t.partitionKey,
        sortKey: t.sortKey,
        globalSecondaryIndexes: t.indexes.map((ix) => ({ name: ix.name, partitionKey: ix.partitionKey, sortKey: ix.sortKey, projection: ix.projection })),
        ttlAttribute: t.ttlAttribute,
        protectData: ctx.config.protectData,
    }, ctx.parent);
}

/** The team's VPC: only built when the spec has a database (Aurora lives in a VPC). */
export function buildNetwork(ctx: TeamContext): Network | undefined {
    if (!ctx.spec.database) return undefined;
    const { config } = ctx;
    if (config.network.azCount < 2) {
        throw new Error(`team ${ctx.spec.team}: ${ctx.specFile}: database needs a VPC in at least 2 availability zones; platform:network.azCount is ${config.network.azCount} (allowed: 2 to 6)`);
    }
    return new Network(teamName(ctx, "network"), {
        cidr: config.network.cidr,
        azCount: config.network.azCount,
        natGateways: config.network.natGateways,
        subnets: config.network.subnets,
        // Without NAT the function reaches Secrets Manager (the database credentials) through an endpoint.
        endpoints: config.network.natGateways === "none" ? ["s3", "dynamodb", "secretsmanager"] : ["s3", "dynamodb"],
        flowLogRetentionDays: config.logs.retentionDays,
        protectData: config.protectData,
    }, ctx.parent);
}

/** Subnets for the database: the isolated ones when the layout has them, else the private ones. */
export function databaseSubnets(ctx: TeamContext, network: Network) {
    const hasIsolated = ctx.config.network.subnets === undefined || ctx.config.network.subnets.some((s) => s.type === "isolated");
    const ids = hasIsolated ? network.isolatedSubnetIds : network.privateSubnetIds;
    return Array.from({ length: ctx.config.network.azCount }, (_, i) => ids.apply((a) => a[i]));
}

export function privateSubnets(ctx: TeamContext, network: Network) {
    return Array.from({ length: ctx.config.network.azCount }, (_, i) => network.privateSubnetIds.apply((a) => a[i]));
}

export function buildDatabase(ctx: TeamContext, network: Network, allowedSecurityGroups: Record<string, import("@pulumi/pulumi").Input<string>>): ServerlessDb | undefined {
    const d = ctx.spec.database;
    if (!d) return undefined;
    const db = ctx.config.database;
    return new ServerlessDb(teamName(ctx, "db"), {
        vpcId: network.vpcId,
        subnetIds: databaseSubnets(ctx, network),
        allowedSecurityGroups,
        minCapacity: db.auroraMinCapacity,
        maxCapacity: db.auroraMaxCapacity,
        secondsUntilAutoPause: db.auroraAutoPauseSeconds,
        instanceCount: db.auroraInstances,
        backupRetentionDays: db.backupRetentionDays,
        skipFinalSnapshot: db.skipFinalSnapshot,
        deletionProtection: db.deletionProtection,
        databaseName: d.name,
        protectData: ctx.config.protectData,
    }, ctx.parent);
}
