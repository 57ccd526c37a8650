/** Secure defaults of OAuthBroker (the MultiMusic OAuth backend), in one place. */
export const OAUTH_BROKER_DEFAULTS = {
    /** Prod keeps the functions in private subnets (egress 443 through NAT and VPC endpoints); dev config sets false to save the NAT gateway. */
    lambdaInVpc: true,
    /** Bot Control is priced per inspected request: prod config turns it on. */
    botControl: false,
    /** Stateful children (tables, secrets, keys) are protected and the ALB keeps deletion protection unless a stack says otherwise. */
    protectData: true,
    logRetentionDays: 90,
    /** The cheapest edge set; prod config may pick PriceClass_All. */
    priceClass: "PriceClass_100",
    /** The seed's WAF limits: 100 requests per IP per 5 minutes overall... */
    rateLimitPer5Minutes: 100,
    /** ...login 10 per minute per IP... */
    loginPerMinute: 10,
    /** ...refresh 20 per minute per user (the Authorization header)... */
    refreshPerMinute: 20,
    /** ...redeeming results 10 per minute per IP (one per login, like login)... */
    sessionPerMinute: 10,
    /** ...and disconnecting 10 per minute per user. */
    disconnectPerMinute: 10,
    /** WAF logs keep only blocked and counted requests: the seed's "sampled to control costs". */
    wafLogOnlyBlockedAndCounted: true,
    /** Seconds. Above PROVIDER_TIMEOUT_MS (5 s) plus KMS and DynamoDB calls, below API Gateway's 29 s integration limit. */
    functionTimeoutSeconds: 10,
    functionMemoryMb: 256,
    /** The handlers' maximum: session JWTs live 15 minutes. */
    sessionTtlSeconds: 900,
    /** Renewed sessions end 30 days after the first login: then the user logs in again. */
    sessionMaxLifetimeDays: 30,
    /** The session signing key rotates monthly (the Secret's built-in rotation). */
    sessionKeyRotationDays: 30,
    /** After a rotation the previous key verifies for an hour: above a session (15 min) plus the secret cache (5 min). */
    sessionKeyGraceSeconds: 3600,
    /** The handlers' provider token-endpoint timeout (PROVIDER_TIMEOUT_MS). */
    providerTimeoutMs: 5000,
    /** The session signing key: 64 random characters (64 bytes, HS256 needs at least 32). */
    sessionKeyLength: 64,
    /** The network the broker builds: its own VPC, two AZs (an ALB needs two). */
    network: {
        cidr: "10.0.0.0/16",
        azCount: 2,
        /** With functions in the VPC: one NAT per AZ for the provider calls. Without: none. */
        natGatewaysInVpc: "one-per-az",
        natGatewaysOutsideVpc: "none",
    },
    /** Stage name of the private API; CloudFront's origin path points at it. */
    stageName: "v1",
    /** The private API answers JSON and redirects: it never serves a page, so nothing may load or frame it. */
    contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
} as const;

/** VPC endpoints the broker's network needs. */
export const BROKER_ENDPOINTS = {
    /** The private API is reached only through its execute-api interface endpoint. */
    always: ["execute-api"],
    /**
     * Functions in the VPC reach DynamoDB (gateway), Secrets Manager and KMS privately. No CloudWatch
     * Logs endpoint: the Lambda service delivers a function's logs itself, never through its VPC, so
     * one would serve nothing ($14.60 a month over two AZs).
     */
    functionsInVpc: ["dynamodb", "secretsmanager", "kms"],
} as const;

/** Headers the functions accept on login and refresh (CORS preflight answers). */
export const CORS_ALLOW_HEADERS = ["Authorization", "Content-Type"];

/** CloudWatch Logs retention values. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;
