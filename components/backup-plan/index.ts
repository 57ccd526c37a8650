/**
 * BackupPlan: AWS Backup for a list of resources. A vault encrypted with a customer-managed key, a
 * plan with one daily rule (schedule, windows, retention, optional cold storage and a copy to a vault
 * in another region), a selection of the given resource ARNs, and the role AWS Backup runs as.
 *
 * The key: AWS Backup calls KMS as the backup role (and through grants it creates for the service),
 * never as a service principal, so the key policy needs no `backup.amazonaws.com` statement. The
 * EncryptionKey's policy lets the account's IAM grant use of the key; the role gets exactly that
 * use, on this key and the keys it is given, in an inline policy.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { statefulOptions } from "../shared/protection";
import { BACKUP_KEY_ACTIONS, BACKUP_LIMITS, BACKUP_PLAN_DEFAULTS, BACKUP_ROLE_MANAGED_POLICIES } from "./defaults";

const COMPONENT = "BackupPlan";

/** A vault lock: AWS Backup refuses to store, or to delete early, recovery points outside these bounds. */
export interface VaultLockArgs {
    /** Shortest retention (days, at least 1) a recovery point in the vault may have; nobody can delete one earlier. */
    minRetentionDays: number;
    /** Longest retention (days, from minRetentionDays to 36500). */
    maxRetentionDays: number;
    /**
     * "governance" (default): users with `backup:DeleteBackupVaultLockConfiguration` can still lift the
     * lock. "compliance": after `changeableForDays` nobody can, not even the account root (WORM; for
     * regulatory retention).
     */
    mode?: "governance" | "compliance";
    /** Compliance mode only: days (at least 3, default 3) during which the lock can still be removed. */
    changeableForDays?: number;
}

export interface BackupPlanArgs {
    /** ARNs of the resources to back up (DynamoDB tables, RDS instances and clusters, EFS, S3...). At least one. */
    resourceArns: pulumi.Input<string>[];
    /** When the daily rule runs: an AWS Backup `cron(...)` expression (six fields, UTC). Default `cron(0 5 * * ? *)`. */
    schedule?: string;
    /** Minutes after the scheduled time within which a job must start (at least 60). Default 60. */
    startWindowMinutes?: number;
    /** Minutes after a job starts within which it must finish (at least startWindowMinutes + 60). Default 480. */
    completionWindowMinutes?: number;
    /** Days a recovery point is kept (1 to 36500). Default 35. */
    deleteAfterDays?: number;
    /** Days after which a recovery point moves to cold storage (resources that support it); deleteAfterDays must then be at least 90 more. Default: no cold storage. */
    coldStorageAfterDays?: number;
    /** ARN of a backup vault (normally in another region) that receives a copy of every recovery point. Default: no copy. */
    copyToVaultArn?: pulumi.Input<string>;
    /** Days the copies are kept (1 to 36500). Default: deleteAfterDays. */
    copyDeleteAfterDays?: number;
    /** CMK encrypting the vault. Default: an EncryptionKey child. */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Other keys the backup role must use: the keys of the selected resources (for restores, and for
     * backups that keep the source's encryption) and the copy destination vault's key.
     */
    roleKmsKeyArns?: pulumi.Input<string>[];
    /** Physical vault name (2 to 50 letters, digits, - and _). Default `<project>-<stack>-<name>`. */
    vaultName?: string;
    /** Lock the vault (min/max retention; governance or compliance mode). Default: no lock. */
    vaultLock?: VaultLockArgs;
    /** Let `pulumi destroy` delete the vault with its recovery points. Dev stacks only; not with a vault lock. Default false. */
    forceDestroy?: boolean;
    /** Pulumi protect + retain on delete on the vault (and a created key). Default true. */
    protectData?: boolean;
}

const CRON = /^cron\(\s*\S+(\s+\S+){5}\s*\)$/;
const VAULT_NAME = /^[A-Za-z0-9_-]{2,50}$/;
const VAULT_ARN = /^arn:[a-z-]+:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_.-]{2,50}$/;

const wholeDays = (v: unknown, min: number, max: number = BACKUP_LIMITS.maxRetentionDays) =>
    typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

function validate(name: string, args: BackupPlanArgs): void {
    const fail = (ok: boolean, arg: string, given: unknown, allowed: string) => requireArg(ok, COMPONENT, name, arg, given, allowed);
    fail(Array.isArray(args.resourceArns) && args.resourceArns.length > 0, "resourceArns", args.resourceArns, "at least one resource ARN");
    const schedule = args.schedule ?? BACKUP_PLAN_DEFAULTS.schedule;
    fail(typeof schedule === "string" && CRON.test(schedule), "schedule", args.schedule, "an AWS Backup cron expression with six fields, such as cron(0 5 * * ? *)");
    const start = args.startWindowMinutes ?? BACKUP_PLAN_DEFAULTS.startWindowMinutes;
    fail(Number.isInteger(start) && start >= BACKUP_LIMITS.minStartWindowMinutes, "startWindowMinutes", args.startWindowMinutes,
        `whole minutes, at least ${BACKUP_LIMITS.minStartWindowMinutes}`);
    const completion = args.completionWindowMinutes ?? BACKUP_PLAN_DEFAULTS.completionWindowMinutes;
    fail(Number.isInteger(completion) && completion >= start + 60, "completionWindowMinutes", args.completionWindowMinutes,
        `whole minutes, at least startWindowMinutes + 60 (${start + 60})`);
    const deleteAfter = args.deleteAfterDays ?? BACKUP_PLAN_DEFAULTS.deleteAfterDays;
    fail(wholeDays(deleteAfter, 1), "deleteAfterDays", args.deleteAfterDays, `whole days from 1 to ${BACKUP_LIMITS.maxRetentionDays}`);
    if (args.coldStorageAfterDays !== undefined) {
        const cold = args.coldStorageAfterDays;
        fail(wholeDays(cold, 1), "coldStorageAfterDays", cold, `whole days from 1 to ${BACKUP_LIMITS.maxRetentionDays}`);
        fail(deleteAfter >= cold + BACKUP_LIMITS.coldStorageMinimumDays, "deleteAfterDays", deleteAfter,
            `at least coldStorageAfterDays + ${BACKUP_LIMITS.coldStorageMinimumDays} (${cold + BACKUP_LIMITS.coldStorageMinimumDays}): AWS Backup keeps cold recovery points at least 90 days`);
    }
    if (typeof args.copyToVaultArn === "string") {
        fail(VAULT_ARN.test(args.copyToVaultArn), "copyToVaultArn", args.copyToVaultArn, "a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)");
    }
    if (args.copyDeleteAfterDays !== undefined) {
        fail(args.copyToVaultArn !== undefined, "copyDeleteAfterDays", args.copyDeleteAfterDays, "only with copyToVaultArn");
        fail(wholeDays(args.copyDeleteAfterDays, 1), "copyDeleteAfterDays", args.copyDeleteAfterDays, `whole days from 1 to ${BACKUP_LIMITS.maxRetentionDays}`);
        if (args.coldStorageAfterDays !== undefined) {
            fail(args.copyDeleteAfterDays >= args.coldStorageAfterDays + BACKUP_LIMITS.coldStorageMinimumDays, "copyDeleteAfterDays", args.copyDeleteAfterDays,
                `at least coldStorageAfterDays + ${BACKUP_LIMITS.coldStorageMinimumDays} (${args.coldStorageAfterDays + BACKUP_LIMITS.coldStorageMinimumDays})`);
        }
    }
    fail(args.vaultName === undefined || VAULT_NAME.test(args.vaultName), "vaultName", args.vaultName, "2 to 50 letters, digits, - and _");
    const lock = args.vaultLock;
    if (lock !== undefined) {
        fail(wholeDays(lock.minRetentionDays, 1), "vaultLock.minRetentionDays", lock.minRetentionDays, `whole days from 1 to ${BACKUP_LIMITS.maxRetentionDays}`);
        fail(wholeDays(lock.maxRetentionDays, lock.minRetentionDays), "vaultLock.maxRetentionDays", lock.maxRetentionDays,
            `whole days from vaultLock.minRetentionDays (${lock.minRetentionDays}) to ${BACKUP_LIMITS.maxRetentionDays}`);
        fail(deleteAfter >= lock.minRetentionDays && deleteAfter <= lock.maxRetentionDays, "deleteAfterDays", deleteAfter,
            `within the vault lock's retention range (${lock.minRetentionDays} to ${lock.maxRetentionDays} days), or AWS Backup fails every job`);
        const mode = lock.mode ?? BACKUP_PLAN_DEFAULTS.vaultLockMode;
        fail(mode === "governance" || mode === "compliance", "vaultLock.mode", lock.mode, "\"governance\" or \"compliance\"");
        fail(lock.changeableForDays === undefined || mode === "compliance", "vaultLock.changeableForDays", lock.changeableForDays, "only with mode \"compliance\"");
        fail(lock.changeableForDays === undefined || wholeDays(lock.changeableForDays, BACKUP_LIMITS.minChangeableForDays), "vaultLock.changeableForDays",
            lock.changeableForDays, `whole days from ${BACKUP_LIMITS.minChangeableForDays} to ${BACKUP_LIMITS.maxRetentionDays}`);
        fail(args.forceDestroy !== true, "forceDestroy", args.forceDestroy, "false when the vault is locked (locked recovery points cannot be deleted)");
    }
}

/** `<project>-<stack>-<name>` made a valid vault name: unique per stack, readable in the console during a restore. */
function defaultVaultName(name: string): string {
    return `${pulumi.getProject()}-${pulumi.getStack()}-${name}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, BACKUP_LIMITS.maxNameLength).replace(/-+$/, "");
}

export class BackupPlan extends pulumi.ComponentResource {
    readonly vault: aws.backup.Vault;
    readonly plan: aws.backup.Plan;
    readonly selection: aws.backup.Selection;
    readonly role: aws.iam.Role;
    /** The vault lock, when `vaultLock` is set. */
    readonly vaultLock?: aws.backup.VaultLockConfiguration;
    /** The key created for the vault when none was given. */
    readonly encryptionKey?: EncryptionKey;
    readonly vaultName: pulumi.Output<string>;
    readonly vaultArn: pulumi.Output<string>;
    readonly planId: pulumi.Output<string>;
    readonly planArn: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    readonly kmsKeyArn: pulumi.Output<string>;

    constructor(name: string, args: BackupPlanArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:data:BackupPlan", name, {}, opts);
        const protectData = args.protectData ?? BACKUP_PLAN_DEFAULTS.protectData;
        const deleteAfterDays = args.deleteAfterDays ?? BACKUP_PLAN_DEFAULTS.deleteAfterDays;

        if (args.kmsKeyArn === undefined) {
            // No service statement: AWS Backup uses the key as the backup role, through IAM (granted below).
            this.encryptionKey = new EncryptionKey(`${name}-key`, { description: `AWS Backup vault ${name}`, protectData }, { parent: this });
        }
        this.kmsKeyArn = pulumi.output(args.kmsKeyArn ?? this.encryptionKey!.arn);

        this.vault = new aws.backup.Vault(name, {
            name: args.vaultName ?? defaultVaultName(name),
            kmsKeyArn: this.kmsKeyArn,
            forceDestroy: args.forceDestroy ?? BACKUP_PLAN_DEFAULTS.forceDestroy,
        }, statefulOptions(protectData, { parent: this }));

        if (args.vaultLock) {
            const compliance = (args.vaultLock.mode ?? BACKUP_PLAN_DEFAULTS.vaultLockMode) === "compliance";
            this.vaultLock = new aws.backup.VaultLockConfiguration(`${name}-lock`, {
                backupVaultName: this.vault.name,
                minRetentionDays: args.vaultLock.minRetentionDays,
                maxRetentionDays: args.vaultLock.maxRetentionDays,
                // AWS's switch: with changeableForDays the lock is in compliance mode, without it in governance mode.
                changeableForDays: compliance ? args.vaultLock.changeableForDays ?? BACKUP_PLAN_DEFAULTS.changeableForDays : undefined,
            }, { parent: this });
        }

        const lifecycle = { deleteAfter: deleteAfterDays, coldStorageAfter: args.coldStorageAfterDays };
        this.plan = new aws.backup.Plan(`${name}-plan`, {
            rules: [{
                ruleName: BACKUP_PLAN_DEFAULTS.ruleName,
                targetVaultName: this.vault.name,
                schedule: args.schedule ?? BACKUP_PLAN_DEFAULTS.schedule,
                startWindow: args.startWindowMinutes ?? BACKUP_PLAN_DEFAULTS.startWindowMinutes,
                completionWindow: args.completionWindowMinutes ?? BACKUP_PLAN_DEFAULTS.completionWindowMinutes,
                lifecycle,
                copyActions: args.copyToVaultArn === undefined ? undefined : [{
                    destinationVaultArn: args.copyToVaultArn,
                    lifecycle: { deleteAfter: args.copyDeleteAfterDays ?? deleteAfterDays, coldStorageAfter: args.coldStorageAfterDays },
                }],
            }],
        }, { parent: this, dependsOn: this.vaultLock ? [this.vaultLock] : [] });

        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        this.role = new aws.iam.Role(`${name}-role`, {
            description: `AWS Backup runs plan ${name}'s backups and restores as this role`,
            assumeRolePolicy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "backup.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    // Confused deputy: only AWS Backup acting for this account.
                    Condition: { StringEquals: { "aws:SourceAccount": account } },
                }],
            }),
        }, { parent: this });
        const managed: Record<(typeof BACKUP_ROLE_MANAGED_POLICIES)[number], string> = {
            AWSBackupServiceRolePolicyForBackup: aws.iam.ManagedPolicy.AWSBackupServiceRolePolicyForBackup,
            AWSBackupServiceRolePolicyForRestores: aws.iam.ManagedPolicy.AWSBackupServiceRolePolicyForRestores,
        };
        const attachments = BACKUP_ROLE_MANAGED_POLICIES.map((policy) => new aws.iam.RolePolicyAttachment(`${name}-${policy}`, {
            role: this.role.name,
            policyArn: managed[policy],
        }, { parent: this }));
        const keys = pulumi.all([this.kmsKeyArn, ...(args.roleKmsKeyArns ?? [])]);
        const keyPolicy = new aws.iam.RolePolicy(`${name}-keys`, {
            role: this.role.name,
            policy: keys.apply((arns) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{
                    Sid: "UseBackupKeys",
                    Effect: "Allow",
                    Action: [...BACKUP_KEY_ACTIONS],
                    Resource: [...new Set(arns)],
                }, {
                    Sid: "GrantBackupKeysToAwsServices",
                    Effect: "Allow",
                    Action: "kms:CreateGrant",
                    Resource: [...new Set(arns)],
                    Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
                }],
            })),
        }, { parent: this });

        this.selection = new aws.backup.Selection(`${name}-selection`, {
            name: `${name}-resources`.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, BACKUP_LIMITS.maxNameLength),
            planId: this.plan.id,
            iamRoleArn: this.role.arn,
            resources: args.resourceArns,
        }, { parent: this, dependsOn: [...attachments, keyPolicy] });

        this.vaultName = this.vault.name;
        this.vaultArn = this.vault.arn;
        this.planId = this.plan.id;
        this.planArn = this.plan.arn;
        this.roleArn = this.role.arn;
        this.registerOutputs({
            vaultName: this.vaultName, vaultArn: this.vaultArn, planId: this.planId, planArn: this.planArn, roleArn: this.roleArn, kmsKeyArn: this.kmsKeyArn,
        });
    }
}
