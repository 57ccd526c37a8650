/**
 * POST /auth/{provider}/refresh (Authorization: Bearer <session JWT>): refreshes the user's access
 * token at the provider and returns it. The new tokens are stored encrypted; when the provider does
 * not rotate the refresh token, the stored one is kept.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { HttpError } from "./lib/errors";
import { header, json, jsonBody, queryParams, rejectRedirectChoice, route } from "./lib/http";
import { requestTokens } from "./lib/oauth-client";
import { getClientCredentials } from "./lib/secrets";
import { bearerToken, verifySession } from "./lib/session";
import { decryptToken, encryptToken, getTokens, putTokens } from "./lib/token-store";

function notConnected(): HttpError {
    return new HttpError(404, "not_connected", "this user has not connected this provider");
}

export const refresh = route("refresh", async (ctx) => {
    const { event, config, provider } = ctx;
    rejectRedirectChoice(queryParams(event).keys());
    rejectRedirectChoice(Object.keys(jsonBody(event)));

    const session = bearerToken(header(event, "authorization"));
    if (session === undefined) {
        throw new HttpError(401, "invalid_session", "a valid session token is required", { "WWW-Authenticate": "Bearer" });
    }
    const userId = await verifySession(config, session);
    ctx.setUser(userId);

    const stored = await getTokens(config.tokenTableName, userId, provider.name);
    if (!stored) throw notConnected();
    if (!stored.refreshTokenCiphertext) throw new HttpError(409, "not_refreshable", "the provider issued no refresh token; log in again");
    const refreshToken = await decryptToken(config.kmsKeyId, userId, provider.name, stored.refreshTokenCiphertext);

    const credentials = await getClientCredentials(provider.secretArn, config.secretCacheTtlMs);
    const tokens = await requestTokens(provider, credentials, { grant_type: "refresh_token", refresh_token: refreshToken }, config.providerTimeoutMs);

    const now = Math.floor(Date.now() / 1000);
    const rotated = tokens.refreshToken !== undefined && tokens.refreshToken !== refreshToken;
    const [accessTokenCiphertext, refreshTokenCiphertext] = await Promise.all([
        encryptToken(config.kmsKeyId, userId, provider.name, tokens.accessToken),
        rotated ? encryptToken(config.kmsKeyId, userId, provider.name, tokens.refreshToken as string) : Promise.resolve(stored.refreshTokenCiphertext),
    ]);
    const expiresAt = now + tokens.expiresIn;
    try {
        await putTokens(config.tokenTableName, {
            ...stored,
            accessTokenCiphertext,
            refreshTokenCiphertext,
            expiresAt,
            scope: tokens.scope ?? stored.scope,
            updatedAt: now,
        }, config.tokenRetentionDays, true);
    } catch (err) {
        // The connection was removed while we refreshed: do not bring it back.
        if (err instanceof ConditionalCheckFailedException || (err as { name?: string }).name === "ConditionalCheckFailedException") throw notConnected();
        throw err;
    }
    ctx.log.info({ event: "token_refreshed", rotated });
    return json(200, { accessToken: tokens.accessToken, expiresAt: new Date(expiresAt * 1000).toISOString() });
});

export const handler = refresh;
