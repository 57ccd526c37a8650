/**
 * GET /auth/{provider}/callback?code&state: completes the flow. Consumes the state (single use),
 * exchanges the code with the PKCE verifier, stores the tokens encrypted, and redirects to the
 * configured frontend with a short-lived session JWT in the URL fragment. The redirect target is
 * configuration only; a request that tries to name one is refused.
 */
import { redirectUri } from "./lib/config";
import { HttpError } from "./lib/errors";
import { queryParams, redirect, rejectRedirectChoice, route } from "./lib/http";
import { requestTokens } from "./lib/oauth-client";
import { getClientCredentials } from "./lib/secrets";
import { issueSession } from "./lib/session";
import { consumeState } from "./lib/state-store";
import { encryptToken, putTokens } from "./lib/token-store";

/** The broker's states are 32 random bytes, base64url: exactly 43 characters. */
const STATE_FORMAT = /^[A-Za-z0-9_-]{43}$/;
const MAX_PARAM_LENGTH = 2048;
const CODE_FORMAT = /^[\x21-\x7e]+$/;

export const callback = route("callback", async (ctx) => {
    const { event, config, provider } = ctx;
    const params = queryParams(event);
    rejectRedirectChoice(params.keys());

    const state = params.get("state");
    const code = params.get("code");
    const denied = params.get("error");
    if (!state) throw new HttpError(400, "missing_parameter", "the state parameter is required");
    if (!STATE_FORMAT.test(state)) throw new HttpError(400, "invalid_parameter", "the state parameter is malformed");
    for (const value of params.values()) {
        if (value.length > MAX_PARAM_LENGTH) throw new HttpError(400, "invalid_parameter", "a query parameter is too long");
    }
    if (denied === undefined) {
        if (!code) throw new HttpError(400, "missing_parameter", "the code parameter is required");
        if (!CODE_FORMAT.test(code)) throw new HttpError(400, "invalid_parameter", "the code parameter is malformed");
    }

    // Consumed before anything else can fail, so a state is never usable twice.
    const pending = await consumeState(config.stateTableName, state);
    if (!pending) throw new HttpError(400, "invalid_state", "unknown or already used state; start the login again");
    ctx.setUser(pending.userId);
    if (pending.expiresAt <= Math.floor(Date.now() / 1000)) throw new HttpError(400, "expired_state", "the login took too long; start it again");
    if (pending.provider !== provider.name) throw new HttpError(400, "invalid_state", "unknown or already used state; start the login again");
    if (denied !== undefined || !code) {
        const reason = /^[a-z_]{1,64}$/.test(denied ?? "") ? denied : "unknown";
        throw new HttpError(400, "authorization_denied", `the provider did not grant access (${reason})`);
    }

    const credentials = await getClientCredentials(provider.secretArn, config.secretCacheTtlMs);
    const tokens = await requestTokens(provider, credentials, {
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri(config, provider.name),
        code_verifier: pending.codeVerifier,
    }, config.providerTimeoutMs);

    const now = Math.floor(Date.now() / 1000);
    const [accessTokenCiphertext, refreshTokenCiphertext] = await Promise.all([
        encryptToken(config.kmsKeyId, pending.userId, provider.name, tokens.accessToken),
        tokens.refreshToken === undefined ? Promise.resolve(undefined) : encryptToken(config.kmsKeyId, pending.userId, provider.name, tokens.refreshToken),
    ]);
    await putTokens(config.tokenTableName, {
        userId: pending.userId,
        provider: provider.name,
        accessTokenCiphertext,
        refreshTokenCiphertext,
        expiresAt: now + tokens.expiresIn,
        scope: tokens.scope,
        createdAt: now,
        updatedAt: now,
    }, config.tokenRetentionDays);
    ctx.log.info({ event: "tokens_stored", reason: refreshTokenCiphertext ? "with refresh token" : "without refresh token" });

    const session = await issueSession(config, pending.userId);
    const fragment = new URLSearchParams({
        session: session.token,
        provider: provider.name,
        expiresAt: new Date(session.expiresAt * 1000).toISOString(),
    });
    return redirect(`${config.frontendUrl}#${fragment.toString()}`);
});

export const handler = callback;
