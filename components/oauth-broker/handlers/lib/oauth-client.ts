/**
 * The broker's side of the OAuth 2.0 token endpoint (RFC 6749 §4.1.3 and §6, PKCE RFC 7636):
 * form-encoded POST, client authentication by Basic header or body per provider, a timeout, no
 * redirects (a redirected POST could carry the client secret elsewhere), a size cap on the answer,
 * and a strict reading of it. Provider output never reaches logs or error messages, except a
 * provider's `error` code when it is a plain RFC 6749 code.
 */
import { createHash, randomBytes } from "crypto";
import { HttpError } from "./errors";
import { ProviderConfig } from "./providers";
import { ClientCredentials } from "./secrets";

export interface TokenSet {
    accessToken: string;
    refreshToken?: string;
    /** Seconds from now. */
    expiresIn: number;
    scope?: string;
}

const MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_TOKEN_LENGTH = 8192;

export function randomToken(bytes = 32): string {
    return randomBytes(bytes).toString("base64url");
}

export function codeChallenge(verifier: string): string {
    return createHash("sha256").update(verifier).digest("base64url");
}

function providerError(errorCode: unknown): HttpError {
    const code = typeof errorCode === "string" && /^[a-z_]{1,64}$/.test(errorCode) ? errorCode : "unknown";
    return new HttpError(400, "provider_error", `the provider rejected the request (${code})`);
}

function unavailable(): HttpError {
    return new HttpError(502, "provider_unavailable", "the provider did not answer as expected; try again later");
}

export async function requestTokens(
    provider: ProviderConfig,
    credentials: ClientCredentials,
    params: Record<string, string>,
    timeoutMs: number,
): Promise<TokenSet> {
    const body = new URLSearchParams(params);
    const headers: Record<string, string> = {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
    };
    if (provider.tokenAuthMethod === "client_secret_basic") {
        const pair = `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`;
        headers.Authorization = `Basic ${Buffer.from(pair).toString("base64")}`;
    } else {
        body.set("client_id", credentials.clientId);
        body.set("client_secret", credentials.clientSecret);
    }

    let response: Response;
    let text: string;
    try {
        response = await fetch(provider.tokenUrl, { method: "POST", headers, body, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
        const declared = Number(response.headers.get("content-length") ?? "0");
        if (declared > MAX_RESPONSE_BYTES) throw unavailable();
        text = await response.text();
    } catch (err) {
        if (err instanceof HttpError) throw err;
        throw unavailable(); // timeout, connection refused, redirect, TLS failure
    }
    if (text.length > MAX_RESPONSE_BYTES) throw unavailable();

    let json: Record<string, unknown> | undefined;
    try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
        json = undefined;
    }

    if (response.status === 400 || response.status === 401) throw providerError(json?.error);
    if (response.status !== 200 || !json) throw unavailable();

    const accessToken = json.access_token;
    const refreshToken = json.refresh_token;
    const expiresIn = json.expires_in ?? 3600;
    const tokenType = json.token_type;
    if (typeof accessToken !== "string" || accessToken.length === 0 || accessToken.length > MAX_TOKEN_LENGTH) throw unavailable();
    if (refreshToken !== undefined && refreshToken !== null && (typeof refreshToken !== "string" || refreshToken.length === 0 || refreshToken.length > MAX_TOKEN_LENGTH)) throw unavailable();
    if (tokenType !== undefined && (typeof tokenType !== "string" || tokenType.toLowerCase() !== "bearer")) throw unavailable();
    const seconds = typeof expiresIn === "string" ? Number(expiresIn) : expiresIn;
    if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0 || seconds > 366 * 86400) throw unavailable();
    const scope = typeof json.scope === "string" && json.scope.length <= 2048 ? json.scope : undefined;
    return {
        accessToken,
        refreshToken: typeof refreshToken === "string" ? refreshToken : undefined,
        expiresIn: Math.floor(seconds),
        scope,
    };
}
