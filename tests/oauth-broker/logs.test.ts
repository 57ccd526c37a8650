/**
 * Every log line written during the flows (success and failure paths) is one JSON object with a
 * level and an event, and none contains a token, code, verifier, state, session JWT or secret.
 */
import * as assert from "assert";
import { bearer, BrokerWorld, CALLBACK_BASE_URL, STATE_TABLE_NAME } from "./harness";

describe("OAuth broker logs", function () {
    this.timeout(20000);
    const world = new BrokerWorld({ rotateRefreshTokens: true, providerTimeoutMs: 300 });
    before(() => world.start());
    after(() => world.stop());

    it("never contain tokens, codes, verifiers, states, sessions or secrets", async () => {
        const sensitive: string[] = [];
        const states: string[] = [];
        const sessions: string[] = [];

        // Successful flows on every provider, with refreshes.
        for (const provider of ["spotify", "soundcloud", "youtube-music"] as const) {
            const verifiersBefore = (await world.dynamo.scan(STATE_TABLE_NAME)).map((s) => String(s.codeVerifier));
            const { session, state } = await world.connect(provider);
            sensitive.push(...verifiersBefore);
            states.push(state);
            sessions.push(session);
            const res = await world.invoke("refresh", world.event("refresh", provider, { headers: bearer(session) }));
            assert.strictEqual(res.statusCode, 200, res.body);
        }
        // Failure paths that hold secrets at the moment they fail.
        const started = await world.login("spotify");
        const pending = world.providers.spotify.consent(started.authorizationUrl, `${CALLBACK_BASE_URL}/auth/spotify/callback`);
        sensitive.push(...(await world.dynamo.scan(STATE_TABLE_NAME)).map((s) => String(s.codeVerifier)));
        states.push(pending.state);
        world.providers.spotify.next = { status: 400, body: JSON.stringify({ error: "invalid_grant", error_description: `bad ${pending.code}` }) };
        await world.invoke("callback", world.event("callback", "spotify", { query: { code: pending.code, state: pending.state } }));
        await world.invoke("callback", world.event("callback", "spotify", { query: { code: pending.code, state: pending.state } }));
        const again = await world.connect("spotify");
        sessions.push(again.session);
        world.providers.spotify.next = { status: 200, body: `not json ${world.providers.spotify.issued.refreshTokens.at(-1)}` };
        await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(again.session) }));
        world.providers.spotify.next = { status: 200, body: "{}", delayMs: 2000 };
        await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(again.session) }));
        await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(`${again.session}x`) }));

        for (const p of Object.values(world.providers)) {
            sensitive.push(...p.issued.accessTokens, ...p.issued.refreshTokens, ...p.issued.codes, ...p.issued.verifiers);
        }
        sensitive.push(...states, ...sessions, ...world.secretValues);
        assert.ok(sensitive.length > 30, `collected ${sensitive.length} sensitive values`);
        assert.ok(world.logLines.length > 20, `captured ${world.logLines.length} log lines`);

        for (const line of world.logLines) {
            for (const value of sensitive) {
                // Also catch a fragment of a value (e.g. a token cut by a length limit).
                assert.ok(!line.includes(value) && !line.includes(value.slice(0, 24)), `log line leaks a sensitive value: ${line.slice(0, 80)}...`);
            }
            const entry = JSON.parse(line) as Record<string, unknown>;
            assert.ok(["info", "warn", "error"].includes(String(entry.level)), line);
            assert.strictEqual(typeof entry.event, "string", line);
            assert.ok(!("userId" in entry), "user ids are hashed");
        }
        const events = new Set(world.logLines.map((l) => JSON.parse(l).event));
        for (const e of ["login_started", "tokens_stored", "token_refreshed", "request_completed"]) assert.ok(events.has(e), `logs ${e}`);
        const completed = world.logLines.map((l) => JSON.parse(l)).filter((e) => e.event === "request_completed");
        assert.ok(completed.some((e) => e.errorCode === "provider_error") && completed.some((e) => e.errorCode === "provider_unavailable"));
        assert.ok(completed.every((e) => typeof e.requestId === "string" && e.requestId.length > 0));
        assert.ok(completed.some((e) => /^[0-9a-f]{16}$/.test(String(e.userHash))));
    });
});
