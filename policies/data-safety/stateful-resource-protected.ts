import { resourceRule } from "../lib/define";

/** Resources whose deletion loses data. */
export const STATEFUL_TYPES = [
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:dynamodb/table:Table",
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws:efs/fileSystem:FileSystem",
    "aws:ebs/volume:Volume",
    "aws:kms/key:Key",
    "aws:secretsmanager/secret:Secret",
    "aws:cognito/userPool:UserPool",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:opensearch/domain:Domain",
    "aws:backup/vault:Vault",
    "aws:ecr/repository:Repository",
];

export const statefulResourceProtected = resourceRule({
    name: "aws-stateful-resource-protected",
    description: "Stateful resources (buckets, tables, databases, file systems, keys, secrets, user pools) are protected with `protect` or `retainOnDelete`.",
    area: "data-safety",
    severity: "high",
    remediation: "pass resource options { protect: true, retainOnDelete: true } (components: statefulOptions(protectData, { parent: this }))",
    types: STATEFUL_TYPES,
    check({ opts }, report) {
        if (opts.protect === true || opts.retainOnDelete === true) return;
        report("is neither protected nor retained on delete");
    },
});
