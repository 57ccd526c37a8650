/**
 * The built-in rotation function's four steps against an in-memory Secrets Manager (aws-sdk-client-mock):
 * what each step writes, how the staging labels move, that a retried step changes nothing, that the
 * function touches only its own secret, and that no value reaches its logs.
 */
import * as assert from "assert";
import { handler, type RotationEvent } from "../../components/secret/rotation/handler";
import { conforms, generateValue, nextValue, parseSpec, ROTATION_ENVIRONMENT, type RotationSpec } from "../../components/secret/rotation/spec";
import { mockSecretsManager, SecretsStore } from "../support/fake-secrets-manager";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mm-session-key-AbCdEf";
const VALUE_SPEC: RotationSpec = { kind: "value", value: { length: 64, special: false, symbols: "!#%" } };
const FIELDS_SPEC: RotationSpec = { kind: "fields", fields: { signingKey: { length: 48, special: true, symbols: "!#%*()-_=+[]{}:?" } } };

describe("Secret built-in rotation function", () => {
    let store: SecretsStore;
    let sm: { restore(): void };
    const saved = { ...process.env };
    const logs: string[] = [];

    beforeEach(() => {
        store = new SecretsStore();
        sm = mockSecretsManager(store);
        process.env[ROTATION_ENVIRONMENT.spec] = JSON.stringify(VALUE_SPEC);
        process.env[ROTATION_ENVIRONMENT.secretArn] = ARN;
        logs.length = 0;
    });
    afterEach(() => {
        sm.restore();
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
    });

    /** Runs the handler with its stdout captured into `logs`. */
    async function run(event: RotationEvent): Promise<void> {
        const write = process.stdout.write;
        process.stdout.write = ((chunk: string) => { logs.push(String(chunk)); return true; }) as typeof process.stdout.write;
        try {
            await handler(event);
        } finally {
            process.stdout.write = write;
        }
    }
    const step = (Step: string, token: string, extra: Partial<RotationEvent> = {}) => run({ Step, SecretId: ARN, ClientRequestToken: token, ...extra });
    const writes = () => store.calls.filter((c) => c.command === "PutSecretValue" || c.command === "UpdateSecretVersionStage");

    /** A secret with a current value, and a rotation started the way RotateSecret starts one. */
    function started(value = "a".repeat(64)): { oldVersion: string; token: string } {
        const oldVersion = store.put(ARN, value);
        return { oldVersion, token: store.startRotation(ARN) };
    }

    it("createSecret puts a new generated value under the rotation's token, staged AWSPENDING only", async () => {
        const { oldVersion, token } = started();
        await step("createSecret", token, { RotationToken: "rotation-token-value" });
        const put = store.calls.find((c) => c.command === "PutSecretValue")!;
        assert.deepStrictEqual([put.input.ClientRequestToken, put.input.VersionStages, put.input.RotationToken], [token, ["AWSPENDING"], "rotation-token-value"]);
        const pending = store.versionWith(ARN, "AWSPENDING")!;
        assert.strictEqual(pending.versionId, token);
        assert.match(String(pending.value), /^[A-Za-z0-9]{64}$/, "the spec's length and alphabet");
        assert.notStrictEqual(pending.value, "a".repeat(64));
        assert.deepStrictEqual(store.stages(ARN), { [oldVersion]: ["AWSCURRENT"], [token]: ["AWSPENDING"] }, "AWSCURRENT has not moved");
    });

    it("createSecret is idempotent: when the pending version already has a value it writes nothing", async () => {
        const { token } = started();
        await step("createSecret", token);
        const first = store.versionWith(ARN, "AWSPENDING")!.value;
        const before = writes().length;
        await step("createSecret", token);
        assert.strictEqual(writes().length, before, "no second PutSecretValue");
        assert.strictEqual(store.versionWith(ARN, "AWSPENDING")!.value, first, "the pending value is kept");
    });

    it("setSecret changes nothing (no external system holds the value)", async () => {
        const { token } = started();
        await step("createSecret", token);
        const before = JSON.stringify(store.stages(ARN));
        const count = writes().length;
        await step("setSecret", token);
        assert.strictEqual(writes().length, count);
        assert.strictEqual(JSON.stringify(store.stages(ARN)), before);
    });

    it("testSecret accepts the generated value and refuses one of the wrong shape", async () => {
        const { token } = started();
        await step("createSecret", token);
        await step("testSecret", token);
        const bad = new SecretsStore();
        sm.restore();
        sm = mockSecretsManager(bad);
        bad.put(ARN, "a".repeat(64));
        const t2 = bad.startRotation(ARN);
        bad.putSecretValue({ SecretId: ARN, ClientRequestToken: t2, SecretString: "short", VersionStages: ["AWSPENDING"] });
        await assert.rejects(step("testSecret", t2), /does not have the generated shape/);
    });

    it("finishSecret moves AWSCURRENT to the new version, AWSPREVIOUS to the old one, and drops AWSPENDING", async () => {
        const { oldVersion, token } = started();
        for (const s of ["createSecret", "setSecret", "testSecret", "finishSecret"]) await step(s, token);
        assert.deepStrictEqual(store.stages(ARN), { [oldVersion]: ["AWSPREVIOUS"], [token]: ["AWSCURRENT"] });
        const moves = store.calls.filter((c) => c.command === "UpdateSecretVersionStage").map((c) => c.input);
        assert.deepStrictEqual(moves, [
            { SecretId: ARN, VersionStage: "AWSCURRENT", MoveToVersionId: token, RemoveFromVersionId: oldVersion },
            { SecretId: ARN, VersionStage: "AWSPENDING", RemoveFromVersionId: token },
        ]);
        // A second rotation: the first new version becomes AWSPREVIOUS, the original loses every label.
        const next = store.startRotation(ARN);
        for (const s of ["createSecret", "setSecret", "testSecret", "finishSecret"]) await step(s, next);
        assert.deepStrictEqual(store.stages(ARN), { [oldVersion]: [], [token]: ["AWSPREVIOUS"], [next]: ["AWSCURRENT"] });
    });

    it("a retried step on a version that is already AWSCURRENT does nothing", async () => {
        const { token } = started();
        for (const s of ["createSecret", "setSecret", "testSecret", "finishSecret"]) await step(s, token);
        const count = writes().length;
        for (const s of ["createSecret", "finishSecret"]) await step(s, token);
        assert.strictEqual(writes().length, count);
    });

    it("regenerates only the generated fields of a JSON value, keeping the given ones", async () => {
        process.env[ROTATION_ENVIRONMENT.spec] = JSON.stringify(FIELDS_SPEC);
        const { token } = started(JSON.stringify({ clientId: "given-id", signingKey: "x".repeat(48) }));
        for (const s of ["createSecret", "setSecret", "testSecret", "finishSecret"]) await step(s, token);
        const value = JSON.parse(String(store.versionWith(ARN, "AWSCURRENT")!.value));
        assert.strictEqual(value.clientId, "given-id");
        assert.strictEqual(value.signingKey.length, 48);
        assert.notStrictEqual(value.signingKey, "x".repeat(48));
    });

    it("refuses another secret, an unknown step, a rotation not staged AWSPENDING, and rotation disabled", async () => {
        const { token } = started();
        await assert.rejects(run({ Step: "createSecret", SecretId: `${ARN}-other`, ClientRequestToken: token }), /only its own secret/);
        await assert.rejects(step("deleteSecret", token), /unknown rotation step/);
        const stray = store.put(ARN, "b".repeat(64), { stages: [] });
        await assert.rejects(step("createSecret", stray), /not staged AWSPENDING/);
        await assert.rejects(step("createSecret", "0b7d2a4e-6f1c-4d7e-9a51-3c2e1f0a9b8d"), /does not exist/);
        const off = new SecretsStore();
        sm.restore();
        sm = mockSecretsManager(off);
        off.put(ARN, "a".repeat(64), { rotationEnabled: false });
        await assert.rejects(step("createSecret", "0b7d2a4e-6f1c-4d7e-9a51-3c2e1f0a9b8d"), /rotation is not enabled/);
        assert.ok(!store.calls.some((c) => c.input.SecretId !== ARN), "no call for another secret");
    });

    it("logs steps and version ids, never a value or the rotation token", async () => {
        const { token } = started();
        for (const s of ["createSecret", "setSecret", "testSecret", "finishSecret"]) await step(s, token, { RotationToken: "rotation-token-value" });
        const value = String(store.versionWith(ARN, "AWSCURRENT")!.value);
        assert.ok(logs.length >= 4);
        for (const line of logs) {
            assert.ok(!line.includes(value) && !line.includes(value.slice(0, 16)), "no value");
            assert.ok(!line.includes("rotation-token-value"), "no rotation token");
            assert.strictEqual(typeof JSON.parse(line).event, "string");
        }
    });

    describe("spec", () => {
        it("generates values of the RandomPassword alphabet and length, and checks them", () => {
            const plain = generateValue({ length: 200, special: false, symbols: "!#" });
            assert.match(plain, /^[A-Za-z0-9]{200}$/);
            const special = generateValue({ length: 400, special: true, symbols: "!#" });
            assert.match(special, /^[A-Za-z0-9!#]{400}$/);
            assert.ok(/[!#]/.test(special), "symbols are drawn too");
            assert.strictEqual(conforms(VALUE_SPEC, nextValue(VALUE_SPEC, "")), true);
            assert.strictEqual(conforms(VALUE_SPEC, "!".repeat(64)), false);
        });
        it("refuses a malformed spec", () => {
            assert.throws(() => parseSpec("{"), /not JSON/);
            assert.throws(() => parseSpec(JSON.stringify({ kind: "value", value: { length: 8, special: false, symbols: "" } })), /not a rotation spec/);
            assert.throws(() => parseSpec(JSON.stringify({ kind: "fields", fields: {} })), /not a rotation spec/);
        });
    });
});
