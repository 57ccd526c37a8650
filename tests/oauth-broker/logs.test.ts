/**
 * Every log line written during the flows (success and failure paths, every route) is one JSON object
 * with a level and an event, and none contains a token, code, verifier, state, result, session JWT,
 * key or secret.
 */
import * as assert from "assert";
import { bearer, BrokerWorld, Frontend, resultOf, STATE_TABLE_NAME } from "./harness";

describe("OAuth broker logs", function () {
    this.timeout(20000);
    const world = new BrokerWorld({ rotateRefreshTokens: true, providerTimeoutMs: 300 });
    before(() => world.start());
    after(() => world.stop());

    it("never contain tokens, codes, verifiers, states, results, sessions, keys or secrets", async () => {
        const sensitive: string[] = [];
        const verifiersInState = async () => (await world.dynamo.scan(STATE_TABLE_NAME)).map((s) => String(s.codeVerifier ?? "")).filter(Boolean);

        // Successful flows on every provider: first login, refresh, linking, disconnect.
        let first: Awaited<ReturnType<BrokerWorld["connect"]>> | undefined;
        for (const provider of ["spotify", "soundcloud", "youtube-music"] as const) {
            const before = await verifiersInState();
            const connected = await world.connect(provider, first ? bearer(first.session) : {});
            first ??= connected;
            sensitive.push(...before, connected.state, connected.result, connected.session, connected.frontend.verifier, connected.frontend.challenge);
            const res = await world.invoke("refresh", world.event("refresh", provider, { headers: bearer(connected.session) }));
            assert.strictEqual(res.statusCode, 200, res.body);
            sensitive.push(JSON.parse(res.body).session);
        }
        const gone = await world.invoke("disconnect", world.event("disconnect", "youtube-music", { headers: bearer(first!.session) }));
        assert.strictEqual(gone.statusCode, 204);
        await world.rotateSessionKey();

        // Failure paths that hold secrets at the moment they fail.
        const started = await world.login("spotify");
        const pending = world.consent("spotify", started.authorizationUrl);
        sensitive.push(...(await verifiersInState()), pending.state, started.frontend.verifier);
        world.providers.spotify.next = { status: 400, body: JSON.stringify({ error: "invalid_grant", error_description: `bad ${pending.code}` }) };
        await world.callback("spotify", pending.code, pending.state);
        await world.callback("spotify", pending.code, pending.state);
        const again = await world.login("spotify");
        const approved = world.consent("spotify", again.authorizationUrl);
        const { result } = resultOf(String((await world.callback("spotify", approved.code, approved.state)).headers!.Location));
        sensitive.push(result, again.frontend.verifier);
        await world.redeem("spotify", result, new Frontend().verifier);
        await world.redeem("spotify", result, again.frontend.verifier, bearer(first!.session));
        const redeemed = await world.redeem("spotify", result, again.frontend.verifier);
        const session = JSON.parse(redeemed.body).session as string;
        sensitive.push(session);
        world.providers.spotify.next = { status: 200, body: `not json ${world.providers.spotify.issued.refreshTokens.at(-1)}` };
        await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(session) }));
        world.providers.spotify.next = { status: 200, body: "{}", delayMs: 2000 };
        await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(session) }));
        world.providers.spotify.next = { status: 401, body: JSON.stringify({ error: "invalid_client", error_description: world.providers.spotify.options.clientSecret }) };
        await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(session) }));
        await world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(`${session}x`) }));

        assert.ok(world.sensitiveValues(sensitive).length > 40, `collected ${world.sensitiveValues(sensitive).length} sensitive values`);
        assert.ok(world.logLines.length > 30, `captured ${world.logLines.length} log lines`);
        world.assertNoSecretsLogged(0, sensitive);
        for (const line of world.logLines) {
            const entry = JSON.parse(line) as Record<string, unknown>;
            assert.ok(["info", "warn", "error"].includes(String(entry.level)), line);
            assert.strictEqual(typeof entry.event, "string", line);
            assert.ok(!("userId" in entry), "user ids are hashed");
        }
        const events = new Set(world.logLines.map((l) => JSON.parse(l).event));
        for (const e of ["login_started", "grant_stored", "tokens_stored", "session_issued", "token_refreshed", "connection_deleted", "request_completed", "rotation_step_done"]) {
            assert.ok(events.has(e), `logs ${e}`);
        }
        const completed = world.logLines.map((l) => JSON.parse(l)).filter((e) => e.event === "request_completed");
        for (const code of ["provider_error", "provider_unavailable", "provider_rejected_client", "invalid_verifier", "session_mismatch", "invalid_session"]) {
            assert.ok(completed.some((e) => e.errorCode === code), `a ${code} was logged`);
        }
        assert.ok(completed.every((e) => typeof e.requestId === "string" && e.requestId.length > 0));
        assert.ok(completed.some((e) => /^[0-9a-f]{16}$/.test(String(e.userHash))));
    });
});
