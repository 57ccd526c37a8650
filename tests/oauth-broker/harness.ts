/**
 * The test world for the OAuth broker: fake providers, dynalite, fake KMS and Secrets Manager (with
 * key versions), the environment the functions read, API Gateway events, a log capture around every
 * invocation, and the whole dance a browser does: login with a PKCE challenge → consent at the
 * provider → callback → redeem the result with the verifier.
 */
import * as assert from "assert";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { createHash, randomBytes, randomUUID } from "crypto";
import { SignJWT } from "jose";
import { handler as callbackHandler } from "../../components/oauth-broker/handlers/callback";
import { ROUTES, type FunctionName } from "../../components/oauth-broker/handlers/contract";
import { handler as disconnectHandler } from "../../components/oauth-broker/handlers/disconnect";
import { clearConfigCache } from "../../components/oauth-broker/handlers/lib/config";
import { clearAwsClients, setAwsClients } from "../../components/oauth-broker/handlers/lib/deps";
import { clearSecretCache } from "../../components/oauth-broker/handlers/lib/secrets";
import { handler as loginHandler } from "../../components/oauth-broker/handlers/login";
import { handler as refreshHandler } from "../../components/oauth-broker/handlers/refresh";
import { handler as sessionHandler } from "../../components/oauth-broker/handlers/session";
import { handler as rotationHandler } from "../../components/secret/rotation/handler";
import { ROTATION_ENVIRONMENT } from "../../components/secret/rotation/spec";
import { SecretsStore } from "../support/fake-secrets-manager";
import { FakeAws, LocalDynamo } from "./fake-aws";
import { FakeProvider } from "./fake-provider";

export type { FunctionName } from "../../components/oauth-broker/handlers/contract";

export const TOKEN_TABLE_NAME = "multimusic-tokens";
export const STATE_TABLE_NAME = "multimusic-oauth-state";
export const KMS_KEY_ID = "arn:aws:kms:us-east-1:123456789012:key/0b7d2a4e-6f1c-4d7e-9a51-3c2e1f0a9b8d";
export const CALLBACK_BASE_URL = "https://api.multimusic.test";
export const FRONTEND_URL = "https://app.multimusic.test/connected";
export const FRONTEND_ORIGIN = "https://app.multimusic.test";
export const ISSUER = "https://api.multimusic.test";
export const AUDIENCE = "multimusic-frontend";
export const SESSION_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:multimusic-session-key-AbCdEf";
const arnFor = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:multimusic-${name}-oauth-XyZ123`;

const HANDLERS = { login: loginHandler, callback: callbackHandler, session: sessionHandler, refresh: refreshHandler, disconnect: disconnectHandler };

export type ProviderName = "spotify" | "soundcloud" | "youtube-music";

/** A browser running the frontend: it keeps the PKCE verifier of the login it started and sends its S256 challenge. */
export class Frontend {
    readonly verifier = randomBytes(48).toString("base64url");
    get challenge(): string {
        return createHash("sha256").update(this.verifier).digest("base64url");
    }
}

export interface WorldOptions {
    rotateRefreshTokens?: boolean;
    providerTimeoutMs?: number;
}

/** What a completed connection leaves in the frontend, and the values along the way. */
export interface Connected {
    session: string;
    sessionExpiresAt: string;
    userId: string;
    code: string;
    state: string;
    result: string;
    location: string;
    frontend: Frontend;
}

export class BrokerWorld {
    readonly dynamo = new LocalDynamo();
    /** The session key's first value (AWSCURRENT until a rotation). */
    readonly sessionKey = randomBytes(48).toString("base64url");
    readonly secrets = new SecretsStore();
    readonly providers: Record<ProviderName, FakeProvider>;
    aws!: FakeAws;
    /** Every line written to stdout or the console while a handler ran. */
    readonly logLines: string[] = [];
    private savedEnv: NodeJS.ProcessEnv = {};

    constructor(private readonly options: WorldOptions = {}) {
        const secret = () => `secret-${randomBytes(24).toString("base64url")}`;
        this.providers = {
            spotify: new FakeProvider({ name: "spotify", clientId: "spotify-client", clientSecret: secret(), auth: "client_secret_basic", rotateRefreshTokens: options.rotateRefreshTokens }),
            soundcloud: new FakeProvider({ name: "soundcloud", clientId: "soundcloud-client", clientSecret: secret(), auth: "client_secret_post", rotateRefreshTokens: options.rotateRefreshTokens }),
            "youtube-music": new FakeProvider({
                name: "youtube-music", clientId: "ytm-client", clientSecret: secret(), auth: "client_secret_post",
                rotateRefreshTokens: options.rotateRefreshTokens, requiredAuthorizeParams: { access_type: "offline", prompt: "consent" },
            }),
        };
    }

    /** Every secret value in play: client secrets and every session key version. */
    get secretValues(): string[] {
        const keys = Object.keys(this.secrets.stages(SESSION_SECRET_ARN)).map((id) => String(this.secrets.getSecretValue({ SecretId: SESSION_SECRET_ARN, VersionId: id }).SecretString));
        return [...keys, ...Object.values(this.providers).map((p) => p.options.clientSecret)];
    }

    async start(): Promise<void> {
        await Promise.all(Object.values(this.providers).map((p) => p.start()));
        await this.dynamo.start();
        await this.dynamo.createTables(TOKEN_TABLE_NAME, STATE_TABLE_NAME);
        // The key as Pulumi generated it, a day old.
        this.secrets.put(SESSION_SECRET_ARN, this.sessionKey, { createdAt: new Date(Date.now() - 86400_000), rotationEnabled: true });
        for (const p of Object.values(this.providers)) {
            this.secrets.put(arnFor(p.options.name), JSON.stringify({ clientId: p.options.clientId, clientSecret: p.options.clientSecret }));
        }
        this.aws = new FakeAws(this.secrets);

        this.savedEnv = { ...process.env };
        const { spotify, soundcloud } = this.providers;
        const ytm = this.providers["youtube-music"];
        Object.assign(process.env, {
            AWS_REGION: "us-east-1",
            TABLE_NAME: TOKEN_TABLE_NAME,
            STATE_TABLE_NAME,
            KMS_KEY_ID,
            SESSION_KEY_SECRET_ARN: SESSION_SECRET_ARN,
            SPOTIFY_SECRET_ARN: arnFor("spotify"),
            SOUNDCLOUD_SECRET_ARN: arnFor("soundcloud"),
            // Built-ins pointed at the fakes, and a provider added by configuration only (with a revocation endpoint).
            OAUTH_PROVIDERS: JSON.stringify([
                { name: "spotify", authorizeUrl: spotify.authorizeUrl, tokenUrl: spotify.tokenUrl },
                { name: "soundcloud", authorizeUrl: soundcloud.authorizeUrl, tokenUrl: soundcloud.tokenUrl },
                {
                    name: "youtube-music", authorizeUrl: ytm.authorizeUrl, tokenUrl: ytm.tokenUrl, revokeUrl: ytm.revokeUrl,
                    scopes: ["https://www.googleapis.com/auth/youtube.readonly"], secretArn: arnFor("youtube-music"),
                    authorizeParams: { access_type: "offline", prompt: "consent" },
                },
            ]),
            OAUTH_ALLOW_LOOPBACK_HTTP: "true",
            CALLBACK_BASE_URL,
            FRONTEND_URL,
            ALLOWED_ORIGIN: FRONTEND_ORIGIN,
            JWT_ISSUER: ISSUER,
            JWT_AUDIENCE: AUDIENCE,
            PROVIDER_TIMEOUT_MS: String(this.options.providerTimeoutMs ?? 1500),
        });
        this.resetRuntime();
    }

    /** A new container: configuration, secrets cache and clients are built again. */
    resetRuntime(): void {
        clearConfigCache();
        clearSecretCache();
        clearAwsClients();
        setAwsClients({ dynamodb: this.dynamo.client, kms: this.aws.kms, secretsManager: this.aws.secretsManager });
    }

    async stop(): Promise<void> {
        for (const key of Object.keys(process.env)) if (!(key in this.savedEnv)) delete process.env[key];
        Object.assign(process.env, this.savedEnv);
        clearConfigCache();
        clearSecretCache();
        clearAwsClients();
        this.aws?.restore();
        await Promise.all(Object.values(this.providers).map((p) => p.stop()));
        await this.dynamo.stop();
    }

    event(fn: FunctionName, provider: string, init: {
        method?: string; query?: Record<string, string>; multiQuery?: Record<string, string[]>;
        headers?: Record<string, string>; body?: string;
    } = {}): APIGatewayProxyEvent {
        const method = init.method ?? ROUTES[fn].method;
        const query = init.query ?? null;
        return {
            httpMethod: method,
            path: ROUTES[fn].path.replace("{provider}", provider),
            resource: ROUTES[fn].path,
            pathParameters: { provider },
            queryStringParameters: query,
            multiValueQueryStringParameters: init.multiQuery ?? (query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null),
            headers: init.headers ?? {},
            multiValueHeaders: {},
            body: init.body ?? null,
            isBase64Encoded: false,
            stageVariables: null,
            requestContext: { requestId: randomUUID() } as APIGatewayProxyEvent["requestContext"],
        };
    }

    /** Runs a handler with stdout and the console captured into `logLines` (concurrent invocations share one capture). */
    async invoke(fn: FunctionName, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
        this.startCapture();
        try {
            return await HANDLERS[fn](event);
        } finally {
            this.stopCapture();
        }
    }

    private captures = 0;
    private originals?: { write: typeof process.stdout.write; console: Pick<Console, "log" | "info" | "warn" | "error" | "debug"> };

    private startCapture(): void {
        if (this.captures++ > 0) return;
        this.originals = { write: process.stdout.write, console: { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug } };
        const capture = (...args: unknown[]) => { this.logLines.push(args.map(String).join(" ")); };
        process.stdout.write = ((chunk: string | Uint8Array) => {
            for (const line of String(chunk).split("\n")) if (line) this.logLines.push(line);
            return true;
        }) as typeof process.stdout.write;
        Object.assign(console, { log: capture, info: capture, warn: capture, error: capture, debug: capture });
    }

    private stopCapture(): void {
        if (--this.captures > 0 || !this.originals) return;
        process.stdout.write = this.originals.write;
        Object.assign(console, this.originals.console);
        this.originals = undefined;
    }

    async snapshot(): Promise<{ tokens: Array<Record<string, unknown>>; states: Array<Record<string, unknown>> }> {
        return { tokens: await this.dynamo.scan(TOKEN_TABLE_NAME), states: await this.dynamo.scan(STATE_TABLE_NAME) };
    }

    /** Nothing new in either table: the token table unchanged, and no state or grant that was not there before. */
    async assertNothingStored(before: { tokens: Array<Record<string, unknown>>; states: Array<Record<string, unknown>> }): Promise<void> {
        const after = await this.snapshot();
        const key = (i: Record<string, unknown>) => JSON.stringify(i);
        assert.deepStrictEqual(after.tokens.map(key).sort(), before.tokens.map(key).sort(), "token table changed");
        const known = new Set(before.states.map(key));
        assert.deepStrictEqual(after.states.filter((s) => !known.has(key(s))), [], "a state or grant was stored");
    }

    /** Every value that must never reach a log: secrets, and every token, code and verifier the providers issued or saw. */
    sensitiveValues(extra: string[] = []): string[] {
        const issued = Object.values(this.providers).flatMap((p) => [...p.issued.accessTokens, ...p.issued.refreshTokens, ...p.issued.codes, ...p.issued.verifiers]);
        return [...this.secretValues, ...issued, ...extra].filter((v) => v.length >= 16);
    }

    /** Log lines from `from` on contain none of the sensitive values, not even their first 24 characters. */
    assertNoSecretsLogged(from: number, extra: string[] = []): void {
        const values = this.sensitiveValues(extra);
        for (const line of this.logLines.slice(from)) {
            for (const value of values) {
                assert.ok(!line.includes(value) && !line.includes(value.slice(0, 24)), `log line leaks a sensitive value: ${line.slice(0, 80)}...`);
            }
        }
    }

    /**
     * A refused request: the status and stable code in a JSON error, nothing stored (token table
     * unchanged, no new state or grant), and no sensitive value (plus `extra`) in its log lines.
     */
    async expectRefused(fn: FunctionName, event: APIGatewayProxyEvent, status: number, code: string, extra: string[] = []): Promise<APIGatewayProxyResult> {
        const before = await this.snapshot();
        const lines = this.logLines.length;
        const res = await this.invoke(fn, event);
        assert.deepStrictEqual(errorOf(res), { status, code }, res.body);
        assert.match(String(res.headers!["Content-Type"]), /^application\/json/);
        await this.assertNothingStored(before);
        const authorization = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === "authorization")?.[1];
        this.assertNoSecretsLogged(lines, [...extra, ...(authorization ? [authorization.replace(/^Bearer /, "")] : []), ...(event.body ? [event.body] : [])]);
        return res;
    }

    /** The pending grants in the state table. */
    async grants(): Promise<Array<Record<string, unknown>>> {
        return (await this.dynamo.scan(STATE_TABLE_NAME)).filter((i) => String(i.stateId).startsWith("grant#"));
    }

    /** POST login with the frontend's challenge (and a session to link a platform). */
    async login(provider: string, options: { headers?: Record<string, string>; frontend?: Frontend } = {}): Promise<{
        authorizationUrl: string; state: string; expiresAt: string; frontend: Frontend;
    }> {
        const frontend = options.frontend ?? new Frontend();
        const res = await this.invoke("login", this.event("login", provider, { headers: options.headers, body: JSON.stringify({ clientChallenge: frontend.challenge }) }));
        assert.strictEqual(res.statusCode, 200, res.body);
        return { ...JSON.parse(res.body), frontend };
    }

    /** The user approves at the provider: the code and state the provider redirects the browser with. */
    consent(provider: ProviderName, authorizationUrl: string): { code: string; state: string } {
        return this.providers[provider].consent(authorizationUrl, `${CALLBACK_BASE_URL}/auth/${provider}/callback`);
    }

    /** The callback as the browser loads it; a 302 carries the result in the fragment. */
    async callback(provider: string, code: string, state: string): Promise<APIGatewayProxyResult> {
        return this.invoke("callback", this.event("callback", provider, { query: { code, state } }));
    }

    /** POST session with a result and a verifier (and optionally a session). */
    async redeem(provider: string, result: string, verifier: string, headers: Record<string, string> = {}): Promise<APIGatewayProxyResult> {
        return this.invoke("session", this.event("session", provider, { headers, body: JSON.stringify({ result, clientVerifier: verifier }) }));
    }

    /** login → consent → callback → redeem; returns what the frontend ends up with. */
    async connect(provider: ProviderName, headers: Record<string, string> = {}): Promise<Connected> {
        const started = await this.login(provider, { headers });
        const { code, state } = this.consent(provider, started.authorizationUrl);
        const res = await this.callback(provider, code, state);
        assert.strictEqual(res.statusCode, 302, res.body);
        const location = String(res.headers!.Location);
        const result = resultOf(location).result;
        const redeemed = await this.redeem(provider, result, started.frontend.verifier, headers);
        assert.strictEqual(redeemed.statusCode, 200, redeemed.body);
        const body = JSON.parse(redeemed.body) as { session: string; sessionExpiresAt: string; provider: string };
        return { session: body.session, sessionExpiresAt: body.sessionExpiresAt, userId: claimsOf(body.session).sub as string, code, state, result, location, frontend: started.frontend };
    }

    /** The session key version that signs now. */
    get currentKid(): string {
        return this.secrets.versionWith(SESSION_SECRET_ARN, "AWSCURRENT")!.versionId;
    }

    /** The key bytes of a session key version (the current one by default). */
    keyOf(kid = this.currentKid): Uint8Array {
        return new TextEncoder().encode(String(this.secrets.getSecretValue({ SecretId: SESSION_SECRET_ARN, VersionId: kid }).SecretString));
    }

    /** Rotates the session key with the Secret component's built-in rotation function, as Secrets Manager runs it. */
    async rotateSessionKey(): Promise<string> {
        const token = this.secrets.startRotation(SESSION_SECRET_ARN);
        const saved = { spec: process.env[ROTATION_ENVIRONMENT.spec], arn: process.env[ROTATION_ENVIRONMENT.secretArn] };
        process.env[ROTATION_ENVIRONMENT.spec] = JSON.stringify({ kind: "value", value: { length: 64, special: false, symbols: "!#%*()-_=+[]{}:?" } });
        process.env[ROTATION_ENVIRONMENT.secretArn] = SESSION_SECRET_ARN;
        this.startCapture();
        try {
            for (const Step of ["createSecret", "setSecret", "testSecret", "finishSecret"]) {
                await rotationHandler({ Step, SecretId: SESSION_SECRET_ARN, ClientRequestToken: token });
            }
        } finally {
            this.stopCapture();
            process.env[ROTATION_ENVIRONMENT.spec] = saved.spec;
            process.env[ROTATION_ENVIRONMENT.secretArn] = saved.arn;
            if (saved.spec === undefined) delete process.env[ROTATION_ENVIRONMENT.spec];
            if (saved.arn === undefined) delete process.env[ROTATION_ENVIRONMENT.secretArn];
        }
        return token;
    }

    /** A session token signed with a key version of the test's choice (the current one by default), with claims or header changed by the test. */
    async signSession(
        claims: { sub?: string; iss?: string; aud?: string; iat?: number; exp?: number; jti?: string; auth_time?: number } = {},
        alg = "HS256",
        signing: { kid?: string | null; key?: Uint8Array } = {},
    ): Promise<string> {
        const now = Math.floor(Date.now() / 1000);
        const full = { sub: randomUUID(), iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600, jti: randomUUID(), auth_time: now, ...claims };
        const kid = signing.kid === undefined ? this.currentKid : signing.kid;
        return new SignJWT({ jti: full.jti, auth_time: full.auth_time })
            .setProtectedHeader({ alg, typ: "JWT", ...(kid === null ? {} : { kid }) })
            .setSubject(full.sub).setIssuer(full.iss).setAudience(full.aud).setIssuedAt(full.iat).setExpirationTime(full.exp)
            .sign(signing.key ?? this.keyOf(kid ?? undefined));
    }
}

/** The result and provider of the callback's redirect fragment. */
export function resultOf(location: string): { result: string; provider: string } {
    const fragment = new URLSearchParams(location.split("#")[1] ?? "");
    return { result: fragment.get("result") ?? "", provider: fragment.get("provider") ?? "" };
}

/** A JWT's claims, unverified (for assertions). */
export function claimsOf(jwt: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString()) as Record<string, unknown>;
}

export function errorOf(res: APIGatewayProxyResult): { status: number; code: string } {
    const body = JSON.parse(res.body) as { error?: { code?: string; message?: string } };
    assert.ok(body.error && typeof body.error.message === "string", `error body: ${res.body}`);
    return { status: res.statusCode, code: String(body.error.code) };
}

export function bearer(token: string): Record<string, string> {
    return { Authorization: `Bearer ${token}` };
}
