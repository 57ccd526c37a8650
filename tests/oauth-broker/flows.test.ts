/**
 * End-to-end: login → consent → callback → session → refresh → disconnect against fake providers on
 * loopback, dynalite and a fake KMS. Asserts what each step returns and what is (and is not) stored.
 */
import * as assert from "assert";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createHash } from "crypto";
import { jwtVerify } from "jose";
import { STATE_TABLE, TOKEN_TABLE } from "../../components/oauth-broker/handlers/contract";
import {
    AUDIENCE, bearer, BrokerWorld, CALLBACK_BASE_URL, claimsOf, FRONTEND_ORIGIN, FRONTEND_URL, ISSUER, KMS_KEY_ID, resultOf, STATE_TABLE_NAME, TOKEN_TABLE_NAME,
} from "./harness";

const sha = (value: string) => createHash("sha256").update(value).digest("base64url");

describe("OAuth broker flows (login, callback, session, refresh, disconnect)", function () {
    this.timeout(20000);
    const world = new BrokerWorld();
    before(() => world.start());
    after(() => world.stop());

    it("login returns the provider's authorize URL with PKCE S256 and a fixed redirect_uri, and stores the state with the frontend's challenge for 10 minutes", async () => {
        const before = Date.now();
        const started = await world.login("spotify");
        const url = new URL(started.authorizationUrl);
        assert.strictEqual(`${url.origin}${url.pathname}`, world.providers.spotify.authorizeUrl);
        assert.strictEqual(url.searchParams.get("client_id"), "spotify-client");
        assert.strictEqual(url.searchParams.get("redirect_uri"), `${CALLBACK_BASE_URL}/auth/spotify/callback`);
        assert.strictEqual(url.searchParams.get("response_type"), "code");
        assert.strictEqual(url.searchParams.get("code_challenge_method"), "S256");
        assert.match(url.searchParams.get("scope")!, /^user-read-private user-read-email streaming /, "built-in Spotify scopes");
        assert.strictEqual(url.searchParams.get("state"), started.state);
        assert.match(started.state, /^[A-Za-z0-9_-]{43}$/, "32 random bytes, base64url");
        const ttl = Date.parse(started.expiresAt) - before;
        assert.ok(ttl > 595_000 && ttl <= 601_000, `state lifetime ${ttl} ms`);

        const states = await world.dynamo.scan(STATE_TABLE_NAME);
        const item = states.find((s) => s[STATE_TABLE.partitionKey] === `state#${sha(started.state)}`);
        assert.ok(item, "state stored under its prefixed hash");
        assert.ok(!JSON.stringify(states).includes(started.state), "the raw state is not stored");
        assert.strictEqual(item.provider, "spotify");
        assert.strictEqual(sha(String(item.codeVerifier)), url.searchParams.get("code_challenge"), "the provider's challenge = S256(broker's verifier)");
        assert.strictEqual(item.clientChallenge, started.frontend.challenge, "the frontend's challenge is stored with the state");
        assert.ok(!JSON.stringify(item).includes(started.frontend.verifier), "the frontend's verifier never reaches the broker at login");
        assert.strictEqual(item.linked, false);
        assert.strictEqual(item.ttl, item.expiresAt);
        assert.match(String(item.userId), /^[0-9a-f-]{36}$/, "a new user id");
    });

    it("callback keeps the tokens only in a single-use grant (TTL 5 minutes) and redirects with a one-time result, no session and no token under the user", async () => {
        const provider = world.providers.spotify;
        const started = await world.login("spotify");
        const { code, state } = world.consent("spotify", started.authorizationUrl);
        const tokensBefore = await world.dynamo.scan(TOKEN_TABLE_NAME);
        const before = Math.floor(Date.now() / 1000);
        const res = await world.callback("spotify", code, state);
        assert.strictEqual(res.statusCode, 302, res.body);
        const location = String(res.headers!.Location);
        assert.ok(location.startsWith(`${FRONTEND_URL}#`), location);
        const fragment = new URLSearchParams(location.split("#")[1]);
        assert.deepStrictEqual([...fragment.keys()].sort(), ["provider", "result"], "only the result and the provider");
        assert.strictEqual(fragment.get("provider"), "spotify");
        const { result } = resultOf(location);
        assert.match(result, /^[A-Za-z0-9_-]{43}$/);
        assert.strictEqual(res.headers!["Referrer-Policy"], "no-referrer");
        assert.strictEqual(res.headers!["Cache-Control"], "no-store");

        assert.deepStrictEqual(await world.dynamo.scan(TOKEN_TABLE_NAME), tokensBefore, "no token reaches the user's item yet");
        const states = await world.dynamo.scan(STATE_TABLE_NAME);
        assert.ok(!states.some((s) => s[STATE_TABLE.partitionKey] === `state#${sha(state)}`), "state consumed");
        const grant = states.find((s) => s[STATE_TABLE.partitionKey] === `grant#${sha(result)}`)!;
        assert.ok(grant, "a pending grant under the result's prefixed hash");
        assert.ok(!JSON.stringify(states).includes(result), "the raw result is not stored");
        assert.ok(Number(grant.ttl) - before <= 301 && Number(grant.ttl) - before >= 299, "grant lives 5 minutes");
        assert.strictEqual(grant.expiresAt, grant.ttl);
        assert.strictEqual(grant.clientChallenge, started.frontend.challenge);
        const accessToken = provider.issued.accessTokens.at(-1)!;
        const refreshToken = provider.issued.refreshTokens.at(-1)!;
        assert.ok(!JSON.stringify(grant).includes(accessToken) && !JSON.stringify(grant).includes(refreshToken), "no plaintext token in the grant");
        const context = { userId: String(grant.userId), platform: "spotify" };
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, context, String(grant.accessTokenCiphertext)), accessToken, "encrypted for the final user and platform");
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, context, String(grant.refreshTokenCiphertext)), refreshToken);
    });

    it("first login: the frontend redeems the result with its verifier and gets a session; the tokens move to the user's item, encrypted, and the grant is gone", async () => {
        const provider = world.providers.spotify;
        const started = await world.login("spotify");
        const { code, state } = world.consent("spotify", started.authorizationUrl);
        const { result } = resultOf(String((await world.callback("spotify", code, state)).headers!.Location));
        const res = await world.redeem("spotify", result, started.frontend.verifier, { Origin: FRONTEND_ORIGIN });
        assert.strictEqual(res.statusCode, 200, res.body);
        assert.strictEqual(res.headers!["Access-Control-Allow-Origin"], FRONTEND_ORIGIN);
        const body = JSON.parse(res.body) as { session: string; sessionExpiresAt: string; provider: string };
        assert.deepStrictEqual(Object.keys(body).sort(), ["provider", "session", "sessionExpiresAt"]);
        assert.strictEqual(body.provider, "spotify");

        const { payload, protectedHeader } = await jwtVerify(body.session, world.keyOf(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
        assert.strictEqual(protectedHeader.kid, world.currentKid, "kid = the session key's current version");
        assert.ok(payload.exp! - payload.iat! <= 900, "at most 15 minutes");
        assert.strictEqual(new Date(payload.exp! * 1000).toISOString(), body.sessionExpiresAt);
        assert.ok(Math.abs(Number(payload.auth_time) - Math.floor(Date.now() / 1000)) <= 2, "a new login starts the session chain now");
        const userId = String(payload.sub);

        assert.deepStrictEqual(await world.grants().then((g) => g.filter((i) => i.stateId === `grant#${sha(result)}`)), [], "grant consumed");
        const item = (await world.dynamo.scan(TOKEN_TABLE_NAME)).find((i) => i[TOKEN_TABLE.partitionKey] === userId)!;
        assert.ok(item, "token item stored under the user id");
        assert.strictEqual(item[TOKEN_TABLE.sortKey], "platform#spotify");
        const accessToken = provider.issued.accessTokens.at(-1)!;
        const refreshToken = provider.issued.refreshTokens.at(-1)!;
        assert.ok(!JSON.stringify(item).includes(accessToken) && !JSON.stringify(item).includes(refreshToken), "no plaintext token in the table");
        const context = { userId, platform: "spotify" };
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, context, String(item.accessTokenCiphertext)), accessToken);
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, context, String(item.refreshTokenCiphertext)), refreshToken);
        assert.throws(() => world.aws.decrypt(KMS_KEY_ID, { userId, platform: "soundcloud" }, String(item.refreshTokenCiphertext)), "bound to the platform");
        assert.ok(world.aws.kmsCalls.filter((c) => c.command === "Encrypt").every((c) => c.keyId === KMS_KEY_ID && c.context.userId && c.context.platform));
        const now = Math.floor(Date.now() / 1000);
        assert.ok(Math.abs(Number(item.expiresAt) - (now + 3600)) <= 5, "expiresAt from expires_in");
        assert.strictEqual(item.scope, "fake-scope");
        assert.strictEqual(item.version, 1);
        assert.ok(Number(item.ttl) > now + 89 * 86400, "retention TTL");
    });

    it("linking a second platform: login with the session, redeem with the same session; both platforms under one user, the session chain's first-login time kept", async () => {
        const spotify = await world.connect("spotify");
        const authTime = claimsOf(spotify.session).auth_time;
        const started = await world.login("soundcloud", { headers: bearer(spotify.session) });
        assert.strictEqual(new URL(started.authorizationUrl).searchParams.get("scope"), null, "SoundCloud takes no scope");
        const linkedState = (await world.dynamo.scan(STATE_TABLE_NAME)).find((s) => s.stateId === `state#${sha(started.state)}`)!;
        assert.deepStrictEqual([linkedState.userId, linkedState.linked], [spotify.userId, true]);
        const { code, state } = world.consent("soundcloud", started.authorizationUrl);
        const { result } = resultOf(String((await world.callback("soundcloud", code, state)).headers!.Location));
        const res = await world.redeem("soundcloud", result, started.frontend.verifier, bearer(spotify.session));
        assert.strictEqual(res.statusCode, 200, res.body);
        const session = JSON.parse(res.body).session as string;
        assert.strictEqual(claimsOf(session).sub, spotify.userId, "same user");
        assert.strictEqual(claimsOf(session).auth_time, authTime, "linking does not extend the absolute lifetime");
        const items = (await world.dynamo.scan(TOKEN_TABLE_NAME)).filter((i) => i.userId === spotify.userId);
        assert.deepStrictEqual(items.map((i) => i.sk).sort(), ["platform#soundcloud", "platform#spotify"]);
    });

    it("refresh returns a new access token and a renewed session, stores the token encrypted and keeps the refresh token the provider did not rotate", async () => {
        const provider = world.providers.spotify;
        const { session, userId } = await world.connect("spotify");
        const firstRefresh = provider.issued.refreshTokens.at(-1)!;
        const res = await world.invoke("refresh", world.event("refresh", "spotify", { headers: { ...bearer(session), Origin: FRONTEND_ORIGIN } }));
        assert.strictEqual(res.statusCode, 200, res.body);
        const body = JSON.parse(res.body) as { accessToken: string; expiresAt: string; session: string; sessionExpiresAt: string };
        assert.deepStrictEqual(Object.keys(body).sort(), ["accessToken", "expiresAt", "session", "sessionExpiresAt"]);
        assert.strictEqual(body.accessToken, provider.issued.accessTokens.at(-1));
        assert.ok(Math.abs(Date.parse(body.expiresAt) - (Date.now() + 3600_000)) < 5000);
        assert.strictEqual(res.headers!["Access-Control-Allow-Origin"], FRONTEND_ORIGIN);
        const renewed = claimsOf(body.session);
        assert.notStrictEqual(body.session, session);
        assert.deepStrictEqual([renewed.sub, renewed.auth_time], [userId, claimsOf(session).auth_time], "same user, same chain");
        assert.strictEqual(new Date(Number(renewed.exp) * 1000).toISOString(), body.sessionExpiresAt);

        const item = (await world.dynamo.scan(TOKEN_TABLE_NAME)).find((i) => i.userId === userId)!;
        const context = { userId, platform: "spotify" };
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, context, String(item.accessTokenCiphertext)), body.accessToken);
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, context, String(item.refreshTokenCiphertext)), firstRefresh, "old refresh token kept");
        assert.ok(!JSON.stringify(item).includes(body.accessToken));
        assert.strictEqual(item.version, 2, "each stored refresh moves the version");
        assert.ok(!("leaseId" in item) && !("leaseUntilMs" in item), "the claim is gone once the tokens are stored");
        const decrypts = world.aws.kmsCalls.filter((c) => c.command === "Decrypt");
        assert.deepStrictEqual(decrypts.at(-1), { command: "Decrypt", keyId: KMS_KEY_ID, context });
    });

    it("refreshes an item stored before versions existed (no version attribute), and versions it from then on", async () => {
        const { session, userId } = await world.connect("spotify");
        await world.dynamo.doc.send(new UpdateCommand({ TableName: TOKEN_TABLE_NAME, Key: { userId, sk: "platform#spotify" }, UpdateExpression: "REMOVE version" }));
        const res = await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(session) }));
        assert.strictEqual(res.statusCode, 200, res.body);
        const item = (await world.dynamo.scan(TOKEN_TABLE_NAME)).find((i) => i.userId === userId)!;
        assert.strictEqual(item.version, 1);
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, { userId, platform: "spotify" }, String(item.accessTokenCiphertext)), JSON.parse(res.body).accessToken);
    });

    it("renewed sessions stop at the absolute lifetime counted from the first login (30 days by default)", async () => {
        const { userId } = await world.connect("spotify");
        const now = Math.floor(Date.now() / 1000);
        const authTime = now - 30 * 86400 + 120; // two minutes of the chain left
        const old = await world.signSession({ sub: userId, auth_time: authTime, iat: now - 60, exp: now + 60 });
        const res = await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(old) }));
        assert.strictEqual(res.statusCode, 200, res.body);
        const renewed = claimsOf(JSON.parse(res.body).session);
        assert.strictEqual(renewed.exp, authTime + 30 * 86400, "capped at auth_time + 30 days, not 15 minutes from now");
        const beyond = await world.signSession({ sub: userId, auth_time: now - 31 * 86400, iat: now - 60, exp: now + 60 });
        const refused = await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(beyond) }));
        assert.strictEqual(refused.statusCode, 401, "a session past the chain's end does not verify");
    });

    it("a provider added only by configuration (YouTube Music) works end to end with its extra authorize parameters", async () => {
        const started = await world.login("youtube-music");
        const url = new URL(started.authorizationUrl);
        assert.strictEqual(url.searchParams.get("access_type"), "offline");
        assert.strictEqual(url.searchParams.get("scope"), "https://www.googleapis.com/auth/youtube.readonly");
        const { session } = await world.connect("youtube-music");
        const res = await world.invoke("refresh", world.event("refresh", "youtube-music", { headers: bearer(session) }));
        assert.strictEqual(res.statusCode, 200, res.body);
    });

    it("disconnect deletes the platform's tokens and revokes the refresh token at a provider with a revokeUrl: 204", async () => {
        const ytm = world.providers["youtube-music"];
        const { session, userId } = await world.connect("youtube-music");
        const refreshToken = ytm.issued.refreshTokens.at(-1)!;
        const res = await world.invoke("disconnect", world.event("disconnect", "youtube-music", { headers: { ...bearer(session), Origin: FRONTEND_ORIGIN } }));
        assert.strictEqual(res.statusCode, 204, res.body);
        assert.strictEqual(res.body, "");
        assert.strictEqual(res.headers!["Access-Control-Allow-Origin"], FRONTEND_ORIGIN);
        assert.deepStrictEqual(ytm.revocations.at(-1), { token: refreshToken, hint: "refresh_token" });
        assert.strictEqual((await world.dynamo.scan(TOKEN_TABLE_NAME)).filter((i) => i.userId === userId && i.sk === "platform#youtube-music").length, 0);
        const again = await world.invoke("refresh", world.event("refresh", "youtube-music", { headers: bearer(session) }));
        assert.strictEqual(JSON.parse(again.body).error.code, "not_connected");
    });

    it("disconnect at a provider without a revocation endpoint (Spotify) deletes the tokens and calls nothing", async () => {
        const spotify = world.providers.spotify;
        const { session, userId } = await world.connect("spotify");
        const requests = spotify.tokenRequests.length;
        const res = await world.invoke("disconnect", world.event("disconnect", "spotify", { headers: bearer(session) }));
        assert.strictEqual(res.statusCode, 204, res.body);
        assert.strictEqual(spotify.revocations.length, 0);
        assert.strictEqual(spotify.tokenRequests.length, requests);
        assert.ok(!(await world.dynamo.scan(TOKEN_TABLE_NAME)).some((i) => i.userId === userId && i.sk === "platform#spotify"));
    });

    it("disconnect still deletes the tokens when the revocation fails, and logs it", async () => {
        const ytm = world.providers["youtube-music"];
        const { session, userId } = await world.connect("youtube-music");
        ytm.next = { status: 503, body: "down" };
        const lines = world.logLines.length;
        const res = await world.invoke("disconnect", world.event("disconnect", "youtube-music", { headers: bearer(session) }));
        assert.strictEqual(res.statusCode, 204);
        assert.ok(!(await world.dynamo.scan(TOKEN_TABLE_NAME)).some((i) => i.userId === userId && i.sk === "platform#youtube-music"));
        const events = world.logLines.slice(lines).map((l) => JSON.parse(l));
        assert.ok(events.some((e) => e.event === "revoke_failed" && e.level === "warn" && e.errorCode === "provider_unavailable"));
        assert.ok(events.some((e) => e.event === "connection_deleted" && e.revoked === false));
    });

    it("a copied ciphertext does not decrypt for another user: refresh fails closed with 500 and stores nothing", async () => {
        const a = await world.connect("spotify");
        const b = await world.connect("spotify");
        const itemA = (await world.dynamo.scan(TOKEN_TABLE_NAME)).find((i) => i.userId === a.userId)!;
        await world.dynamo.doc.send(new UpdateCommand({
            TableName: TOKEN_TABLE_NAME, Key: { userId: b.userId, sk: "platform#spotify" },
            UpdateExpression: "SET refreshTokenCiphertext = :c", ExpressionAttributeValues: { ":c": itemA.refreshTokenCiphertext },
        }));
        const before = await world.snapshot();
        const res = await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(b.session) }));
        assert.strictEqual(res.statusCode, 500);
        assert.strictEqual(JSON.parse(res.body).error.code, "internal_error");
        await world.assertNothingStored(before);
    });

    it("answers CORS only for the frontend origin, on every browser route", async () => {
        const ok = await world.invoke("login", world.event("login", "spotify", { method: "OPTIONS", headers: { Origin: FRONTEND_ORIGIN } }));
        assert.strictEqual(ok.statusCode, 204);
        assert.strictEqual(ok.headers!["Access-Control-Allow-Origin"], FRONTEND_ORIGIN);
        assert.match(String(ok.headers!["Access-Control-Allow-Headers"]), /Authorization/);
        for (const [fn, method] of [["session", "POST"], ["disconnect", "DELETE"]] as const) {
            const preflight = await world.invoke(fn, world.event(fn, "spotify", { method: "OPTIONS", headers: { Origin: FRONTEND_ORIGIN } }));
            assert.deepStrictEqual([preflight.statusCode, preflight.headers!["Access-Control-Allow-Methods"]], [204, `${method}, OPTIONS`], fn);
        }
        const other = await world.invoke("login", world.event("login", "spotify", { headers: { Origin: "https://evil.example" }, body: JSON.stringify({ clientChallenge: "a".repeat(43) }) }));
        assert.strictEqual(other.statusCode, 200);
        assert.strictEqual(other.headers!["Access-Control-Allow-Origin"], undefined);
        const preflight = await world.invoke("refresh", world.event("refresh", "spotify", { method: "OPTIONS", headers: { Origin: "https://evil.example" } }));
        assert.strictEqual(preflight.headers!["Access-Control-Allow-Origin"], undefined);
    });
});

describe("OAuth broker with a provider that rotates refresh tokens", function () {
    this.timeout(20000);
    const world = new BrokerWorld({ rotateRefreshTokens: true });
    before(() => world.start());
    after(() => world.stop());

    it("stores the rotated refresh token, and the old one is no longer used", async () => {
        const provider = world.providers.soundcloud;
        const { session, userId } = await world.connect("soundcloud");
        for (let i = 0; i < 2; i++) {
            const res = await world.invoke("refresh", world.event("refresh", "soundcloud", { headers: bearer(session) }));
            assert.strictEqual(res.statusCode, 200, res.body);
        }
        const item = (await world.dynamo.scan(TOKEN_TABLE_NAME)).find((i) => i.userId === userId)!;
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, { userId, platform: "soundcloud" }, String(item.refreshTokenCiphertext)), provider.issued.refreshTokens.at(-1));
        assert.strictEqual(provider.issued.refreshTokens.length, 3, "one from the code exchange, one per refresh");
    });

    it("two concurrent refreshes both answer 200 with the same fresh access token, and the provider sees the refresh token once", async () => {
        const provider = world.providers.spotify;
        const { session, userId } = await world.connect("spotify");
        const grantsBefore = provider.tokenRequests.filter((r) => r.grantType === "refresh_token").length;
        // The provider takes a moment, as real ones do: the others arrive while the first is at the provider.
        provider.latencyMs = 300;
        const slow = provider.tokenRequests.length;
        const results = await Promise.all([1, 2, 3].map(() => world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(session) }))))
            .finally(() => { provider.latencyMs = 0; });
        assert.deepStrictEqual(results.map((r) => r.statusCode), [200, 200, 200], results.map((r) => r.body).join("\n"));
        const tokens = results.map((r) => JSON.parse(r.body).accessToken as string);
        assert.strictEqual(new Set(tokens).size, 1, "the losers answer the winner's token");
        assert.strictEqual(tokens[0], provider.issued.accessTokens.at(-1));
        const refreshGrants = provider.tokenRequests.slice(slow).filter((r) => r.grantType === "refresh_token");
        assert.deepStrictEqual(refreshGrants, [{ grantType: "refresh_token", ok: true }], "one refresh at the provider, none refused");
        assert.strictEqual(provider.tokenRequests.filter((r) => r.grantType === "refresh_token").length, grantsBefore + 1);
        const item = (await world.dynamo.scan(TOKEN_TABLE_NAME)).find((i) => i.userId === userId && i.sk === "platform#spotify")!;
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, { userId, platform: "spotify" }, String(item.refreshTokenCiphertext)), provider.issued.refreshTokens.at(-1), "the rotated refresh token is stored");
        assert.strictEqual(item.version, 2, "one write of new tokens");
        const completed = world.logLines.map((l) => JSON.parse(l)).filter((e) => e.event === "token_refreshed").slice(-3);
        assert.deepStrictEqual(completed.map((e) => e.concurrent).sort(), [false, true, true]);
    });
});
