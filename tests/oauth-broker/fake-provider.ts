/**
 * A fake OAuth 2.0 provider on 127.0.0.1 with an ephemeral port. It plays both halves of the
 * provider: `consent()` stands in for the user approving at the authorize URL (it validates the URL
 * the broker built and issues a code bound to the PKCE challenge), and POST /token is a real token
 * endpoint that checks client authentication, the code's single use, redirect_uri and the PKCE
 * verifier, and serves refresh grants; POST /revoke is an RFC 7009 revocation endpoint. It records
 * every secret it issued, for the log-leak test, and can answer the next request with an injected
 * answer (an error, a delay, a chunked or endless stream).
 */
import * as assert from "assert";
import { createHash, randomBytes } from "crypto";
import * as http from "http";
import { AddressInfo } from "net";

export interface FakeProviderOptions {
    name: string;
    clientId: string;
    clientSecret: string;
    auth: "client_secret_basic" | "client_secret_post";
    /** Issue a new refresh token on every refresh grant (and revoke the old one). */
    rotateRefreshTokens?: boolean;
    /** Authorize parameters the provider requires beyond the standard ones. */
    requiredAuthorizeParams?: Record<string, string>;
}

interface IssuedCode {
    challenge: string;
    redirectUri: string;
    used: boolean;
}

/** A one-shot answer for the next request (error injection). */
export interface InjectedResponse {
    status: number;
    /** Sent in one piece, with a Content-Length. */
    body?: string | Buffer;
    delayMs?: number;
    /** Sent piece by piece with chunked encoding: no Content-Length. */
    chunks?: string[];
    /** Keep sending chunks of this until the client goes away (no Content-Length, never ends). */
    endless?: string;
}

export class FakeProvider {
    private server: http.Server | undefined;
    private readonly codes = new Map<string, IssuedCode>();
    private readonly refreshTokens = new Set<string>();
    readonly issued = { codes: [] as string[], accessTokens: [] as string[], refreshTokens: [] as string[], verifiers: [] as string[] };
    readonly tokenRequests: Array<{ grantType: string; ok: boolean }> = [];
    /** Tokens revoked at /revoke, with the hint the client sent. */
    readonly revocations: Array<{ token: string; hint: string | null }> = [];
    /** Requests answered with an endless stream that the client abandoned, and the bytes sent by then. */
    readonly abandoned: number[] = [];
    next: InjectedResponse | undefined;
    /** Delay before every regular answer (a provider that takes its time). */
    latencyMs = 0;
    baseUrl = "";

    constructor(readonly options: FakeProviderOptions) {}

    get authorizeUrl(): string { return `${this.baseUrl}/authorize`; }
    get tokenUrl(): string { return `${this.baseUrl}/token`; }
    get revokeUrl(): string { return `${this.baseUrl}/revoke`; }

    async start(): Promise<void> {
        this.server = http.createServer((req, res) => this.handle(req, res));
        this.server.requestTimeout = 5000;
        this.server.headersTimeout = 5000;
        await new Promise<void>((resolve, reject) => {
            this.server!.once("error", reject);
            this.server!.listen(0, "127.0.0.1", () => resolve());
        });
        this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        if (!this.server) return;
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
        this.server = undefined;
    }

    /** The user approves at the authorize URL the broker returned: returns the code the provider redirects with. */
    consent(authorizationUrl: string, expectedRedirectUri: string): { code: string; state: string } {
        const url = new URL(authorizationUrl);
        assert.strictEqual(`${url.origin}${url.pathname}`, this.authorizeUrl, "authorize endpoint");
        const p = url.searchParams;
        assert.strictEqual(p.get("client_id"), this.options.clientId, "client_id");
        assert.strictEqual(p.get("response_type"), "code", "response_type");
        assert.strictEqual(p.get("redirect_uri"), expectedRedirectUri, "redirect_uri");
        assert.strictEqual(p.get("code_challenge_method"), "S256", "code_challenge_method");
        assert.match(p.get("code_challenge") ?? "", /^[A-Za-z0-9_-]{43}$/, "code_challenge");
        for (const [k, v] of Object.entries(this.options.requiredAuthorizeParams ?? {})) assert.strictEqual(p.get(k), v, k);
        const code = `code-${this.options.name}-${randomBytes(18).toString("base64url")}`;
        this.codes.set(code, { challenge: p.get("code_challenge")!, redirectUri: p.get("redirect_uri")!, used: false });
        this.issued.codes.push(code);
        return { code, state: p.get("state")! };
    }

    /** Revokes every refresh token (the user disconnected the app at the provider). */
    revokeAll(): void {
        this.refreshTokens.clear();
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > 16384) req.destroy();
            else chunks.push(chunk);
        });
        req.on("end", () => {
            const injected = this.next;
            this.next = undefined;
            const send = (status: number, body: string): void => {
                res.writeHead(status, { "Content-Type": "application/json" });
                res.end(body);
            };
            if (injected) {
                const timer = setTimeout(() => { if (!res.destroyed) this.inject(res, injected); }, injected.delayMs ?? 0);
                res.on("close", () => clearTimeout(timer));
                return;
            }
            const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
            if (req.method === "POST" && req.url === "/revoke") {
                const answer = this.revoke(req, form);
                return send(answer.status, JSON.stringify(answer.body));
            }
            if (req.method !== "POST" || req.url !== "/token") return send(404, JSON.stringify({ error: "not_found" }));
            const answer = this.token(req, form);
            if (this.latencyMs > 0) setTimeout(() => { if (!res.destroyed) send(answer.status, JSON.stringify(answer.body)); }, this.latencyMs);
            else send(answer.status, JSON.stringify(answer.body));
        });
    }

    private inject(res: http.ServerResponse, injected: InjectedResponse): void {
        if (injected.endless !== undefined) {
            res.writeHead(injected.status, { "Content-Type": "application/json" });
            let sent = 0;
            const pump = (): void => {
                while (!res.destroyed && sent < 64 * 1024 * 1024) {
                    sent += Buffer.byteLength(injected.endless as string);
                    if (!res.write(injected.endless)) return void res.once("drain", pump);
                }
            };
            res.on("close", () => this.abandoned.push(sent));
            pump();
            return;
        }
        if (injected.chunks !== undefined) {
            res.writeHead(injected.status, { "Content-Type": "application/json" });
            for (const chunk of injected.chunks) res.write(chunk);
            res.end();
            return;
        }
        res.writeHead(injected.status, { "Content-Type": "application/json" });
        res.end(injected.body ?? "");
    }

    /** Client authentication, exactly the configured method: an error code, or undefined when it passes. */
    private clientError(req: http.IncomingMessage, form: URLSearchParams): string | undefined {
        if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return "invalid_request";
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
        if (this.options.auth === "client_secret_basic") {
            if (!basic || form.has("client_secret")) return "invalid_client";
            const [id, secret] = Buffer.from(basic[1], "base64").toString("utf8").split(":").map(decodeURIComponent);
            if (id !== this.options.clientId || secret !== this.options.clientSecret) return "invalid_client";
        } else if (basic || form.get("client_id") !== this.options.clientId || form.get("client_secret") !== this.options.clientSecret) {
            return "invalid_client";
        }
        return undefined;
    }

    /** RFC 7009: the client revokes a token it holds; 200 whether or not the token was known. */
    private revoke(req: http.IncomingMessage, form: URLSearchParams): { status: number; body: Record<string, unknown> } {
        const error = this.clientError(req, form);
        if (error) return { status: error === "invalid_client" ? 401 : 400, body: { error } };
        const token = form.get("token") ?? "";
        this.revocations.push({ token, hint: form.get("token_type_hint") });
        this.refreshTokens.delete(token);
        return { status: 200, body: {} };
    }

    private token(req: http.IncomingMessage, form: URLSearchParams): { status: number; body: Record<string, unknown> } {
        const grantType = form.get("grant_type") ?? "";
        const fail = (status: number, error: string) => {
            this.tokenRequests.push({ grantType, ok: false });
            return { status, body: { error, error_description: `fake provider refused: ${error}` } };
        };
        const clientError = this.clientError(req, form);
        if (clientError) return fail(clientError === "invalid_client" ? 401 : 400, clientError);

        if (grantType === "authorization_code") {
            const code = form.get("code") ?? "";
            const issued = this.codes.get(code);
            if (!issued || issued.used) return fail(400, "invalid_grant");
            issued.used = true; // single use, even when the rest of the request is wrong
            if (form.get("redirect_uri") !== issued.redirectUri) return fail(400, "invalid_grant");
            const verifier = form.get("code_verifier") ?? "";
            this.issued.verifiers.push(verifier);
            if (createHash("sha256").update(verifier).digest("base64url") !== issued.challenge) return fail(400, "invalid_grant");
            return this.grant(true, grantType);
        }
        if (grantType === "refresh_token") {
            const token = form.get("refresh_token") ?? "";
            if (!this.refreshTokens.has(token)) return fail(400, "invalid_grant");
            if (this.options.rotateRefreshTokens) this.refreshTokens.delete(token);
            return this.grant(Boolean(this.options.rotateRefreshTokens), grantType);
        }
        return fail(400, "unsupported_grant_type");
    }

    private grant(withRefresh: boolean, grantType: string): { status: number; body: Record<string, unknown> } {
        const accessToken = `at-${this.options.name}-${randomBytes(24).toString("base64url")}`;
        this.issued.accessTokens.push(accessToken);
        const body: Record<string, unknown> = { access_token: accessToken, token_type: "Bearer", expires_in: 3600, scope: "fake-scope" };
        if (withRefresh) {
            const refreshToken = `rt-${this.options.name}-${randomBytes(24).toString("base64url")}`;
            this.refreshTokens.add(refreshToken);
            this.issued.refreshTokens.push(refreshToken);
            body.refresh_token = refreshToken;
        }
        this.tokenRequests.push({ grantType, ok: true });
        return { status: 200, body };
    }
}
