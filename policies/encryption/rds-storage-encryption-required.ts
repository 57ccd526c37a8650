import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown, pendingUntilUpdate } from "../lib/values";

export const rdsStorageEncryptionRequired = resourceRule({
    name: "aws-rds-storage-encryption-required",
    description: "RDS instances and Aurora clusters have storage encryption.",
    area: "encryption",
    severity: "high",
    remediation: "set storageEncrypted: true (and kmsKeyId to a customer managed key); an existing database must be restored from an encrypted snapshot",
    cdkNag: ["AwsSolutions-RDS2"],
    checkov: ["CKV_AWS_16", "CKV_AWS_96"],
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    check({ props }, report) {
        // Read replicas inherit the source's encryption; Aurora members are covered by the cluster.
        if (at(props, "replicateSourceDb") || at(props, "replicationSourceIdentifier")) return;
        const engine = at(props, "engine");
        if (typeof engine === "string" && engine.startsWith("aurora") && at(props, "engineMode") === "serverless") return;
        const encrypted = at(props, "storageEncrypted");
        if (isUnknown(encrypted)) pendingUntilUpdate("storageEncrypted");
        if (!isTrue(encrypted)) report("has storageEncrypted unset or false");
    },
});
