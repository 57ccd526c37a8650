/**
 * Distro Nation: music distribution and analytics, hybrid AWS/Firebase (seed 000_039901e6a9b3a188).
 *
 * What the seed asks for, and what this program creates for it:
 * - Frontend layer, "web applications served through CloudFront" and the CRM (`crm.distro-nation.com`):
 *   two CdnSites over private S3 buckets (OAC), single-page-app fallback, security headers, the
 *   stack's shared CLOUDFRONT web ACL (programs/firewalls.ts) when `firewall.enabled` (prod; the
 *   committed dev stack has none, see "Cost"), standard logging v2 when `storage.accessLogging`.
 *   The web site also serves profile media under `/media/*` from the profile media bucket. The
 *   CRM's Content-Security-Policy admits its back ends: API Gateway in this region, Cognito and
 *   Firebase Auth. Custom domains (`platform:distroNation.crmDomain` for the seed's
 *   `crm.distro-nation.com`, `webDomain` for the web apps): a DNS-validated ACM certificate in
 *   us-east-1 for the aliases (or a given one), TLS 1.2 (TLSv1.2_2021) minimum, validation and A/AAAA
 *   alias records in the stack's Route 53 zone; without a zone the first deploy keeps the CloudFront
 *   domain and exports the validation records (`crmCertificateValidationRecords`,
 *   `webCertificateValidationRecords`) until `certificateValidated` (see CdnSite's README). The CRM's
 *   origin (its domain, else the seed's address) is the first CORS origin of both APIs and the
 *   Cognito client's callback.
 * - API layer: `dn-api` (PrivateApi) with `GET /dn_users_list`, `POST /send-mail` and
 *   `GET /dn_payouts_fetch`, every route behind an API key with a usage plan (throttle from
 *   `config.api`), CORS for `config.corsOrigins`; and the DistroFM general-access API
 *   (`distronationfmGeneralAccess`) as a second PrivateApi, `ANY /{proxy+}` behind its own API key.
 *   Exposure: **regional behind the stack's shared REGIONAL web ACL** (in prod; dev: see "Cost").
 *   The seed's callers are the CRM in the browser and external API clients ("API Clients: Access
 *   through AWS API Gateway"), not services inside the VPC, so a private (VPC-endpoint-only) API
 *   would be unreachable for them; WAF plus API keys, usage plans and stage throttling is the
 *   control the seed lists ("rate limiting and throttling").
 * - Compute layer: ServerlessFunctions for token validation, the three dn-api routes (the send-mail
 *   function is the campaign-mail Lambda that talks to Mailgun), media processing on upload (S3
 *   ObjectCreated notification from the upload bucket, prefix `incoming/`), analytics collection on a
 *   schedule (every 6 hours) and the DistroFM API. All run in the private subnets (they reach Aurora
 *   and third-party APIs through NAT), log to encrypted groups and trace with X-Ray. Each reaches
 *   the database as its own IAM-authenticated user (`rds-db:connect`), reads only the secrets it
 *   needs, and gets only the bucket prefixes it needs.
 * - Data layer: Aurora PostgreSQL Serverless v2 (ServerlessDb) in the isolated subnets of a Network,
 *   sized from `config.database` (scale to zero in dev), reachable on 5432 only from the functions'
 *   security groups; backups with point-in-time recovery (`backupRetentionDays`), final snapshot and
 *   deletion protection from config. The master password is RDS-managed and rotated by RDS on
 *   `database.passwordRotationSchedule` (prod: Sundays 04:00 UTC, 3-hour window); the functions use
 *   IAM authentication, so a rotation never touches them. Buckets (SecureBucket): `audio`, `backup` (replicated to
 *   `storage.replicaRegion` when set: prod; archived after `storage.archiveAfterDays`), `upload`
 *   (browser uploads with CORS) and `profile-media`, plus the web and CRM site buckets; server access
 *   logs to a LogBucket when `storage.accessLogging`.
 * - Authentication: Cognito (Identity) for the CRM admins, administrators create users (no self
 *   sign-up), MFA required (TOTP), group `crm-admins`, hosted UI and a public PKCE client for the CRM.
 * - Third-party integrations: one Secret per provider (Mailgun, OpenAI, YouTube, Spotify,
 *   SimilarWeb) as **placeholders**: operators put the values with `aws secretsmanager
 *   put-secret-value`; no value is ever in config, code or state. These keys cannot rotate
 *   themselves (each provider issues them in its console), so rotation is manual and watched: a
 *   SecretAgeMonitor reads when each current value was put (metadata only) and an alarm per key
 *   pages the topic once it is older than `secrets.maxAgeDays` (90).
 * - KMS: customer-managed keys with rotation, one per data class: logs (`distro-nation-functions-key`,
 *   its name from before it served more than the functions: every log group, the VPC flow logs and
 *   the alarm topic), data (`distro-nation-data-key`: the six buckets; CloudFront may decrypt for the
 *   sites), secrets (`distro-nation-secrets-key`); the Aurora cluster keeps its own key (a changed
 *   kmsKeyId replaces a cluster), and in prod the backup replica has its key in the replica region.
 * - CloudWatch: Alarms (encrypted SNS topic to `config.alarmEmails`) on both APIs' 5xx rate, every
 *   function's errors and throttles, the database's CPU, the block rate of the stack's shared
 *   regional web ACL when the stack has one (every system's regional entry points together: WAF
 *   metrics have no dimension per protected resource) and the third-party keys' age; a Dashboard
 *   `distro-nation-dashboard` with the alarms' status and the golden signals of both distributions,
 *   both APIs, the API firewall (when there is one), every function, Aurora and the keys' ages, from
 *   the alarms' own metric definitions.
 *
 * Cost (issue 17, as `npm run plan` estimates it, fixed monthly at list prices):
 * - Keys: 4 instead of 15 in dev, 5 instead of 16 in prod (one per data class, above): $11 a month.
 * - WAF: the APIs and the sites use the stack's two shared web ACLs instead of two of their own
 *   ($42 a month in prod: two ACLs, their managed rule groups, two Bot Control subscriptions); the
 *   shared pair costs prod $45 for every system together (billed to the platform system). What it
 *   gives up: ACL-wide tuning and metrics of its own.
 * - No WAF in the committed dev stack (`platform:firewall.enabled: false`, refused in production):
 *   the shared ACLs guarded no production traffic there (issue 17), $24.40 a month for the dev stack
 *   (the ACLs and their rules $23, their logs key $1, this system's and Padmakara's block-rate alarms
 *   $0.20 each), so the APIs have no association and no block-rate alarm or firewall widget in dev.
 *   Dev's APIs keep their API keys, usage plans and stage throttling (20 requests/s, burst 40), the
 *   sites their private buckets behind OAC; what dev gives up is the managed rule groups and the
 *   per-IP rate limit in front of them. Turning the key on gives dev exactly prod's firewall layout.
 * - Kept: the NAT gateway (one in dev, one per AZ in prod): the functions that call Mailgun, OpenAI,
 *   YouTube, Spotify and SimilarWeb reach them through it, and they run in the VPC to reach Aurora.
 *
 * Left out, and why:
 * - Firebase (Auth, Realtime Database/Firestore, Storage, Cloud Functions, Hosting) and Amplify are
 *   not AWS resources of this platform; the Firebase side calls the functions through the APIs or
 *   the Lambda Invoke API with credentials the app team manages.
 * - The EC2 instances (`Shazampy-env`, stopped "supporting infrastructure") and the Application Load
 *   Balancer of the content-delivery flow: the seed gives no workload definition for them; dynamic
 *   requests go to the APIs instead.
 * - The 84+ functions and 23+ buckets: the platform creates the ones the seed's flows name. Function
 *   code is owned by the app teams: every function starts with the shared bootstrap handler
 *   (`handlers/bootstrap.ts`, answers 503 `not_deployed`) and the app team's pipeline deploys the real
 *   code; the functions ignore later code changes (ServerlessFunction's `codeManagedExternally`) so `pulumi up` does not
 *   revert it.
 *
 * Where the seed asked for something unsafe, and what the program does instead:
 * - "Custom JWT tokens" validated by Lambda: kept, but the token validator gets no secret in its
 *   environment; signing material belongs in Secrets Manager.
 * - API-key-only authentication of a browser-called API: API keys identify, they do not authenticate
 *   (they ship in the CRM bundle). The program adds WAF (prod), stage and usage-plan throttling and CORS
 *   limited to configured origins; the CRM admins also sign in with Cognito (the seed's "AWS Cognito
 *   (admin/enhanced auth)"), so moving the CRM routes to a Cognito authorizer is a one-line change.
 * - "Firebase Hosting with CloudFront": the CRM's static build is served from a private S3 bucket
 *   through CloudFront (OAC) instead of a public hosting origin.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { Alarms } from "../components/alarms";
import { CdnSite } from "../components/cdn-site";
import { Dashboard } from "../components/dashboard";
import { Identity } from "../components/identity";
import { Network } from "../components/network";
import { PrivateApi, type ApiRoute } from "../components/private-api";
import { Secret, readPolicyStatement } from "../components/secret";
import { SecretAgeMonitor } from "../components/secret-age-monitor";
import { LogBucket, SecureBucket, type SecureBucketArgs } from "../components/secure-bucket";
import { ServerlessDb } from "../components/serverless-db";
import { ServerlessFunction, type PolicyStatement } from "../components/serverless-function";
import type { SystemContext, SystemOutputs } from "./systems";
import { dataClassKey, isLocalhostOrigin, passwordRotationArgs, perAz, siteDomainArgs } from "./shared";

const SYSTEM = "distro-nation";
const BOOTSTRAP = path.join(__dirname, "handlers", "bootstrap.ts");
/** The CRM's public address, from the seed (used until a stack configures `platform:distroNation.crmDomain`). */
export const CRM_URL = "https://crm.distro-nation.com";
/** Where uploads land in the upload bucket; the media processor is notified for these keys only. */
export const UPLOAD_PREFIX = "incoming/";
export const ANALYTICS_SCHEDULE = "rate(6 hours)";
export const THIRD_PARTY_SECRETS = ["mailgun", "openai", "youtube", "spotify", "similarweb"] as const;
type ThirdParty = (typeof THIRD_PARTY_SECRETS)[number];
type FunctionPart = "token-validator" | "users-list" | "send-mail" | "payouts-fetch" | "media-processor" | "analytics-collector" | "distrofm";
interface FunctionExtras {
    timeout?: number;
    memorySize?: number;
    schedule?: string;
    policyStatements?: PolicyStatement[];
    environment?: Record<string, pulumi.Input<string>>;
}



export function buildDistroNation(ctx: SystemContext): SystemOutputs {
    const { config } = ctx;
    const opts = ctx.parent;
    const n = (part: string) => `${SYSTEM}-${part}`;
    const protectData = config.protectData;
    const retention = config.logs.retentionDays;
    const forceDestroy = config.storage.forceDestroy;
    const origins = config.corsOrigins.filter((o) => o !== "*");
    const localhost = origins.some(isLocalhostOrigin);
    // Where the CRM lives: its configured domain, else the seed's address.
    const crmDomain = config.distroNation.crmDomain;
    const crmOrigin = crmDomain ? `https://${crmDomain.aliases[0]}` : CRM_URL;
    const region = aws.getRegionOutput({}, opts).region;
    const account = aws.getCallerIdentityOutput({}, opts).accountId;
    const partition = aws.getPartitionOutput({}, opts).partition;

    // ---- Keys: one per data class (the Aurora cluster keeps its own: a changed kmsKeyId replaces it).
    // The logs key keeps the name it had as the functions' key: renaming a key replaces it, and the
    // logs it encrypted would be unreadable once the old key is deleted.
    const logsKey = dataClassKey(n("functions-key"), "logs", { description: "Distro Nation logs: functions, APIs, VPC flow logs, the alarm topic" }, config, opts);
    const dataKey = dataClassKey(n("data-key"), "data", { description: "Distro Nation buckets (the sites' buckets are read by CloudFront)", services: ["cloudfront"] }, config, opts);
    const secretsKey = dataClassKey(n("secrets-key"), "secrets", { description: "Distro Nation third-party API keys (Secrets Manager)" }, config, opts);

    // ---- Network: private subnets for the functions (NAT for third-party APIs), isolated ones for Aurora.
    const network = new Network(n("network"), {
        cidr: config.network.cidr,
        azCount: config.network.azCount,
        natGateways: config.network.natGateways,
        subnets: config.network.subnets,
        endpoints: ["s3"],
        flowLogRetentionDays: retention,
        kmsKeyArn: logsKey.arn,
        protectData,
    }, opts);
    const privateSubnets = perAz(network.privateSubnetIds, config.network.azCount);
    const isolatedSubnets = perAz(network.isolatedSubnetIds, config.network.azCount);

    // ---- Logs, buckets.
    const logs = config.storage.accessLogging ? new LogBucket(n("access-logs"), {
        retentionDays: retention,
        deliveries: ["s3-server-access-logs", "cloudfront-access-logs"],
        forceDestroy, protectData,
    }, opts) : undefined;
    const lifecycle = { noncurrentVersionExpirationDays: config.storage.noncurrentVersionExpirationDays };
    const bucket = (part: string, extra: SecureBucketArgs = {}) => new SecureBucket(n(part), {
        forceDestroy, protectData, lifecycle, kmsKeyArn: dataKey.arn,
        accessLogs: logs ? { targetBucket: logs.name, prefix: `${part}/` } : undefined,
        ...extra,
    }, opts);

    const audio = bucket("audio");
    const backup = bucket("backup", {
        replicaRegion: config.storage.replicaRegion,
        lifecycle: {
            ...lifecycle,
            archiveTransitions: config.storage.archiveAfterDays > 0 ? [{ days: config.storage.archiveAfterDays, storageClass: "GLACIER_IR" }] : undefined,
        },
    });
    const profileMedia = bucket("profile-media", { cloudFrontReadAccess: true });
    const webSite = bucket("web", { cloudFrontReadAccess: true });
    const crmSite = bucket("crm", { cloudFrontReadAccess: true });

    // ---- Secrets: placeholders for the third-party keys; operators set the values.
    const secretLabels: Record<ThirdParty, string> = {
        mailgun: "Mailgun API key (e-mail delivery of CRM campaigns)",
        openai: "OpenAI API key (CRM content generation)",
        youtube: "YouTube Data/Analytics API credentials (analytics collection)",
        spotify: "Spotify API client credentials (streaming data)",
        similarweb: "SimilarWeb API key (competitive intelligence)",
    };
    const secrets = Object.fromEntries(THIRD_PARTY_SECRETS.map((p) => [p, new Secret(n(`${p}-secret`), {
        description: `${secretLabels[p]}. Placeholder: an operator sets the value with put-secret-value.`,
        kmsKeyArn: secretsKey.arn, denyOutsideAccount: true, protectData,
    }, opts)])) as Record<ThirdParty, Secret>;
    const readSecrets = (...names: ThirdParty[]): PolicyStatement[] =>
        readPolicyStatement(names.map((s) => secrets[s].secretArn), secretsKey.arn, region);

    // ---- Functions: bootstrap code, the app team's pipeline deploys the real one.
    const dbName = "distronation";
    const fn = (part: string, description: string, extra: FunctionExtras = {}) => new ServerlessFunction(n(part), {
        entry: BOOTSTRAP,
        codeManagedExternally: true,
        description,
        timeout: extra.timeout,
        memorySize: extra.memorySize,
        schedule: extra.schedule,
        kmsKeyArn: logsKey.arn,
        logRetentionInDays: retention,
        // Each function connects to Aurora as its own database user with IAM authentication (no
        // password anywhere). The cluster's resource id is not known before the cluster, which needs
        // the functions' security groups first, so the grant names the user on any cluster of the account.
        policyStatements: [
            {
                Sid: "ConnectAsOwnDatabaseUser", Action: "rds-db:connect",
                Resource: pulumi.interpolate`arn:${partition}:rds-db:${region}:${account}:dbuser:*/${dbUser(part)}`,
            },
            ...(extra.policyStatements ?? []),
        ],
        environment: { DB_NAME: dbName, DB_USER: dbUser(part), DB_PORT: "5432", ...extra.environment },
        vpc: {
            vpcId: network.vpcId,
            subnetIds: privateSubnets,
            egressRules: [{ description: "PostgreSQL to Aurora in the VPC", fromPort: 5432, cidrBlocks: [network.cidr] }],
        },
        protectData,
    }, opts);

    const functions: Record<FunctionPart, ServerlessFunction> = {
        "token-validator": fn("token-validator", "Validates client authentication tokens (custom JWTs) against Aurora user records"),
        "users-list": fn("users-list", "dn-api GET /dn_users_list: CRM recipient list"),
        "send-mail": fn("send-mail", "dn-api POST /send-mail: CRM e-mail campaigns through Mailgun", {
            timeout: 60,
            policyStatements: readSecrets("mailgun", "openai"),
            environment: { MAILGUN_SECRET_ARN: secrets.mailgun.secretArn, OPENAI_SECRET_ARN: secrets.openai.secretArn },
        }),
        "payouts-fetch": fn("payouts-fetch", "dn-api GET /dn_payouts_fetch: financial data"),
        "media-processor": fn("media-processor", "Processes uploaded media (upload bucket incoming/) into the audio and profile media buckets", {
            timeout: 300, memorySize: 1024,
            environment: { AUDIO_BUCKET_NAME: audio.name, PROFILE_MEDIA_BUCKET_NAME: profileMedia.name },
        }),
        "analytics-collector": fn("analytics-collector", "Collects YouTube, Spotify and SimilarWeb analytics on a schedule", {
            timeout: 300, schedule: ANALYTICS_SCHEDULE,
            policyStatements: readSecrets("youtube", "spotify", "similarweb"),
            environment: {
                YOUTUBE_SECRET_ARN: secrets.youtube.secretArn,
                SPOTIFY_SECRET_ARN: secrets.spotify.secretArn,
                SIMILARWEB_SECRET_ARN: secrets.similarweb.secretArn,
            },
        }),
        "distrofm": fn("distrofm", "DistroFM general-access API"),
    };
    const mediaProcessor = functions["media-processor"];

    const upload = bucket("upload", {
        cors: origins.length ? [{ allowedOrigins: origins, allowedMethods: ["PUT", "POST"], allowedHeaders: ["content-type", "content-md5"], exposeHeaders: ["ETag"], maxAgeSeconds: 3000 }] : undefined,
        allowLocalhostOrigins: localhost,
        lifecycle: { ...lifecycle, abortIncompleteMultipartUploadDays: 1 },
        notifications: [{ functionArn: mediaProcessor.functionArn, events: ["s3:ObjectCreated:*"], filterPrefix: UPLOAD_PREFIX }],
    });
    upload.grantPrefixAccess(mediaProcessor.role, UPLOAD_PREFIX, ["s3:GetObject", "s3:DeleteObject"], n("media-processor-upload"));
    audio.grantPrefixAccess(mediaProcessor.role, "tracks/", ["s3:GetObject", "s3:PutObject"], n("media-processor-audio"));
    profileMedia.grantPrefixAccess(mediaProcessor.role, "media/", ["s3:GetObject", "s3:PutObject"], n("media-processor-profile"));

    // ---- Aurora PostgreSQL Serverless v2, reachable only from the functions.
    const db = new ServerlessDb(n("db"), {
        vpcId: network.vpcId,
        subnetIds: isolatedSubnets,
        allowedSecurityGroups: Object.fromEntries(Object.entries(functions).map(([part, f]) => [part, f.securityGroup!.id])),
        minCapacity: config.database.auroraMinCapacity,
        maxCapacity: config.database.auroraMaxCapacity,
        secondsUntilAutoPause: config.database.auroraAutoPauseSeconds,
        instanceCount: config.database.auroraInstances,
        backupRetentionDays: config.database.backupRetentionDays,
        skipFinalSnapshot: config.database.skipFinalSnapshot,
        deletionProtection: config.database.deletionProtection,
        databaseName: dbName,
        ...passwordRotationArgs(config),
        protectData,
    }, opts);

    // ---- WAF: the stack's shared web ACLs, regional for the APIs, CloudFront scope for the sites.
    const firewall = config.firewall;
    const apiWaf = ctx.firewalls.regional?.use(SYSTEM);
    const edgeWaf = ctx.firewalls.edge?.use(SYSTEM);

    // ---- APIs.
    // The CRM calls dn-api from the browser: its origin is always allowed, beside the stack's origins.
    const apiOrigins = [crmOrigin, ...origins.filter((o) => o !== crmOrigin)];
    const apiCommon = {
        exposure: "regional" as const,
        webAclArn: apiWaf?.webAclArn,
        requireWebAcl: firewall.enabled,
        cors: { allowOrigins: apiOrigins },
        throttle: { rateLimit: config.api.throttleRateLimit, burstLimit: config.api.throttleBurstLimit },
        apiKeyUsage: { throttle: { rateLimit: config.api.throttleRateLimit, burstLimit: config.api.throttleBurstLimit } },
        logRetentionInDays: retention,
        kmsKeyArn: logsKey.arn,
        accountLogging: ctx.apiAccountLogging,
        protectData,
    };
    const dnRoutes: ApiRoute[] = [
        { method: "GET", path: "/dn_users_list", function: functions["users-list"].function, authorization: "apiKey" },
        { method: "POST", path: "/send-mail", function: functions["send-mail"].function, authorization: "apiKey" },
        { method: "GET", path: "/dn_payouts_fetch", function: functions["payouts-fetch"].function, authorization: "apiKey" },
    ];
    const dnApi = new PrivateApi(n("dn-api"), { ...apiCommon, description: "dn-api: Distro Nation core platform API (CRM)", routes: dnRoutes }, opts);
    const distroFmApi = new PrivateApi(n("distrofm-api"), {
        ...apiCommon,
        description: "distronationfmGeneralAccess: DistroFM general-access API",
        routes: [{ method: "ANY", path: "/{proxy+}", function: functions.distrofm.function, authorization: "apiKey" }],
    }, opts);

    // ---- CloudFront: web apps (with profile media) and the CRM.
    const cdnCommon = {
        priceClass: config.cdn.priceClass,
        blockedCountries: config.cdn.blockedCountries.length ? config.cdn.blockedCountries : undefined,
        webAclArn: edgeWaf?.webAclArn,
        requireWebAcl: firewall.enabled,
        spaFallback: true,
    };
    const web = new CdnSite(n("web"), {
        ...cdnCommon,
        origins: [{ id: "site", bucket: webSite }, { id: "media", bucket: profileMedia }],
        defaultBehavior: { originId: "site" },
        behaviors: [{ pathPattern: "/media/*", originId: "media", cache: "images-1h" }],
        accessLogs: logs ? { bucket: logs, suffixPath: "web" } : undefined,
        comment: "Distro Nation web applications",
        ...siteDomainArgs(config.distroNation.webDomain),
    }, opts);
    const crm = new CdnSite(n("crm"), {
        ...cdnCommon,
        origins: [{ id: "site", bucket: crmSite }],
        defaultBehavior: { originId: "site" },
        contentSecurityPolicy: crmContentSecurityPolicy(config.region),
        accessLogs: logs ? { bucket: logs, suffixPath: "crm" } : undefined,
        comment: "Distro Nation CRM",
        ...siteDomainArgs(crmDomain),
    }, opts);

    // ---- Cognito for the CRM admins.
    const callback = (o: string) => `${o}/auth/callback`;
    const crmOrigins = apiOrigins;
    const admins = new Identity(n("crm-admins"), {
        mfa: "ON",
        selfSignUp: false,
        groups: [{ name: "crm-admins", description: "Distro Nation CRM administrators: campaigns and user management", precedence: 1 }],
        clients: { crm: { callbackUrls: crmOrigins.map(callback), logoutUrls: crmOrigins.map((o) => `${o}/`) } },
        allowLocalhostCallbacks: localhost,
        hostedUiDomain: { domain: `${SYSTEM}-crm-${config.stack}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 63).replace(/-+$/, "") },
        protectData,
    }, opts);

    // ---- Alarms.
    const alarms = new Alarms(n("alarms"), { emails: config.alarmEmails, kmsKeyArn: logsKey.arn, protectData }, opts);
    alarms.apiGateway5xxRate("dn-api-5xx", { apiName: dnApi.restApi.name, stage: dnApi.stageName });
    alarms.apiGateway5xxRate("distrofm-api-5xx", { apiName: distroFmApi.restApi.name, stage: distroFmApi.stageName });
    for (const [part, f] of Object.entries(functions)) {
        alarms.lambdaErrors(`${part}-errors`, { functionName: f.functionName });
        alarms.lambdaThrottles(`${part}-throttles`, { functionName: f.functionName });
    }
    alarms.databaseCpu("db-cpu", { clusterIdentifier: db.clusterIdentifier });
    // The stack's regional ACL is shared: its block rate is that of every system's APIs together.
    if (apiWaf) alarms.wafBlockRate("api-waf-blocks", { webAclName: apiWaf.webAclName, scope: "REGIONAL", region: apiWaf.region });

    // The third-party keys cannot rotate themselves: their age pages the alarm topic (manual rotation).
    const secretAge = new SecretAgeMonitor(n("secret-age"), {
        secrets: Object.fromEntries(THIRD_PARTY_SECRETS.map((p) => [p, secrets[p].secretArn])),
        maxAgeDays: config.secrets.maxAgeDays,
        alarms,
        kmsKeyArn: logsKey.arn,
        logRetentionInDays: retention,
        protectData,
    }, opts);

    // ---- Dashboard: the entry points, the functions, the database, from the alarms' metrics.
    const dashboard = new Dashboard(n("dashboard"), {
        description: "Distro Nation: web apps and CRM (CloudFront), dn-api and DistroFM (API Gateway), functions, Aurora, third-party key ages.",
        alarmArns: alarms.alarms.map((a) => a.arn),
        sections: [
            { kind: "cloudfront", title: "CRM (CloudFront)", distributionId: crm.distributionId },
            { kind: "cloudfront", title: "Web applications (CloudFront)", distributionId: web.distributionId },
            { kind: "apiGateway", title: "dn-api", apiName: dnApi.restApi.name, stage: dnApi.stageName },
            { kind: "apiGateway", title: "DistroFM API", apiName: distroFmApi.restApi.name, stage: distroFmApi.stageName },
            ...(apiWaf ? [{ kind: "waf" as const, title: "API firewall (the stack's regional web ACL, shared)", webAclName: apiWaf.webAclName, scope: "REGIONAL" as const, region }] : []),
            { kind: "lambda", title: "Functions", functions: { ...Object.fromEntries(Object.entries(functions).map(([part, f]) => [part, f.functionName])), "secret-age": secretAge.functionName } },
            { kind: "database", title: "Aurora PostgreSQL", clusterIdentifier: db.clusterIdentifier },
            { kind: "secrets", title: "Third-party API keys", monitor: n("secret-age"), secrets: secretAge.labels, maxAgeDays: secretAge.maxAgeDays },
        ],
    }, opts);

    return {
        webUrl: web.url,
        crmUrl: crm.url,
        webCertificateValidationRecords: web.certificateValidationRecords,
        crmCertificateValidationRecords: crm.certificateValidationRecords,
        dashboardUrl: dashboard.url,
        dnApiUrl: dnApi.invokeUrl,
        dnApiKeyId: dnApi.apiKeyId,
        distroFmApiUrl: distroFmApi.invokeUrl,
        distroFmApiKeyId: distroFmApi.apiKeyId,
        buckets: {
            audio: audio.name, backup: backup.name, backupReplica: backup.replicaBucketName, upload: upload.name,
            profileMedia: profileMedia.name, web: webSite.name, crm: crmSite.name, logs: logs?.name,
        },
        database: { endpoint: db.endpoint, readerEndpoint: db.readerEndpoint, name: db.databaseName, masterUserSecretArn: db.masterUserSecretArn },
        crmUserPoolId: admins.userPoolId,
        crmClientId: admins.clientIds.apply((c) => c.crm),
        crmSignInDomain: admins.domain,
        secretArns: Object.fromEntries(THIRD_PARTY_SECRETS.map((p) => [p, secrets[p].secretArn])),
        functionNames: Object.fromEntries(Object.entries(functions).map(([k, f]) => [k, f.functionName])),
        alarmTopicArn: alarms.topicArn,
    };
}

/** The database user a function connects as with IAM authentication: `dn_<function>`. */
export function dbUser(part: string): string {
    return `dn_${part.replace(/-/g, "_")}`;
}

/** The CRM calls API Gateway in this region, Cognito and Firebase Auth; everything else is same-origin. */
export function crmContentSecurityPolicy(region: string): string {
    return [
        "default-src 'self'",
        `connect-src 'self' https://*.execute-api.${region}.amazonaws.com https://cognito-idp.${region}.amazonaws.com https://*.auth.${region}.amazoncognito.com https://identitytoolkit.googleapis.com https://securetoken.googleapis.com https://*.firebaseio.com wss://*.firebaseio.com`,
        "img-src 'self' data: https:",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self' data:",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "upgrade-insecure-requests",
    ].join("; ");
}
