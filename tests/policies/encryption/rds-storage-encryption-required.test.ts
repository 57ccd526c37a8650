import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-rds-storage-encryption-required", {
    level: "mandatory",
    description: /storage encryption/,
    compliant: [res("aws:rds/instance:Instance", "db", { engine: "postgres", storageEncrypted: true }), res("aws:rds/cluster:Cluster", "aurora", { engine: "aurora-postgresql", storageEncrypted: true })],
    alsoCompliant: [{ title: "a read replica inherits encryption", change: (f) => { f[0].props = { replicateSourceDb: "db-primary" }; } }],
    cases: [
        { title: "instance without storageEncrypted", break: (f) => delete f[0].props.storageEncrypted, expect: /storageEncrypted unset or false/ },
        { title: "cluster with storageEncrypted false", break: (f) => (f[1].props.storageEncrypted = false), expect: /storageEncrypted/, resource: "aurora" },
    ],
    pending: [{ title: "storageEncrypted is unknown", break: (f) => (f[0].props.storageEncrypted = UNKNOWN) }],
});
