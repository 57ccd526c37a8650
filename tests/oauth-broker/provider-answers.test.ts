/**
 * What the provider answers: the broker reads token-endpoint answers as a byte stream and abandons
 * them past 64 KiB (bytes, with or without Content-Length), and a provider that rejects the broker's
 * own client (`invalid_client`, `unauthorized_client`) is a 502 logged as an error, not the user's 400.
 */
import * as assert from "assert";
import { MAX_RESPONSE_BYTES } from "../../components/oauth-broker/handlers/lib/oauth-client";
import { bearer, BrokerWorld } from "./harness";

/** A valid token answer padded with a multi-byte character to about `bytes` bytes. */
function paddedAnswer(bytes: number, token = "at-padded-0123456789abcdef"): { body: string; characters: number; bytes: number } {
    const head = JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 3600, pad: "" }).slice(0, -2);
    const padding = "€".repeat(Math.ceil((bytes - Buffer.byteLength(head) - 2) / 3)); // 3 bytes each in UTF-8
    const body = `${head}${padding}"}`;
    return { body, characters: body.length, bytes: Buffer.byteLength(body) };
}

describe("OAuth broker: provider answers", function () {
    this.timeout(20000);
    const world = new BrokerWorld({ providerTimeoutMs: 3000 });
    before(() => world.start());
    after(() => world.stop());

    async function pendingCallback(): Promise<ReturnType<BrokerWorld["event"]>> {
        const started = await world.login("spotify");
        const { code, state } = world.consent("spotify", started.authorizationUrl);
        return world.event("callback", "spotify", { query: { code, state } });
    }

    describe("the 64 KiB byte limit", () => {
        const over = paddedAnswer(MAX_RESPONSE_BYTES + 2000);
        const under = paddedAnswer(MAX_RESPONSE_BYTES - 2000);

        it("counts bytes, not characters: the answer over the cap has far fewer characters than 64 Ki", () => {
            assert.ok(over.bytes > MAX_RESPONSE_BYTES && over.characters < MAX_RESPONSE_BYTES / 2, `${over.bytes} bytes, ${over.characters} characters`);
        });

        it("an answer under the cap is read (sanity: the padding alone does not fail it)", async () => {
            world.providers.spotify.next = { status: 200, chunks: [under.body.slice(0, 1000), under.body.slice(1000)] };
            const res = await world.invoke("callback", await pendingCallback());
            assert.strictEqual(res.statusCode, 302, res.body);
        });

        it("with Content-Length over the cap: 502 provider_unavailable, nothing stored", async () => {
            world.providers.spotify.next = { status: 200, body: over.body };
            await world.expectRefused("callback", await pendingCallback(), 502, "provider_unavailable");
        });

        it("without Content-Length (chunked), over the cap in bytes: 502 provider_unavailable, nothing stored", async () => {
            const chunks = over.body.match(/[\s\S]{1,4096}/g)!;
            world.providers.spotify.next = { status: 200, chunks };
            await world.expectRefused("callback", await pendingCallback(), 502, "provider_unavailable");
        });

        it("an endless answer without Content-Length is abandoned at the cap, long before the timeout", async () => {
            const provider = world.providers.spotify;
            provider.next = { status: 200, endless: "x".repeat(1024) };
            const started = Date.now();
            await world.expectRefused("callback", await pendingCallback(), 502, "provider_unavailable");
            const elapsed = Date.now() - started;
            assert.ok(elapsed < 1500, `answered after ${elapsed} ms (timeout 3000 ms)`);
            for (let i = 0; i < 50 && provider.abandoned.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
            assert.strictEqual(provider.abandoned.length, 1, "the broker closed the connection");
            assert.ok(provider.abandoned[0] < 64 * 1024 * 1024, "the provider stopped sending when the broker went away");
        });

        it("an answer that is not UTF-8 is 502 provider_unavailable", async () => {
            // A lone 0xff byte is never valid UTF-8.
            world.providers.spotify.next = { status: 200, body: Buffer.concat([Buffer.from('{"access_token":"at-'), Buffer.from([0xff]), Buffer.from('","token_type":"Bearer"}')]) };
            await world.expectRefused("callback", await pendingCallback(), 502, "provider_unavailable");
        });
    });

    describe("the provider rejects the broker's client", () => {
        for (const error of ["invalid_client", "unauthorized_client"]) {
            for (const status of [400, 401]) {
                it(`${status} ${error} at the code exchange is 502 provider_rejected_client, logged as an error`, async () => {
                    const event = await pendingCallback();
                    world.providers.spotify.next = { status, body: JSON.stringify({ error, error_description: "client secret rotated" }) };
                    const lines = world.logLines.length;
                    const res = await world.expectRefused("callback", event, 502, "provider_rejected_client");
                    assert.match(JSON.parse(res.body).error.message, new RegExp(`\\(${error}\\)`));
                    assert.ok(!res.body.includes("client secret rotated"), "the provider's text is not echoed");
                    const completed = world.logLines.slice(lines).map((l) => JSON.parse(l)).find((e) => e.event === "request_completed");
                    assert.deepStrictEqual([completed.level, completed.status, completed.errorCode], ["error", 502, "provider_rejected_client"]);
                });
            }
        }

        it("a wrong client secret at refresh is 502 provider_rejected_client and keeps the stored tokens", async () => {
            const { session } = await world.connect("spotify");
            const provider = world.providers.spotify;
            const realSecret = provider.options.clientSecret;
            (provider.options as { clientSecret: string }).clientSecret = "rotated-at-the-provider-but-not-in-secrets-manager";
            try {
                await world.expectRefused("refresh", world.event("refresh", "spotify", { headers: bearer(session) }), 502, "provider_rejected_client", [session]);
            } finally {
                (provider.options as { clientSecret: string }).clientSecret = realSecret;
            }
        });

        it("the user's own failures stay 400 provider_error (invalid_grant)", async () => {
            world.providers.spotify.next = { status: 400, body: JSON.stringify({ error: "invalid_grant" }) };
            await world.expectRefused("callback", await pendingCallback(), 400, "provider_error");
        });
    });
});
