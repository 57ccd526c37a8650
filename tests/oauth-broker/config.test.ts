/**
 * Cold-start configuration: the provider registry (built-ins, overrides, additions), URL rules
 * (https only; http only for loopback with the explicit test flag) and required variables.
 */
import * as assert from "assert";
import { loadConfig } from "../../components/oauth-broker/handlers/lib/config";
import { BUILT_IN_PROVIDERS, loadProviders } from "../../components/oauth-broker/handlers/lib/providers";
import { REQUIRED_ENVIRONMENT } from "../../components/oauth-broker/handlers/contract";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:x";
const base = {
    TABLE_NAME: "t", STATE_TABLE_NAME: "s", KMS_KEY_ID: "alias/tokens", SESSION_KEY_SECRET_ARN: ARN,
    CALLBACK_BASE_URL: "https://api.example.com", FRONTEND_URL: "https://app.example.com/", JWT_ISSUER: "i", JWT_AUDIENCE: "a",
    SPOTIFY_SECRET_ARN: ARN,
};
const providers = (list: unknown, extra: Record<string, string> = {}) =>
    loadProviders({ SPOTIFY_SECRET_ARN: ARN, OAUTH_PROVIDERS: JSON.stringify(list), ...extra }, extra.OAUTH_ALLOW_LOOPBACK_HTTP === "true");

describe("OAuth broker configuration", () => {
    it("builds in Spotify and SoundCloud with their real https endpoints, each enabled by its secret ARN", () => {
        assert.strictEqual(BUILT_IN_PROVIDERS.spotify.authorizeUrl, "https://accounts.spotify.com/authorize");
        assert.strictEqual(BUILT_IN_PROVIDERS.spotify.tokenUrl, "https://accounts.spotify.com/api/token");
        assert.strictEqual(BUILT_IN_PROVIDERS.soundcloud.authorizeUrl, "https://secure.soundcloud.com/authorize");
        assert.strictEqual(BUILT_IN_PROVIDERS.soundcloud.tokenUrl, "https://secure.soundcloud.com/oauth/token");
        const only = loadProviders({ SPOTIFY_SECRET_ARN: ARN }, false);
        assert.deepStrictEqual([...only.keys()], ["spotify"], "SoundCloud is off without SOUNDCLOUD_SECRET_ARN");
        assert.ok(only.get("spotify")!.scopes.includes("streaming"));
    });

    it("overrides a built-in field by field and adds a provider from configuration", () => {
        const map = providers([
            { name: "spotify", scopes: ["user-read-email"] },
            { name: "youtube-music", authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth", tokenUrl: "https://oauth2.googleapis.com/token", scopes: ["openid"], secretArn: ARN, authorizeParams: { access_type: "offline" } },
        ]);
        assert.deepStrictEqual(map.get("spotify")!.scopes, ["user-read-email"]);
        assert.strictEqual(map.get("spotify")!.tokenUrl, "https://accounts.spotify.com/api/token", "untouched fields keep the built-in value");
        assert.strictEqual(map.get("youtube-music")!.tokenAuthMethod, "client_secret_post");
        assert.deepStrictEqual(map.get("youtube-music")!.authorizeParams, { access_type: "offline" });
    });

    it("refuses http URLs, except loopback hosts with OAUTH_ALLOW_LOOPBACK_HTTP=true", () => {
        assert.throws(() => providers([{ name: "spotify", tokenUrl: "http://accounts.spotify.com/api/token" }]), /tokenUrl: must use https/);
        assert.throws(() => providers([{ name: "spotify", tokenUrl: "http://127.0.0.1:9/token" }]), /must use https/);
        assert.throws(() => providers([{ name: "spotify", tokenUrl: "http://evil.example/token" }], { OAUTH_ALLOW_LOOPBACK_HTTP: "true" }), /must use https/);
        assert.strictEqual(providers([{ name: "spotify", tokenUrl: "http://127.0.0.1:9/token" }], { OAUTH_ALLOW_LOOPBACK_HTTP: "true" }).get("spotify")!.tokenUrl, "http://127.0.0.1:9/token");
        assert.throws(() => providers([{ name: "spotify", tokenUrl: "https://user:pw@accounts.spotify.com/api/token" }]), /credentials/);
    });

    it("refuses malformed OAUTH_PROVIDERS entries with a message naming the entry", () => {
        assert.throws(() => loadProviders({ OAUTH_PROVIDERS: "{" }, false), /OAUTH_PROVIDERS: not valid JSON/);
        assert.throws(() => providers({ name: "spotify" }), /expected a JSON list/);
        assert.throws(() => providers([{ name: "Deezer!" }]), /OAUTH_PROVIDERS\[0\]\.name/);
        assert.throws(() => providers([{ name: "deezer", authorizeUrl: "https://d.example/a" }]), /OAUTH_PROVIDERS\[0\]: a new provider needs authorizeUrl, tokenUrl and scopes/);
        assert.throws(() => providers([{ name: "spotify" }, { name: "spotify" }]), /listed twice/);
        assert.throws(() => providers([{ name: "spotify", redirectUri: "https://evil.example" }]), /unknown field\(s\) redirectUri/);
        assert.throws(() => providers([{ name: "spotify", authorizeParams: { redirect_uri: "https://evil.example" } }]), /authorizeParams/);
        assert.throws(() => providers([{ name: "spotify", secretArn: "plaintext-secret" }]), /secretArn/);
        assert.throws(() => providers([{ name: "spotify", tokenAuthMethod: "none" }]), /tokenAuthMethod/);
    });

    it("requires each function's variables and validates URLs and tuning values", () => {
        assert.ok(loadConfig("callback", base));
        assert.throws(() => loadConfig("callback", { ...base, KMS_KEY_ID: "" }), /missing environment variable\(s\): KMS_KEY_ID/);
        assert.ok(loadConfig("login", { ...base, TABLE_NAME: "", KMS_KEY_ID: "" }), "login needs neither the token table nor the key");
        assert.ok(!REQUIRED_ENVIRONMENT.refresh.includes("STATE_TABLE_NAME"));
        assert.throws(() => loadConfig("callback", { ...base, FRONTEND_URL: "http://app.example.com" }), /FRONTEND_URL: must use https/);
        assert.throws(() => loadConfig("callback", { ...base, FRONTEND_URL: "https://app.example.com/#x" }), /FRONTEND_URL: must not contain a fragment/);
        assert.throws(() => loadConfig("login", { ...base, ALLOWED_ORIGIN: "https://app.example.com/path" }), /ALLOWED_ORIGIN: expected an origin/);
        assert.throws(() => loadConfig("login", { ...base, SESSION_TTL_SECONDS: "3600" }), /SESSION_TTL_SECONDS: expected a whole number from 60 to 900/);
        assert.throws(() => loadConfig("login", { ...base, SPOTIFY_SECRET_ARN: "" }), /no provider enabled/);
        assert.strictEqual(loadConfig("login", base).allowedOrigin, "https://app.example.com", "CORS origin defaults to the frontend's");
    });

    it("session lifetime and key grace: 30 days and 1 hour by default; the grace period must cover a session plus the secret cache", () => {
        const config = loadConfig("refresh", base);
        assert.deepStrictEqual([config.sessionMaxLifetimeSeconds, config.sessionKeyGraceSeconds, config.grantTtlSeconds], [30 * 86400, 3600, 300]);
        assert.strictEqual(loadConfig("refresh", { ...base, SESSION_MAX_LIFETIME_SECONDS: "86400" }).sessionMaxLifetimeSeconds, 86400);
        assert.throws(() => loadConfig("refresh", { ...base, SESSION_MAX_LIFETIME_SECONDS: "600" }), /SESSION_MAX_LIFETIME_SECONDS: expected a whole number from 900 to 7776000/);
        assert.throws(() => loadConfig("refresh", { ...base, SESSION_KEY_GRACE_SECONDS: "1000" }), /SESSION_KEY_GRACE_SECONDS: expected a whole number from 1200/, "15 minutes + the 300 s cache");
        assert.throws(() => loadConfig("refresh", { ...base, SECRET_CACHE_TTL_SECONDS: "3600", SESSION_KEY_GRACE_SECONDS: "3600" }), /SESSION_KEY_GRACE_SECONDS: expected a whole number from 4500/);
        assert.strictEqual(loadConfig("refresh", { ...base, SECRET_CACHE_TTL_SECONDS: "3600" }).sessionKeyGraceSeconds, 4500, "the default grows with the cache");
    });

    it("takes a revocation endpoint per provider, https only", () => {
        const map = providers([{ name: "spotify", revokeUrl: "https://accounts.example.com/revoke" }]);
        assert.strictEqual(map.get("spotify")!.revokeUrl, "https://accounts.example.com/revoke");
        assert.strictEqual(BUILT_IN_PROVIDERS.spotify.revokeUrl, undefined, "Spotify publishes none");
        assert.throws(() => providers([{ name: "spotify", revokeUrl: "http://accounts.example.com/revoke" }]), /revokeUrl: must use https/);
    });

    it("each function requires only what it uses: the callback needs no session key, the session route no KMS key", () => {
        assert.ok(!REQUIRED_ENVIRONMENT.callback.includes("SESSION_KEY_SECRET_ARN"));
        assert.ok(!REQUIRED_ENVIRONMENT.session.includes("KMS_KEY_ID"));
        assert.ok(loadConfig("callback", { ...base, SESSION_KEY_SECRET_ARN: "", JWT_ISSUER: "", JWT_AUDIENCE: "" }));
        assert.throws(() => loadConfig("session", { ...base, STATE_TABLE_NAME: "" }), /missing environment variable\(s\): STATE_TABLE_NAME/);
    });
});

describe("OAuth broker misconfigured at cold start", function () {
    this.timeout(10000);
    const saved = { ...process.env };
    after(async () => {
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
        (await import("../../components/oauth-broker/handlers/lib/config")).clearConfigCache();
    });

    it("refuses every request with 500 configuration_error and logs which variable, not its value", async () => {
        const { clearConfigCache } = await import("../../components/oauth-broker/handlers/lib/config");
        const { handler } = await import("../../components/oauth-broker/handlers/login");
        Object.assign(process.env, base, { OAUTH_PROVIDERS: JSON.stringify([{ name: "spotify", tokenUrl: "http://leak.example/secret-path" }]) });
        clearConfigCache();
        const lines: string[] = [];
        const write = process.stdout.write;
        process.stdout.write = ((chunk: string) => { lines.push(String(chunk)); return true; }) as typeof process.stdout.write;
        let res;
        try {
            res = await handler({ httpMethod: "POST", pathParameters: { provider: "spotify" }, headers: {}, requestContext: { requestId: "r1" } } as never);
        } finally {
            process.stdout.write = write;
        }
        assert.strictEqual(res.statusCode, 500);
        assert.strictEqual(JSON.parse(res.body).error.code, "configuration_error");
        assert.ok(lines.some((l) => l.includes("config_invalid") && l.includes("OAUTH_PROVIDERS[0].tokenUrl")));
        assert.ok(!lines.join("").includes("leak.example"));
    });
});
