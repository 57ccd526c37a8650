/**
 * Redeeming a result (POST /auth/{provider}/session) the wrong way: each misuse the contract names is a
 * 4xx with a stable code, stores nothing (no token item, no new grant), leaves the grant as it was
 * where the caller could still be the rightful browser, and leaks nothing to the logs.
 */
import * as assert from "assert";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { randomBytes } from "crypto";
import { grantId } from "../../components/oauth-broker/handlers/lib/grant-store";
import { bearer, BrokerWorld, claimsOf, Connected, Frontend, ProviderName, resultOf, STATE_TABLE_NAME, TOKEN_TABLE_NAME } from "./harness";

describe("OAuth broker: redeeming a result", function () {
    this.timeout(20000);
    const world = new BrokerWorld();
    before(() => world.start());
    after(() => world.stop());

    /** A login taken up to the callback: the result in the frontend's URL, not redeemed yet. */
    async function pendingResult(provider: ProviderName = "spotify", headers: Record<string, string> = {}): Promise<{ result: string; frontend: Frontend }> {
        const started = await world.login(provider, { headers });
        const { code, state } = world.consent(provider, started.authorizationUrl);
        const res = await world.callback(provider, code, state);
        assert.strictEqual(res.statusCode, 302, res.body);
        return { result: resultOf(String(res.headers!.Location)).result, frontend: started.frontend };
    }

    const redeemEvent = (provider: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
        world.event("session", provider, { headers, body: JSON.stringify(body) });

    async function grantExists(result: string): Promise<boolean> {
        return (await world.grants()).some((g) => g.stateId === grantId(result));
    }

    /** Refused, and the grant is still there for the browser that started the login. */
    async function refusedKeepingGrant(provider: string, result: string, verifier: string, headers: Record<string, string>, status: number, code: string): Promise<void> {
        await world.expectRefused("session", redeemEvent(provider, { result, clientVerifier: verifier }, headers), status, code, [result, verifier]);
        assert.ok(await grantExists(result), "the grant is untouched");
    }

    it("a result redeemed twice: the second is 400 invalid_result", async () => {
        const { result, frontend } = await pendingResult();
        const first = await world.redeem("spotify", result, frontend.verifier);
        assert.strictEqual(first.statusCode, 200, first.body);
        await world.expectRefused("session", redeemEvent("spotify", { result, clientVerifier: frontend.verifier }), 400, "invalid_result", [result, frontend.verifier]);
    });

    it("two concurrent redemptions of one result: exactly one gets a session, one token item is written", async () => {
        const { result, frontend } = await pendingResult();
        const results = await Promise.all([1, 2].map(() => world.redeem("spotify", result, frontend.verifier)));
        assert.deepStrictEqual(results.map((r) => r.statusCode).sort(), [200, 400]);
        assert.strictEqual(JSON.parse(results.find((r) => r.statusCode === 400)!.body).error.code, "invalid_result");
        assert.strictEqual(await grantExists(result), false);
        const userId = claimsOf(JSON.parse(results.find((r) => r.statusCode === 200)!.body).session).sub;
        const items = (await world.dynamo.scan(TOKEN_TABLE_NAME)).filter((i) => i.userId === userId);
        assert.deepStrictEqual(items.map((i) => [i.sk, i.version]), [["platform#spotify", 1]], "written once");
    });

    it("a result redeemed by another browser (wrong verifier) is 400 invalid_verifier", async () => {
        const { result } = await pendingResult();
        await refusedKeepingGrant("spotify", result, new Frontend().verifier, {}, 400, "invalid_verifier");
    });

    it("a result redeemed for another provider is 400 invalid_result", async () => {
        const { result, frontend } = await pendingResult("spotify");
        await refusedKeepingGrant("soundcloud", result, frontend.verifier, {}, 400, "invalid_result");
    });

    it("a result redeemed after its TTL is 400 expired_result (checked in code: TTL deletion is lazy)", async () => {
        const { result, frontend } = await pendingResult();
        await world.dynamo.doc.send(new UpdateCommand({
            TableName: STATE_TABLE_NAME, Key: { stateId: grantId(result) },
            UpdateExpression: "SET expiresAt = :past", ExpressionAttributeValues: { ":past": Math.floor(Date.now() / 1000) - 1 },
        }));
        await world.expectRefused("session", redeemEvent("spotify", { result, clientVerifier: frontend.verifier }), 400, "expired_result", [result, frontend.verifier]);
    });

    it("a result never issued (well-formed) is 400 invalid_result", async () => {
        await world.expectRefused("session", redeemEvent("spotify", { result: randomBytes(32).toString("base64url"), clientVerifier: new Frontend().verifier }), 400, "invalid_result");
    });

    describe("user and session binding", () => {
        let owner: Connected;
        before(async () => { owner = await world.connect("spotify"); });

        it("a linking login redeemed with another user's session is 403 session_mismatch", async () => {
            const other = await world.connect("spotify");
            const { result, frontend } = await pendingResult("soundcloud", bearer(owner.session));
            await refusedKeepingGrant("soundcloud", result, frontend.verifier, bearer(other.session), 403, "session_mismatch");
            assert.ok(!(await world.dynamo.scan(TOKEN_TABLE_NAME)).some((i) => i.sk === "platform#soundcloud" && (i.userId === owner.userId || i.userId === other.userId)));
        });

        it("a linking login redeemed without a session is 401 session_required", async () => {
            const { result, frontend } = await pendingResult("soundcloud", bearer(owner.session));
            const res = await world.expectRefused("session", redeemEvent("soundcloud", { result, clientVerifier: frontend.verifier }), 401, "session_required", [result, frontend.verifier]);
            assert.strictEqual(res.headers!["WWW-Authenticate"], "Bearer");
            assert.ok(await grantExists(result));
            // The rightful frontend, with its session, still completes it.
            const ok = await world.redeem("soundcloud", result, frontend.verifier, bearer(owner.session));
            assert.strictEqual(ok.statusCode, 200, ok.body);
        });

        it("a login started without a session, redeemed with one, is 403 session_mismatch", async () => {
            const { result, frontend } = await pendingResult("soundcloud");
            await refusedKeepingGrant("soundcloud", result, frontend.verifier, bearer(owner.session), 403, "session_mismatch");
        });

        it("an invalid session at redemption is 401 invalid_session", async () => {
            const { result, frontend } = await pendingResult("soundcloud", bearer(owner.session));
            await refusedKeepingGrant("soundcloud", result, frontend.verifier, bearer(`${owner.session}x`), 401, "invalid_session");
        });
    });

    describe("malformed bodies", () => {
        const verifier = new Frontend().verifier;
        const result = randomBytes(32).toString("base64url");
        const cases: Array<[string, Record<string, unknown> | string, number, string]> = [
            ["no body", "", 400, "missing_parameter"],
            ["no result", { clientVerifier: verifier }, 400, "missing_parameter"],
            ["no verifier", { result }, 400, "missing_parameter"],
            ["a result of the wrong length", { result: result.slice(1), clientVerifier: verifier }, 400, "invalid_parameter"],
            ["a verifier shorter than 43 characters", { result, clientVerifier: "a".repeat(42) }, 400, "invalid_parameter"],
            ["a verifier longer than 128 characters", { result, clientVerifier: "a".repeat(129) }, 400, "invalid_parameter"],
            ["a verifier with characters outside RFC 7636's", { result, clientVerifier: `${"a".repeat(42)}/` }, 400, "invalid_parameter"],
            ["a field the route does not take", { result, clientVerifier: verifier, userId: "someone" }, 400, "invalid_parameter"],
            ["a redirect target", { result, clientVerifier: verifier, returnTo: "https://evil.example/" }, 400, "redirect_not_allowed"],
            ["a body that is not an object", "[]", 400, "invalid_request"],
        ];
        for (const [what, body, status, code] of cases) {
            it(`${what} is ${status} ${code}`, async () => {
                const event = world.event("session", "spotify", { body: typeof body === "string" ? body : JSON.stringify(body) });
                await world.expectRefused("session", event, status, code);
            });
        }
    });
});
