import { byName, describePolicy, res, T, UNKNOWN } from "./support/spec";

describe("data safety", () => {
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

    describePolicy("aws-dynamodb-table-pitr-and-deletion-protection", {
        level: "mandatory",
        description: /point-in-time recovery and deletion protection/,
        compliant: [res("aws:dynamodb/table:Table", "orders", { pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true })],
        cases: [
            { title: "no PITR", break: (f) => delete f[0].props.pointInTimeRecovery, expect: /no point-in-time recovery/ },
            { title: "no deletion protection", break: (f) => (f[0].props.deletionProtectionEnabled = false), expect: /no deletion protection/ },
        ],
    });

    describePolicy("aws-s3-bucket-versioning-enabled", {
        level: "mandatory",
        description: /versioning enabled/,
        compliant: [res(T.bucket, "data", { bucket: UNKNOWN }), res(T.versioning, "data-versioning", { bucket: UNKNOWN, versioningConfiguration: { status: "Enabled" } }, { bucket: ["data"] })],
        alsoCompliant: [{ title: "inline versioning is on", change: (f) => { f.pop(); f[0].props.versioning = { enabled: true }; } }],
        cases: [
            { title: "no versioning resource", break: (f) => f.pop(), expect: /has no versioning/ },
            { title: "versioning suspended", break: (f) => ((byName(f, "data-versioning").props.versioningConfiguration as Record<string, string>).status = "Suspended"), expect: /versioning status "Suspended"/, resource: "data-versioning" },
        ],
        pending: [{ title: "the status is unknown", break: (f) => (byName(f, "data-versioning").props.versioningConfiguration = { status: UNKNOWN }) }],
    });

    describePolicy("aws-cognito-userpool-deletion-protection", {
        level: "mandatory",
        description: /user pools have deletion protection/,
        compliant: [res("aws:cognito/userPool:UserPool", "users", { deletionProtection: "ACTIVE" })],
        cases: [
            { title: "unset", break: (f) => delete f[0].props.deletionProtection, expect: /unset \(INACTIVE\)/ },
            { title: "INACTIVE", break: (f) => (f[0].props.deletionProtection = "INACTIVE"), expect: /"INACTIVE"/ },
        ],
    });

    describePolicy("aws-stateful-resource-protected", {
        level: "mandatory",
        description: /protected with `protect` or `retainOnDelete`/,
        compliant: [
            { ...res("aws:dynamodb/table:Table", "orders", {}), protect: true },
            { ...res("aws:s3/bucket:Bucket", "data", {}), protect: true },
            res("aws:sqs/queue:Queue", "jobs", {}),
        ],
        cases: [
            { title: "an unprotected table", break: (f) => (f[0].protect = false), expect: /neither protected nor retained on delete/ },
            { title: "an unprotected bucket", break: (f) => (f[1].protect = false), expect: /neither protected/, resource: "data" },
        ],
    });
});
