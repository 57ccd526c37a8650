/**
 * contract.ts is what the infrastructure derives API Gateway request models from: its body schemas
 * must be valid JSON Schema draft 4 and accept exactly the bodies the handlers accept, so validating
 * at API Gateway can never refuse a request the handler would serve (or let through one it refuses
 * for its shape).
 */
import * as assert from "assert";
import Ajv04 from "ajv-draft-04";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { FORMATS, FUNCTION_NAMES, REQUESTS, ROUTES, type FunctionName } from "../../components/oauth-broker/handlers/contract";
import { HttpError } from "../../components/oauth-broker/handlers/lib/errors";
import { bodyFields } from "../../components/oauth-broker/handlers/lib/http";
import { PROVIDER_NAME } from "../../components/oauth-broker/handlers/lib/providers";

const b64 = (n: number) => "A".repeat(n);
const samples: Record<string, unknown[]> = {
    login: [{ clientChallenge: b64(43) }, {}, { clientChallenge: b64(42) }, { clientChallenge: b64(44) }, { clientChallenge: `${b64(42)}=` }, { clientChallenge: 43 },
        { clientChallenge: b64(43), extra: "x" }, { clientChallenge: null }, { clientChallenge: `${b64(41)}-_` }],
    session: [{ result: b64(43), clientVerifier: b64(43) }, { result: b64(43), clientVerifier: `${b64(100)}.~-_` }, { result: b64(43), clientVerifier: b64(128) },
        { result: b64(43), clientVerifier: b64(129) }, { result: b64(43), clientVerifier: b64(42) }, { result: b64(43) }, { clientVerifier: b64(43) },
        { result: b64(43), clientVerifier: `${b64(42)}+` }, { result: b64(43), clientVerifier: b64(43), other: 1 }, { result: [b64(43)], clientVerifier: b64(43) }],
    refresh: [{}, { anything: 1 }],
    disconnect: [{}, { provider: "spotify" }],
};

function handlerAccepts(fn: FunctionName, body: unknown): boolean {
    const event = { body: JSON.stringify(body), isBase64Encoded: false } as APIGatewayProxyEvent;
    try {
        bodyFields(event, fn);
        return true;
    } catch (err) {
        if (err instanceof HttpError) return false;
        throw err;
    }
}

describe("OAuth broker contract", () => {
    const ajv = new Ajv04({ strict: true, allErrors: true });

    it("routes every function, each on its own method and path, with the provider path parameter", () => {
        assert.deepStrictEqual(Object.keys(ROUTES).sort(), [...FUNCTION_NAMES].sort());
        const keys = Object.values(ROUTES).map((r) => `${r.method} ${r.path}`);
        assert.strictEqual(new Set(keys).size, keys.length);
        for (const r of Object.values(ROUTES)) assert.match(r.path, /^\/auth\/\{provider\}(\/[a-z]+)?$/);
        assert.strictEqual(FORMATS.provider, PROVIDER_NAME.source, "one provider-name pattern");
    });

    for (const fn of ["login", "session"] as const) {
        it(`${fn}: the body schema is draft-4 JSON Schema and agrees with the handler on every sample`, () => {
            const validate = ajv.compile(REQUESTS[fn].bodySchema as object);
            for (const body of samples[fn]) {
                assert.strictEqual(validate(body), handlerAccepts(fn, body), `${fn} ${JSON.stringify(body)}`);
            }
            assert.ok(samples[fn].some((b) => validate(b)) && samples[fn].some((b) => !validate(b)), "samples on both sides");
        });
    }

    for (const fn of ["refresh", "disconnect"] as const) {
        it(`${fn}: takes no body schema, requires Authorization, and the handler refuses any field`, () => {
            assert.strictEqual(REQUESTS[fn].bodySchema, undefined);
            assert.deepStrictEqual(REQUESTS[fn].requiredHeaders, ["Authorization"]);
            assert.deepStrictEqual(samples[fn].map((b) => handlerAccepts(fn, b)), [true, false]);
        });
    }

    it("callback requires only state in the query (the provider sends code or error with it)", () => {
        assert.deepStrictEqual(REQUESTS.callback, { requiredQueryStrings: ["state"], requiredHeaders: [] });
    });
});
