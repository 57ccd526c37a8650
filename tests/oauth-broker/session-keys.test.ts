/**
 * Session key rotation: sessions carry the key version (`kid`), the key is rotated by the Secret
 * component's built-in rotation function (run here against the in-memory Secrets Manager), the
 * previous version verifies during the grace period and not after, an unknown kid is refused, and a
 * container that has not seen a rotation yet accepts sessions signed with the new key.
 */
import * as assert from "assert";
import { randomUUID } from "crypto";
import { DEFAULT_SESSION_KEY_GRACE_SECONDS } from "../../components/oauth-broker/handlers/lib/config";
import { bearer, BrokerWorld, claimsOf, SESSION_SECRET_ARN } from "./harness";

describe("OAuth broker: session key rotation", function () {
    this.timeout(20000);
    const world = new BrokerWorld();
    before(() => world.start());
    after(() => world.stop());

    const refresh = (session: string) => world.invoke("refresh", world.event("refresh", "spotify", { headers: bearer(session) }));
    const headerOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[0], "base64url").toString()) as { kid?: string };

    it("a session signed with the previous key verifies during the grace period and is renewed with the new key; after the grace period it does not", async () => {
        const { session, userId } = await world.connect("spotify");
        const oldKid = world.currentKid;
        assert.strictEqual(headerOf(session).kid, oldKid);

        const newKid = await world.rotateSessionKey();
        assert.deepStrictEqual(world.secrets.stages(SESSION_SECRET_ARN), { [oldKid]: ["AWSPREVIOUS"], [newKid]: ["AWSCURRENT"] });
        world.resetRuntime(); // a container that reads the rotated key ring

        const during = await refresh(session);
        assert.strictEqual(during.statusCode, 200, during.body);
        const renewed = JSON.parse(during.body).session as string;
        assert.strictEqual(headerOf(renewed).kid, newKid, "renewed with the current key");
        assert.strictEqual(claimsOf(renewed).sub, userId);

        // The rotation happened longer ago than the grace period.
        world.secrets.setCreatedAt(SESSION_SECRET_ARN, newKid, new Date(Date.now() - (DEFAULT_SESSION_KEY_GRACE_SECONDS + 1) * 1000));
        world.resetRuntime();
        const fresh = await world.signSession({ sub: userId }, "HS256", { kid: oldKid });
        const after = await refresh(fresh);
        assert.deepStrictEqual([after.statusCode, JSON.parse(after.body).error.code], [401, "invalid_session"], "the previous key no longer verifies");
        assert.strictEqual((await refresh(renewed)).statusCode, 200, "the current key still does");
    });

    it("a kid that is neither the current nor the previous version is refused, even signed with a key the secret once held", async () => {
        const { userId } = await world.connect("spotify");
        const first = Object.keys(world.secrets.stages(SESSION_SECRET_ARN))[0];
        await world.rotateSessionKey();
        await world.rotateSessionKey();
        world.resetRuntime();
        assert.deepStrictEqual(world.secrets.stages(SESSION_SECRET_ARN)[first], [], "the first version has no label any more");
        const retired = await world.signSession({ sub: userId }, "HS256", { kid: first, key: world.keyOf(first) });
        assert.strictEqual(JSON.parse((await refresh(retired)).body).error.code, "invalid_session");
        const unknown = await world.signSession({ sub: userId }, "HS256", { kid: randomUUID(), key: world.keyOf() });
        assert.strictEqual(JSON.parse((await refresh(unknown)).body).error.code, "invalid_session");
    });

    it("a container that cached the key ring before a rotation accepts a session signed with the new key (it looks again on an unknown kid)", async () => {
        const { session, userId } = await world.connect("spotify");
        world.resetRuntime();
        assert.strictEqual((await refresh(session)).statusCode, 200, "this container now caches the current ring");
        const newKid = await world.rotateSessionKey();
        // Another container, which saw the rotation, signed this one.
        const signedElsewhere = await world.signSession({ sub: userId }, "HS256", { kid: newKid });
        await new Promise((resolve) => setTimeout(resolve, 1100)); // re-reads are limited to one a second
        const res = await refresh(signedElsewhere);
        assert.strictEqual(res.statusCode, 200, res.body);
    });

    it("the rotation and the broker log no key", async () => {
        world.assertNoSecretsLogged(0);
        assert.ok(world.logLines.some((l) => JSON.parse(l).event === "rotation_step_done"), "the rotation's logs were captured too");
    });
});
