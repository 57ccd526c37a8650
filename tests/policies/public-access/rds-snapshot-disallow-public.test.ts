import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-rds-snapshot-disallow-public", {
    level: "mandatory",
    description: /shared with `all`/,
    compliant: [
        res("aws:rds/snapshot:Snapshot", "db-snap", { dbInstanceIdentifier: UNKNOWN, dbSnapshotIdentifier: "db-2026-01", sharedAccounts: ["210987654321"] }),
        res("aws:rds/clusterSnapshot:ClusterSnapshot", "aurora-snap", { dbClusterIdentifier: UNKNOWN, dbClusterSnapshotIdentifier: "aurora-2026-01" }),
        res("aws:rds/snapshotCopy:SnapshotCopy", "db-snap-dr", { sourceDbSnapshotIdentifier: UNKNOWN, targetDbSnapshotIdentifier: "db-dr", kmsKeyId: UNKNOWN }),
        res("aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy", "aurora-snap-dr", { sourceDbClusterSnapshotIdentifier: UNKNOWN, targetDbClusterSnapshotIdentifier: "aurora-dr", sharedAccounts: [] }),
    ],
    cases: [
        { title: "a DB snapshot shared with all", break: (f) => (f[0].props.sharedAccounts = ["210987654321", "all"]), expect: /is shared with "all": any AWS account can restore it/ },
        { title: "a cluster snapshot shared with all", break: (f) => (f[1].props.sharedAccounts = ["all"]), expect: /shared with "all"/, resource: "aurora-snap" },
        { title: "a snapshot copy shares the copy with all", break: (f) => (f[2].props.sharedAccounts = ["ALL"]), expect: /shared with "all"/, resource: "db-snap-dr" },
        { title: "a cluster snapshot copy shares the copy with all", break: (f) => (f[3].props.sharedAccounts = ["all"]), expect: /shared with "all"/, resource: "aurora-snap-dr" },
    ],
    pending: [
        { title: "the shared accounts are unknown", break: (f) => (f[0].props.sharedAccounts = UNKNOWN) },
        { title: "one shared account is unknown", break: (f) => (f[3].props.sharedAccounts = [UNKNOWN]) },
    ],
});
