/**
 * The test world for the OAuth broker: fake providers, dynalite, fake KMS and Secrets Manager, the
 * environment the functions read, API Gateway events, a log capture around every invocation, and
 * the full login → consent → callback dance.
 */
import * as assert from "assert";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { randomBytes, randomUUID } from "crypto";
import { SignJWT } from "jose";
import { handler as callbackHandler } from "../../components/oauth-broker/handlers/callback";
import { clearConfigCache } from "../../components/oauth-broker/handlers/lib/config";
import { clearAwsClients, setAwsClients } from "../../components/oauth-broker/handlers/lib/deps";
import { clearSecretCache } from "../../components/oauth-broker/handlers/lib/secrets";
import { handler as loginHandler } from "../../components/oauth-broker/handlers/login";
import { handler as refreshHandler } from "../../components/oauth-broker/handlers/refresh";
import { FakeAws, LocalDynamo } from "./fake-aws";
import { FakeProvider } from "./fake-provider";

export const TOKEN_TABLE_NAME = "multimusic-tokens";
export const STATE_TABLE_NAME = "multimusic-oauth-state";
export const KMS_KEY_ID = "arn:aws:kms:us-east-1:123456789012:key/0b7d2a4e-6f1c-4d7e-9a51-3c2e1f0a9b8d";
export const CALLBACK_BASE_URL = "https://api.multimusic.test";
export const FRONTEND_URL = "https://app.multimusic.test/connected";
export const FRONTEND_ORIGIN = "https://app.multimusic.test";
export const ISSUER = "https://api.multimusic.test";
export const AUDIENCE = "multimusic-frontend";
const SESSION_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:multimusic-session-key-AbCdEf";
const arnFor = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:multimusic-${name}-oauth-XyZ123`;

export type FunctionName = "login" | "callback" | "refresh";
const HANDLERS = { login: loginHandler, callback: callbackHandler, refresh: refreshHandler };

export interface WorldOptions {
    rotateRefreshTokens?: boolean;
    providerTimeoutMs?: number;
}

export class BrokerWorld {
    readonly dynamo = new LocalDynamo();
    readonly sessionKey = randomBytes(48).toString("base64url");
    readonly providers: Record<"spotify" | "soundcloud" | "youtube-music", FakeProvider>;
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

    /** Every secret value in play: client secrets and the session key. */
    get secretValues(): string[] {
        return [this.sessionKey, ...Object.values(this.providers).map((p) => p.options.clientSecret)];
    }

    async start(): Promise<void> {
        await Promise.all(Object.values(this.providers).map((p) => p.start()));
        await this.dynamo.start();
        await this.dynamo.createTables(TOKEN_TABLE_NAME, STATE_TABLE_NAME);
        const secrets = new Map<string, string>([[SESSION_SECRET_ARN, this.sessionKey]]);
        for (const p of Object.values(this.providers)) {
            secrets.set(arnFor(p.options.name), JSON.stringify({ clientId: p.options.clientId, clientSecret: p.options.clientSecret }));
        }
        this.aws = new FakeAws(secrets);

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
            // Built-ins pointed at the fakes, and a provider added by configuration only.
            OAUTH_PROVIDERS: JSON.stringify([
                { name: "spotify", authorizeUrl: spotify.authorizeUrl, tokenUrl: spotify.tokenUrl },
                { name: "soundcloud", authorizeUrl: soundcloud.authorizeUrl, tokenUrl: soundcloud.tokenUrl },
                {
                    name: "youtube-music", authorizeUrl: ytm.authorizeUrl, tokenUrl: ytm.tokenUrl,
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
        const method = init.method ?? (fn === "callback" ? "GET" : "POST");
        const query = init.query ?? null;
        return {
            httpMethod: method,
            path: `/auth/${provider}/${fn}`,
            resource: `/auth/{provider}/${fn}`,
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

    /** Runs a handler with stdout and the console captured into `logLines`. */
    async invoke(fn: FunctionName, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
        const originalWrite = process.stdout.write;
        const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
        const capture = (...args: unknown[]) => { this.logLines.push(args.map(String).join(" ")); };
        process.stdout.write = ((chunk: string | Uint8Array) => {
            for (const line of String(chunk).split("\n")) if (line) this.logLines.push(line);
            return true;
        }) as typeof process.stdout.write;
        Object.assign(console, { log: capture, info: capture, warn: capture, error: capture, debug: capture });
        try {
            return await HANDLERS[fn](event);
        } finally {
            process.stdout.write = originalWrite;
            Object.assign(console, originals);
        }
    }

    async snapshot(): Promise<{ tokens: Array<Record<string, unknown>>; states: Array<Record<string, unknown>> }> {
        return { tokens: await this.dynamo.scan(TOKEN_TABLE_NAME), states: await this.dynamo.scan(STATE_TABLE_NAME) };
    }

    /** Nothing new in either table: the token table unchanged, and no state that was not there before. */
    async assertNothingStored(before: { tokens: Array<Record<string, unknown>>; states: Array<Record<string, unknown>> }): Promise<void> {
        const after = await this.snapshot();
        const key = (i: Record<string, unknown>) => JSON.stringify(i);
        assert.deepStrictEqual(after.tokens.map(key).sort(), before.tokens.map(key).sort(), "token table changed");
        const known = new Set(before.states.map(key));
        assert.deepStrictEqual(after.states.filter((s) => !known.has(key(s))), [], "a state was stored");
    }

    async login(provider: string, headers: Record<string, string> = {}): Promise<{ authorizationUrl: string; state: string; expiresAt: string }> {
        const res = await this.invoke("login", this.event("login", provider, { headers }));
        assert.strictEqual(res.statusCode, 200, res.body);
        return JSON.parse(res.body);
    }

    /** login → consent at the fake provider → callback; returns what the frontend ends up with. */
    async connect(provider: keyof BrokerWorld["providers"], headers: Record<string, string> = {}): Promise<{
        session: string; userId: string; code: string; state: string; location: string;
    }> {
        const started = await this.login(provider, headers);
        const { code, state } = this.providers[provider].consent(started.authorizationUrl, `${CALLBACK_BASE_URL}/auth/${provider}/callback`);
        const res = await this.invoke("callback", this.event("callback", provider, { query: { code, state } }));
        assert.strictEqual(res.statusCode, 302, res.body);
        const location = String(res.headers!.Location);
        const fragment = new URLSearchParams(location.split("#")[1]);
        const session = fragment.get("session")!;
        const userId = JSON.parse(Buffer.from(session.split(".")[1], "base64url").toString()).sub as string;
        return { session, userId, code, state, location };
    }

    /** A session token signed with the real key, with claims or header changed by the test. */
    async signSession(claims: { sub?: string; iss?: string; aud?: string; iat?: number; exp?: number; jti?: string }, alg = "HS256"): Promise<string> {
        const now = Math.floor(Date.now() / 1000);
        const full = { sub: randomUUID(), iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600, jti: randomUUID(), ...claims };
        return new SignJWT({ jti: full.jti })
            .setProtectedHeader({ alg, typ: "JWT" })
            .setSubject(full.sub).setIssuer(full.iss).setAudience(full.aud).setIssuedAt(full.iat).setExpirationTime(full.exp)
            .sign(new TextEncoder().encode(this.sessionKey));
    }
}

export function errorOf(res: APIGatewayProxyResult): { status: number; code: string } {
    const body = JSON.parse(res.body) as { error?: { code?: string; message?: string } };
    assert.ok(body.error && typeof body.error.message === "string", `error body: ${res.body}`);
    return { status: res.statusCode, code: String(body.error.code) };
}

export function bearer(token: string): Record<string, string> {
    return { Authorization: `Bearer ${token}` };
}
