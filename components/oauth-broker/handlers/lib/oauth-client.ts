/**
 * The broker's side of the OAuth 2.0 token endpoint (RFC 6749 §4.1.3 and §6, PKCE RFC 7636) and of
 * token revocation (RFC 7009): form-encoded POST, client authentication by Basic header or body per
 * provider, a timeout, no redirects (a redirected POST could carry the client secret elsewhere), a
 * byte cap on the answer read as a stream, and a strict reading of it. Provider output never reaches
 * logs or error messages, except a provider's `error` code when it is a plain RFC 6749 code.
 */
import { createHash, randomBytes } from "crypto";
import { readBoundedText } from "./bounded-body";
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

/** Provider answers are abandoned past 64 KiB (bytes). */
export const MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_TOKEN_LENGTH = 8192;

export function randomToken(bytes = 32): string {
    return randomBytes(bytes).toString("base64url");
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export function codeChallenge(verifier: string): string {
    return createHash("sha256").update(verifier).digest("base64url");
}

/** OAuth errors that say the broker's own client registration is wrong, not the user's grant. */
const CLIENT_ERRORS = new Set(["invalid_client", "unauthorized_client"]);

function providerError(errorCode: unknown): HttpError {
    const code = typeof errorCode === "string" && /^[a-z_]{1,64}$/.test(errorCode) ? errorCode : "unknown";
    if (CLIENT_ERRORS.has(code)) {
        // A rotated or wrong client secret, or a client the provider disabled: the broker's fault (5xx, alarmed).
        return new HttpError(502, "provider_rejected_client", `the provider rejected the broker's client credentials (${code})`);
    }
    return new HttpError(400, "provider_error", `the provider rejected the request (${code})`);
}

function unavailable(): HttpError {
    return new HttpError(502, "provider_unavailable", "the provider did not answer as expected; try again later");
}

/** A form POST to a provider endpoint with the client's authentication; the status and the answer parsed as a JSON object, if it is one. */
async function postForm(
    provider: ProviderConfig,
    credentials: ClientCredentials,
    url: string,
    params: Record<string, string>,
    timeoutMs: number,
): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
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

    let status: number;
    let text: string;
    try {
        const response = await fetch(url, { method: "POST", headers, body, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
        status = response.status;
        text = await readBoundedText(response, MAX_RESPONSE_BYTES);
    } catch {
        throw unavailable(); // timeout, connection refused, redirect, TLS failure, too large, not UTF-8
    }

    let json: Record<string, unknown> | undefined;
    try {
        const parsed: unknown = text === "" ? undefined : JSON.parse(text);
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
        json = undefined;
    }
    return { status, json };
}

export async function requestTokens(
    provider: ProviderConfig,
    credentials: ClientCredentials,
    params: Record<string, string>,
    timeoutMs: number,
): Promise<TokenSet> {
    const { status, json } = await postForm(provider, credentials, provider.tokenUrl, params, timeoutMs);
    if (status === 400 || status === 401) throw providerError(json?.error);
    if (status !== 200 || !json) throw unavailable();

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

/**
 * RFC 7009 revocation at the provider's `revokeUrl`. 200 is success (the RFC answers 200 even for a
 * token it no longer knows); anything else is an HttpError like the token endpoint's.
 */
export async function revokeToken(
    provider: ProviderConfig & { revokeUrl: string },
    credentials: ClientCredentials,
    token: string,
    hint: "refresh_token" | "access_token",
    timeoutMs: number,
): Promise<void> {
    const { status, json } = await postForm(provider, credentials, provider.revokeUrl, { token, token_type_hint: hint }, timeoutMs);
    if (status === 200) return;
    if (status === 400 || status === 401) throw providerError(json?.error);
    throw unavailable();
}
