/**
 * The provider registry: Spotify and SoundCloud built in, extended or overridden by the
 * `OAUTH_PROVIDERS` environment variable (a JSON list), so a new provider such as YouTube Music is
 * configuration, not code. Validated once at cold start.
 */
import { ConfigError } from "./errors";

export type TokenAuthMethod = "client_secret_basic" | "client_secret_post";

export interface ProviderConfig {
    /** Lowercase name used in the route: /auth/{name}/... */
    name: string;
    authorizeUrl: string;
    tokenUrl: string;
    scopes: string[];
    /** Secrets Manager secret holding `{ "clientId": ..., "clientSecret": ... }`. */
    secretArn: string;
    /** How the client authenticates at the token endpoint. */
    tokenAuthMethod: TokenAuthMethod;
    /** Extra fixed authorize-URL parameters (e.g. Google's `access_type=offline`). */
    authorizeParams: Record<string, string>;
    /** RFC 7009 revocation endpoint; disconnecting revokes the tokens there when set. */
    revokeUrl?: string;
}

type BuiltIn = Omit<ProviderConfig, "secretArn">;

/** The fields an OAUTH_PROVIDERS entry may set. */
export const PROVIDER_FIELDS = ["name", "authorizeUrl", "tokenUrl", "scopes", "secretArn", "tokenAuthMethod", "authorizeParams", "revokeUrl"] as const;

/** Built-in providers. Each is enabled only when its secret ARN is configured. */
export const BUILT_IN_PROVIDERS: Readonly<Record<string, BuiltIn>> = {
    spotify: {
        name: "spotify",
        authorizeUrl: "https://accounts.spotify.com/authorize",
        tokenUrl: "https://accounts.spotify.com/api/token",
        // What the frontend needs for search, playback and playlists (the seed keeps those calls client-side).
        // Spotify publishes no revocation endpoint: users revoke the app in their account settings.
        scopes: [
            "user-read-private", "user-read-email", "streaming", "user-read-playback-state",
            "user-modify-playback-state", "playlist-read-private", "playlist-modify-private",
        ],
        tokenAuthMethod: "client_secret_basic",
        authorizeParams: {},
    },
    soundcloud: {
        name: "soundcloud",
        authorizeUrl: "https://secure.soundcloud.com/authorize",
        tokenUrl: "https://secure.soundcloud.com/oauth/token",
        // SoundCloud's OAuth 2.1 API grants one access level and takes no scope parameter, and it
        // publishes no RFC 7009 revocation endpoint.
        scopes: [],
        tokenAuthMethod: "client_secret_post",
        authorizeParams: {},
    },
};

export const PROVIDER_NAME = /^[a-z][a-z0-9-]{1,31}$/;
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/; // RFC 6749 scope-token characters
const PARAM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** Parameters the broker sets itself; configuration cannot replace them. */
const RESERVED_PARAMS = new Set(["client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method"]);
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Checks that a configured URL is https (http only for a loopback host when `allowLoopbackHttp`,
 * which only tests set), without credentials or a fragment.
 */
export function checkUrl(value: unknown, what: string, allowLoopbackHttp: boolean): string {
    if (typeof value !== "string" || value.length === 0 || value.length > 2048) throw new ConfigError(`${what}: expected a URL`);
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new ConfigError(`${what}: not a valid URL`);
    }
    const loopbackHttp = url.protocol === "http:" && allowLoopbackHttp && LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol !== "https:" && !loopbackHttp) {
        throw new ConfigError(`${what}: must use https (http is allowed only for a loopback host with OAUTH_ALLOW_LOOPBACK_HTTP=true)`);
    }
    if (url.username || url.password) throw new ConfigError(`${what}: must not contain credentials`);
    if (url.hash) throw new ConfigError(`${what}: must not contain a fragment`);
    return value;
}

export function secretArnVariable(providerName: string): string {
    return `${providerName.toUpperCase().replace(/-/g, "_")}_SECRET_ARN`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Builds the registry from the built-ins, `OAUTH_PROVIDERS` and `<NAME>_SECRET_ARN` variables. */
export function loadProviders(env: NodeJS.ProcessEnv, allowLoopbackHttp: boolean): Map<string, ProviderConfig> {
    const merged = new Map<string, Partial<ProviderConfig>>(Object.entries(BUILT_IN_PROVIDERS).map(([k, v]) => [k, { ...v }]));
    const raw = env.OAUTH_PROVIDERS;
    if (raw !== undefined && raw.trim() !== "") {
        let list: unknown;
        try {
            list = JSON.parse(raw);
        } catch {
            throw new ConfigError("OAUTH_PROVIDERS: not valid JSON");
        }
        if (!Array.isArray(list)) throw new ConfigError("OAUTH_PROVIDERS: expected a JSON list of providers");
        const seen = new Set<string>();
        list.forEach((entry, i) => {
            const where = `OAUTH_PROVIDERS[${i}]`;
            if (!isRecord(entry)) throw new ConfigError(`${where}: expected an object`);
            const unknownKeys = Object.keys(entry).filter((k) => !(PROVIDER_FIELDS as readonly string[]).includes(k));
            if (unknownKeys.length > 0) throw new ConfigError(`${where}: unknown field(s) ${unknownKeys.join(", ")}`);
            const name = entry.name;
            if (typeof name !== "string" || !PROVIDER_NAME.test(name)) throw new ConfigError(`${where}.name: expected lowercase letters, digits and dashes (2-32 characters)`);
            if (seen.has(name)) throw new ConfigError(`${where}.name: provider ${name} is listed twice`);
            seen.add(name);
            const base = merged.get(name);
            if (!base && (entry.authorizeUrl === undefined || entry.tokenUrl === undefined || entry.scopes === undefined)) {
                throw new ConfigError(`${where}: a new provider needs authorizeUrl, tokenUrl and scopes`);
            }
            const next: Partial<ProviderConfig> = { ...(base ?? { tokenAuthMethod: "client_secret_post", authorizeParams: {} }), name };
            if (entry.authorizeUrl !== undefined) next.authorizeUrl = checkUrl(entry.authorizeUrl, `${where}.authorizeUrl`, allowLoopbackHttp);
            if (entry.tokenUrl !== undefined) next.tokenUrl = checkUrl(entry.tokenUrl, `${where}.tokenUrl`, allowLoopbackHttp);
            if (entry.revokeUrl !== undefined) next.revokeUrl = checkUrl(entry.revokeUrl, `${where}.revokeUrl`, allowLoopbackHttp);
            if (entry.scopes !== undefined) {
                if (!Array.isArray(entry.scopes) || entry.scopes.length > 50 || !entry.scopes.every((s) => typeof s === "string" && SCOPE.test(s))) {
                    throw new ConfigError(`${where}.scopes: expected a list of at most 50 scope names`);
                }
                next.scopes = [...entry.scopes] as string[];
            }
            if (entry.secretArn !== undefined) {
                if (typeof entry.secretArn !== "string" || !entry.secretArn.startsWith("arn:")) throw new ConfigError(`${where}.secretArn: expected a Secrets Manager ARN`);
                next.secretArn = entry.secretArn;
            }
            if (entry.tokenAuthMethod !== undefined) {
                if (entry.tokenAuthMethod !== "client_secret_basic" && entry.tokenAuthMethod !== "client_secret_post") {
                    throw new ConfigError(`${where}.tokenAuthMethod: expected client_secret_basic or client_secret_post`);
                }
                next.tokenAuthMethod = entry.tokenAuthMethod;
            }
            if (entry.authorizeParams !== undefined) {
                const params = entry.authorizeParams;
                if (!isRecord(params) || !Object.entries(params).every(([k, v]) => PARAM_NAME.test(k) && !RESERVED_PARAMS.has(k) && typeof v === "string" && v.length <= 256)) {
                    throw new ConfigError(`${where}.authorizeParams: expected string values under names the broker does not set itself`);
                }
                next.authorizeParams = { ...(params as Record<string, string>) };
            }
            merged.set(name, next);
        });
    }

    const providers = new Map<string, ProviderConfig>();
    for (const [name, partial] of merged) {
        const secretArn = partial.secretArn ?? env[secretArnVariable(name)];
        if (!secretArn) continue; // not enabled in this deployment
        if (!secretArn.startsWith("arn:")) throw new ConfigError(`${secretArnVariable(name)}: expected a Secrets Manager ARN`);
        providers.set(name, {
            name,
            authorizeUrl: checkUrl(partial.authorizeUrl, `provider ${name} authorizeUrl`, allowLoopbackHttp),
            tokenUrl: checkUrl(partial.tokenUrl, `provider ${name} tokenUrl`, allowLoopbackHttp),
            scopes: partial.scopes ?? [],
            secretArn,
            tokenAuthMethod: partial.tokenAuthMethod ?? "client_secret_post",
            authorizeParams: partial.authorizeParams ?? {},
            ...(partial.revokeUrl !== undefined ? { revokeUrl: partial.revokeUrl } : {}),
        });
    }
    return providers;
}
