import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Secret, readPolicyStatement, type SecretArgs } from "../../components/secret";
import { runInline, UNKNOWN } from "../../engine/run";
import { inputs, ofType, one, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const SECRET = "aws:secretsmanager/secret:Secret";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const PASSWORD = "random:index/randomPassword:RandomPassword";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function secret(args: Partial<SecretArgs> = {}, name = "mailgun"): () => void {
    return () => void new Secret(name, { description: "Mailgun API key", ...args });
}

/** True when a recorded raw input is a Pulumi secret (encrypted in state). */
function isSecretValue(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === SECRET_SIG;
}

describe("Secret", () => {
    it("creates a placeholder secret (no version) encrypted with a created CMK, 30-day recovery, protected by default", async () => {
        const result = await runInline(secret());
        const record = one(result, SECRET);
        const key = one(result, "aws:kms/key:Key");
        assert.strictEqual(inputs(record).kmsKeyId, key.outputs.arn, "kmsKeyId is the created key");
        assert.strictEqual(inputs(record).recoveryWindowInDays, 30, "recoveryWindowInDays");
        assert.strictEqual(inputs(record).description, "Mailgun API key");
        assert.strictEqual(record.options.protect, true, "protect");
        assert.strictEqual(record.options.retainOnDelete, true, "retainOnDelete");
        assert.strictEqual(key.options.protect, true, "key protected");
        assert.strictEqual(ofType(result, VERSION).length, 0, "placeholder: no version, operators fill it in");
        assert.strictEqual(ofType(result, "aws:secretsmanager/secretPolicy:SecretPolicy").length, 0, "no resource policy by default");
    });

    it("stores a config secret as a secret SecretVersion value", async () => {
        const result = await runInline(secret({ value: pulumi.secret("key-123") }));
        const version = one(result, VERSION);
        assert.ok(isSecretValue(version.inputs.secretString), "secretString is a Pulumi secret");
        assert.strictEqual(inputs(version).secretString, "key-123");
        assert.strictEqual(inputs(version).secretId, one(result, SECRET).id);
    });

    it("marks even a plain given value as secret", async () => {
        const result = await runInline(secret({ value: "plain" }));
        assert.ok(isSecretValue(one(result, VERSION).inputs.secretString));
    });

    it("generates the value with RandomPassword (32 characters with symbols by default, or as asked)", async () => {
        const result = await runInline(secret({ generate: {} }));
        const password = one(result, PASSWORD);
        assert.strictEqual(inputs(password).length, 32, "length");
        assert.strictEqual(inputs(password).special, true, "special");
        const version = one(result, VERSION);
        assert.ok(version.propertyDependencies.secretString.includes(password.urn), "the value comes from the RandomPassword");
        const custom = await runInline(secret({ generate: { length: 64, special: false } }));
        assert.deepStrictEqual([inputs(one(custom, PASSWORD)).length, inputs(one(custom, PASSWORD)).special, inputs(one(custom, PASSWORD)).overrideSpecial], [64, false, undefined]);
    });

    it("builds a JSON value from given and generated fields", async () => {
        const result = await runInline(secret({ fields: { clientId: "spotify-client", clientSecret: { generate: { length: 48 } } } }, "spotify"), { mode: "preview" });
        const password = one(result, PASSWORD, "spotify-clientSecret");
        assert.strictEqual(inputs(password).length, 48);
        const version = one(result, VERSION);
        assert.ok(version.propertyDependencies.secretString.includes(password.urn), "clientSecret comes from the RandomPassword");
        assert.ok(isSecretValue(version.inputs.secretString) || version.inputs.secretString === UNKNOWN, "secret or unknown in preview");
        const given = await runInline(secret({ fields: { clientId: "id", clientSecret: pulumi.secret("s3cr3t") } }, "soundcloud"));
        assert.deepStrictEqual(JSON.parse(inputs(one(given, VERSION)).secretString), { clientId: "id", clientSecret: "s3cr3t" });
        assert.ok(isSecretValue(one(given, VERSION).inputs.secretString), "JSON value is secret");
    });

    it("rotates with the given function: every 30 days by default, the value then owned by the rotation", async () => {
        const lambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:rotate";
        const result = await runInline(secret({ generate: {}, rotation: { lambdaArn } }));
        const rotation = inputs(one(result, "aws:secretsmanager/secretRotation:SecretRotation"));
        assert.strictEqual(rotation.rotationLambdaArn, lambdaArn);
        assert.deepStrictEqual(rotation.rotationRules, { automaticallyAfterDays: 30 });
        assert.deepStrictEqual(one(result, VERSION).options.ignoreChanges, ["secretString"], "rotation owns the value");
        const scheduled = await runInline(secret({ rotation: { lambdaArn, scheduleExpression: "rate(7 days)" } }));
        assert.deepStrictEqual(inputs(one(scheduled, "aws:secretsmanager/secretRotation:SecretRotation")).rotationRules, { scheduleExpression: "rate(7 days)" });
    });

    describe("built-in rotation of a generated value", () => {
        const FN = "aws:lambda/function:Function";
        const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
        const PERMISSION = "aws:lambda/permission:Permission";

        it("deploys a rotation function for this secret, lets Secrets Manager invoke it for this secret only, and rotates on the schedule", async () => {
            const result = await runInline(secret({ generate: { length: 64, special: false }, rotation: { builtIn: true, automaticallyAfterDays: 7 } }, "session-key"));
            const fn = one(result, FN, "session-key-rotator");
            const secretArn = one(result, SECRET).outputs.arn;
            const rotation = inputs(one(result, ROTATION));
            assert.strictEqual(rotation.rotationLambdaArn, fn.outputs.arn, "the built-in function rotates it");
            assert.deepStrictEqual(rotation.rotationRules, { automaticallyAfterDays: 7 });
            assert.strictEqual(rotation.rotateImmediately, true, "the generated value Pulumi knows is replaced at once");
            const permission = inputs(one(result, PERMISSION, "session-key-rotator-invoke"));
            assert.deepStrictEqual([permission.action, permission.principal, permission.sourceArn, permission.function],
                ["lambda:InvokeFunction", "secretsmanager.amazonaws.com", secretArn, fn.outputs.name]);
            const rotationRecord = one(result, ROTATION);
            assert.ok(rotationRecord.dependencies.includes(one(result, PERMISSION).urn), "rotation waits for the permission");
            // The handler's spec: what RandomPassword generated, and the one secret it may rotate.
            const vars = inputs(fn).environment.variables;
            assert.deepStrictEqual(JSON.parse(vars.ROTATION_SPEC), { kind: "value", value: { length: 64, special: false, symbols: "!#%*()-_=+[]{}:?" } });
            assert.strictEqual(vars.ROTATED_SECRET_ARN, secretArn);
            assert.ok(ofType(result, "aws:lambda/function:Function").length === 1);
        });

        it("grants the rotation function only this secret's rotation actions and its key through Secrets Manager for this secret", async () => {
            const result = await runInline(secret({ generate: {}, rotation: { builtIn: true } }, "session-key"));
            const secretArn = one(result, SECRET).outputs.arn;
            const keyArn = one(result, "aws:kms/key:Key", "session-key-key").outputs.arn;
            const statements = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy", "session-key-rotator-policy")).Statement as Record<string, unknown>[];
            const rotate = statements.find((st) => st.Sid === "RotateThisSecret")!;
            assert.deepStrictEqual(rotate.Action, ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"]);
            assert.deepStrictEqual(rotate.Resource, [secretArn]);
            const key = statements.find((st) => st.Sid === "UseTheSecretsKeyForThisSecret")!;
            assert.deepStrictEqual([key.Action, key.Resource], [["kms:Decrypt", "kms:GenerateDataKey"], [keyArn]]);
            assert.deepStrictEqual(key.Condition, { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com", "kms:EncryptionContext:SecretARN": secretArn } });
            const secretsActions = statements.flatMap((st) => ([] as unknown[]).concat(st.Action)).filter((a) => String(a).startsWith("secretsmanager:"));
            assert.ok(!secretsActions.includes("secretsmanager:GetRandomPassword"), "values come from crypto: nothing on Resource *");
            const wildcard = statements.filter((st) => ([] as unknown[]).concat(st.Resource).includes("*")).flatMap((st) => ([] as unknown[]).concat(st.Action));
            assert.deepStrictEqual(wildcard.sort(), ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], "only X-Ray, which has no resource-level permissions");
        });

        it("regenerates only the generated fields of a JSON value, and uses the given logs key and retention", async () => {
            const logsKey = "arn:aws:kms:us-east-1:123456789012:key/logs";
            const result = await runInline(secret({
                fields: { clientId: "given", signingKey: { generate: { length: 48 } } },
                rotation: { builtIn: { logsKmsKeyArn: logsKey, logRetentionInDays: 30 } },
            }, "signing"));
            const fn = inputs(one(result, FN, "signing-rotator"));
            assert.deepStrictEqual(JSON.parse(fn.environment.variables.ROTATION_SPEC), { kind: "fields", fields: { signingKey: { length: 48, special: true, symbols: "!#%*()-_=+[]{}:?" } } });
            assert.strictEqual(fn.kmsKeyArn, logsKey);
            assert.strictEqual(inputs(one(result, "aws:cloudwatch/logGroup:LogGroup", "signing-rotator-logs")).retentionInDays, 30);
        });

        it("ships the real handler: the function's code is the esbuild bundle of rotation/handler.ts", async () => {
            const result = await runInline(secret({ generate: {}, rotation: { builtIn: true } }, "session-key"));
            const code = JSON.stringify(one(result, FN, "session-key-rotator").inputs.code);
            assert.match(code, /finishSecret/);
            assert.match(code, /UpdateSecretVersionStageCommand/);
        });
    });

    it("optionally denies every principal outside the account", async () => {
        const result = await runInline(secret({ denyOutsideAccount: true }));
        const policy = one(result, "aws:secretsmanager/secretPolicy:SecretPolicy");
        assert.strictEqual(inputs(policy).blockPublicPolicy, true);
        assert.deepStrictEqual(policyDocument(policy).Statement, [{
            Sid: "DenyOutsideAccount", Effect: "Deny", Principal: "*", Action: "secretsmanager:*", Resource: "*",
            Condition: { StringNotEquals: { "aws:PrincipalAccount": "123456789012" } },
        }]);
    });

    it("uses a given key, name and recovery window; dev (protectData false) is unprotected", async () => {
        const result = await runInline(secret({ kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", secretName: "dev/mailgun", recoveryWindowInDays: 7, protectData: false }), { stack: "dev" });
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created");
        const record = one(result, SECRET);
        assert.deepStrictEqual([inputs(record).kmsKeyId, inputs(record).name, inputs(record).recoveryWindowInDays], ["arn:aws:kms:us-east-1:123456789012:key/k", "dev/mailgun", 7]);
        assert.strictEqual(record.options.protect, false, "dev: unprotected");
        assert.strictEqual(record.options.retainOnDelete, false, "dev: deleted on destroy");
    });

    it("registers its outputs, none of which carries the value", async () => {
        const result = await runInline(secret({ value: pulumi.secret("key-123") }));
        const outputs = result.resources.find((r) => r.type === "platform:security:Secret")!.outputs;
        assert.deepStrictEqual(Object.keys(outputs).sort(), ["kmsKeyArn", "secretArn", "secretName"]);
        assert.strictEqual(outputs.secretArn, one(result, SECRET).outputs.arn);
        assert.strictEqual(outputs.kmsKeyArn, one(result, "aws:kms/key:Key").outputs.arn);
        assert.ok(!JSON.stringify(outputs).includes("key-123"), "no value in outputs");
    });

    it("readPolicyStatement grants GetSecretValue on the secrets and kms:Decrypt only via Secrets Manager", async () => {
        const result = await runInline(() => ({ statements: pulumi.output(readPolicyStatement(["arn:s1", "arn:s2"], "arn:key")) }));
        assert.deepStrictEqual(result.outputs.statements, [
            { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: ["arn:s1", "arn:s2"] },
            { Sid: "DecryptSecretsViaSecretsManager", Effect: "Allow", Action: ["kms:Decrypt"], Resource: "arn:key", Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } } },
        ]);
    });

    describe("rejects bad arguments, naming the component and the argument", () => {
        const cases: [string, Partial<SecretArgs>, RegExp][] = [
            ["a recovery window of 3 days", { recoveryWindowInDays: 3 }, /Secret "bad": argument recoveryWindowInDays: got 3; allowed: a whole number of days from 7 to 30/],
            ["a recovery window of 31 days", { recoveryWindowInDays: 31 }, /argument recoveryWindowInDays: got 31/],
            ["both value and generate", { value: "x", generate: {} }, /Secret "bad": argument value\/generate: .*at most one of value, generate and fields/],
            ["a short generated value", { generate: { length: 8 } }, /argument generate.length: got 8/],
            ["a short generated field", { fields: { k: { generate: { length: 4 } } } }, /argument fields.k.generate.length: got 4/],
            ["no fields", { fields: {} }, /argument fields: got \{\}/],
            ["a bad name", { secretName: "has space" }, /argument secretName: got "has space"/],
            ["a bad rotation schedule", { rotation: { lambdaArn: "arn", scheduleExpression: "weekly" } }, /argument rotation.scheduleExpression: got "weekly"/],
            ["two rotation schedules", { rotation: { lambdaArn: "arn", scheduleExpression: "rate(1 day)", automaticallyAfterDays: 3 } }, /argument rotation: .*either scheduleExpression or automaticallyAfterDays/],
            ["rotation after 0 days", { rotation: { lambdaArn: "arn", automaticallyAfterDays: 0 } }, /argument rotation.automaticallyAfterDays: got 0/],
            ["rotation with neither a function nor builtIn", { generate: {}, rotation: {} }, /Secret "bad": argument rotation: .*allowed: exactly one of lambdaArn \(an external rotation function\) and builtIn/],
            ["rotation with both a function and builtIn", { generate: {}, rotation: { lambdaArn: "arn", builtIn: true } }, /argument rotation: .*exactly one of lambdaArn/],
            ["built-in rotation of a given value", { value: "x", rotation: { builtIn: true } }, /Secret "bad": argument rotation.builtIn: got true; allowed: only with a generated value/],
            ["built-in rotation of a placeholder", { rotation: { builtIn: true } }, /argument rotation.builtIn: got true; allowed: only with a generated value/],
            ["built-in rotation of fields none of which is generated", { fields: { a: "x" }, rotation: { builtIn: true } }, /argument rotation.builtIn/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(secret(args, "bad")), message);
            });
        }
    });

    it("documents every argument in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("secret"), interfaceProperties("secret", "SecretArgs"));
    });
});
