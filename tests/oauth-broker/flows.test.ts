/**
 * End-to-end: login → consent → callback → refresh against fake providers on loopback, dynalite and
 * a fake KMS. Asserts what each step returns and what is (and is not) stored.
 */
import * as assert from "assert";
import { createHash } from "crypto";
import { jwtVerify } from "jose";
import { STATE_TABLE, TOKEN_TABLE } from "../../components/oauth-broker/handlers/contract";
import { AUDIENCE, bearer, BrokerWorld, CALLBACK_BASE_URL, FRONTEND_ORIGIN, FRONTEND_URL, ISSUER, KMS_KEY_ID, STATE_TABLE_NAME, TOKEN_TABLE_NAME } from "./harness";

describe("OAuth broker flows (login, callback, refresh)", function () {
    this.timeout(20000);
    const world = new BrokerWorld();
    before(() => world.start());
    after(() => world.stop());

    it("login returns the provider's authorize URL with PKCE S256 and a fixed redirect_uri, and stores the state single-use for 10 minutes", async () => {
        const before = Date.now();
        const res = await world.invoke("login", world.event("login", "spotify"));
        assert.strictEqual(res.statusCode, 200, res.body);
        const body = JSON.parse(res.body) as { authorizationUrl: string; state: string; expiresAt: string };
        const url = new URL(body.authorizationUrl);
        assert.strictEqual(`${url.origin}${url.pathname}`, world.providers.spotify.authorizeUrl);
        assert.strictEqual(url.searchParams.get("client_id"), "spotify-client");
        assert.strictEqual(url.searchParams.get("redirect_uri"), `${CALLBACK_BASE_URL}/auth/spotify/callback`);
        assert.strictEqual(url.searchParams.get("response_type"), "code");
        assert.strictEqual(url.searchParams.get("code_challenge_method"), "S256");
        assert.match(url.searchParams.get("scope")!, /^user-read-private user-read-email streaming /, "built-in Spotify scopes");
        assert.strictEqual(url.searchParams.get("state"), body.state);
        assert.match(body.state, /^[A-Za-z0-9_-]{43}$/, "32 random bytes, base64url");
        const ttl = Date.parse(body.expiresAt) - before;
        assert.ok(ttl > 595_000 && ttl <= 601_000, `state lifetime ${ttl} ms`);

        const states = await world.dynamo.scan(STATE_TABLE_NAME);
        const item = states.find((s) => s[STATE_TABLE.partitionKey] === createHash("sha256").update(body.state).digest("base64url"));
        assert.ok(item, "state stored under its hash");
        assert.ok(!JSON.stringify(states).includes(body.state), "the raw state is not stored");
        assert.strictEqual(item.provider, "spotify");
        assert.strictEqual(createHash("sha256").update(String(item.codeVerifier)).digest("base64url"), url.searchParams.get("code_challenge"), "challenge = S256(verifier)");
        assert.strictEqual(item.ttl, item.expiresAt);
        assert.match(String(item.userId), /^[0-9a-f-]{36}$/, "a new user id");
        assert.strictEqual(res.headers!["Cache-Control"], "no-store");
    });

    it("callback consumes the state, stores only KMS ciphertext bound to {userId, platform}, and redirects to the frontend with a 15-minute HS256 session", async () => {
        const provider = world.providers.spotify;
        const { session, userId, location, state } = await world.connect("spotify");

        assert.ok(location.startsWith(`${FRONTEND_URL}#`), location);
        const fragment = new URLSearchParams(location.split("#")[1]);
        assert.strictEqual(fragment.get("provider"), "spotify");
        const { payload, protectedHeader } = await jwtVerify(session, new TextEncoder().encode(world.sessionKey), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
        assert.strictEqual(protectedHeader.alg, "HS256");
        assert.strictEqual(payload.sub, userId);
        assert.ok(payload.jti && payload.iat && payload.exp);
        assert.ok(payload.exp! - payload.iat! <= 900, "at most 15 minutes");

        const states = await world.dynamo.scan(STATE_TABLE_NAME);
        assert.ok(!states.some((s) => s[STATE_TABLE.partitionKey] === createHash("sha256").update(state).digest("base64url")), "state consumed");

        const items = await world.dynamo.scan(TOKEN_TABLE_NAME);
        const item = items.find((i) => i[TOKEN_TABLE.partitionKey] === userId)!;
        assert.ok(item, "token item stored under the user id");
        assert.strictEqual(item[TOKEN_TABLE.sortKey], "platform#spotify");
        const accessToken = provider.issued.accessTokens.at(-1)!;
        const refreshToken = provider.issued.refreshTokens.at(-1)!;
        const table = JSON.stringify(items);
        assert.ok(!table.includes(accessToken) && !table.includes(refreshToken), "no plaintext token in the table");
        const context = { userId, platform: "spotify" };
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, context, String(item.accessTokenCiphertext)), accessToken);
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, context, String(item.refreshTokenCiphertext)), refreshToken);
        assert.throws(() => world.aws.decrypt(KMS_KEY_ID, { userId, platform: "soundcloud" }, String(item.refreshTokenCiphertext)), "bound to the platform");
        assert.ok(world.aws.kmsCalls.filter((c) => c.command === "Encrypt").every((c) => c.keyId === KMS_KEY_ID && c.context.userId && c.context.platform));
        const now = Math.floor(Date.now() / 1000);
        assert.ok(Math.abs(Number(item.expiresAt) - (now + 3600)) <= 5, "expiresAt from expires_in");
        assert.strictEqual(item.scope, "fake-scope");
        assert.ok(Number(item.ttl) > now + 89 * 86400, "retention TTL");
    });

    it("refresh returns a new access token, stores it encrypted and keeps the refresh token the provider did not rotate", async () => {
        const provider = world.providers.spotify;
        const { session, userId } = await world.connect("spotify");
        const firstRefresh = provider.issued.refreshTokens.at(-1)!;
        const res = await world.invoke("refresh", world.event("refresh", "spotify", { headers: { ...bearer(session), Origin: FRONTEND_ORIGIN } }));
        assert.strictEqual(res.statusCode, 200, res.body);
        const body = JSON.parse(res.body) as { accessToken: string; expiresAt: string };
        assert.strictEqual(body.accessToken, provider.issued.accessTokens.at(-1));
        assert.ok(Math.abs(Date.parse(body.expiresAt) - (Date.now() + 3600_000)) < 5000);
        assert.strictEqual(res.headers!["Access-Control-Allow-Origin"], FRONTEND_ORIGIN);

        const item = (await world.dynamo.scan(TOKEN_TABLE_NAME)).find((i) => i.userId === userId)!;
        const context = { userId, platform: "spotify" };
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, context, String(item.accessTokenCiphertext)), body.accessToken);
        assert.strictEqual(world.aws.decrypt(KMS_KEY_ID, context, String(item.refreshTokenCiphertext)), firstRefresh, "old refresh token kept");
        assert.ok(!JSON.stringify(item).includes(body.accessToken));
        const decrypts = world.aws.kmsCalls.filter((c) => c.command === "Decrypt");
        assert.deepStrictEqual(decrypts.at(-1), { command: "Decrypt", keyId: KMS_KEY_ID, context });
    });

    it("login with a session links the new platform to the same user (SoundCloud, client_secret_post, no scope)", async () => {
        const spotify = await world.connect("spotify");
        const started = await world.login("soundcloud", bearer(spotify.session));
        assert.strictEqual(new URL(started.authorizationUrl).searchParams.get("scope"), null, "SoundCloud takes no scope");
        const sc = await world.connect("soundcloud", bearer(spotify.session));
        assert.strictEqual(sc.userId, spotify.userId);
        const items = (await world.dynamo.scan(TOKEN_TABLE_NAME)).filter((i) => i.userId === spotify.userId);
        assert.deepStrictEqual(items.map((i) => i.sk).sort(), ["platform#soundcloud", "platform#spotify"]);
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

    it("a copied ciphertext does not decrypt for another user: refresh fails closed with 500 and stores nothing", async () => {
        const a = await world.connect("spotify");
        const b = await world.connect("spotify");
        const itemA = (await world.dynamo.scan(TOKEN_TABLE_NAME)).find((i) => i.userId === a.userId)!;
        await world.dynamo.doc.send(new (await import("@aws-sdk/lib-dynamodb")).UpdateCommand({
            TableName: TOKEN_TABLE_NAME, Key: { userId: b.userId, sk: "platform#spotify" },
            UpdateExpression: "SET refreshTokenCiphertext = :c", ExpressionAttributeValues: { ":c": itemA.refreshTokenCiphertext },
        }));
        const before = await world.snapshot();
        const res = await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(b.session) }));
        assert.strictEqual(res.statusCode, 500);
        assert.strictEqual(JSON.parse(res.body).error.code, "internal_error");
        await world.assertNothingStored(before);
    });

    it("answers CORS only for the frontend origin", async () => {
        const ok = await world.invoke("login", world.event("login", "spotify", { method: "OPTIONS", headers: { Origin: FRONTEND_ORIGIN } }));
        assert.strictEqual(ok.statusCode, 204);
        assert.strictEqual(ok.headers!["Access-Control-Allow-Origin"], FRONTEND_ORIGIN);
        assert.match(String(ok.headers!["Access-Control-Allow-Headers"]), /Authorization/);
        const other = await world.invoke("login", world.event("login", "spotify", { headers: { Origin: "https://evil.example" } }));
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
});
