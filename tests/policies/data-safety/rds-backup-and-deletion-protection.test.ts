import { describePolicy, res } from "../support/spec";

describePolicy("aws-rds-backup-and-deletion-protection", {
    level: "mandatory",
    description: /deletion protection, backups kept at least 7 days, and a final snapshot/,
    compliant: [
        res("aws:rds/instance:Instance", "db", { deletionProtection: true, backupRetentionPeriod: 14, skipFinalSnapshot: false, finalSnapshotIdentifier: "db-final" }),
        res("aws:rds/cluster:Cluster", "aurora", { deletionProtection: true, backupRetentionPeriod: 7, finalSnapshotIdentifier: "aurora-final" }),
    ],
    cases: [
        { title: "no deletion protection", break: (f) => (f[0].props.deletionProtection = false), expect: /has no deletion protection/ },
        { title: "short backup retention", break: (f) => (f[1].props.backupRetentionPeriod = 3), expect: /keeps backups 3 day\(s\) \(< 7\)/, resource: "aurora" },
        { title: "default backup retention", break: (f) => delete f[0].props.backupRetentionPeriod, expect: /default 1 day/ },
        { title: "final snapshot skipped", break: (f) => (f[0].props.skipFinalSnapshot = true), expect: /skips the final snapshot/ },
        { title: "a stricter configured retention", break: (f) => (f[0].props.backupRetentionPeriod = 14), config: { minBackupRetentionDays: 30 }, expect: /< 30/ },
    ],
});
