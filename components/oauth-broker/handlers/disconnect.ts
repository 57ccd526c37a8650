/**
 * DELETE /auth/{provider} (Authorization: Bearer <session JWT>): disconnects a platform. Deletes the
 * user's tokens for it first (the user's data goes whatever the provider does), then, when the
 * provider has a revocation endpoint (`revokeUrl`), revokes the refresh token there (or the access
 * token when there is none). Answers 204; a failed revocation is logged, not retried: the tokens the
 * broker held are gone either way and expire at the provider.
 */
import { HttpError } from "./lib/errors";
import { bodyFields, header, noContent, queryParams, rejectRedirectChoice, route } from "./lib/http";
import { revokeToken } from "./lib/oauth-client";
import { getClientCredentials } from "./lib/secrets";
import { requireSession } from "./lib/session";
import { decryptToken, deleteTokens } from "./lib/token-store";

export const disconnect = route("disconnect", async (ctx) => {
    const { event, config, provider } = ctx;
    rejectRedirectChoice(queryParams(event).keys());
    bodyFields(event, "disconnect");
    const current = await requireSession(config, header(event, "authorization"));
    ctx.setUser(current.userId);

    const deleted = await deleteTokens(config.tokenTableName, current.userId, provider.name);
    if (!deleted) throw new HttpError(404, "not_connected", "this user has not connected this provider");

    let revoked: boolean | undefined;
    const revokeUrl = provider.revokeUrl;
    if (revokeUrl !== undefined) {
        const [ciphertext, hint] = deleted.refreshTokenCiphertext !== undefined
            ? [deleted.refreshTokenCiphertext, "refresh_token" as const]
            : [deleted.accessTokenCiphertext, "access_token" as const];
        try {
            const token = await decryptToken(config.kmsKeyId, current.userId, provider.name, ciphertext);
            const credentials = await getClientCredentials(provider.secretArn, config.secretCacheTtlMs);
            await revokeToken({ ...provider, revokeUrl }, credentials, token, hint, config.providerTimeoutMs);
            revoked = true;
        } catch (err) {
            revoked = false;
            const fields = { event: "revoke_failed", errorName: err instanceof Error ? err.name : typeof err, errorCode: err instanceof HttpError ? err.code : undefined };
            // The provider refusing the broker's own client is a misconfiguration to alarm on, not a user problem.
            if (fields.errorCode === "provider_rejected_client") ctx.log.error(fields);
            else ctx.log.warn(fields);
        }
    }
    ctx.log.info({ event: "connection_deleted", revoked });
    return noContent();
});

export const handler = disconnect;
