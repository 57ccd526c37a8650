import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown } from "../lib/values";

export const rdsBackupAndDeletionProtection = resourceRule<{ minBackupRetentionDays: number }>({
    name: "aws-rds-backup-and-deletion-protection",
    description: "RDS instances and Aurora clusters have deletion protection, backups kept at least 7 days, and a final snapshot.",
    area: "data-safety",
    severity: "high",
    remediation: "set deletionProtection: true, backupRetentionPeriod >= 7, skipFinalSnapshot: false with a finalSnapshotIdentifier",
    cdkNag: ["AwsSolutions-RDS10"],
    checkov: ["CKV_AWS_293", "CKV_AWS_139", "CKV_AWS_133"],
    configSchema: { properties: { minBackupRetentionDays: { type: "integer", default: 7, minimum: 1 } } },
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    check({ props }, report, config) {
        const replica = Boolean(at(props, "replicateSourceDb"));
        const protection = at(props, "deletionProtection");
        if (!isUnknown(protection) && !isTrue(protection)) report("has no deletion protection", "set deletionProtection: true");
        const retention = at(props, "backupRetentionPeriod");
        if (!replica && !isUnknown(retention) && !(typeof retention === "number" && retention >= config.minBackupRetentionDays)) {
            report(`keeps backups ${typeof retention === "number" ? `${retention} day(s)` : "for the default 1 day"} (< ${config.minBackupRetentionDays})`, `set backupRetentionPeriod: ${config.minBackupRetentionDays} or more`);
        }
        if (isTrue(at(props, "skipFinalSnapshot"))) report("skips the final snapshot on delete", "set skipFinalSnapshot: false and a finalSnapshotIdentifier");
    },
});
