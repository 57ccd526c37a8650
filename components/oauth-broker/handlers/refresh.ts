/**
 * POST /auth/{provider}/refresh (Authorization: Bearer <session JWT>): refreshes the user's access
 * token at the provider, returns it with a renewed session, and stores the new tokens encrypted (when
 * the provider does not rotate the refresh token, the stored one is kept).
 *
 * Concurrent refreshes of one connection (two tabs, a retry) call the provider once: the first claims
 * the item (a write conditioned on the version it read), the others wait for the version to move and
 * answer the winner's fresh access token. Renewed sessions keep the first login's time, so they end at
 * the absolute session lifetime.
 */
import { randomUUID } from "crypto";
import { HttpError } from "./lib/errors";
import { bodyFields, header, json, queryParams, rejectRedirectChoice, RequestContext, route } from "./lib/http";
import { requestTokens } from "./lib/oauth-client";
import { getClientCredentials } from "./lib/secrets";
import { issueSession, requireSession } from "./lib/session";
import { claimRefresh, decryptToken, encryptToken, getTokens, releaseRefresh, StoredTokens, storeRefreshed } from "./lib/token-store";

/** How often a waiting refresh looks at the item again. */
const POLL_INTERVAL_MS = 100;
/** The claim outlives the provider call by this much (KMS and DynamoDB calls around it). */
const LEASE_MARGIN_MS = 3000;

function notConnected(): HttpError {
    return new HttpError(404, "not_connected", "this user has not connected this provider");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls the provider under the claim and stores the result; the fresh tokens, or undefined when the claim was lost meanwhile. */
async function refreshUnderClaim(ctx: RequestContext, stored: StoredTokens, leaseId: string): Promise<{ accessToken: string; expiresAt: number; rotated: boolean } | undefined> {
    const { config, provider } = ctx;
    const table = config.tokenTableName;
    try {
        const refreshToken = await decryptToken(config.kmsKeyId, stored.userId, provider.name, stored.refreshTokenCiphertext as string);
        const credentials = await getClientCredentials(provider.secretArn, config.secretCacheTtlMs);
        const tokens = await requestTokens(provider, credentials, { grant_type: "refresh_token", refresh_token: refreshToken }, config.providerTimeoutMs);
        const rotated = tokens.refreshToken !== undefined && tokens.refreshToken !== refreshToken;
        const [accessTokenCiphertext, refreshTokenCiphertext] = await Promise.all([
            encryptToken(config.kmsKeyId, stored.userId, provider.name, tokens.accessToken),
            rotated ? encryptToken(config.kmsKeyId, stored.userId, provider.name, tokens.refreshToken as string) : Promise.resolve(stored.refreshTokenCiphertext),
        ]);
        const expiresAt = Math.floor(Date.now() / 1000) + tokens.expiresIn;
        const saved = await storeRefreshed(table, stored, leaseId, {
            accessTokenCiphertext, refreshTokenCiphertext, expiresAt, scope: tokens.scope ?? stored.scope,
        }, config.tokenRetentionDays);
        return saved ? { accessToken: tokens.accessToken, expiresAt, rotated } : undefined;
    } catch (err) {
        await releaseRefresh(table, stored, leaseId).catch(() => undefined);
        throw err;
    }
}

/** The user's fresh access token: refreshed by this request, or by a concurrent one it waited for. */
async function freshAccessToken(ctx: RequestContext, userId: string): Promise<{ accessToken: string; expiresAt: number; rotated?: boolean; concurrent: boolean }> {
    const { config, provider } = ctx;
    const table = config.tokenTableName;
    let seenVersion: number | undefined;
    for (;;) {
        const stored = await getTokens(table, userId, provider.name);
        if (!stored) throw notConnected();
        if (seenVersion !== undefined && stored.version > seenVersion) {
            // Another refresh (or a new login for this platform) stored tokens after this request began: use them.
            const accessToken = await decryptToken(config.kmsKeyId, userId, provider.name, stored.accessTokenCiphertext);
            return { accessToken, expiresAt: stored.expiresAt, concurrent: true };
        }
        seenVersion ??= stored.version;
        if (!stored.refreshTokenCiphertext) throw new HttpError(409, "not_refreshable", "the provider issued no refresh token; log in again");

        const leaseActive = stored.leaseUntilMs !== undefined && stored.leaseUntilMs > Date.now();
        if (!leaseActive) {
            const leaseId = randomUUID();
            if (await claimRefresh(table, stored, leaseId, Date.now() + config.providerTimeoutMs + LEASE_MARGIN_MS)) {
                const fresh = await refreshUnderClaim(ctx, stored, leaseId);
                if (fresh) return { ...fresh, concurrent: false };
            }
            // Someone else claimed or wrote in between: look again (after a pause, within the deadline).
        }
        if (Date.now() + POLL_INTERVAL_MS > ctx.deadlineMs) {
            throw new HttpError(503, "refresh_in_progress", "another refresh of this connection is still running; try again", { "Retry-After": "1" });
        }
        await sleep(POLL_INTERVAL_MS);
    }
}

export const refresh = route("refresh", async (ctx) => {
    const { event, config } = ctx;
    rejectRedirectChoice(queryParams(event).keys());
    bodyFields(event, "refresh");
    const current = await requireSession(config, header(event, "authorization"));
    ctx.setUser(current.userId);

    const fresh = await freshAccessToken(ctx, current.userId);
    const renewed = await issueSession(config, current.userId, current.authTime);
    ctx.log.info({ event: "token_refreshed", rotated: fresh.rotated, concurrent: fresh.concurrent });
    return json(200, {
        accessToken: fresh.accessToken,
        expiresAt: new Date(fresh.expiresAt * 1000).toISOString(),
        session: renewed.token,
        sessionExpiresAt: new Date(renewed.expiresAt * 1000).toISOString(),
    });
});

export const handler = refresh;
