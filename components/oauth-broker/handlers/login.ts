/**
 * POST /auth/{provider}/login { clientChallenge }: starts the OAuth authorization-code flow with PKCE
 * (S256) at the provider, and binds it to the browser that started it: the frontend keeps a verifier
 * and sends only its S256 challenge, which is stored with the state; the session route later requires
 * the verifier, so a result delivered to any other browser cannot be redeemed.
 *
 * The tokens will belong to the user of the caller's session JWT when one is sent (linking another
 * platform to an existing user, which then also requires that session at redemption); without one,
 * the login creates a new user id. A session token that is sent but invalid is refused, never
 * silently replaced by a new user.
 */
import { randomUUID } from "crypto";
import { redirectUri } from "./lib/config";
import { bodyFields, header, json, queryParams, rejectRedirectChoice, route } from "./lib/http";
import { codeChallenge, randomToken } from "./lib/oauth-client";
import { getClientCredentials } from "./lib/secrets";
import { optionalSession } from "./lib/session";
import { saveState } from "./lib/state-store";

export const login = route("login", async (ctx) => {
    const { event, config, provider } = ctx;
    rejectRedirectChoice(queryParams(event).keys());
    const { clientChallenge } = bodyFields(event, "login");

    const session = await optionalSession(config, header(event, "authorization"));
    const userId = session?.userId ?? randomUUID();
    ctx.setUser(userId);

    const { clientId } = await getClientCredentials(provider.secretArn, config.secretCacheTtlMs);
    const state = randomToken(32);
    const codeVerifier = randomToken(48); // 64 characters; RFC 7636 allows 43-128
    const expiresAt = Math.floor(Date.now() / 1000) + config.stateTtlSeconds;
    await saveState(config.stateTableName, state, { provider: provider.name, userId, linked: session !== undefined, codeVerifier, clientChallenge, expiresAt });

    const url = new URL(provider.authorizeUrl);
    for (const [name, value] of Object.entries(provider.authorizeParams)) url.searchParams.set(name, value);
    url.searchParams.set("client_id", clientId);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("redirect_uri", redirectUri(config, provider.name));
    if (provider.scopes.length > 0) url.searchParams.set("scope", provider.scopes.join(" "));
    url.searchParams.set("state", state);
    url.searchParams.set("code_challenge", codeChallenge(codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");

    ctx.log.info({ event: "login_started", newUser: session === undefined, linked: session !== undefined });
    return json(200, { authorizationUrl: url.toString(), state, expiresAt: new Date(expiresAt * 1000).toISOString() });
});

export const handler = login;
