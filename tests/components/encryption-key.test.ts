import * as assert from "assert";
import { EncryptionKey } from "../../components/encryption-key";
import { runInline } from "../../engine/run";
import { inputs, one, policyDocument } from "../support/records";

describe("EncryptionKey", () => {
    it("creates a rotating symmetric key with a 30-day window, protected by default, and an alias", async () => {
        const result = await runInline(() => new EncryptionKey("data", { description: "data at rest" }));
        const key = one(result, "aws:kms/key:Key");
        assert.strictEqual(inputs(key).enableKeyRotation, true, "enableKeyRotation");
        assert.strictEqual(inputs(key).deletionWindowInDays, 30, "deletionWindowInDays");
        assert.strictEqual(key.options.protect, true, "protect");
        assert.strictEqual(key.options.retainOnDelete, true, "retainOnDelete");
        assert.match(inputs(one(result, "aws:kms/alias:Alias")).name, /^alias\/platform-test-data$/);
    });

    it("names only the account root and the requested services, each conditioned, in its key policy", async () => {
        const result = await runInline(() => new EncryptionKey("logs", { description: "logs", services: ["logs", "sns"] }));
        const statements = policyDocument(one(result, "aws:kms/key:Key")).Statement;
        assert.deepStrictEqual(statements.map((s) => s.Principal), [
            { AWS: "arn:aws:iam::123456789012:root" },
            { Service: "logs.us-east-1.amazonaws.com" },
            { Service: "sns.amazonaws.com" },
        ]);
        assert.ok(statements.slice(1).every((s) => s.Condition), "service statements are conditioned");
    });

    it("is unprotected when protectData is false (dev)", async () => {
        const result = await runInline(() => new EncryptionKey("dev", { description: "dev", protectData: false }));
        assert.strictEqual(one(result, "aws:kms/key:Key").options.protect, false);
    });

    it("rejects a deletion window outside 7 to 30 days, naming the component and argument", async () => {
        await assert.rejects(runInline(() => new EncryptionKey("bad", { description: "x", deletionWindowInDays: 3 })),
            /EncryptionKey "bad": argument deletionWindowInDays: got 3; allowed: a whole number of days from 7 to 30/);
    });
});
