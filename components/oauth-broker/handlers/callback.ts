/**
 * GET /auth/{provider}/callback?code&state: where the provider sends the browser back. Consumes the
 * state (single use), exchanges the code with the PKCE verifier, and keeps the tokens, encrypted, only
 * in a single-use pending grant (at most 5 minutes). It answers with a redirect to the configured
 * frontend carrying a one-time result code in the URL fragment, and neither stores tokens under the
 * user nor issues a session: whoever opened this URL gets nothing until the browser that started the
 * login redeems the result with its verifier (the session route). The redirect target is
 * configuration only; a request that tries to name one is refused.
 */
import { redirectUri } from "./lib/config";
import { HttpError } from "./lib/errors";
import { PATTERNS } from "./lib/formats";
import { saveGrant } from "./lib/grant-store";
import { queryParams, redirect, rejectRedirectChoice, route } from "./lib/http";
import { randomToken, requestTokens } from "./lib/oauth-client";
import { getClientCredentials } from "./lib/secrets";
import { consumeState } from "./lib/state-store";
import { encryptToken } from "./lib/token-store";

const MAX_PARAM_LENGTH = 2048;

export const callback = route("callback", async (ctx) => {
    const { event, config, provider } = ctx;
    const params = queryParams(event);
    rejectRedirectChoice(params.keys());

    const state = params.get("state");
    const code = params.get("code");
    const denied = params.get("error");
    if (!state) throw new HttpError(400, "missing_parameter", "the state parameter is required");
    if (!PATTERNS.state.test(state)) throw new HttpError(400, "invalid_parameter", "the state parameter is malformed");
    for (const value of params.values()) {
        if (value.length > MAX_PARAM_LENGTH) throw new HttpError(400, "invalid_parameter", "a query parameter is too long");
    }
    if (denied === undefined) {
        if (!code) throw new HttpError(400, "missing_parameter", "the code parameter is required");
        if (!PATTERNS.code.test(code)) throw new HttpError(400, "invalid_parameter", "the code parameter is malformed");
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

    // Encrypted for the user they will belong to: redemption moves the ciphertexts, never plaintext.
    const [accessTokenCiphertext, refreshTokenCiphertext] = await Promise.all([
        encryptToken(config.kmsKeyId, pending.userId, provider.name, tokens.accessToken),
        tokens.refreshToken === undefined ? Promise.resolve(undefined) : encryptToken(config.kmsKeyId, pending.userId, provider.name, tokens.refreshToken),
    ]);
    const now = Math.floor(Date.now() / 1000);
    const result = randomToken(32);
    await saveGrant(config.stateTableName, result, {
        provider: provider.name,
        userId: pending.userId,
        linked: pending.linked,
        clientChallenge: pending.clientChallenge,
        accessTokenCiphertext,
        refreshTokenCiphertext,
        tokenExpiresAt: now + tokens.expiresIn,
        scope: tokens.scope,
        expiresAt: now + config.grantTtlSeconds,
    });
    ctx.log.info({ event: "grant_stored", linked: pending.linked, reason: refreshTokenCiphertext ? "with refresh token" : "without refresh token" });

    const fragment = new URLSearchParams({ result, provider: provider.name });
    return redirect(`${config.frontendUrl}#${fragment.toString()}`);
});

export const handler = callback;
