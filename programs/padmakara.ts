/**
 * Padmakara: a Buddhist retreat app delivering audio and PDF transcripts, with progress tracking
 * (seed 001_88f8efdc0138d5d4).
 *
 * What the seed asks for, and what this program creates for it:
 * - Authentication & user management: a Cognito user pool (Identity) with e-mail sign-in and self
 *   sign-up (`POST /auth/register`), e-mail verification by code (`/auth/verify-email`), password
 *   reset through the verified e-mail (`/auth/forgot-password`), MFA `OPTIONAL` with TOTP (the seed
 *   asks for MFA *support*: users opt in), a public PKCE app client and a hosted UI domain; an
 *   identity pool without unauthenticated identities whose role reaches only the user's own
 *   `users/<identity id>/` prefix of the user-content bucket (the seed's "fine-grained access control
 *   to AWS resources" and "user-generated content (notes, bookmarks)").
 * - API layer: a REST API (PrivateApi, **regional** because the mobile app calls it directly, behind
 *   the stack's shared REGIONAL web ACL, programs/firewalls.ts, with stricter per-path limits on
 *   login, register and password reset that count only requests to this API's hosts; in prod, as
 *   the committed dev stack has no web ACL: see "Cost") with
 *   every route the seed lists: `/auth/*` (open: they are how a user gets a token; logout needs one),
 *   `/user/*`, `/content/*`, `/progress/*` and `/media/*` behind a Cognito authorizer; stage
 *   throttling from `config.api`, CORS from `config.corsOrigins`, access logs and X-Ray on the stage.
 *   Request validation (the seed's "request/response transformation" at the gateway): the JSON bodies
 *   of the ten write routes are draft-4 models built from the seed's data model
 *   (`padmakara-requests.ts`: closed objects, so `subscription` or another user's id cannot be slipped
 *   in), validated whatever the Content-Type; `/content/search` needs `q`; path parameters are
 *   required. API Gateway answers 400 before a function runs. The app's API domain
 *   (`platform:padmakara.apiDomain`): a regional API Gateway custom domain (TLS 1.2) with a
 *   DNS-validated certificate in the stack's region (or a given one), validation and alias records in
 *   the stack's zone; without a zone the API stays on its execute-api URL until `certificateValidated`.
 * - Lambda: one ServerlessFunction per route group (auth, user, content, progress, media), X-Ray
 *   tracing, encrypted logs, each with access to exactly the tables, bucket and pool it needs.
 * - Database: DynamoDB tables (DataTable, on demand, CMK, PITR always, deletion protection from
 *   `protectData`) for the seed's data model: `profiles` (userId; GSI `email-index`), `progress`
 *   (userId + trackId: progress by user and track; GSIs `track-index` for a track's listeners and
 *   `last-played-index` for a user's recent sessions and stats), `bookmarks` (userId + bookmarkId),
 *   `content` (trackId; GSIs `retreat-index` and `session-index`, both ordered by `order`) and
 *   `retreats` (retreatId).
 * - Backups and point-in-time recovery (the seed's "backup and point-in-time recovery", "regular
 *   database snapshots"): PITR on every table (35 days, to the second) plus daily AWS Backup snapshots
 *   of every table (BackupPlan `padmakara-backups`, 05:00 UTC) kept `database.backupRetentionDays`
 *   days, in a KMS-encrypted vault protected from `protectData` (a dev vault is deleted with its
 *   recovery points when `storage.forceDestroy`); the backup role may use the tables' key, so
 *   restores work.
 * - Content storage & delivery: private `audio` and `transcripts` (PDF) buckets behind one CdnSite
 *   (OAC) whose every behaviour needs a **signed URL or cookie** from a trusted key group; versioned,
 *   with lifecycle (noncurrent expiry; Intelligent-Tiering after `storage.archiveAfterDays`) and
 *   replicated to `storage.replicaRegion` when set (prod), as the seed's disaster-recovery section
 *   asks. Access logs (S3 and CloudFront) to a LogBucket when `storage.accessLogging`. The seed's
 *   "custom domain support, SSL/TLS termination": `platform:padmakara.mediaDomain`, a DNS-validated
 *   ACM certificate in us-east-1 (TLSv1.2_2021) and Route 53 records as for the API; the media function
 *   signs URLs for the custom host once it is attached.
 * - Security: WAF on the API (the stack's shared REGIONAL web ACL) and on CloudFront (its shared
 *   CLOUDFRONT one, us-east-1) when `firewall.enabled` (prod), Bot Control from config; ACM (the
 *   seed's "Certificate Manager... with CloudFront and API Gateway": the two custom domains above;
 *   ACM renews them while the validation records stay); Secrets Manager (Secret) for the private key
 *   that signs media URLs (a placeholder: operators put the value, nobody else sees it), rotated by
 *   hand (see "unsafe" below) and watched:
 *   its age pages the topic after `secrets.maxAgeDays`; KMS keys with rotation for every store, one
 *   per data class: logs (`padmakara-functions-key`, its name from before it served every log group
 *   and the alarm topic), data (`padmakara-data-key`: the tables and the three buckets; CloudFront
 *   may decrypt the media), the signing key's secret (its own: the only secret), the backup vault's
 *   (its own: a changed key replaces a vault and its recovery points) and in prod one key for both
 *   media replicas in the replica region.
 * - Monitoring: Alarms (encrypted SNS topic to `config.alarmEmails`) on the API's 5xx rate and p99
 *   latency, every function's errors and throttles, every table's throttles, the block rate of the
 *   stack's shared regional web ACL when the stack has one (all regional entry points together: WAF
 *   metrics have no dimension per protected resource) and the signing key's age; X-Ray on the
 *   functions and the API stage; the seed's "CloudWatch dashboards for key metrics":
 *   `padmakara-dashboard` (alarm status, the API, the shared firewall with what this API's own auth
 *   limits blocked, rule by rule, when there is one, sign-ins, every function and table, the media
 *   CDN, the key's age), from the alarms' metric definitions.
 *
 * Cost (issue 17, as `npm run plan` estimates it, fixed monthly at list prices):
 * - Keys: 4 instead of 11 in dev, 5 instead of 13 in prod (one per data class, above): $7 and $8 a month.
 * - WAF: the API and the media CDN use the stack's two shared web ACLs instead of two of their own
 *   ($45 a month in prod); the API's three auth limits are rules of the shared regional ACL ($3, in
 *   the platform system's bill), scoped to this API's execute-api host and custom domain so they
 *   throttle no other system's `/auth/login`. What it gives up: ACL-wide tuning of its own.
 * - No WAF in the committed dev stack (`platform:firewall.enabled: false`, refused in production):
 *   the stack's web ACLs guarded no production traffic there (issue 17; $24.40 a month for the dev
 *   stack, $0.20 of it this system's block-rate alarm). Dev's API has no association, no auth
 *   limits (they are rules of the shared ACL) and no block-rate alarm or firewall widget. It keeps
 *   the Cognito authorizer on every route but the open `/auth/*` ones, request validation and stage
 *   throttling (20 requests/s, burst 40), which then bounds sign-in and registration attempts; the
 *   media CDN keeps signed URLs. Turning the key on gives dev exactly prod's firewall layout.
 *
 * Signed URLs and the trusted key group: CloudFront trusts the signer's *public* keys, from
 * `platform:padmakara.signerPublicKeys` (at least one; keep two during a rotation). Serving paid
 * audio and transcripts unsigned is not an option, so the configuration refuses an empty list. The
 * committed stack files carry an RSA public key whose private half was discarded when it was
 * generated (`example-unusable`): until operators replace it with their signer's public key (and put
 * the matching private key in the `media-signing-key` secret), every media request fails closed with
 * 403.
 *
 * Left out, and why:
 * - Amazon Pinpoint, OpenSearch, Amplify (GraphQL, sync), the RDS PostgreSQL "if needed", AWS
 *   CodeCommit/CodeBuild/CodeDeploy/CodePipeline and the "staging" and multi-region production
 *   deployments: not needed by the routes the seed lists, or owned by the app team's delivery.
 * - Cross-region copies of the table backups: DynamoDB recovery points can be copied to another
 *   region only with AWS Backup's advanced DynamoDB features, an account-wide opt-in
 *   (`aws.backup.RegionSettings`) that no system should flip for the whole account; the media
 *   buckets are replicated instead.
 * - Application code is owned by the app team: every function starts with the shared bootstrap
 *   handler (503 `not_deployed`) and the team's pipeline deploys the real code; the program ignores
 *   later code changes so `pulumi up` does not revert it.
 *
 * Where the seed asked for something unsafe, and what the program does instead:
 * - Secrets "automatic rotation": the signing key is an operator-set placeholder; rotating it means
 *   rotating the CloudFront public key too (add the new public key to signerPublicKeys, switch the
 *   signer, then drop the old key), so no blind rotation function is attached; the age alarm says
 *   when it is due.
 * - "Social login (optional)" and "biometric authentication": device-side or needing provider
 *   secrets the seed does not give; not configured.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { Alarms } from "../components/alarms";
import { BackupPlan } from "../components/backup-plan";
import { CdnSite } from "../components/cdn-site";
import { Dashboard } from "../components/dashboard";
import { DataTable } from "../components/data-table";
import { Identity } from "../components/identity";
import { PrivateApi, type ApiRoute, type RouteAuthorization } from "../components/private-api";
import { Secret, readPolicyStatement } from "../components/secret";
import { SecretAgeMonitor } from "../components/secret-age-monitor";
import { LogBucket, SecureBucket, type SecureBucketArgs } from "../components/secure-bucket";
import { ServerlessFunction, type PolicyStatement } from "../components/serverless-function";
import type { SystemContext, SystemOutputs } from "./systems";
import { PADMAKARA_REQUEST_VALIDATION } from "./padmakara-requests";
import { apiDomainArgs, dataClassKey, isLocalhostOrigin, siteDomainArgs } from "./shared";

const SYSTEM = "padmakara";
const BOOTSTRAP = path.join(__dirname, "handlers", "bootstrap.ts");

/** Route groups: one function each. */
export const ROUTE_GROUPS = ["auth", "user", "content", "progress", "media"] as const;
type RouteGroup = (typeof ROUTE_GROUPS)[number];

/** Every route the seed lists: [method, path, group, authorization]. */
export const ROUTES: [ApiRoute["method"], string, RouteGroup, RouteAuthorization][] = [
    ["POST", "/auth/login", "auth", "none"],
    ["POST", "/auth/register", "auth", "none"],
    ["POST", "/auth/refresh", "auth", "none"],
    ["POST", "/auth/logout", "auth", "cognito"],
    ["POST", "/auth/forgot-password", "auth", "none"],
    ["POST", "/auth/verify-email", "auth", "none"],
    ["GET", "/user/profile", "user", "cognito"],
    ["PUT", "/user/profile", "user", "cognito"],
    ["GET", "/user/preferences", "user", "cognito"],
    ["PUT", "/user/preferences", "user", "cognito"],
    ["DELETE", "/user/account", "user", "cognito"],
    ["GET", "/content/retreats", "content", "cognito"],
    ["GET", "/content/retreat/{id}", "content", "cognito"],
    ["GET", "/content/track/{id}", "content", "cognito"],
    ["GET", "/content/search", "content", "cognito"],
    ["GET", "/progress/user", "progress", "cognito"],
    ["POST", "/progress/track", "progress", "cognito"],
    ["GET", "/progress/stats", "progress", "cognito"],
    ["POST", "/progress/bookmark", "progress", "cognito"],
    ["DELETE", "/progress/bookmark/{id}", "progress", "cognito"],
    ["GET", "/media/audio/{trackId}", "media", "cognito"],
    ["GET", "/media/transcript/{trackId}", "media", "cognito"],
    ["POST", "/media/download", "media", "cognito"],
];

/** Open routes that invite credential stuffing or e-mail abuse: tighter WAF limits per client IP. */
export const AUTH_PATH_LIMITS = [
    { name: "login", pathSuffix: "/auth/login", limit: 30 },
    { name: "register", pathSuffix: "/auth/register", limit: 10 },
    { name: "forgot-password", pathSuffix: "/auth/forgot-password", limit: 10 },
];



export function buildPadmakara(ctx: SystemContext): SystemOutputs {
    const { config } = ctx;
    const opts = ctx.parent;
    const n = (part: string) => `${SYSTEM}-${part}`;
    const protectData = config.protectData;
    const retention = config.logs.retentionDays;
    const forceDestroy = config.storage.forceDestroy;
    const firewall = config.firewall;
    const origins = config.corsOrigins.filter((o) => o !== "*");
    if (origins.length === 0) {
        throw new Error(`${SYSTEM}: platform:corsOrigins: got none; allowed: at least one app origin (https://host), used for CORS and the sign-in callback`);
    }
    const localhost = origins.some(isLocalhostOrigin);

    // ---- Keys: one per data class. The backup vault keeps its own (a changed kmsKeyArn replaces the
    // vault and its recovery points) and so does the signing key's secret, the system's only secret.
    // The logs key keeps the name it had as the functions' key: renaming a key replaces it.
    const logsKey = dataClassKey(n("functions-key"), "logs", { description: "Padmakara logs: functions, the API, the alarm topic" }, config, opts);
    const dataKey = dataClassKey(n("data-key"), "data", { description: "Padmakara tables and buckets (the media buckets are read by CloudFront)", services: ["dynamodb", "cloudfront"] }, config, opts);
    // The replicas live in another region, and a key serves its own region only: one key there for both.
    const replicaRegion = config.storage.replicaRegion;
    const replicaKey = replicaRegion !== undefined ? dataClassKey(n("replica-data-key"), "data", { description: `Padmakara media replicas in ${replicaRegion}` }, config,
        { ...opts, provider: new aws.Provider(n("replica-region"), { region: replicaRegion as aws.Region }, opts) }) : undefined;

    // ---- Buckets: audio and transcripts behind CloudFront, user content for the identity pool.
    const logs = config.storage.accessLogging ? new LogBucket(n("access-logs"), {
        retentionDays: retention, deliveries: ["s3-server-access-logs", "cloudfront-access-logs"], forceDestroy, protectData,
    }, opts) : undefined;
    const lifecycle = {
        noncurrentVersionExpirationDays: config.storage.noncurrentVersionExpirationDays,
        archiveTransitions: config.storage.archiveAfterDays > 0 ? [{ days: config.storage.archiveAfterDays, storageClass: "INTELLIGENT_TIERING" as const }] : undefined,
    };
    const bucket = (part: string, extra: SecureBucketArgs = {}) => new SecureBucket(n(part), {
        forceDestroy, protectData, lifecycle, kmsKeyArn: dataKey.arn,
        accessLogs: logs ? { targetBucket: logs.name, prefix: `${part}/` } : undefined,
        ...extra,
    }, opts);
    const audio = bucket("audio", { cloudFrontReadAccess: true, replicaRegion, replicaKmsKeyArn: replicaKey?.arn });
    const transcripts = bucket("transcripts", { cloudFrontReadAccess: true, replicaRegion, replicaKmsKeyArn: replicaKey?.arn });
    const userContent = bucket("user-content", {
        lifecycle: { noncurrentVersionExpirationDays: config.storage.noncurrentVersionExpirationDays },
    });

    // ---- Cognito: user pool and identity pool.
    const users = new Identity(n("users"), {
        mfa: "OPTIONAL",
        selfSignUp: true,
        emailVerificationSubject: "Your Padmakara verification code",
        emailVerificationMessage: "Your Padmakara verification code is {####}",
        clients: { app: { callbackUrls: origins.map((o) => `${o}/auth/callback`), logoutUrls: origins.map((o) => `${o}/`) } },
        allowLocalhostCallbacks: localhost,
        hostedUiDomain: { domain: `${SYSTEM}-${config.stack}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 63).replace(/-+$/, "") },
        identityPool: { clientName: "app", bucketName: userContent.name, prefix: "users", bucketKmsKeyArn: userContent.kmsKeyArn },
        protectData,
    }, opts);

    // ---- DynamoDB: the seed's data model, on the data key.
    const table = (part: string, args: Omit<ConstructorParameters<typeof DataTable>[1], "kmsKeyArn" | "protectData">) =>
        new DataTable(n(part), { ...args, kmsKeyArn: dataKey.arn, protectData }, opts);
    const tables = {
        profiles: table("profiles", {
            partitionKey: { name: "userId", type: "S" },
            globalSecondaryIndexes: [{ name: "email-index", partitionKey: { name: "email", type: "S" }, projection: "KEYS_ONLY" }],
        }),
        progress: table("progress", {
            partitionKey: { name: "userId", type: "S" },
            sortKey: { name: "trackId", type: "S" },
            globalSecondaryIndexes: [
                { name: "track-index", partitionKey: { name: "trackId", type: "S" }, sortKey: { name: "userId", type: "S" } },
                { name: "last-played-index", partitionKey: { name: "userId", type: "S" }, sortKey: { name: "lastPlayed", type: "S" } },
            ],
        }),
        bookmarks: table("bookmarks", {
            partitionKey: { name: "userId", type: "S" },
            sortKey: { name: "bookmarkId", type: "S" },
        }),
        content: table("content", {
            partitionKey: { name: "trackId", type: "S" },
            globalSecondaryIndexes: [
                { name: "retreat-index", partitionKey: { name: "retreatId", type: "S" }, sortKey: { name: "order", type: "N" } },
                { name: "session-index", partitionKey: { name: "sessionId", type: "S" }, sortKey: { name: "order", type: "N" } },
            ],
        }),
        retreats: table("retreats", { partitionKey: { name: "retreatId", type: "S" } }),
    };

    // ---- Backups: daily AWS Backup snapshots of every table, on top of each table's PITR.
    const backups = new BackupPlan(n("backups"), {
        resourceArns: Object.values(tables).map((t) => t.tableArn),
        deleteAfterDays: config.database.backupRetentionDays,
        // The tables' key: DynamoDB recovery points keep it, and restores re-encrypt with it.
        roleKmsKeyArns: [dataKey.arn],
        forceDestroy,
        protectData,
    }, opts);

    // ---- WAF: the stack's shared web ACLs (the API's own limits are added once the API exists).
    const apiWaf = ctx.firewalls.regional?.use(SYSTEM);
    const edgeWaf = ctx.firewalls.edge?.use(SYSTEM);

    // ---- CloudFront: audio and transcripts, signed URLs only.
    const cdn = new CdnSite(n("media"), {
        origins: [{ id: "audio", bucket: audio }, { id: "transcripts", bucket: transcripts }],
        defaultBehavior: { originId: "audio", signed: true },
        behaviors: [
            { pathPattern: "/audio/*", originId: "audio", signed: true },
            { pathPattern: "/transcripts/*", originId: "transcripts", signed: true },
        ],
        trustedPublicKeys: config.padmakara.signerPublicKeys,
        priceClass: config.cdn.priceClass,
        blockedCountries: config.cdn.blockedCountries.length ? config.cdn.blockedCountries : undefined,
        webAclArn: edgeWaf?.webAclArn,
        requireWebAcl: firewall.enabled,
        accessLogs: logs ? { bucket: logs, suffixPath: "media" } : undefined,
        comment: "Padmakara audio and transcripts (signed URLs)",
        ...siteDomainArgs(config.padmakara.mediaDomain),
    }, opts);
    // The media function signs URLs for the host viewers use: the custom domain once attached.
    const mediaHost = cdn.aliasesAttached ? pulumi.output(config.padmakara.mediaDomain!.aliases[0]) : cdn.domainName;

    // ---- Secret: the private key that signs media URLs (operators set it).
    const signingKey = new Secret(n("media-signing-key"), {
        description: "Private key (PEM) that signs Padmakara CloudFront media URLs; matches a public key in the CDN's key group. Placeholder: an operator sets the value.",
        denyOutsideAccount: true, protectData,
    }, opts);

    // ---- Functions: bootstrap code, the app team's pipeline deploys the real one.
    const tableEnv = Object.fromEntries(Object.entries(tables).map(([k, t]) => [`${k.toUpperCase()}_TABLE`, t.tableName]));
    const userPoolStatement: PolicyStatement = { Sid: "DeleteOwnAccount", Action: ["cognito-idp:AdminDeleteUser", "cognito-idp:AdminUserGlobalSignOut"], Resource: users.userPoolArn };
    const functionSpec: Record<RouteGroup, { description: string; policyStatements?: PolicyStatement[]; environment?: Record<string, pulumi.Input<string>> }> = {
        auth: { description: "Padmakara /auth/*: sign-in, registration, tokens, password reset, e-mail verification (Cognito)" },
        user: { description: "Padmakara /user/*: profile, preferences, account deletion", policyStatements: [userPoolStatement] },
        content: { description: "Padmakara /content/*: retreats, tracks, search" },
        progress: { description: "Padmakara /progress/*: listening progress, statistics, bookmarks" },
        media: {
            description: "Padmakara /media/*: signed CloudFront URLs for audio and transcripts",
            policyStatements: readPolicyStatement([signingKey.secretArn], signingKey.kmsKeyArn),
            environment: { CDN_DOMAIN: mediaHost, CDN_KEY_GROUP_ID: cdn.keyGroup!.id, SIGNING_KEY_SECRET_ARN: signingKey.secretArn },
        },
    };
    const functions = Object.fromEntries(ROUTE_GROUPS.map((group) => [group, new ServerlessFunction(n(group), {
        entry: BOOTSTRAP,
        codeManagedExternally: true,
        description: functionSpec[group].description,
        kmsKeyArn: logsKey.arn,
        logRetentionInDays: retention,
        policyStatements: functionSpec[group].policyStatements,
        environment: {
            USER_POOL_ID: users.userPoolId,
            USER_POOL_CLIENT_ID: users.clientIds.apply((c) => c.app),
            ...tableEnv,
            ...functionSpec[group].environment,
        },
        protectData,
    }, opts)])) as Record<RouteGroup, ServerlessFunction>;

    // Least privilege per group: which tables each one reads or writes.
    tables.profiles.grantReadWrite("auth", functions.auth.role);
    tables.profiles.grantReadWrite("user", functions.user.role);
    tables.progress.grantReadWrite("user", functions.user.role);
    tables.bookmarks.grantReadWrite("user", functions.user.role);
    tables.content.grantRead("content", functions.content.role);
    tables.retreats.grantRead("content", functions.content.role);
    tables.progress.grantReadWrite("progress", functions.progress.role);
    tables.bookmarks.grantReadWrite("progress", functions.progress.role);
    tables.content.grantRead("progress", functions.progress.role);
    tables.content.grantRead("media", functions.media.role);
    tables.profiles.grantRead("media", functions.media.role);

    // ---- REST API.
    const api = new PrivateApi(n("api"), {
        exposure: "regional",
        accountLogging: ctx.apiAccountLogging,
        webAclArn: apiWaf?.webAclArn,
        requireWebAcl: firewall.enabled,
        description: "Padmakara mobile and web API",
        cognitoUserPoolArns: [users.userPoolArn],
        cors: { allowOrigins: origins },
        throttle: { rateLimit: config.api.throttleRateLimit, burstLimit: config.api.throttleBurstLimit },
        routes: ROUTES.map(([method, routePath, group, authorization]) => ({
            method, path: routePath, function: functions[group].function, authorization,
            requestValidation: PADMAKARA_REQUEST_VALIDATION[`${method} ${routePath}`],
        })),
        customDomain: apiDomainArgs(config.padmakara.apiDomain),
        logRetentionInDays: retention,
        kmsKeyArn: logsKey.arn,
        protectData,
    }, opts);
    // The auth limits count only requests to this API: its execute-api host and its custom domain (the
    // shared ACL also fronts other systems' APIs, whose paths may end the same way).
    const apiHosts = [pulumi.interpolate`${api.restApiId}.execute-api.${config.region}.amazonaws.com`, ...(config.padmakara.apiDomain ? [config.padmakara.apiDomain.domainName] : [])];
    const authRules = ctx.firewalls.regional?.addPathRateLimits(SYSTEM, apiHosts, AUTH_PATH_LIMITS.map((l) => ({ ...l, windowSeconds: 300 })));

    // ---- Alarms.
    const alarms = new Alarms(n("alarms"), { emails: config.alarmEmails, kmsKeyArn: logsKey.arn, protectData }, opts);
    alarms.apiGateway5xxRate("api-5xx", { apiName: api.restApi.name, stage: api.stageName });
    alarms.p99Latency("api-p99-latency", { namespace: "AWS/ApiGateway", metricName: "Latency", dimensions: { ApiName: api.restApi.name, Stage: api.stageName }, thresholdMs: 2000 });
    for (const group of ROUTE_GROUPS) {
        alarms.lambdaErrors(`${group}-function-errors`, { functionName: functions[group].functionName });
        alarms.lambdaThrottles(`${group}-function-throttles`, { functionName: functions[group].functionName });
    }
    for (const [k, t] of Object.entries(tables)) alarms.dynamoThrottles(`${k}-table-throttles`, { tableName: t.tableName });
    // The stack's regional ACL is shared: its block rate is that of every system's APIs together (the
    // dashboard shows this API's own auth rules beside it).
    if (apiWaf) alarms.wafBlockRate("api-waf-blocks", { webAclName: apiWaf.webAclName, scope: "REGIONAL", region: apiWaf.region });

    // The signing key is set by an operator and pairs with a CloudFront public key: rotated by hand, watched for age.
    const secretAge = new SecretAgeMonitor(n("secret-age"), {
        secrets: { "media-signing-key": signingKey.secretArn },
        maxAgeDays: config.secrets.maxAgeDays,
        alarms, kmsKeyArn: logsKey.arn, logRetentionInDays: retention, protectData,
    }, opts);

    // ---- Dashboard (the seed's "CloudWatch dashboards for key metrics").
    const dashboard = new Dashboard(n("dashboard"), {
        description: "Padmakara: the mobile API (API Gateway, Cognito authorizer), its functions and tables, signed media delivery (CloudFront).",
        alarmArns: alarms.alarms.map((a) => a.arn),
        sections: [
            { kind: "apiGateway", title: "API", apiName: api.restApi.name, stage: api.stageName },
            ...(apiWaf ? [{ kind: "waf" as const, title: "API firewall (the stack's shared regional web ACL; by rule: this API's auth limits)", webAclName: apiWaf.webAclName, scope: "REGIONAL" as const, region: config.region, rules: authRules }] : []),
            { kind: "cognito", title: "Sign-in (app client)", userPoolId: users.userPoolId, clientId: users.clientIds.apply((c) => c.app) },
            { kind: "lambda", title: "Functions", functions: { ...Object.fromEntries(ROUTE_GROUPS.map((g) => [g, functions[g].functionName])), "secret-age": secretAge.functionName } },
            { kind: "dynamodb", title: "Tables", tables: Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.tableName])) },
            { kind: "cloudfront", title: "Media (CloudFront)", distributionId: cdn.distributionId },
            { kind: "secrets", title: "Media signing key", monitor: n("secret-age"), secrets: secretAge.labels, maxAgeDays: secretAge.maxAgeDays },
        ],
    }, opts);

    return {
        apiUrl: api.url,
        apiCertificateValidationRecords: api.certificateValidationRecords,
        mediaUrl: cdn.url,
        mediaCertificateValidationRecords: cdn.certificateValidationRecords,
        dashboardUrl: dashboard.url,
        mediaKeyGroupId: cdn.keyGroup!.id,
        userPoolId: users.userPoolId,
        appClientId: users.clientIds.apply((c) => c.app),
        identityPoolId: users.identityPoolId,
        signInDomain: users.domain,
        tables: Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.tableName])),
        backupVaultName: backups.vaultName,
        backupPlanId: backups.planId,
        buckets: {
            audio: audio.name, transcripts: transcripts.name, userContent: userContent.name, logs: logs?.name,
            audioReplica: audio.replicaBucketName, transcriptsReplica: transcripts.replicaBucketName,
        },
        signingKeySecretArn: signingKey.secretArn,
        functionNames: Object.fromEntries(ROUTE_GROUPS.map((g) => [g, functions[g].functionName])),
        alarmTopicArn: alarms.topicArn,
    };
}
