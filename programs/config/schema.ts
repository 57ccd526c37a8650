/**
 * The schema of a stack's configuration: every `platform:*` key, its type, default and limits.
 *
 * Defaults are the safe values (protection on, long retention, WAF on); a dev stack relaxes them
 * explicitly in Pulumi.dev.yaml. Environments differ by these values only, never by code paths.
 * The README's configuration table documents the same keys; a test keeps the two in step.
 */
import { z } from "zod";
import { Region } from "@pulumi/aws/types/enums";
import { parseCidr } from "../../components/network/cidr";

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
/** Environments whose configuration must meet production rules (no force-destroy, HTTPS-only CORS...). */
export const PRODUCTION_ENVIRONMENTS: ReadonlySet<string> = new Set(["staging", "prod"]);

export const SYSTEMS = ["distro-nation", "padmakara", "vidverse", "vibe", "multimusic"] as const;
export type SystemName = (typeof SYSTEMS)[number];

export const AWS_REGIONS: readonly string[] = Object.values(Region).sort();

/** Retention periods CloudWatch Logs accepts (days). 0 would mean "never expire", which we do not allow. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const hostName = z.string().regex(HOST_NAME, "a lowercase DNS host name such as crm.example.com");
const acmCertificateArn = z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, "an ACM certificate ARN");
const hostedZoneId = z.string().regex(/^Z[A-Z0-9]{1,31}$/, "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ");
/** Secrets Manager rotation schedules: rate(N days|hours) or a six-field cron(...); limits are checked by the database components. */
const rotationSchedule = z.string().regex(/^(rate\(\d+ (hour|hours|day|days)\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$/, "rate(N days) or cron(minutes hours day-of-month month day-of-week year), UTC");

/**
 * A CloudFront site's custom domain: its host names and where the certificate comes from. Without
 * certificateArn the platform requests a DNS-validated one; with hostedZoneId it validates and points
 * the names itself, without one the first deploy outputs the validation records (see README).
 */
export const siteDomainSchema = z.strictObject({
    /** Host names the site answers for; the first is its URL. */
    aliases: z.array(hostName).min(1).max(10),
    /** An existing ACM certificate in us-east-1 covering every alias. Default: one is requested. */
    certificateArn: acmCertificateArn.optional(),
    /** Route 53 zone serving the aliases: validation and alias records. */
    hostedZoneId: hostedZoneId.optional(),
    /** No zone: the requested certificate's validation records are published and it shows Issued. */
    certificateValidated: z.boolean().optional(),
});

/** A regional API's custom domain (one host name), with the same certificate choices as siteDomainSchema. */
export const apiDomainSchema = z.strictObject({
    domainName: hostName,
    /** An existing ACM certificate in the stack's region. Default: one is requested. */
    certificateArn: acmCertificateArn.optional(),
    hostedZoneId: hostedZoneId.optional(),
    certificateValidated: z.boolean().optional(),
});

export type SiteDomain = z.infer<typeof siteDomainSchema>;
export type ApiDomain = z.infer<typeof apiDomainSchema>;

const name = z.string().regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, "lowercase letters, digits and hyphens, 3 to 40 characters, starting with a letter");
const cidr = z.string().refine(isCidr, "an IPv4 CIDR block such as 10.0.0.0/16 (a network address, prefix 16 to 28)");
const origin = z.string().min(1);

export const subnetSpecSchema = z.strictObject({
    /** public: internet-facing (ALB, NAT); private: egress through NAT; isolated: no route out (databases). */
    type: z.enum(["public", "private", "isolated"]),
    /** Explicit CIDR blocks, one per availability zone, inside the VPC CIDR. */
    cidrBlocks: z.array(cidr).min(1).optional(),
    /** Prefix length of each AZ's subnet when cidrBlocks are not given. */
    cidrMask: z.number().int().min(16).max(28).optional(),
});

export const networkSchema = z.strictObject({
    cidr: cidr.default("10.0.0.0/16"),
    azCount: z.number().int().min(1).max(6).default(2),
    /** none: no NAT (functions outside the VPC or isolated); single: one shared NAT; one-per-az: HA. */
    natGateways: z.enum(["none", "single", "one-per-az"]).default("one-per-az"),
    subnets: z.array(subnetSpecSchema).optional(),
});

export const storageSchema = z.strictObject({
    /** Lets `pulumi destroy` delete non-empty buckets. Dev only. */
    forceDestroy: z.boolean().default(false),
    noncurrentVersionExpirationDays: z.number().int().min(1).max(3650).default(90),
    /** Move current objects to an archive class after this many days (0: never). */
    archiveAfterDays: z.number().int().min(0).max(3650).default(0),
    accessLogging: z.boolean().default(true),
    /** Second region for backup replication; unset disables replication. */
    replicaRegion: z.string().optional(),
});

export const logsSchema = z.strictObject({
    retentionDays: z.number().int().default(365),
});

export const databaseSchema = z.strictObject({
    auroraMinCapacity: z.number().min(0).max(256).default(0.5),
    auroraMaxCapacity: z.number().min(1).max(256).default(8),
    /** Seconds of inactivity before an Aurora cluster with min capacity 0 pauses (300 to 86400). */
    auroraAutoPauseSeconds: z.number().int().min(300).max(86400).default(3600),
    auroraInstances: z.number().int().min(1).max(15).default(2),
    backupRetentionDays: z.number().int().default(7),
    deletionProtection: z.boolean().default(true),
    skipFinalSnapshot: z.boolean().default(false),
    instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "an RDS instance class such as db.t3.medium").default("db.t3.medium"),
    multiAz: z.boolean().default(true),
    allocatedStorageGb: z.number().int().min(20).max(65536).default(100),
    maxAllocatedStorageGb: z.number().int().min(20).max(65536).default(500),
    /** When RDS rotates the databases' master passwords (UTC). */
    passwordRotationSchedule: rotationSchedule.default("cron(0 4 ? * SUN *)"),
    /** Hours the rotation window stays open (it may not cross midnight UTC). */
    passwordRotationWindowHours: z.number().int().min(1).max(24).default(3),
});

export const secretsSchema = z.strictObject({
    /** Days after which a manually rotated secret (third-party API keys) pages for rotation. */
    maxAgeDays: z.number().int().min(1).max(3650).default(90),
});

export const distroNationSchema = z.strictObject({
    /** The CRM's domain (the seed's crm.distro-nation.com). Unset: its CloudFront domain. */
    crmDomain: siteDomainSchema.optional(),
    /** The web applications' domain. Unset: their CloudFront domain. */
    webDomain: siteDomainSchema.optional(),
});

export const cdnSchema = z.strictObject({
    priceClass: z.enum(["PriceClass_100", "PriceClass_200", "PriceClass_All"]).default("PriceClass_All"),
    /** ISO 3166-1 alpha-2 codes to block; empty: no restriction. */
    blockedCountries: z.array(z.string().regex(/^[A-Z]{2}$/, "two-letter ISO country code")).default([]),
});

export const firewallSchema = z.strictObject({
    /** Put a WAF web ACL in front of every public entry point. Required in production. */
    enabled: z.boolean().default(true),
    botControl: z.boolean().default(true),
    /** Requests per 5 minutes per client IP before WAF blocks (WAF allows 10 to 2,000,000,000). */
    rateLimitPer5Minutes: z.number().int().min(10).max(2_000_000_000).default(1000),
});

export const apiSchema = z.strictObject({
    /**
     * Own the region's API Gateway CloudWatch role (needed before any stage can log). One setting per
     * account and region: exactly one stack per account and region sets this.
     */
    manageAccountLoggingRole: z.boolean().default(false),
    throttleRateLimit: z.number().min(1).max(10000).default(100),
    throttleBurstLimit: z.number().int().min(1).max(5000).default(200),
});

export const containersSchema = z.strictObject({
    cpu: z.number().int().default(512),
    memory: z.number().int().default(1024),
    minTasks: z.number().int().min(1).max(100).default(2),
    maxTasks: z.number().int().min(1).max(100).default(4),
});

export const oauthProviderSchema = z.strictObject({
    name: name,
    authorizeUrl: z.string().url(),
    tokenUrl: z.string().url(),
    /** Token revocation endpoint (RFC 7009): disconnecting a platform revokes its tokens there too. */
    revokeUrl: z.string().url().optional(),
    scopes: z.array(z.string()).default([]),
});

export const multimusicSchema = z.strictObject({
    /** The only URL the OAuth callback may redirect to. */
    frontendUrl: z.string().url().default("https://app.multimusic.example.com"),
    /** Run the broker's functions inside the VPC (prod). Off saves the NAT gateway (the seed's dev option). */
    lambdaInVpc: z.boolean().default(true),
    /** Extra or overriding OAuth providers (Spotify and SoundCloud are built in). */
    providers: z.array(oauthProviderSchema).default([]),
    /** Host name CloudFront uses to reach the broker's internal ALB over HTTPS (covered by originCertificateArn). */
    originDomainName: z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a DNS host name such as oauth-origin.example.com").optional(),
    /** ACM certificate in the stack's region for originDomainName. */
    originCertificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, "an ACM certificate ARN").optional(),
    /** Absolute lifetime of a renewed session, counted from the first login (then the user logs in again). */
    sessionMaxLifetimeDays: z.number().int().min(1).max(90).default(30),
    /** Days between rotations of the session signing key. */
    sessionKeyRotationDays: z.number().int().min(1).max(365).default(30),
});

export const signerPublicKeySchema = z.strictObject({
    /** Short name (letters, digits, hyphens), used in the CloudFront public key's resource name. */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/, "lowercase letters, digits and hyphens"),
    /** The signer's public key, PEM (RSA 2048 or ECDSA P-256). */
    pem: z.string().regex(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----\n?$/, "a PEM public key (-----BEGIN PUBLIC KEY----- ...)"),
});

export const padmakaraSchema = z.strictObject({
    /** Public keys CloudFront trusts for Padmakara's signed audio and transcript URLs. */
    signerPublicKeys: z.array(signerPublicKeySchema).min(1).max(5).optional(),
    /** The media CDN's domain (signed audio and transcripts). Unset: its CloudFront domain. */
    mediaDomain: siteDomainSchema.optional(),
    /** The app's API domain (a custom domain of the regional API). Unset: its execute-api URL. */
    apiDomain: apiDomainSchema.optional(),
});

/**
 * Vibe's subnets: the seed's plan (public 10.0.1.0/24 and 10.0.2.0/24 for the ALB and NAT, private
 * 10.0.11.0/24 and 10.0.12.0/24 for the tasks) plus isolated 10.0.21.0/24 and 10.0.22.0/24: the seed
 * puts RDS in the private subnets, which route out through NAT; the database needs no way out.
 */
export const VIBE_SUBNETS = [
    { type: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] },
    { type: "private", cidrBlocks: ["10.0.11.0/24", "10.0.12.0/24"] },
    { type: "isolated", cidrBlocks: ["10.0.21.0/24", "10.0.22.0/24"] },
] as const;

export const vibeSchema = z.strictObject({
    /** Vibe's own subnet plan inside platform:network.cidr (its VPC is its own); public, private and isolated tiers. */
    subnets: z.array(subnetSpecSchema).min(1).default(() => VIBE_SUBNETS.map((s) => ({ type: s.type, cidrBlocks: [...s.cidrBlocks] }))),
    /** Public host name of Vibe's API (the seed's api.vibeapp.com), served by an internet-facing ALB. */
    apiDomainName: z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a DNS host name such as api.example.com").optional(),
    /** The backend image tag the service runs; the app team's pipeline sets it (`pulumi config set`) after pushing. */
    imageTag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "an image tag: letters, digits, _ . - (up to 128)").default("bootstrap"),
    /** IAM roles (the app team's CI) allowed to push to the backend repository. */
    imagePushRoleArns: z.array(z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "an IAM role ARN")).default([]),
    /** ACM certificate in the stack's region for apiDomainName. Without it the API stays internal. */
    apiCertificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, "an ACM certificate ARN").optional(),
    /** The image CDN's domain (the seed's cdn.vibeapp.com). Unset: its CloudFront domain. */
    cdnDomain: siteDomainSchema.optional(),
    /**
     * Where the API's tasks run: `private` subnets behind NAT, or `public` subnets with public IPs and
     * no NAT gateway in Vibe's VPC (a dev saving; refused in production environments). Either way
     * only the load balancer reaches the tasks.
     */
    taskSubnets: z.enum(["private", "public"]).default("private"),
});

// ---- Cost guardrail (engine/cost, policies/cost): budgets per stack and per system.
/** A system's budget: monthly USD (fixed plus usage, as the estimator prices it) and the rise allowed against the committed baseline. */
export const systemBudgetSchema = z.strictObject({
    budgetMonthlyUsd: z.number().positive().optional(),
    maxRisePercent: z.number().min(0).max(1000).optional(),
});

export const costSchema = z.strictObject({
    /** The stack's monthly budget in USD. */
    budgetMonthlyUsd: z.number().positive().optional(),
    /** How far the stack's (and, unless a system sets its own, each system's) estimate may rise above the committed baseline, in percent. */
    maxRisePercent: z.number().min(0).max(1000).optional(),
    /** Budgets per system, by system name (a seed system, or `platform` for the stack-wide settings). */
    systems: z.record(z.string(), systemBudgetSchema).default({}),
});
// ---- end of the cost guardrail block

export const platformConfigSchema = z.strictObject({
    environment: z.enum(ENVIRONMENTS),
    team: name,
    costCenter: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,30}$/, "letters, digits and hyphens, 2 to 31 characters"),
    /** Seed systems to deploy. A team stack names a team spec instead. */
    systems: z.array(z.enum(SYSTEMS)).min(1).refine((s) => new Set(s).size === s.length, "each system once").optional(),
    /** A team stack: path of the team's spec (programs/teams/<team>.yaml), relative to the project root. */
    teamSpec: z.string().regex(/^[A-Za-z0-9_./-]+\.ya?ml$/, "a relative path to a .yaml file, e.g. programs/teams/payments.yaml").optional(),
    /** Pulumi `protect` + retain-on-delete + service deletion protection on stateful resources. */
    protectData: z.boolean().default(true),
    alarmEmails: z.array(z.string().email()).default([]),
    /** Browser origins allowed by CORS on buckets and APIs. */
    corsOrigins: z.array(origin).default([]),
    network: networkSchema.default(() => networkSchema.parse({})),
    storage: storageSchema.default(() => storageSchema.parse({})),
    logs: logsSchema.default(() => logsSchema.parse({})),
    database: databaseSchema.default(() => databaseSchema.parse({})),
    cdn: cdnSchema.default(() => cdnSchema.parse({})),
    firewall: firewallSchema.default(() => firewallSchema.parse({})),
    api: apiSchema.default(() => apiSchema.parse({})),
    containers: containersSchema.default(() => containersSchema.parse({})),
    multimusic: multimusicSchema.default(() => multimusicSchema.parse({})),
    vibe: vibeSchema.default(() => vibeSchema.parse({})),
    padmakara: padmakaraSchema.default(() => padmakaraSchema.parse({})),
    distroNation: distroNationSchema.default(() => distroNationSchema.parse({})),
    secrets: secretsSchema.default(() => secretsSchema.parse({})),
    cost: costSchema.default(() => costSchema.parse({})),
});

export type PlatformConfig = z.infer<typeof platformConfigSchema> & { region: string; stack: string; project: string };

/** A VPC or subnet range: a network address (10.0.0.5/16 is a typo, not a network) with a prefix AWS allows, /16 to /28. */
export function isCidr(value: string): boolean {
    const parsed = parseCidr(value);
    return parsed !== undefined && parsed.prefix >= 16 && parsed.prefix <= 28;
}
