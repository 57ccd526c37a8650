/**
 * Hostile and broken input on login, callback, refresh and disconnect: each case asserts the status,
 * the stable error code, that nothing was stored (no token item changed, no new state or grant) and
 * that no secret reached the logs. Redeeming results: redemption.test.ts; provider answers:
 * provider-answers.test.ts.
 */
import * as assert from "assert";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { randomBytes, randomUUID } from "crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { bearer, BrokerWorld, errorOf, Frontend, FunctionName, STATE_TABLE_NAME } from "./harness";
import { stateId } from "../../components/oauth-broker/handlers/lib/state-store";

describe("OAuth broker: hostile input gets a JSON 4xx with a stable code and nothing stored", function () {
    this.timeout(20000);
    const world = new BrokerWorld({ providerTimeoutMs: 300 });
    before(() => world.start());
    after(() => world.stop());

    const expectRefused = (fn: FunctionName, event: APIGatewayProxyEvent, status: number, code: string, extra: string[] = []) => world.expectRefused(fn, event, status, code, extra);

    /** A login whose state is stored, and the consent code the provider issued for it. */
    async function pending(provider: "spotify" | "soundcloud" = "spotify"): Promise<{ code: string; state: string }> {
        const started = await world.login(provider);
        return world.consent(provider, started.authorizationUrl);
    }
    const loginBody = (fields: Record<string, unknown> = { clientChallenge: new Frontend().challenge }) => JSON.stringify(fields);

    const callback = (provider: string, query: Record<string, string>) => world.event("callback", provider, { query });

    describe("provider", () => {
        for (const fn of ["login", "callback", "session", "refresh", "disconnect"] as const) {
            it(`${fn}: an unknown provider is 404 unknown_provider`, async () => {
                await expectRefused(fn, world.event(fn, "deezer", { query: fn === "callback" ? { code: "x", state: "y".repeat(43) } : undefined }), 404, "unknown_provider");
            });
        }
        it("a malformed provider name is 404 unknown_provider", async () => {
            await expectRefused("login", world.event("login", "../Spotify"), 404, "unknown_provider");
        });
    });

    describe("state", () => {
        it("a missing state is 400 missing_parameter", async () => {
            await expectRefused("callback", callback("spotify", { code: "abc" }), 400, "missing_parameter");
        });

        it("a missing code is 400 missing_parameter and leaves the state usable", async () => {
            const { state } = await pending();
            await expectRefused("callback", callback("spotify", { state }), 400, "missing_parameter");
            const states = await world.dynamo.scan(STATE_TABLE_NAME);
            assert.ok(states.some((s) => s.stateId === stateId(state)));
        });

        it("a forged (well-formed, never issued) state is 400 invalid_state", async () => {
            await expectRefused("callback", callback("spotify", { code: "abc", state: randomBytes(32).toString("base64url") }), 400, "invalid_state");
        });

        it("an expired state is 400 expired_state (checked in code: TTL deletion is lazy)", async () => {
            const { code, state } = await pending();
            await world.dynamo.doc.send(new UpdateCommand({
                TableName: STATE_TABLE_NAME, Key: { stateId: stateId(state) },
                UpdateExpression: "SET expiresAt = :past", ExpressionAttributeValues: { ":past": Math.floor(Date.now() / 1000) - 1 },
            }));
            const exchanges = world.providers.spotify.tokenRequests.length;
            await expectRefused("callback", callback("spotify", { code, state }), 400, "expired_state");
            assert.strictEqual(world.providers.spotify.tokenRequests.length, exchanges, "no exchange attempted");
        });

        it("a reused state (the callback replayed) is 400 invalid_state", async () => {
            const { code, state } = await pending();
            const first = await world.invoke("callback", callback("spotify", { code, state }));
            assert.strictEqual(first.statusCode, 302, first.body);
            await expectRefused("callback", callback("spotify", { code, state }), 400, "invalid_state");
        });

        it("two concurrent callbacks with one state: exactly one succeeds", async () => {
            const { code, state } = await pending();
            const results = await Promise.all([1, 2].map(() => world.invoke("callback", callback("spotify", { code, state }))));
            assert.deepStrictEqual(results.map((r) => r.statusCode).sort(), [302, 400]);
        });

        it("a state issued for another provider is 400 invalid_state", async () => {
            const { code, state } = await pending("spotify");
            await expectRefused("callback", callback("soundcloud", { code, state }), 400, "invalid_state");
        });

        it("a state sent twice in the query is 400 invalid_parameter", async () => {
            const { code, state } = await pending();
            const event = world.event("callback", "spotify", { query: { code, state }, multiQuery: { code: [code], state: [state, randomBytes(32).toString("base64url")] } });
            await expectRefused("callback", event, 400, "invalid_parameter");
        });

        it("a denied consent (error=access_denied) is 400 authorization_denied and consumes the state", async () => {
            const { state } = await pending();
            await expectRefused("callback", callback("spotify", { error: "access_denied", state }), 400, "authorization_denied");
            await expectRefused("callback", callback("spotify", { code: "late", state }), 400, "invalid_state");
        });
    });

    describe("code and provider answers", () => {
        it("a replayed code with a fresh state is refused by the provider: 400 provider_error", async () => {
            const { code, state } = await pending();
            assert.strictEqual((await world.invoke("callback", callback("spotify", { code, state }))).statusCode, 302);
            const fresh = await pending();
            await expectRefused("callback", callback("spotify", { code, state: fresh.state }), 400, "provider_error");
        });

        it("a provider error answer (invalid_grant) is 400 provider_error naming the OAuth error only", async () => {
            const { code, state } = await pending();
            world.providers.spotify.next = { status: 400, body: JSON.stringify({ error: "invalid_grant", error_description: "<script>x</script>" }) };
            const res = await world.invoke("callback", callback("spotify", { code, state }));
            assert.deepStrictEqual(errorOf(res), { status: 400, code: "provider_error" });
            assert.ok(!res.body.includes("script"), "provider text is not echoed");
        });

        it("a provider 5xx is 502 provider_unavailable", async () => {
            const { code, state } = await pending();
            world.providers.spotify.next = { status: 503, body: "down" };
            await expectRefused("callback", callback("spotify", { code, state }), 502, "provider_unavailable");
        });

        it("a provider that does not answer in time is 502 provider_unavailable", async () => {
            const { code, state } = await pending();
            world.providers.spotify.next = { status: 200, body: "{}", delayMs: 3000 };
            const started = Date.now();
            await expectRefused("callback", callback("spotify", { code, state }), 502, "provider_unavailable");
            assert.ok(Date.now() - started < 2500, "timed out at PROVIDER_TIMEOUT_MS");
        });

        it("a malformed 200 answer (no access_token) is 502 provider_unavailable", async () => {
            const { code, state } = await pending();
            world.providers.spotify.next = { status: 200, body: JSON.stringify({ token_type: "Bearer", expires_in: 3600 }) };
            await expectRefused("callback", callback("spotify", { code, state }), 502, "provider_unavailable");
        });

        it("a refresh token revoked at the provider is 400 provider_error, and the stored tokens stay as they were", async () => {
            const { session } = await world.connect("soundcloud");
            world.providers.soundcloud.revokeAll();
            await expectRefused("refresh", world.event("refresh", "soundcloud", { headers: bearer(session) }), 400, "provider_error");
        });

        it("refresh for a provider the user never connected is 404 not_connected", async () => {
            const { session } = await world.connect("spotify");
            await expectRefused("refresh", world.event("refresh", "soundcloud", { headers: bearer(session) }), 404, "not_connected");
        });
    });

    describe("oversized and malformed parameters", () => {
        it("an oversized code is 400 invalid_parameter", async () => {
            const { state } = await pending();
            await expectRefused("callback", callback("spotify", { code: "c".repeat(5000), state }), 400, "invalid_parameter");
        });
        it("an oversized state is 400 invalid_parameter", async () => {
            await expectRefused("callback", callback("spotify", { code: "abc", state: "s".repeat(5000) }), 400, "invalid_parameter");
        });
        it("a state with characters outside base64url is 400 invalid_parameter", async () => {
            await expectRefused("callback", callback("spotify", { code: "abc", state: `${"a".repeat(42)}'` }), 400, "invalid_parameter");
        });
        it("a code with control characters is 400 invalid_parameter", async () => {
            const { state } = await pending();
            await expectRefused("callback", callback("spotify", { code: "abc\r\nx", state }), 400, "invalid_parameter");
        });
        it("an oversized login body is 400 invalid_parameter", async () => {
            await expectRefused("login", world.event("login", "spotify", { body: JSON.stringify({ pad: "x".repeat(5000) }) }), 400, "invalid_parameter");
        });
        it("a login body that is not a JSON object is 400 invalid_request", async () => {
            await expectRefused("login", world.event("login", "spotify", { body: "[1,2]" }), 400, "invalid_request");
        });
        it("a login without clientChallenge is 400 missing_parameter", async () => {
            await expectRefused("login", world.event("login", "spotify"), 400, "missing_parameter");
            await expectRefused("login", world.event("login", "spotify", { body: "{}" }), 400, "missing_parameter");
        });
        it("a malformed clientChallenge (not 43 base64url characters, not a string) is 400 invalid_parameter", async () => {
            for (const clientChallenge of ["a".repeat(42), "a".repeat(44), `${"a".repeat(42)}=`, 42, null]) {
                await expectRefused("login", world.event("login", "spotify", { body: loginBody({ clientChallenge }) }), 400, "invalid_parameter");
            }
        });
        it("a login body with a field the route does not take is 400 invalid_parameter", async () => {
            await expectRefused("login", world.event("login", "spotify", { body: loginBody({ clientChallenge: new Frontend().challenge, userId: "someone" }) }), 400, "invalid_parameter");
        });
        it("a refresh or disconnect body with any field is 400 invalid_parameter", async () => {
            const { session } = await world.connect("spotify");
            for (const fn of ["refresh", "disconnect"] as const) {
                await expectRefused(fn, world.event(fn, "spotify", { headers: bearer(session), body: JSON.stringify({ provider: "soundcloud" }) }), 400, "invalid_parameter", [session]);
            }
        });
    });

    describe("redirect target", () => {
        it("callback with redirect_uri is 400 redirect_not_allowed, before the state is consumed", async () => {
            const { code, state } = await pending();
            await expectRefused("callback", callback("spotify", { code, state, redirect_uri: "https://evil.example/" }), 400, "redirect_not_allowed");
            const states = await world.dynamo.scan(STATE_TABLE_NAME);
            assert.ok(states.some((s) => s.stateId === stateId(state)), "state not consumed");
        });
        it("callback with redirect is 400 redirect_not_allowed", async () => {
            const { code, state } = await pending();
            await expectRefused("callback", callback("spotify", { code, state, redirect: "https://evil.example/" }), 400, "redirect_not_allowed");
        });
        it("login with a redirect_uri in the body is 400 redirect_not_allowed", async () => {
            await expectRefused("login", world.event("login", "spotify", { body: loginBody({ clientChallenge: new Frontend().challenge, redirect_uri: "https://evil.example/cb" }) }), 400, "redirect_not_allowed");
        });
        it("login with returnTo in the query is 400 redirect_not_allowed", async () => {
            await expectRefused("login", world.event("login", "spotify", { query: { returnTo: "https://evil.example/" }, body: loginBody() }), 400, "redirect_not_allowed");
        });
        it("the callback always redirects to the configured frontend, whatever the Host or Referer", async () => {
            const { code, state } = await pending();
            const event = callback("spotify", { code, state });
            event.headers = { Host: "evil.example", Referer: "https://evil.example/", "X-Forwarded-Host": "evil.example" };
            const res = await world.invoke("callback", event);
            assert.strictEqual(res.statusCode, 302);
            assert.ok(String(res.headers!.Location).startsWith("https://app.multimusic.test/connected#"));
        });
    });

    describe("session JWT", () => {
        const refreshWith = (headers: Record<string, string>) => world.event("refresh", "spotify", { headers });
        let userId = "";
        before(async () => { userId = (await world.connect("spotify")).userId; });

        it("a missing session is 401 invalid_session", async () => {
            await expectRefused("refresh", refreshWith({}), 401, "invalid_session");
        });
        it("an expired session is 401 invalid_session", async () => {
            const now = Math.floor(Date.now() / 1000);
            await expectRefused("refresh", refreshWith(bearer(await world.signSession({ sub: userId, iat: now - 1000, exp: now - 60 }))), 401, "invalid_session");
        });
        it("a tampered session (payload changed, signature kept) is 401 invalid_session", async () => {
            const good = await world.signSession({ sub: randomUUID() });
            const [h, p, s] = good.split(".");
            const payload = JSON.parse(Buffer.from(p, "base64url").toString());
            payload.sub = userId;
            const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
            await expectRefused("refresh", refreshWith(bearer(forged)), 401, "invalid_session");
        });
        it("a session with alg none is 401 invalid_session", async () => {
            const now = Math.floor(Date.now() / 1000);
            const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
            const none = `${enc({ alg: "none", typ: "JWT" })}.${enc({ sub: userId, iss: "https://api.multimusic.test", aud: "multimusic-frontend", iat: now, exp: now + 600, jti: randomUUID() })}.`;
            await expectRefused("refresh", refreshWith(bearer(none)), 401, "invalid_session");
        });
        it("a session signed with another algorithm (HS512, same key) is 401 invalid_session", async () => {
            await expectRefused("refresh", refreshWith(bearer(await world.signSession({ sub: userId }, "HS512"))), 401, "invalid_session");
        });
        it("a session from another issuer or for another audience is 401 invalid_session", async () => {
            await expectRefused("refresh", refreshWith(bearer(await world.signSession({ sub: userId, iss: "https://evil.example" }))), 401, "invalid_session");
            await expectRefused("refresh", refreshWith(bearer(await world.signSession({ sub: userId, aud: "someone-else" }))), 401, "invalid_session");
        });
        it("a session valid for more than 15 minutes is 401 invalid_session", async () => {
            const now = Math.floor(Date.now() / 1000);
            await expectRefused("refresh", refreshWith(bearer(await world.signSession({ sub: userId, iat: now, exp: now + 3600 }))), 401, "invalid_session");
        });
        it("a session signed with another key is 401 invalid_session", async () => {
            const { SignJWT } = await import("jose");
            const now = Math.floor(Date.now() / 1000);
            const other = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(userId).setIssuer("https://api.multimusic.test")
                .setAudience("multimusic-frontend").setIssuedAt(now).setExpirationTime(now + 600).setJti(randomUUID()).sign(randomBytes(32));
            await expectRefused("refresh", refreshWith(bearer(other)), 401, "invalid_session");
        });
        it("a session signed with another key under the current kid is 401 invalid_session", async () => {
            await expectRefused("refresh", refreshWith(bearer(await world.signSession({ sub: userId }, "HS256", { key: randomBytes(48) }))), 401, "invalid_session");
        });
        it("a session without a kid, or with a kid the secret never had, is 401 invalid_session", async () => {
            await expectRefused("refresh", refreshWith(bearer(await world.signSession({ sub: userId }, "HS256", { kid: null, key: world.keyOf() }))), 401, "invalid_session");
            await expectRefused("refresh", refreshWith(bearer(await world.signSession({ sub: userId }, "HS256", { kid: randomUUID(), key: world.keyOf() }))), 401, "invalid_session");
            await expectRefused("refresh", refreshWith(bearer(await world.signSession({ sub: userId }, "HS256", { kid: "../../etc/passwd", key: world.keyOf() }))), 401, "invalid_session");
        });
        it("a session without auth_time, or with auth_time after it was issued, is 401 invalid_session", async () => {
            const { SignJWT } = await import("jose");
            const now = Math.floor(Date.now() / 1000);
            const noAuthTime = await new SignJWT({}).setProtectedHeader({ alg: "HS256", kid: world.currentKid }).setSubject(userId).setIssuer("https://api.multimusic.test")
                .setAudience("multimusic-frontend").setIssuedAt(now).setExpirationTime(now + 600).setJti(randomUUID()).sign(world.keyOf());
            await expectRefused("refresh", refreshWith(bearer(noAuthTime)), 401, "invalid_session");
            await expectRefused("refresh", refreshWith(bearer(await world.signSession({ sub: userId, auth_time: now + 600 }))), 401, "invalid_session");
        });
        it("disconnect without a session is 401 invalid_session, and for a platform never connected 404 not_connected", async () => {
            await expectRefused("disconnect", world.event("disconnect", "spotify"), 401, "invalid_session");
            const session = await world.signSession({ sub: userId });
            await expectRefused("disconnect", world.event("disconnect", "soundcloud", { headers: bearer(session) }), 404, "not_connected");
        });
        it("a garbage Authorization header is 401 invalid_session", async () => {
            await expectRefused("refresh", refreshWith({ Authorization: "Basic dXNlcjpwYXNz" }), 401, "invalid_session");
            await expectRefused("refresh", refreshWith({ Authorization: `Bearer ${"a".repeat(5000)}` }), 401, "invalid_session");
        });
        it("login with an invalid session is 401 invalid_session, not a new user", async () => {
            await expectRefused("login", world.event("login", "spotify", { headers: bearer(await world.signSession({ sub: userId }, "HS384")), body: loginBody() }), 401, "invalid_session");
        });
    });

    describe("methods", () => {
        const cases: Array<[FunctionName, string, string]> = [
            ["login", "GET", "POST, OPTIONS"], ["callback", "POST", "GET"], ["refresh", "GET", "POST, OPTIONS"], ["refresh", "DELETE", "POST, OPTIONS"],
            ["session", "GET", "POST, OPTIONS"], ["disconnect", "POST", "DELETE, OPTIONS"], ["disconnect", "GET", "DELETE, OPTIONS"],
        ];
        for (const [fn, method, allow] of cases) {
            it(`${method} on ${fn} is 405 method_not_allowed with Allow: ${allow}`, async () => {
                const before = await world.snapshot();
                const res = await world.invoke(fn, world.event(fn, "spotify", { method }));
                assert.deepStrictEqual(errorOf(res), { status: 405, code: "method_not_allowed" });
                assert.strictEqual(res.headers!.Allow, allow);
                await world.assertNothingStored(before);
            });
        }
    });
});
