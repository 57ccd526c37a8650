/**
 * POST /auth/{provider}/session { result, clientVerifier } (with `Authorization: Bearer <session>`
 * exactly when the login was started with one): redeems a pending grant. The grant must exist, be
 * for this provider and unexpired, S256(clientVerifier) must equal the challenge the login stored,
 * and the session must be the linking user's (or absent for a new login). Only then is the grant
 * consumed (conditionally: single use), its tokens stored under the user, and a session issued.
 * Every refusal leaves the grant and the token table as they were.
 */
import { HttpError } from "./lib/errors";
import { consumeGrant, PendingGrant, readGrant } from "./lib/grant-store";
import { bodyFields, header, json, queryParams, rejectRedirectChoice, route } from "./lib/http";
import { codeChallenge } from "./lib/oauth-client";
import { issueSession, optionalSession, Session } from "./lib/session";
import { storeConnection } from "./lib/token-store";

function invalidResult(): HttpError {
    return new HttpError(400, "invalid_result", "unknown or already redeemed result; start the login again");
}

/** Why this caller may not redeem this grant, or undefined when it may. */
function refusal(grant: PendingGrant, provider: string, challenge: string, session: Session | undefined): HttpError | undefined {
    if (grant.provider !== provider) return invalidResult();
    if (grant.clientChallenge !== challenge) {
        return new HttpError(400, "invalid_verifier", "the verifier does not match the login this result belongs to; start the login again from this browser");
    }
    if (grant.expiresAt <= Math.floor(Date.now() / 1000)) return new HttpError(400, "expired_result", "the result was not redeemed in time; start the login again");
    if (grant.linked && session === undefined) {
        return new HttpError(401, "session_required", "this login was started with a session; send it", { "WWW-Authenticate": "Bearer" });
    }
    if (grant.linked && session?.userId !== grant.userId) return new HttpError(403, "session_mismatch", "this login was started by another user's session");
    if (!grant.linked && session !== undefined) return new HttpError(403, "session_mismatch", "this login was started without a session; redeem it without one");
    return undefined;
}

export const session = route("session", async (ctx) => {
    const { event, config, provider } = ctx;
    rejectRedirectChoice(queryParams(event).keys());
    const { result, clientVerifier } = bodyFields(event, "session");
    const current = await optionalSession(config, header(event, "authorization"));
    if (current) ctx.setUser(current.userId);

    const challenge = codeChallenge(clientVerifier);
    const found = await readGrant(config.stateTableName, result);
    if (!found) throw invalidResult();
    const refused = refusal(found, provider.name, challenge, current);
    if (refused) throw refused;

    const grant = await consumeGrant(config.stateTableName, result, challenge);
    if (!grant) throw invalidResult(); // a concurrent redemption won
    ctx.setUser(grant.userId);
    await storeConnection(config.tokenTableName, grant.userId, grant.provider, {
        accessTokenCiphertext: grant.accessTokenCiphertext,
        refreshTokenCiphertext: grant.refreshTokenCiphertext,
        expiresAt: grant.tokenExpiresAt,
        scope: grant.scope,
    }, config.tokenRetentionDays);
    ctx.log.info({ event: "tokens_stored", linked: grant.linked, reason: grant.refreshTokenCiphertext ? "with refresh token" : "without refresh token" });

    // Linking keeps the session chain's first-login time; a new login starts one.
    const issued = await issueSession(config, grant.userId, current?.authTime ?? Math.floor(Date.now() / 1000));
    ctx.log.info({ event: "session_issued", newUser: !grant.linked });
    return json(200, { session: issued.token, sessionExpiresAt: new Date(issued.expiresAt * 1000).toISOString(), provider: provider.name });
});

export const handler = session;
