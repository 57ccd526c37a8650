/**
 * OAuthBroker: the MultiMusic OAuth backend (seed 004), infrastructure and handlers, composed only of
 * platform components.
 *
 * Internet → CloudFront (CdnSite) + WAF (WebFirewall, CLOUDFRONT) → CloudFront VPC origin → internal
 * ALB (ApiFrontDoor) → execute-api interface endpoint → PRIVATE REST API (PrivateApi, resource policy
 * admitting only that endpoint) → five Lambda functions (ServerlessFunction: login, callback, session,
 * refresh, disconnect) → DynamoDB (DataTable: tokens; state, which also holds the pending grants),
 * KMS (token encryption with an encryption context), Secrets Manager (Secret: one per provider, the
 * session signing key, rotated by the Secret's built-in rotation). Alarms watch WAF, API, Lambda,
 * DynamoDB, the key rotation and NAT. Nothing but the distribution is reachable from the internet.
 *
 * The broker builds its own Network: which endpoints exist and whether there is a NAT gateway follow
 * from `lambdaInVpc`, and the NAT gateway count (for the alarms) follows from its NAT strategy.
 */
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Alarms } from "../alarms";
import { API_FRONT_DOOR_DEFAULTS } from "../api-front-door/defaults";
import { ApiFrontDoor } from "../api-front-door";
import { CdnSite } from "../cdn-site";
import { DataTable } from "../data-table";
import { EncryptionKey } from "../encryption-key";
import { Network, type NatGateways } from "../network";
import { PrivateApi, type JsonSchema, type RouteRequestValidation } from "../private-api";
import { Secret, readPolicyStatement } from "../secret";
import { LogBucket } from "../secure-bucket";
import { ServerlessFunction, type PolicyStatement } from "../serverless-function";
import { requireArg } from "../shared/errors";
import { WebFirewall } from "../web-firewall";
import { ENTRY_POINTS, FUNCTION_NAMES, REQUESTS, ROUTES, STATE_TABLE, TOKEN_TABLE, type FunctionName, type RouteRequest } from "./handlers/contract";
import { BUILT_IN_PROVIDERS, PROVIDER_NAME, secretArnVariable } from "./handlers/lib/providers";
import { BROKER_ENDPOINTS, CORS_ALLOW_HEADERS, LOG_RETENTION_DAYS, OAUTH_BROKER_DEFAULTS as D, PRICE_CLASSES } from "./defaults";

export { BROKER_ENDPOINTS, OAUTH_BROKER_DEFAULTS } from "./defaults";

const COMPONENT = "OAuthBroker";
const FUNCTIONS = FUNCTION_NAMES;

/** A provider added to the built-ins (Spotify, SoundCloud) or overriding one of them, field by field. */
export interface OAuthProviderArgs {
    /** Route name: lowercase letters, digits and `-`, 2 to 32 characters (e.g. `youtube-music`). */
    name: string;
    /** Authorization endpoint (https). Required for a new provider. */
    authorizeUrl?: string;
    /** Token endpoint (https). Required for a new provider. */
    tokenUrl?: string;
    /** Scopes requested. Required for a new provider (may be empty). */
    scopes?: string[];
    /** How the client authenticates at the token endpoint. Default: the built-in's, or `client_secret_post`. */
    tokenAuthMethod?: "client_secret_basic" | "client_secret_post";
    /** Extra fixed authorize parameters (e.g. `{ access_type: "offline" }`); never client_id, redirect_uri, scope, state, response_type or PKCE. */
    authorizeParams?: Record<string, string>;
    /** RFC 7009 revocation endpoint (https): disconnecting revokes the tokens there. Default: none (the built-ins publish none). */
    revokeUrl?: string;
    /** Client id, with clientSecret: stored in the provider's secret. Default: a placeholder operators fill. */
    clientId?: pulumi.Input<string>;
    /** Client secret as a Pulumi secret (`config.requireSecret(...)`), never a plain string. With clientId. */
    clientSecret?: pulumi.Input<string>;
}

/** The broker's own VPC. */
export interface OAuthBrokerNetworkArgs {
    /** VPC range. Default 10.0.0.0/16. */
    cidr?: string;
    /** Availability zones, 2 to 6 (the internal ALB needs two). Default 2. */
    azCount?: number;
    /** NAT strategy. Default `one-per-az` with `lambdaInVpc`, `none` without (dev saves the NAT gateway). `none` is refused with `lambdaInVpc`. */
    natGateways?: NatGateways;
}

/** WAF rate limits (requests per IP or per user). */
export interface OAuthBrokerRateLimits {
    /** Requests per IP per 5 minutes, all paths. Default 100. */
    perIpPer5Minutes?: number;
    /** Login requests per IP per minute. Default 10. */
    loginPerMinute?: number;
    /** Refresh requests per user (Authorization header) per minute. Default 20. */
    refreshPerMinute?: number;
    /** Session (result redemption) requests per IP per minute. Default 10. */
    sessionPerMinute?: number;
    /** Disconnect (DELETE) requests per user (Authorization header) per minute. Default 10. */
    disconnectPerMinute?: number;
}

export interface OAuthBrokerArgs {
    /** The frontend (https, no fragment): the only redirect target after login; its origin is the CORS origin. */
    frontendUrl: string;
    /** The one CORS origin (https://host[:port]). Default: frontendUrl's origin. */
    allowedOrigin?: string;
    /** Functions in private subnets with HTTPS-only egress through NAT and VPC endpoints (prod), or outside the VPC (dev). Default true. */
    lambdaInVpc?: boolean;
    /** Providers added to or overriding the built-in Spotify and SoundCloud. Default none. */
    providers?: OAuthProviderArgs[];
    /** AWS WAF Bot Control (priced per request; prod). Default false. */
    botControl?: boolean;
    /** WAF rate limits. Default 100 per IP per 5 min, login and session 10/min per IP, refresh 20/min and disconnect 10/min per user. */
    rateLimits?: OAuthBrokerRateLimits;
    /** Keep only blocked and counted requests in the WAF logs. Default true. */
    wafLogOnlyBlockedAndCounted?: boolean;
    /** Protect tables, secrets and keys (Pulumi protect + retain on delete, DynamoDB and ALB deletion protection). Default true. */
    protectData?: boolean;
    /** Retention of every log group (functions, API, WAF, flow logs); a CloudWatch Logs value. Default 90. */
    logRetentionDays?: number;
    /** Addresses notified by the alarms. Default none. */
    alarmEmails?: string[];
    /** CloudFront price class. Default PriceClass_100. */
    priceClass?: (typeof PRICE_CLASSES)[number];
    /** The broker's VPC (cidr, azCount, natGateways). */
    network?: OAuthBrokerNetworkArgs;
    /** Host name CloudFront uses to reach the internal ALB over HTTPS (a name the origin certificate covers, e.g. `oauth-origin.example.com`). */
    originDomainName: string;
    /** ACM certificate (stack region) for the internal ALB, covering originDomainName. */
    originCertificateArn: pulumi.Input<string>;
    /** Public custom domain of the broker (e.g. `auth.example.com`). Default: the CloudFront domain. */
    domainName?: string;
    /** ACM certificate in us-east-1 for domainName. Required with domainName. */
    certificateArn?: pulumi.Input<string>;
    /** A us-east-1 AWS provider for the CLOUDFRONT web ACL, its logs and its alarm, when the stack's region is another. Default: the inherited provider. */
    edgeProvider?: pulumi.ProviderResource;
    /** A LogBucket for CloudFront (`cloudfront-access-logs`) and ALB (`alb-access-logs`) access logs. Default: none. */
    accessLogBucket?: LogBucket;
    /** Set the region's API Gateway CloudWatch role (an account-wide singleton: one stack per account and region). Default false. */
    manageApiGatewayAccountRole?: boolean;
    /** The stack's ApiAccountLogging: the API's stage waits for it (see PrivateApi's `accountLogging`). */
    apiAccountLogging?: pulumi.Resource;
    /** Function timeout in seconds, 6 to 29. Default 10. */
    functionTimeoutSeconds?: number;
    /** Session JWT lifetime, 60 to 900 seconds. Default 900. */
    sessionTtlSeconds?: number;
    /** Absolute lifetime of renewed sessions, counted from the first login, 1 to 90 days. Default 30. */
    sessionMaxLifetimeDays?: number;
    /** Days between rotations of the session signing key, 1 to 365. Default 30. */
    sessionKeyRotationDays?: number;
}

/** A provider as the broker deploys it (built-in fields merged with the override). */
interface ResolvedProvider {
    name: string;
    builtIn: boolean;
    override?: OAuthProviderArgs;
}

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ACM_US_EAST_1 = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/.+/;
const RESERVED_PARAMS = ["client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method"];
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/;

/** Why a URL is not an https URL without credentials or fragment, or undefined. */
function httpsUrlProblem(value: unknown): string | undefined {
    if (typeof value !== "string" || value.length > 2048) return "an https URL";
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        return "an https URL";
    }
    if (url.protocol !== "https:") return "an https URL (http is never deployed)";
    if (url.username || url.password) return "an https URL without credentials";
    if (url.hash) return "an https URL without a fragment";
    return undefined;
}

function validate(name: string, args: OAuthBrokerArgs): void {
    const req = (ok: boolean, arg: string, given: unknown, allowed: string) => requireArg(ok, COMPONENT, name, arg, given, allowed);
    const frontendProblem = httpsUrlProblem(args.frontendUrl);
    req(frontendProblem === undefined, "frontendUrl", args.frontendUrl, frontendProblem ?? "");
    if (args.allowedOrigin !== undefined) {
        req(/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(args.allowedOrigin), "allowedOrigin", args.allowedOrigin, "an origin https://host[:port] without a path");
    }

    const seen = new Set<string>();
    (args.providers ?? []).forEach((p, i) => {
        const at = `providers[${i}]`;
        req(typeof p.name === "string" && PROVIDER_NAME.test(p.name), `${at}.name`, p.name, "lowercase letters, digits and -, 2 to 32 characters, starting with a letter");
        req(!seen.has(p.name), `${at}.name`, p.name, "each provider once (this name is listed twice)");
        seen.add(p.name);
        const builtIn = p.name in BUILT_IN_PROVIDERS;
        for (const field of ["authorizeUrl", "tokenUrl", "revokeUrl"] as const) {
            if (field !== "revokeUrl") req(builtIn || p[field] !== undefined, `${at}.${field}`, p[field], `an https URL (${p.name} is not built in)`);
            if (p[field] !== undefined) {
                const problem = httpsUrlProblem(p[field]);
                req(problem === undefined, `${at}.${field}`, p[field], problem ?? "");
            }
        }
        req(builtIn || p.scopes !== undefined, `${at}.scopes`, p.scopes, `a list of scopes, possibly empty (${p.name} is not built in)`);
        if (p.scopes !== undefined) {
            req(Array.isArray(p.scopes) && p.scopes.length <= 50 && p.scopes.every((s) => typeof s === "string" && SCOPE.test(s)), `${at}.scopes`, p.scopes, "at most 50 scope names (RFC 6749 scope characters)");
        }
        if (p.tokenAuthMethod !== undefined) {
            req(["client_secret_basic", "client_secret_post"].includes(p.tokenAuthMethod), `${at}.tokenAuthMethod`, p.tokenAuthMethod, "client_secret_basic or client_secret_post");
        }
        for (const [k, v] of Object.entries(p.authorizeParams ?? {})) {
            req(/^[A-Za-z0-9_.-]{1,64}$/.test(k) && !RESERVED_PARAMS.includes(k) && typeof v === "string" && v.length <= 256, `${at}.authorizeParams.${k}`, v,
                `string values under names the broker does not set itself (not ${RESERVED_PARAMS.join(", ")})`);
        }
        req((p.clientId === undefined) === (p.clientSecret === undefined), `${at}.clientId/clientSecret`, p.clientId === undefined ? "clientSecret only" : "clientId only",
            "both (stored in the provider's secret) or neither (a placeholder operators fill)");
        req(typeof p.clientSecret !== "string", `${at}.clientSecret`, "(a plain string)", "a Pulumi secret such as config.requireSecret(\"spotifyClientSecret\"), never a plain value");
    });

    const retention = args.logRetentionDays ?? D.logRetentionDays;
    req((LOG_RETENTION_DAYS as readonly number[]).includes(retention), "logRetentionDays", retention, LOG_RETENTION_DAYS.join(", "));
    (args.alarmEmails ?? []).forEach((email, i) => req(typeof email === "string" && EMAIL.test(email), `alarmEmails[${i}]`, email, "an email address (name@domain.tld)"));
    req(new Set(args.alarmEmails ?? []).size === (args.alarmEmails ?? []).length, "alarmEmails", args.alarmEmails, "distinct addresses");
    if (args.priceClass !== undefined) req((PRICE_CLASSES as readonly string[]).includes(args.priceClass), "priceClass", args.priceClass, PRICE_CLASSES.join(", "));

    const lambdaInVpc = args.lambdaInVpc ?? D.lambdaInVpc;
    const azCount = args.network?.azCount ?? D.network.azCount;
    req(Number.isInteger(azCount) && azCount >= 2 && azCount <= 6, "network.azCount", azCount, "a whole number from 2 to 6 (the internal ALB needs two AZs)");
    const nat = args.network?.natGateways;
    if (nat !== undefined) {
        req(["none", "single", "one-per-az"].includes(nat), "network.natGateways", nat, "none, single, one-per-az");
        req(!(lambdaInVpc && nat === "none"), "network.natGateways", nat, "single or one-per-az while lambdaInVpc is true (the functions call the providers through NAT)");
    }

    req(typeof args.originDomainName === "string" && HOST.test(args.originDomainName), "originDomainName", args.originDomainName, "a host name the origin certificate covers (no scheme or path)");
    req(args.originCertificateArn !== undefined && args.originCertificateArn !== "", "originCertificateArn", args.originCertificateArn, "an ACM certificate ARN for originDomainName (the internal ALB's HTTPS listener)");
    req((args.domainName === undefined) === (args.certificateArn === undefined), args.domainName === undefined ? "domainName" : "certificateArn",
        args.domainName === undefined ? undefined : args.certificateArn, "domainName and certificateArn together, or neither");
    if (args.domainName !== undefined) req(HOST.test(args.domainName), "domainName", args.domainName, "a host name (no scheme or path)");
    if (typeof args.certificateArn === "string") req(ACM_US_EAST_1.test(args.certificateArn), "certificateArn", args.certificateArn, "an ACM certificate ARN in us-east-1 (CloudFront reads certificates there)");
    if (args.accessLogBucket !== undefined) {
        const deliveries = args.accessLogBucket instanceof LogBucket ? args.accessLogBucket.deliveries : [];
        req(deliveries.includes("cloudfront-access-logs") || deliveries.includes("alb-access-logs"), "accessLogBucket", deliveries,
            "a LogBucket whose deliveries include cloudfront-access-logs and/or alb-access-logs");
    }

    const limits = args.rateLimits ?? {};
    const limit = (value: number | undefined, arg: string) => {
        if (value !== undefined) req(Number.isInteger(value) && value >= 10 && value <= 2_000_000_000, `rateLimits.${arg}`, value, "a whole number from 10 to 2,000,000,000 (WAF's range)");
    };
    limit(limits.perIpPer5Minutes, "perIpPer5Minutes");
    limit(limits.loginPerMinute, "loginPerMinute");
    limit(limits.refreshPerMinute, "refreshPerMinute");
    limit(limits.sessionPerMinute, "sessionPerMinute");
    limit(limits.disconnectPerMinute, "disconnectPerMinute");
    const timeout = args.functionTimeoutSeconds ?? D.functionTimeoutSeconds;
    req(Number.isInteger(timeout) && timeout >= 6 && timeout <= 29, "functionTimeoutSeconds", timeout,
        "a whole number from 6 (above the 5 s provider timeout) to 29 (API Gateway's integration limit)");
    const ttl = args.sessionTtlSeconds ?? D.sessionTtlSeconds;
    req(Number.isInteger(ttl) && ttl >= 60 && ttl <= 900, "sessionTtlSeconds", ttl, "a whole number from 60 to 900 (sessions live at most 15 minutes)");
    const lifetime = args.sessionMaxLifetimeDays ?? D.sessionMaxLifetimeDays;
    req(Number.isInteger(lifetime) && lifetime >= 1 && lifetime <= 90, "sessionMaxLifetimeDays", lifetime, "a whole number of days from 1 to 90");
    const rotation = args.sessionKeyRotationDays ?? D.sessionKeyRotationDays;
    req(Number.isInteger(rotation) && rotation >= 1 && rotation <= 365, "sessionKeyRotationDays", rotation, "a whole number of days from 1 to 365");
}

/** Built-ins first, then added providers, each with its override. */
function resolveProviders(args: OAuthBrokerArgs): ResolvedProvider[] {
    const overrides = new Map((args.providers ?? []).map((p) => [p.name, p]));
    const builtIns = Object.keys(BUILT_IN_PROVIDERS).map((n) => ({ name: n, builtIn: true, override: overrides.get(n) }));
    const added = (args.providers ?? []).filter((p) => !(p.name in BUILT_IN_PROVIDERS)).map((p) => ({ name: p.name, builtIn: false, override: p }));
    return [...builtIns, ...added];
}

/** The OAUTH_PROVIDERS value: overrides and additions as the handlers read them (no secrets, no ARNs). */
export function oauthProvidersJson(providers: OAuthProviderArgs[] | undefined): string | undefined {
    const entries = (providers ?? []).map((p) => Object.fromEntries(Object.entries({
        name: p.name, authorizeUrl: p.authorizeUrl, tokenUrl: p.tokenUrl, scopes: p.scopes,
        tokenAuthMethod: p.tokenAuthMethod, authorizeParams: p.authorizeParams, revokeUrl: p.revokeUrl,
    }).filter(([, v]) => v !== undefined)));
    return entries.length > 0 ? JSON.stringify(entries) : undefined;
}

export class OAuthBroker extends pulumi.ComponentResource {
    readonly network: Network;
    readonly api: PrivateApi;
    readonly frontDoor: ApiFrontDoor;
    readonly site: CdnSite;
    readonly firewall: WebFirewall;
    readonly tokenTable: DataTable;
    /** Login states and pending grants (key prefixes `state#` and `grant#`). */
    readonly stateTable: DataTable;
    /** The session signing key, with its built-in rotation. */
    readonly sessionKey: Secret;
    readonly functions: Record<FunctionName, ServerlessFunction>;
    readonly alarms: Alarms;
    /** The alarms on the CLOUDFRONT web ACL when an edgeProvider is given (WAF metrics live in us-east-1). */
    readonly edgeAlarms?: Alarms;
    readonly tokenKey: EncryptionKey;
    readonly dataKey: EncryptionKey;
    readonly logsKey: EncryptionKey;
    /** `https://` + domainName, or the CloudFront domain. */
    readonly url: pulumi.Output<string>;
    readonly distributionId: pulumi.Output<string>;
    readonly restApiId: pulumi.Output<string>;
    readonly tokenTableName: pulumi.Output<string>;
    readonly stateTableName: pulumi.Output<string>;
    /** Provider secret ARNs by provider name (values never leave Secrets Manager). */
    readonly providerSecretArns: Record<string, pulumi.Output<string>>;
    readonly sessionKeySecretArn: pulumi.Output<string>;
    readonly functionNames: Record<FunctionName, pulumi.Output<string>>;
    /** The session key's rotation function (for dashboards: its errors are alarmed). */
    readonly sessionKeyRotationFunctionName: pulumi.Output<string>;
    readonly webAclArn: pulumi.Output<string>;
    readonly alarmTopicArn: pulumi.Output<string>;
    readonly tokenKeyArn: pulumi.Output<string>;
    readonly vpcId: pulumi.Output<string>;

    constructor(name: string, args: OAuthBrokerArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:oauth:OAuthBroker", name, {}, opts);
        const protectData = args.protectData ?? D.protectData;
        const lambdaInVpc = args.lambdaInVpc ?? D.lambdaInVpc;
        const retention = args.logRetentionDays ?? D.logRetentionDays;
        const allowedOrigin = args.allowedOrigin ?? new URL(args.frontendUrl).origin;
        const providers = resolveProviders(args);
        const region = aws.getRegionOutput({}, { parent: this }).region;

        // Keys: logs (every log group, and the alarm topic CloudWatch publishes to), data (tables' SSE and
        // secrets, used through those services) and tokens (the handlers' own encryption, granted only
        // with an encryption context, so a key of its own).
        this.logsKey = new EncryptionKey(`${name}-logs-key`, { description: `Logs and alarm notifications of the OAuth broker ${name}`, services: ["logs", "cloudwatch", "sns"], protectData }, { parent: this });
        this.dataKey = new EncryptionKey(`${name}-data-key`, { description: `Tables and secrets of the OAuth broker ${name}`, protectData }, { parent: this });
        this.tokenKey = new EncryptionKey(`${name}-token-key`, { description: `Provider tokens stored by the OAuth broker ${name} (encryption context userId, platform)`, protectData }, { parent: this });

        // Network: the private API's execute-api endpoint always; with functions inside, the endpoints they
        // use and NAT for the providers. Without (dev), no NAT and no public subnet: nothing routes out.
        const azCount = args.network?.azCount ?? D.network.azCount;
        const natGateways: NatGateways = args.network?.natGateways ?? (lambdaInVpc ? D.network.natGatewaysInVpc : D.network.natGatewaysOutsideVpc);
        this.network = new Network(`${name}-network`, {
            cidr: args.network?.cidr ?? D.network.cidr,
            azCount,
            natGateways,
            subnets: natGateways === "none" ? [{ type: "private" }] : [{ type: "public", cidrMask: 24 }, { type: "private", cidrMask: 20 }],
            endpoints: [...BROKER_ENDPOINTS.always, ...(lambdaInVpc ? BROKER_ENDPOINTS.functionsInVpc : [])],
            flowLogRetentionDays: retention,
            kmsKeyArn: this.logsKey.arn,
            protectData,
        }, { parent: this });
        const privateSubnetIds = Array.from({ length: azCount }, (_, i) => this.network.privateSubnetIds.apply((ids) => ids[i]));

        // Tables (contract.ts): tokens by user and platform; single-use login states and pending grants by
        // prefixed hash (one table for both: they live minutes, and IAM tells them apart by key prefix).
        this.tokenTable = new DataTable(`${name}-tokens`, {
            partitionKey: { name: TOKEN_TABLE.partitionKey, type: "S" },
            sortKey: { name: TOKEN_TABLE.sortKey, type: "S" },
            ttlAttribute: TOKEN_TABLE.ttlAttribute,
            kmsKeyArn: this.dataKey.arn,
            protectData,
        }, { parent: this });
        this.stateTable = new DataTable(`${name}-state`, {
            partitionKey: { name: STATE_TABLE.partitionKey, type: "S" },
            ttlAttribute: STATE_TABLE.ttlAttribute,
            kmsKeyArn: this.dataKey.arn,
            protectData,
        }, { parent: this });

        // Secrets: one per provider (given client credentials, or a placeholder operators fill) and the
        // generated session signing key, rotated in-process; the handlers verify with its current and
        // previous versions, so a rotation logs nobody out.
        const providerSecrets = Object.fromEntries(providers.map((p) => [p.name, new Secret(`${name}-${p.name}`, {
            description: `OAuth client of ${p.name} for ${name}: JSON { clientId, clientSecret }`,
            kmsKeyArn: this.dataKey.arn,
            protectData,
            fields: p.override?.clientId !== undefined ? { clientId: p.override.clientId, clientSecret: p.override.clientSecret! } : undefined,
        }, { parent: this })]));
        const sessionKey = new Secret(`${name}-session-key`, {
            description: `HS256 signing key of ${name}'s session JWTs`,
            kmsKeyArn: this.dataKey.arn,
            protectData,
            generate: { length: D.sessionKeyLength, special: false },
            rotation: {
                builtIn: { logsKmsKeyArn: this.logsKey.arn, logRetentionInDays: retention },
                automaticallyAfterDays: args.sessionKeyRotationDays ?? D.sessionKeyRotationDays,
            },
        }, { parent: this });
        this.sessionKey = sessionKey;
        this.providerSecretArns = Object.fromEntries(Object.entries(providerSecrets).map(([n, s]) => [n, s.secretArn]));
        this.sessionKeySecretArn = sessionKey.secretArn;

        // The callback URL is the public URL. With a custom domain it is known now; otherwise it is the
        // distribution's domain, which exists only after the API (its origin) and so after the functions'
        // code is wired: a deferred output breaks the construction cycle (resources form no cycle: the
        // distribution needs the API's id, not its integrations).
        const [cloudFrontUrl, resolveCloudFrontUrl] = pulumi.deferredOutput<string>();
        const publicUrl: pulumi.Output<string> = args.domainName !== undefined ? pulumi.output(`https://${args.domainName}`) : cloudFrontUrl;

        const readSecrets = (arns: pulumi.Input<string>[]) => readPolicyStatement(arns, this.dataKey.arn, region);
        const providerArns = Object.values(this.providerSecretArns);
        const revocable = resolvedRevocable(providers);
        const tableKey: PolicyStatement = {
            Sid: "TableKeyThroughDynamoDb", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"], Resource: [this.dataKey.arn],
            Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`dynamodb.${region}.amazonaws.com` } },
        };
        const tokenKey = (actions: string[], platforms: string[]): PolicyStatement => ({
            Sid: "TokenKeyWithContext", Effect: "Allow", Action: actions, Resource: [this.tokenKey.arn],
            // Exactly the handlers' context { userId, platform }, with a listed platform: a ciphertext is usable only for its user and platform.
            Condition: {
                "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["userId", "platform"] },
                "StringEquals": { "kms:EncryptionContext:platform": platforms },
                "Null": { "kms:EncryptionContext:userId": "false" },
            },
        });
        // Login states and pending grants share a table; each function reaches only its kind of item.
        const onStateItems = (sid: string, actions: string[], kind: keyof typeof STATE_TABLE.prefixes): PolicyStatement => ({
            Sid: sid, Effect: "Allow", Action: actions, Resource: [this.stateTable.tableArn],
            Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`${STATE_TABLE.prefixes[kind]}*`] } },
        });
        const allPlatforms = providers.map((p) => p.name);
        const statements: Record<FunctionName, PolicyStatement[]> = {
            login: [
                onStateItems("PutState", ["dynamodb:PutItem"], "state"),
                tableKey, ...readSecrets([...providerArns, this.sessionKeySecretArn]),
            ],
            // The callback never issues a session: no session key.
            callback: [
                onStateItems("ConsumeState", ["dynamodb:DeleteItem"], "state"),
                onStateItems("StoreGrant", ["dynamodb:PutItem"], "grant"),
                tableKey, tokenKey(["kms:Encrypt"], allPlatforms), ...readSecrets(providerArns),
            ],
            // Redemption moves ciphertexts made for their final user: no token key, no provider secret.
            session: [
                onStateItems("RedeemGrant", ["dynamodb:GetItem", "dynamodb:DeleteItem"], "grant"),
                { Sid: "StoreTokens", Effect: "Allow", Action: ["dynamodb:UpdateItem"], Resource: [this.tokenTable.tableArn] },
                tableKey, ...readSecrets([this.sessionKeySecretArn]),
            ],
            refresh: [
                { Sid: "ReadAndStoreTokens", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: [this.tokenTable.tableArn] },
                tableKey, tokenKey(["kms:Decrypt", "kms:Encrypt"], allPlatforms), ...readSecrets([...providerArns, this.sessionKeySecretArn]),
            ],
            // Decrypting (to revoke) only for the providers that have a revocation endpoint.
            disconnect: [
                { Sid: "DeleteTokens", Effect: "Allow", Action: ["dynamodb:DeleteItem"], Resource: [this.tokenTable.tableArn] },
                tableKey,
                ...(revocable.length > 0 ? [tokenKey(["kms:Decrypt"], revocable)] : []),
                ...readSecrets([...revocable.map((p) => this.providerSecretArns[p]), this.sessionKeySecretArn]),
            ],
        };

        // Environments per contract.ts: names and ARNs only, never a secret value.
        const jwtIssuer = `urn:${pulumi.getProject()}:${pulumi.getStack()}:${name}`;
        const oauthProviders = oauthProvidersJson(args.providers);
        const common: Record<string, pulumi.Input<string>> = {
            FRONTEND_URL: args.frontendUrl,
            ...Object.fromEntries(Object.entries(this.providerSecretArns).map(([n, arn]) => [secretArnVariable(n), arn])),
            ...(oauthProviders ? { OAUTH_PROVIDERS: oauthProviders } : {}),
        };
        // Every function that verifies sessions (all but the callback).
        const sessions: Record<string, pulumi.Input<string>> = {
            SESSION_KEY_SECRET_ARN: this.sessionKeySecretArn,
            JWT_ISSUER: jwtIssuer,
            JWT_AUDIENCE: allowedOrigin,
            SESSION_MAX_LIFETIME_SECONDS: String((args.sessionMaxLifetimeDays ?? D.sessionMaxLifetimeDays) * 86400),
            SESSION_KEY_GRACE_SECONDS: String(D.sessionKeyGraceSeconds),
            ALLOWED_ORIGIN: allowedOrigin,
        };
        const sessionTtl = String(args.sessionTtlSeconds ?? D.sessionTtlSeconds);
        const providerTimeout = String(D.providerTimeoutMs);
        const environments: Record<FunctionName, Record<string, pulumi.Input<string>>> = {
            login: { ...common, ...sessions, STATE_TABLE_NAME: this.stateTable.tableName, CALLBACK_BASE_URL: publicUrl },
            callback: {
                ...common, STATE_TABLE_NAME: this.stateTable.tableName, KMS_KEY_ID: this.tokenKey.arn, CALLBACK_BASE_URL: publicUrl, PROVIDER_TIMEOUT_MS: providerTimeout,
            },
            session: { ...common, ...sessions, STATE_TABLE_NAME: this.stateTable.tableName, TABLE_NAME: this.tokenTable.tableName, SESSION_TTL_SECONDS: sessionTtl },
            refresh: {
                ...common, ...sessions, TABLE_NAME: this.tokenTable.tableName, KMS_KEY_ID: this.tokenKey.arn, SESSION_TTL_SECONDS: sessionTtl, PROVIDER_TIMEOUT_MS: providerTimeout,
            },
            disconnect: { ...common, ...sessions, TABLE_NAME: this.tokenTable.tableName, KMS_KEY_ID: this.tokenKey.arn, PROVIDER_TIMEOUT_MS: providerTimeout },
        };

        const timeout = args.functionTimeoutSeconds ?? D.functionTimeoutSeconds;
        this.functions = Object.fromEntries(FUNCTIONS.map((fn) => [fn, new ServerlessFunction(`${name}-${fn}`, {
            entry: path.join(__dirname, "handlers", ENTRY_POINTS[fn].file),
            handler: `index.${ENTRY_POINTS[fn].handler}`,
            description: `${ROUTES[fn].method} ${ROUTES[fn].path} of the OAuth broker ${name}`,
            architecture: "arm64",
            timeout,
            memorySize: D.functionMemoryMb,
            environment: environments[fn],
            kmsKeyArn: this.logsKey.arn,
            logRetentionInDays: retention,
            policyStatements: statements[fn],
            // Egress: HTTPS only (the component's default security group), to the endpoints and through NAT.
            vpc: lambdaInVpc ? { vpcId: this.network.vpcId, subnetIds: privateSubnetIds } : undefined,
            protectData,
        }, { parent: this })])) as Record<FunctionName, ServerlessFunction>;

        // The private API: reachable only through the network's execute-api endpoint.
        this.api = new PrivateApi(`${name}-api`, {
            description: `OAuth broker ${name}`,
            exposure: "private",
            vpcEndpointIds: [this.network.endpointIds["execute-api"]],
            stageName: D.stageName,
            routes: FUNCTIONS.map((fn) => ({
                method: ROUTES[fn].method, path: ROUTES[fn].path, function: this.functions[fn].function, authorization: "none" as const,
                // The callback is a top-level navigation: no preflight.
                cors: fn === "callback" ? false : undefined,
                // API Gateway refuses a malformed request (400) before a function runs, from the same
                // contract the handlers validate against.
                requestValidation: requestValidationOf(REQUESTS[fn]),
            })),
            cors: { allowOrigins: [allowedOrigin], allowHeaders: [...CORS_ALLOW_HEADERS] },
            logRetentionInDays: retention,
            kmsKeyArn: this.logsKey.arn,
            manageAccountLoggingRole: args.manageApiGatewayAccountRole,
            accountLogging: args.apiAccountLogging,
            protectData,
        }, { parent: this });

        const logBucket = args.accessLogBucket;
        this.frontDoor = new ApiFrontDoor(`${name}-door`, {
            vpcId: this.network.vpcId,
            subnetIds: privateSubnetIds,
            vpcCidrBlock: this.network.cidr,
            certificateArn: args.originCertificateArn,
            restApiId: this.api.restApiId,
            endpointNetworkInterfaceIds: this.network.endpointNetworkInterfaceIds["execute-api"],
            endpointInterfaceCount: azCount,
            originDomainName: args.originDomainName,
            accessLogsBucket: logBucket?.deliveries.includes("alb-access-logs") ? logBucket.name : undefined,
            protectData,
        }, { parent: this });

        // WAF: CLOUDFRONT scope lives in us-east-1; the edge provider (when given) puts the ACL, its key and logs there.
        const edge = args.edgeProvider ? { parent: this, provider: args.edgeProvider } : { parent: this };
        const limits = args.rateLimits ?? {};
        this.firewall = new WebFirewall(`${name}-waf`, {
            scope: "CLOUDFRONT",
            description: `OAuth broker ${name}: managed rules, rate limits`,
            rateLimitPer5Minutes: limits.perIpPer5Minutes ?? D.rateLimitPer5Minutes,
            pathRateLimits: [
                { name: "login-per-ip", pathSuffix: "/login", limit: limits.loginPerMinute ?? D.loginPerMinute, windowSeconds: 60 },
                // Per user: the session JWT. Calls without one are refused by the handler and still count toward the per-IP limit.
                { name: "refresh-per-user", pathSuffix: "/refresh", limit: limits.refreshPerMinute ?? D.refreshPerMinute, windowSeconds: 60, aggregate: "header", headerName: "authorization" },
                // Per IP: a first login's redemption carries no session yet.
                { name: "session-per-ip", pathSuffix: "/session", limit: limits.sessionPerMinute ?? D.sessionPerMinute, windowSeconds: 60 },
                // DELETE /auth/{provider}: the path alone also matches its preflight, so the method narrows it.
                { name: "disconnect-per-user", pathPrefix: "/auth/", method: "DELETE", limit: limits.disconnectPerMinute ?? D.disconnectPerMinute, windowSeconds: 60, aggregate: "header", headerName: "authorization" },
            ],
            botControl: args.botControl ?? D.botControl,
            logOnlyBlockedAndCounted: args.wafLogOnlyBlockedAndCounted ?? D.wafLogOnlyBlockedAndCounted,
            logRetentionInDays: retention,
            kmsKeyArn: args.edgeProvider ? undefined : this.logsKey.arn,
            protectData,
        }, edge);

        this.site = new CdnSite(`${name}-cdn`, {
            comment: `OAuth broker ${name}`,
            origins: [{
                id: "api",
                domainName: args.originDomainName,
                originPath: `/${D.stageName}`,
                vpcOriginId: this.frontDoor.vpcOriginId,
                customHeaders: { [API_FRONT_DOOR_DEFAULTS.apiIdHeader]: this.api.restApiId },
            }],
            defaultBehavior: { originId: "api", cache: "disabled", methods: "all" },
            contentSecurityPolicy: D.contentSecurityPolicy,
            priceClass: args.priceClass ?? D.priceClass,
            webAclArn: this.firewall.webAclArn,
            requireWebAcl: true,
            aliases: args.domainName !== undefined ? [args.domainName] : undefined,
            certificateArn: args.certificateArn,
            accessLogs: logBucket?.deliveries.includes("cloudfront-access-logs") ? { bucket: logBucket } : undefined,
        }, { parent: this });
        resolveCloudFrontUrl(pulumi.interpolate`https://${this.site.domainName}`);

        // Alarms: the seed's list. WAF metrics of a CLOUDFRONT ACL exist only in us-east-1.
        this.alarms = new Alarms(`${name}-alarms`, { emails: args.alarmEmails, kmsKeyArn: this.logsKey.arn, protectData }, { parent: this });
        if (args.edgeProvider) this.edgeAlarms = new Alarms(`${name}-edge-alarms`, { emails: args.alarmEmails, protectData }, edge);
        (this.edgeAlarms ?? this.alarms).wafBlockRate("waf-block-rate", { webAclName: this.firewall.metrics.webAclName, scope: "CLOUDFRONT" });
        const apiDims = { ApiName: this.api.restApi.name, Stage: this.api.stageName };
        this.alarms.apiGateway5xxRate("api-5xx", { apiName: apiDims.ApiName, stage: apiDims.Stage });
        this.alarms.p99Latency("api-p99-latency", { namespace: "AWS/ApiGateway", metricName: "Latency", dimensions: apiDims });
        for (const fn of FUNCTIONS) {
            const functionName = this.functions[fn].functionName;
            this.alarms.lambdaErrors(`${fn}-errors`, { functionName });
            this.alarms.lambdaTimeouts(`${fn}-timeouts`, { functionName, timeoutSeconds: timeout });
            this.alarms.lambdaThrottles(`${fn}-throttles`, { functionName });
        }
        this.alarms.dynamoThrottles("tokens-throttles", { tableName: this.tokenTable.tableName });
        this.alarms.dynamoThrottles("state-throttles", { tableName: this.stateTable.tableName });
        // A failing key rotation leaves the old key in use: worth knowing before the next schedule.
        this.sessionKeyRotationFunctionName = (sessionKey.rotationFunction as ServerlessFunction).functionName;
        this.alarms.lambdaErrors("session-key-rotation-errors", { functionName: this.sessionKeyRotationFunctionName });
        if (lambdaInVpc) {
            this.network.natGatewayIds.forEach((natGatewayId, i) => this.alarms.natGatewayErrors(`nat-${i}-errors`, { natGatewayId }));
        }

        this.url = publicUrl;
        this.distributionId = this.site.distributionId;
        this.restApiId = this.api.restApiId;
        this.tokenTableName = this.tokenTable.tableName;
        this.stateTableName = this.stateTable.tableName;
        this.functionNames = Object.fromEntries(FUNCTIONS.map((fn) => [fn, this.functions[fn].functionName])) as Record<FunctionName, pulumi.Output<string>>;
        this.webAclArn = this.firewall.webAclArn;
        this.alarmTopicArn = this.alarms.topicArn;
        this.tokenKeyArn = this.tokenKey.arn;
        this.vpcId = this.network.vpcId;
        this.registerOutputs({
            url: this.url, distributionId: this.distributionId, restApiId: this.restApiId,
            tokenTableName: this.tokenTableName, stateTableName: this.stateTableName,
            providerSecretArns: this.providerSecretArns, sessionKeySecretArn: this.sessionKeySecretArn,
            functionNames: this.functionNames, webAclArn: this.webAclArn, alarmTopicArn: this.alarmTopicArn,
            ...(this.edgeAlarms ? { edgeAlarmTopicArn: this.edgeAlarms.topicArn } : {}), tokenKeyArn: this.tokenKeyArn, vpcId: this.vpcId,
        });
    }
}

/** A route's request contract as PrivateApi validates it. */
function requestValidationOf(request: RouteRequest): RouteRequestValidation {
    return {
        requiredQueryStrings: [...request.requiredQueryStrings],
        requiredHeaders: [...request.requiredHeaders],
        bodySchema: request.bodySchema as JsonSchema | undefined,
    };
}

/** The providers that publish a revocation endpoint (by override or built in). */
function resolvedRevocable(providers: ResolvedProvider[]): string[] {
    return providers.filter((p) => p.override?.revokeUrl !== undefined || BUILT_IN_PROVIDERS[p.name]?.revokeUrl !== undefined).map((p) => p.name);
}
