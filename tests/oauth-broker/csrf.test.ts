/**
 * The two CSRF attacks of issue 15, played out with two browsers (attacker and victim), each running
 * the frontend with its own PKCE verifier and session:
 *
 * - account-linking CSRF: the attacker starts a linking login with their own session and gets the
 *   victim to approve it; the attacker must never obtain the victim's provider tokens;
 * - login CSRF: the attacker gets the victim's browser to complete a login the attacker started and
 *   approved; the victim's frontend must not be able to redeem it (no session for the attacker's user).
 */
import * as assert from "assert";
import { grantId } from "../../components/oauth-broker/handlers/lib/grant-store";
import { bearer, BrokerWorld, Frontend, resultOf, TOKEN_TABLE_NAME } from "./harness";

describe("OAuth broker: login CSRF and account-linking CSRF", function () {
    this.timeout(20000);
    const world = new BrokerWorld();
    before(() => world.start());
    after(() => world.stop());

    it("account-linking CSRF: the victim approves the attacker's linking login; the attacker never obtains the victim's tokens, and the victim's frontend cannot redeem the result", async () => {
        const soundcloud = world.providers.soundcloud;
        const attacker = await world.connect("spotify");
        const victim = await world.connect("spotify");

        // The attacker starts a linking login with their own session and sends the authorization URL to the victim.
        const attackerFrontend = new Frontend();
        const started = await world.login("soundcloud", { headers: bearer(attacker.session), frontend: attackerFrontend });
        // The victim approves with their own SoundCloud account; the provider redirects the victim's browser.
        const { code, state } = world.consent("soundcloud", started.authorizationUrl);
        const victimAccessToken = () => soundcloud.issued.accessTokens.at(-1)!;
        const callback = await world.callback("soundcloud", code, state);
        assert.strictEqual(callback.statusCode, 302, callback.body);
        const location = String(callback.headers!.Location);
        assert.ok(!location.includes("session="), "the callback issues no session");
        const { result } = resultOf(location);
        const tokensBefore = await world.dynamo.scan(TOKEN_TABLE_NAME);

        // The victim's frontend, which did not start this login, tries to redeem what landed in its URL.
        const victimFrontend = new Frontend();
        for (const headers of [bearer(victim.session), {}]) {
            const res = await world.redeem("soundcloud", result, victimFrontend.verifier, headers);
            assert.deepStrictEqual([res.statusCode, JSON.parse(res.body).error.code], [400, "invalid_verifier"], res.body);
        }
        assert.deepStrictEqual(await world.dynamo.scan(TOKEN_TABLE_NAME), tokensBefore, "nothing stored for anyone");

        // The attacker never sees the result (it is in the victim's URL fragment); guessing one gets nothing,
        // and their refresh and a fresh linking attempt find no SoundCloud connection with the victim's tokens.
        const guessed = await world.redeem("soundcloud", new Frontend().verifier.slice(0, 43), attackerFrontend.verifier, bearer(attacker.session));
        assert.strictEqual(JSON.parse(guessed.body).error.code, "invalid_result");
        const refresh = await world.invoke("refresh", world.event("refresh", "soundcloud", { headers: bearer(attacker.session) }));
        assert.deepStrictEqual([refresh.statusCode, JSON.parse(refresh.body).error.code], [404, "not_connected"]);
        assert.ok(!(await world.dynamo.scan(TOKEN_TABLE_NAME)).some((i) => i.userId === attacker.userId && i.sk === "platform#soundcloud"), "no SoundCloud connection for the attacker");
        for (const res of [guessed, refresh]) assert.ok(!res.body.includes(victimAccessToken()), "the victim's token is in no answer to the attacker");
    });

    it("account-linking CSRF: even the attacker's own verifier and session redeem nothing without the result the victim's browser holds", async () => {
        const attacker = await world.connect("spotify");
        const attackerFrontend = new Frontend();
        const started = await world.login("soundcloud", { headers: bearer(attacker.session), frontend: attackerFrontend });
        const { code, state } = world.consent("soundcloud", started.authorizationUrl);
        assert.strictEqual((await world.callback("soundcloud", code, state)).statusCode, 302);
        // What the attacker can see: the authorization URL (state included) and their own verifier. None is the result.
        for (const candidate of [state, started.state, attackerFrontend.challenge]) {
            const res = await world.redeem("soundcloud", candidate, attackerFrontend.verifier, bearer(attacker.session));
            assert.strictEqual(JSON.parse(res.body).error.code, "invalid_result");
        }
    });

    it("login CSRF: the victim's browser completes a login the attacker started and approved; the victim's frontend cannot redeem it and gets no session", async () => {
        // The attacker starts a login without a session, approves it with their own account, and stops before the callback.
        const attackerFrontend = new Frontend();
        const started = await world.login("spotify", { frontend: attackerFrontend });
        const { code, state } = world.consent("spotify", started.authorizationUrl);
        // The victim's browser is made to load the callback URL.
        const callback = await world.callback("spotify", code, state);
        assert.strictEqual(callback.statusCode, 302);
        const location = String(callback.headers!.Location);
        assert.ok(!location.includes("session="), "no session in the redirect");
        const { result } = resultOf(location);
        const tokensBefore = await world.dynamo.scan(TOKEN_TABLE_NAME);

        // The victim's frontend holds its own verifier (from a login it started earlier, or none): it cannot redeem.
        const victimFrontend = new Frontend();
        const res = await world.redeem("spotify", result, victimFrontend.verifier);
        assert.deepStrictEqual([res.statusCode, JSON.parse(res.body).error.code], [400, "invalid_verifier"]);
        assert.ok(!("session" in JSON.parse(res.body)), "no session for the attacker's user");
        assert.deepStrictEqual(await world.dynamo.scan(TOKEN_TABLE_NAME), tokensBefore, "the attacker's tokens were not attached to anyone");

        // The victim's own login still works, for a user of its own, not the attacker's.
        const attackerGrant = (await world.grants()).find((g) => g.stateId === grantId(result))!;
        assert.ok(attackerGrant, "the attacker's grant sits unredeemed until its TTL");
        const own = await world.connect("spotify");
        assert.notStrictEqual(own.userId, attackerGrant.userId);
    });
});
