import * as assert from "assert";
import { BackupPlan, type BackupPlanArgs } from "../../components/backup-plan";
import { declaredResources, runInline, runProgram, UNKNOWN } from "../../engine/run";
import { inputs, one, ofType, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const VAULT = "aws:backup/vault:Vault";
const PLAN = "aws:backup/plan:Plan";
const SELECTION = "aws:backup/selection:Selection";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const TABLES = ["arn:aws:dynamodb:us-east-1:123456789012:table/profiles", "arn:aws:dynamodb:us-east-1:123456789012:table/progress"];
const base: BackupPlanArgs = { resourceArns: TABLES };
const rule = (result: Awaited<ReturnType<typeof runInline>>) => {
    const rules = inputs(one(result, PLAN)).rules;
    assert.strictEqual(rules.length, 1, "one rule");
    return rules[0];
};

describe("BackupPlan", () => {
    it("creates a protected vault under its own rotating CMK and a daily 05:00 UTC rule keeping 35 days", async () => {
        const result = await runInline(() => new BackupPlan("backups", base));
        const vault = one(result, VAULT, "backups");
        const key = one(result, "aws:kms/key:Key");
        assert.strictEqual(inputs(vault).kmsKeyArn, key.outputs.arn, "vault encrypted with the created key");
        assert.strictEqual(inputs(key).enableKeyRotation, true);
        assert.strictEqual(inputs(vault).name, "platform-test-backups", "vault named <project>-<stack>-<name>");
        assert.strictEqual(inputs(vault).forceDestroy, false, "forceDestroy off");
        assert.strictEqual(vault.options.protect, true, "protect");
        assert.strictEqual(vault.options.retainOnDelete, true, "retainOnDelete");
        assert.strictEqual(key.options.protect, true, "the created key is protected too");
        const r = rule(result);
        assert.strictEqual(r.ruleName, "daily");
        assert.strictEqual(r.schedule, "cron(0 5 * * ? *)");
        assert.strictEqual(r.targetVaultName, "platform-test-backups", "rule targets the vault");
        assert.deepStrictEqual([r.startWindow, r.completionWindow], [60, 480]);
        assert.deepStrictEqual(r.lifecycle, { deleteAfter: 35 }, "35 days, no cold storage");
        assert.strictEqual(r.copyActions, undefined, "no copy by default");
        assert.strictEqual(ofType(result, LOCK).length, 0, "no vault lock by default");
    });

    it("selects exactly the given resources, as a role that only AWS Backup for this account can assume", async () => {
        const result = await runInline(() => new BackupPlan("backups", base));
        const role = one(result, "aws:iam/role:Role");
        const selection = inputs(one(result, SELECTION));
        assert.deepStrictEqual(selection.resources, TABLES);
        assert.strictEqual(selection.planId, one(result, PLAN).id, "selection belongs to the plan");
        assert.strictEqual(selection.iamRoleArn, role.outputs.arn);
        assert.strictEqual(selection.name, "backups-resources");
        const trust = policyDocument(role, "assumeRolePolicy").Statement;
        assert.deepStrictEqual(trust, [{
            Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        }]);
        const attached = ofType(result, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => inputs(a).policyArn).sort();
        assert.deepStrictEqual(attached, [
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        ]);
    });

    it("lets the role use only the vault key and the keys it is given, grants only for AWS resources", async () => {
        const sourceKey = "arn:aws:kms:us-east-1:123456789012:key/tables";
        const result = await runInline(() => new BackupPlan("backups", { ...base, roleKmsKeyArns: [sourceKey] }));
        const vaultKey = one(result, "aws:kms/key:Key").outputs.arn;
        const [use, grant] = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy", "backups-keys")).Statement;
        assert.deepStrictEqual(use.Resource, [vaultKey, sourceKey]);
        assert.ok(!use.Action.includes("kms:*") && use.Action.includes("kms:Decrypt") && use.Action.includes("kms:GenerateDataKey*"), "named key actions");
        assert.strictEqual(grant.Action, "kms:CreateGrant");
        assert.deepStrictEqual(grant.Resource, [vaultKey, sourceKey]);
        assert.deepStrictEqual(grant.Condition, { Bool: { "kms:GrantIsForAWSResource": "true" } });
        // The key policy needs no AWS Backup service statement: the account's IAM delegation is enough.
        const keyPrincipals = policyDocument(one(result, "aws:kms/key:Key")).Statement.map((s) => s.Principal);
        assert.deepStrictEqual(keyPrincipals, [{ AWS: "arn:aws:iam::123456789012:root" }]);
    });

    it("uses a given key, schedule, windows, retention, cold storage and copy destination", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/given";
        const destination = "arn:aws:backup:us-west-2:123456789012:backup-vault:dr";
        const result = await runInline(() => new BackupPlan("backups", {
            ...base, kmsKeyArn: keyArn, schedule: "cron(30 2 ? * SUN *)", startWindowMinutes: 120, completionWindowMinutes: 600,
            deleteAfterDays: 400, coldStorageAfterDays: 30, copyToVaultArn: destination, copyDeleteAfterDays: 365, vaultName: "custom_vault",
        }));
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created");
        assert.strictEqual(inputs(one(result, VAULT)).kmsKeyArn, keyArn);
        assert.strictEqual(inputs(one(result, VAULT)).name, "custom_vault");
        const r = rule(result);
        assert.strictEqual(r.schedule, "cron(30 2 ? * SUN *)");
        assert.deepStrictEqual([r.startWindow, r.completionWindow], [120, 600]);
        assert.deepStrictEqual(r.lifecycle, { deleteAfter: 400, coldStorageAfter: 30 });
        assert.deepStrictEqual(r.copyActions, [{ destinationVaultArn: destination, lifecycle: { deleteAfter: 365, coldStorageAfter: 30 } }]);
    });

    it("copies keep the rule's retention unless told otherwise", async () => {
        const destination = "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr";
        const result = await runInline(() => new BackupPlan("backups", { ...base, deleteAfterDays: 14, copyToVaultArn: destination }));
        assert.deepStrictEqual(rule(result).copyActions, [{ destinationVaultArn: destination, lifecycle: { deleteAfter: 14 } }]);
    });

    it("locks the vault only when asked: governance by default, compliance with a grace period", async () => {
        const governance = await runInline(() => new BackupPlan("backups", { ...base, vaultLock: { minRetentionDays: 7, maxRetentionDays: 90 } }));
        const lock = inputs(one(governance, LOCK, "backups-lock"));
        assert.deepStrictEqual([lock.backupVaultName, lock.minRetentionDays, lock.maxRetentionDays], ["platform-test-backups", 7, 90]);
        assert.strictEqual(lock.changeableForDays, undefined, "governance mode: no changeableForDays");
        const compliance = await runInline(() => new BackupPlan("backups", { ...base, vaultLock: { minRetentionDays: 7, maxRetentionDays: 90, mode: "compliance" } }));
        assert.strictEqual(inputs(one(compliance, LOCK)).changeableForDays, 3, "compliance mode with AWS's minimum grace period");
        const longer = await runInline(() => new BackupPlan("backups", { ...base, vaultLock: { minRetentionDays: 7, maxRetentionDays: 90, mode: "compliance", changeableForDays: 10 } }));
        assert.strictEqual(inputs(one(longer, LOCK)).changeableForDays, 10);
    });

    it("is unprotected in dev (protectData false), and forceDestroy reaches the vault only when asked", async () => {
        const dev = await runInline(() => new BackupPlan("backups", { ...base, protectData: false, forceDestroy: true }), { stack: "dev" });
        const vault = one(dev, VAULT);
        assert.strictEqual(vault.options.protect, false, "vault not protected");
        assert.notStrictEqual(vault.options.retainOnDelete, true, "vault not retained");
        assert.strictEqual(one(dev, "aws:kms/key:Key").options.protect, false, "key not protected");
        assert.strictEqual(inputs(vault).forceDestroy, true);
        assert.strictEqual(inputs(vault).name, "platform-dev-backups", "the stack is part of the vault name");
    });

    it("exports the vault name and ARN, plan id and ARN, and the role ARN (unknown in preview)", async () => {
        let plan: BackupPlan | undefined;
        const result = await runInline(() => { plan = new BackupPlan("backups", base); });
        const values = await new Promise<string[]>((resolve) =>
            plan!.vaultName.apply((v) => plan!.vaultArn.apply((a) => plan!.planId.apply((p) => plan!.planArn.apply((pa) => plan!.roleArn.apply((r) => resolve([v, a, p, pa, r])))))));
        assert.deepStrictEqual(values, [
            "platform-test-backups", one(result, VAULT).outputs.arn, one(result, PLAN).id, one(result, PLAN).outputs.arn, one(result, "aws:iam/role:Role").outputs.arn,
        ]);
        assert.match(values[1], /^arn:aws:backup:us-east-1:123456789012:/);
        const preview = await runInline(() => new BackupPlan("backups", base), { mode: "preview" });
        assert.strictEqual(inputs(one(preview, SELECTION)).iamRoleArn, UNKNOWN, "role ARN unknown in preview");
    });

    it("rejects bad arguments before creating anything, naming the component and the argument", async () => {
        const bad: [Partial<BackupPlanArgs>, RegExp][] = [
            [{ resourceArns: [] }, /BackupPlan "bad": argument resourceArns: got \[\]; allowed: at least one resource ARN/],
            [{ deleteAfterDays: 0 }, /BackupPlan "bad": argument deleteAfterDays: got 0; allowed: whole days from 1 to 36500/],
            [{ deleteAfterDays: 1.5 }, /argument deleteAfterDays: got 1.5/],
            [{ schedule: "rate(1 day)" }, /BackupPlan "bad": argument schedule: got "rate\(1 day\)"; allowed: an AWS Backup cron expression/],
            [{ schedule: "cron(0 5 * *)" }, /argument schedule: got "cron\(0 5 \* \*\)"/],
            [{ startWindowMinutes: 30 }, /argument startWindowMinutes: got 30; allowed: whole minutes, at least 60/],
            [{ completionWindowMinutes: 90 }, /argument completionWindowMinutes: got 90; allowed: whole minutes, at least startWindowMinutes \+ 60 \(120\)/],
            [{ coldStorageAfterDays: 30, deleteAfterDays: 100 }, /BackupPlan "bad": argument deleteAfterDays: got 100; allowed: at least coldStorageAfterDays \+ 90 \(120\)/],
            [{ coldStorageAfterDays: 0, deleteAfterDays: 365 }, /argument coldStorageAfterDays: got 0/],
            [{ copyToVaultArn: "arn:aws:s3:::bucket" }, /argument copyToVaultArn: got "arn:aws:s3:::bucket"; allowed: a backup vault ARN/],
            [{ copyDeleteAfterDays: 10 }, /argument copyDeleteAfterDays: got 10; allowed: only with copyToVaultArn/],
            [{ vaultName: "a b" }, /argument vaultName: got "a b"/],
            [{ vaultLock: { minRetentionDays: 0, maxRetentionDays: 30 } }, /argument vaultLock.minRetentionDays: got 0/],
            [{ vaultLock: { minRetentionDays: 30, maxRetentionDays: 7 } }, /argument vaultLock.maxRetentionDays: got 7/],
            [{ vaultLock: { minRetentionDays: 60, maxRetentionDays: 90 } }, /argument deleteAfterDays: got 35; allowed: within the vault lock's retention range \(60 to 90 days\)/],
            [{ vaultLock: { minRetentionDays: 7, maxRetentionDays: 90, changeableForDays: 5 } }, /argument vaultLock.changeableForDays: got 5; allowed: only with mode "compliance"/],
            [{ vaultLock: { minRetentionDays: 7, maxRetentionDays: 90, mode: "compliance", changeableForDays: 1 } }, /argument vaultLock.changeableForDays: got 1/],
            [{ vaultLock: { minRetentionDays: 7, maxRetentionDays: 90 }, forceDestroy: true }, /argument forceDestroy: got true; allowed: false when the vault is locked/],
        ];
        for (const [args, message] of bad) {
            const result = await runProgram({
                program: () => new BackupPlan("bad", { ...base, ...args }), project: "platform", stack: "test", config: { "aws:region": "us-east-1" }, mode: "apply",
            });
            assert.match(String(result.error), message, JSON.stringify(args));
            assert.deepStrictEqual(declaredResources(result).map((r) => r.type), [], `${JSON.stringify(args)}: nothing registered`);
        }
    });

    it("documents every argument in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("backup-plan"), interfaceProperties("backup-plan", "BackupPlanArgs"));
    });
});
