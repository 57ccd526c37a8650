/**
 * The API: one ServerlessFunction `<team>-handler` serving every route of a PrivateApi `<team>-api`
 * (regional, behind a REGIONAL WebFirewall `<team>-api-waf` when the stack config enables the
 * firewall, which production requires). The function's role reaches only the team's own resources:
 * its buckets (objects and their keys, through S3), its table (through DataTable's grant), its
 * secrets (through Secrets Manager) and its database's credentials secret. No statement names a
 * wildcard resource beyond what the function component itself needs (X-Ray has no resource-level
 * permissions; see components/serverless-function/README.md).
 */
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DataTable } from "../../components/data-table";
import type { Identity } from "../../components/identity";
import type { Network } from "../../components/network";
import { PrivateApi } from "../../components/private-api";
import { readPolicyStatement } from "../../components/secret";
import type { ServerlessDb } from "../../components/serverless-db";
import { ServerlessFunction, type PolicyStatement } from "../../components/serverless-function";
import { WebFirewall } from "../../components/web-firewall";
import { envName, teamName, type TeamContext } from "./context";
import { privateSubnets } from "./data";
import type { TeamSecrets } from "./secrets";
import { TeamSpecError } from "./spec";
import type { TeamStorage } from "./storage";

/** The platform's placeholder code: answers 503 "not deployed" until the team ships its own. */
export const PLACEHOLDER_ENTRY = path.resolve(__dirname, "..", "handlers", "bootstrap.ts");

const READ_ACTIONS = ["s3:GetObject"];
const WRITE_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"];

export interface TeamApi {
    fn: ServerlessFunction;
    api: PrivateApi;
    waf?: WebFirewall;
    /** Resolve once the database exists (the function is created first: the database admits its security group). */
    connectDatabase(db: ServerlessDb): void;
}

function entryFile(ctx: TeamContext): string {
    const entry = ctx.spec.api?.entry;
    if (entry === undefined) return PLACEHOLDER_ENTRY;
    const full = path.resolve(ctx.root, entry);
    if (!fs.existsSync(full)) {
        throw new TeamSpecError(ctx.specFile, [{ field: "api.entry", given: entry, allowed: `an existing file relative to the project root (${full} does not exist)` }]);
    }
    return full;
}

/** Least-privilege statements for the team's buckets: objects under each bucket, its key through S3 only. */
function bucketStatements(ctx: TeamContext, storage: TeamStorage, region: pulumi.Output<string>): PolicyStatement[] {
    const statements: PolicyStatement[] = [];
    for (const b of ctx.spec.buckets) {
        if (b.apiAccess === "none") continue;
        const bucket = storage.buckets.get(b.name)!;
        const write = b.apiAccess === "readWrite";
        const sid = envName(b.name).replace(/_/g, "");
        statements.push(
            { Sid: `Objects${sid}`, Effect: "Allow", Action: write ? WRITE_ACTIONS : READ_ACTIONS, Resource: pulumi.interpolate`${bucket.arn}/*` },
            { Sid: `List${sid}`, Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucket.arn },
            {
                Sid: `Key${sid}`, Effect: "Allow", Action: write ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"], Resource: bucket.kmsKeyArn,
                Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`s3.${region}.amazonaws.com` } },
            },
        );
    }
    return statements;
}

export function buildApi(ctx: TeamContext, deps: { storage: TeamStorage; table?: DataTable; secrets: TeamSecrets; identity?: Identity; network?: Network }): TeamApi | undefined {
    const spec = ctx.spec.api;
    if (!spec) return undefined;
    const { config } = ctx;
    const protectData = config.protectData;
    const region = aws.getRegionOutput({}, ctx.parent).region;

    const environment: Record<string, pulumi.Input<string>> = { TEAM: ctx.spec.team };
    for (const b of ctx.spec.buckets) if (b.apiAccess !== "none") environment[`BUCKET_${envName(b.name)}_NAME`] = deps.storage.buckets.get(b.name)!.name;
    if (deps.table) environment.TABLE_NAME = deps.table.tableName;
    for (const [name, secret] of deps.secrets.secrets) environment[`SECRET_${envName(name)}_ARN`] = secret.secretArn;

    const statements = bucketStatements(ctx, deps.storage, region);
    if (deps.secrets.key && deps.secrets.secrets.size > 0) {
        statements.push(...readPolicyStatement([...deps.secrets.secrets.values()].map((s) => s.secretArn), deps.secrets.key.arn, region));
    }

    // The database is created after the function (it admits the function's security group), so its
    // endpoint and credentials reach the function through deferred outputs.
    let resolveDb: ((db: ServerlessDb) => void) | undefined;
    if (ctx.spec.database) {
        const [dbEndpoint, resolveEndpoint] = pulumi.deferredOutput<string>();
        const [dbSecretArn, resolveSecretArn] = pulumi.deferredOutput<string>();
        Object.assign(environment, { DB_ENDPOINT: dbEndpoint, DB_PORT: "5432", DB_NAME: ctx.spec.database.name, DB_SECRET_ARN: dbSecretArn });
        resolveDb = (db) => { resolveEndpoint(db.endpoint); resolveSecretArn(db.masterUserSecretArn); };
    }

    const fn = new ServerlessFunction(teamName(ctx, "handler"), {
        entry: entryFile(ctx),
        // Without api.entry the function starts on the placeholder and the team's pipeline owns its code.
        codeManagedExternally: ctx.spec.api?.entry === undefined,
        description: `${ctx.spec.team} API (${spec.routes.length} route${spec.routes.length === 1 ? "" : "s"})`,
        timeout: spec.timeoutSeconds,
        memorySize: spec.memoryMb,
        environment,
        logRetentionInDays: config.logs.retentionDays,
        policyStatements: statements.length > 0 ? statements : undefined,
        vpc: deps.network ? {
            vpcId: deps.network.vpcId,
            subnetIds: privateSubnets(ctx, deps.network),
            egressRules: [{ description: "PostgreSQL to the team's Aurora cluster in the VPC", fromPort: 5432, cidrBlocks: [deps.network.cidr] }],
        } : undefined,
        protectData,
    }, ctx.parent);
    deps.table?.grantReadWrite("handler", fn.role);

    const waf = config.firewall.enabled
        ? new WebFirewall(teamName(ctx, "api-waf"), {
            scope: "REGIONAL",
            description: `${ctx.spec.team} API`,
            rateLimitPer5Minutes: config.firewall.rateLimitPer5Minutes,
            botControl: config.firewall.botControl,
            logRetentionInDays: config.logs.retentionDays,
            protectData,
        }, ctx.parent)
        : undefined;

    const origins = config.corsOrigins.filter((o) => !o.includes("*"));
    const api = new PrivateApi(teamName(ctx, "api"), {
        exposure: "regional",
        description: `${ctx.spec.team} API`,
        webAclArn: waf?.webAclArn,
        requireWebAcl: config.firewall.enabled,
        routes: spec.routes.map((r) => ({ method: r.method, path: r.path, function: fn.function, authorization: r.authorization })),
        cognitoUserPoolArns: deps.identity ? [deps.identity.userPoolArn] : undefined,
        cors: origins.length > 0 ? { allowOrigins: origins } : undefined,
        throttle: { rateLimit: config.api.throttleRateLimit, burstLimit: config.api.throttleBurstLimit },
        apiKeyUsage: { throttle: { rateLimit: config.api.throttleRateLimit, burstLimit: config.api.throttleBurstLimit } },
        logRetentionInDays: config.logs.retentionDays,
        protectData,
    }, ctx.parent);

    return {
        fn, api, waf,
        connectDatabase(db: ServerlessDb) {
            resolveDb?.(db);
            // Read the credentials RDS manages for the cluster, and decrypt them through Secrets Manager only.
            new aws.iam.RolePolicy(teamName(ctx, "handler-db"), {
                role: fn.roleName,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: readPolicyStatement([db.masterUserSecretArn], db.encryptionKey!.arn, region),
                }),
            }, ctx.parent);
        },
    };
}
