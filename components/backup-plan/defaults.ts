/** Secure defaults of BackupPlan, and the AWS Backup limits its arguments are checked against, in one place. */
export const BACKUP_PLAN_DEFAULTS = {
    /** Daily at 05:00 UTC: after the European evening and the American night, before the European morning. */
    schedule: "cron(0 5 * * ? *)",
    /** The rule's name in the plan (one rule: daily snapshots). */
    ruleName: "daily",
    /** A job must start within an hour of its scheduled time (AWS Backup's minimum start window). */
    startWindowMinutes: 60,
    /** ... and finish within eight hours of starting, or AWS Backup cancels it and reports a failure. */
    completionWindowMinutes: 480,
    /** Recovery points are kept 35 days: as long as DynamoDB and RDS point-in-time recovery reach back. */
    deleteAfterDays: 35,
    /** Stateful: the vault (and a created key) are protected unless a stack says otherwise. */
    protectData: true,
    /** Never delete a vault's recovery points with the vault unless a (dev) stack asks for it. */
    forceDestroy: false,
    /** A vault lock, when asked for, is in governance mode: privileged users can still lift it. Compliance is opt-in (it is irreversible). */
    vaultLockMode: "governance",
    /** Grace period of a compliance-mode lock: days during which it can still be removed (AWS minimum). */
    changeableForDays: 3,
} as const;

/** AWS Backup's own limits. */
export const BACKUP_LIMITS = {
    /** Recovery points in cold storage must stay there at least 90 days: deleteAfter >= coldStorageAfter + 90. */
    coldStorageMinimumDays: 90,
    /** Longest retention AWS Backup accepts (100 years). */
    maxRetentionDays: 36500,
    /** Shortest start window AWS Backup accepts. */
    minStartWindowMinutes: 60,
    /** Shortest grace period of a compliance-mode vault lock. */
    minChangeableForDays: 3,
    /** Backup vault, plan and selection names: at most 50 characters. */
    maxNameLength: 50,
} as const;

/**
 * AWS managed policies of the backup role: create backups of every supported service, and restore
 * them (restores run as the same role).
 */
export const BACKUP_ROLE_MANAGED_POLICIES = ["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"] as const;

/** What the backup role may do with the vault key (and the other keys it is given). */
export const BACKUP_KEY_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"] as const;
