/**
 * The function's configuration, read from the environment once per container (cold start) and
 * validated: a misconfigured function refuses every request with `configuration_error` instead of
 * running half-configured. Each function requires only the variables it uses (contract.ts).
 */
import { FunctionName, REQUIRED_ENVIRONMENT } from "../contract";
import { ConfigError } from "./errors";
import { checkUrl, loadProviders, ProviderConfig } from "./providers";

export interface BrokerConfig {
    tokenTableName: string;
    stateTableName: string;
    kmsKeyId: string;
    sessionKeySecretArn: string;
    /** Base of the broker's own callback URL: redirect_uri = `${callbackBaseUrl}/auth/<provider>/callback`. */
    callbackBaseUrl: string;
    /** The only place the callback redirects to. */
    frontendUrl: string;
    /** The only origin that gets CORS headers. */
    allowedOrigin: string;
    jwtIssuer: string;
    jwtAudience: string;
    sessionTtlSeconds: number;
    /** Absolute lifetime of a session chain: renewals never reach past `auth_time` + this. */
    sessionMaxLifetimeSeconds: number;
    /** How long after a key rotation the previous session key still verifies. */
    sessionKeyGraceSeconds: number;
    stateTtlSeconds: number;
    grantTtlSeconds: number;
    providerTimeoutMs: number;
    secretCacheTtlMs: number;
    tokenRetentionDays: number;
    providers: Map<string, ProviderConfig>;
}

/** Session JWTs live at most 15 minutes. */
export const MAX_SESSION_TTL_SECONDS = 900;
/** A login must be completed within 10 minutes. */
export const STATE_TTL_SECONDS = 600;
/** A pending grant must be redeemed within 5 minutes of the callback. */
export const GRANT_TTL_SECONDS = 300;
/** Sessions renew up to 30 days after the first login by default. */
export const DEFAULT_SESSION_MAX_LIFETIME_SECONDS = 30 * 86400;
/** The previous session key verifies for an hour after a rotation by default. */
export const DEFAULT_SESSION_KEY_GRACE_SECONDS = 3600;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name}: expected a whole number from ${min} to ${max}`);
    return value;
}

export function loadConfig(fn: FunctionName, env: NodeJS.ProcessEnv = process.env): BrokerConfig {
    const missing = REQUIRED_ENVIRONMENT[fn].filter((name) => !env[name]);
    if (missing.length > 0) throw new ConfigError(`missing environment variable(s): ${missing.join(", ")}`);
    const allowLoopbackHttp = env.OAUTH_ALLOW_LOOPBACK_HTTP === "true";

    const callbackBaseUrl = env.CALLBACK_BASE_URL ? checkUrl(env.CALLBACK_BASE_URL, "CALLBACK_BASE_URL", allowLoopbackHttp).replace(/\/+$/, "") : "";
    if (callbackBaseUrl && new URL(callbackBaseUrl).search) throw new ConfigError("CALLBACK_BASE_URL: must not contain a query");
    const frontendUrl = checkUrl(env.FRONTEND_URL, "FRONTEND_URL", allowLoopbackHttp);
    let allowedOrigin = new URL(frontendUrl).origin;
    if (env.ALLOWED_ORIGIN) {
        const origin = checkUrl(env.ALLOWED_ORIGIN, "ALLOWED_ORIGIN", allowLoopbackHttp);
        if (new URL(origin).origin !== origin.replace(/\/$/, "")) throw new ConfigError("ALLOWED_ORIGIN: expected an origin (scheme://host[:port]) without a path");
        allowedOrigin = new URL(origin).origin;
    }
    const providers = loadProviders(env, allowLoopbackHttp);
    if (providers.size === 0) throw new ConfigError("no provider enabled: set <PROVIDER>_SECRET_ARN or secretArn in OAUTH_PROVIDERS");
    if (env.KMS_KEY_ID !== undefined && env.KMS_KEY_ID !== "" && !/^(arn:|alias\/|[0-9a-f-]{36}$|mrk-)/.test(env.KMS_KEY_ID)) {
        throw new ConfigError("KMS_KEY_ID: expected a key ARN, key id or alias");
    }

    const secretCacheTtlSeconds = integer(env, "SECRET_CACHE_TTL_SECONDS", 300, 0, 3600);
    // A container that has not seen the rotation yet signs with the previous key until its cache
    // expires, and those sessions live up to 15 minutes: the grace period must cover both.
    const minimumGrace = MAX_SESSION_TTL_SECONDS + secretCacheTtlSeconds;
    const sessionKeyGraceSeconds = integer(env, "SESSION_KEY_GRACE_SECONDS", Math.max(DEFAULT_SESSION_KEY_GRACE_SECONDS, minimumGrace), minimumGrace, 7 * 86400);

    return {
        tokenTableName: env.TABLE_NAME ?? "",
        stateTableName: env.STATE_TABLE_NAME ?? "",
        kmsKeyId: env.KMS_KEY_ID ?? "",
        sessionKeySecretArn: env.SESSION_KEY_SECRET_ARN ?? "",
        callbackBaseUrl,
        frontendUrl,
        allowedOrigin,
        jwtIssuer: env.JWT_ISSUER ?? "",
        jwtAudience: env.JWT_AUDIENCE ?? "",
        sessionTtlSeconds: integer(env, "SESSION_TTL_SECONDS", MAX_SESSION_TTL_SECONDS, 60, MAX_SESSION_TTL_SECONDS),
        sessionMaxLifetimeSeconds: integer(env, "SESSION_MAX_LIFETIME_SECONDS", DEFAULT_SESSION_MAX_LIFETIME_SECONDS, MAX_SESSION_TTL_SECONDS, 90 * 86400),
        sessionKeyGraceSeconds,
        stateTtlSeconds: STATE_TTL_SECONDS,
        grantTtlSeconds: GRANT_TTL_SECONDS,
        providerTimeoutMs: integer(env, "PROVIDER_TIMEOUT_MS", 5000, 100, 25000),
        secretCacheTtlMs: secretCacheTtlSeconds * 1000,
        tokenRetentionDays: integer(env, "TOKEN_RETENTION_DAYS", 90, 1, 400),
        providers,
    };
}

const cache = new Map<FunctionName, BrokerConfig>();

/** The configuration for this container, loaded on first use. */
export function getConfig(fn: FunctionName): BrokerConfig {
    let config = cache.get(fn);
    if (!config) {
        config = loadConfig(fn);
        cache.set(fn, config);
    }
    return config;
}

export function clearConfigCache(): void {
    cache.clear();
}

export function redirectUri(config: BrokerConfig, provider: string): string {
    return `${config.callbackBaseUrl}/auth/${provider}/callback`;
}
