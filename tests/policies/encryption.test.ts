import { byName, describePolicy, res, T, UNKNOWN } from "./support/spec";

describe("encryption at rest", () => {
    describePolicy("aws-s3-bucket-encryption-required", {
        level: "mandatory",
        description: /default server-side encryption/,
        config: { requireKms: true },
        compliant: [
            res(T.bucket, "data", { bucket: UNKNOWN }),
            res(T.sse, "data-sse", { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } }] }, { bucket: ["data"] }),
        ],
        alsoCompliant: [
            { title: "SSE-S3 is used and KMS is not required", change: (f) => (byName(f, "data-sse").props.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]), config: { requireKms: false } },
            { title: "the link is by known bucket names instead of property dependencies", change: (f) => { byName(f, "data").props.bucket = "acme-data"; byName(f, "data-sse").props.bucket = "acme-data"; delete byName(f, "data-sse").deps; } },
            { title: "the bucket uses the inline form", change: (f) => { f.pop(); f[0].props.serverSideEncryptionConfiguration = { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } } }; } },
        ],
        cases: [
            { title: "no encryption configuration", break: (f) => f.pop(), expect: /has no default server-side encryption configuration/ },
            {
                title: "the configuration belongs to another bucket",
                break: (f) => { byName(f, "data").props.bucket = "acme-data"; byName(f, "data-sse").props.bucket = "acme-other"; delete byName(f, "data-sse").deps; },
                expect: /has no default server-side encryption/,
            },
            { title: "SSE-S3 where KMS is required", break: (f) => (byName(f, "data-sse").props.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]), expect: /requires SSE-KMS.*for bucket "data"/, resource: "data-sse" },
            { title: "inline SSE-S3 where KMS is required", break: (f) => { f.pop(); f[0].props.serverSideEncryptionConfiguration = { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } }; }, expect: /SSE-S3/ },
        ],
        pending: [{ title: "the configuration's bucket is unknown and carries no dependencies", break: (f) => delete byName(f, "data-sse").deps }],
    });

    describePolicy("aws-dynamodb-table-kms-encryption-required", {
        level: "mandatory",
        description: /DynamoDB tables are encrypted with a KMS key/,
        compliant: [res("aws:dynamodb/table:Table", "orders", { serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } })],
        cases: [
            { title: "no serverSideEncryption", break: (f) => delete f[0].props.serverSideEncryption, expect: /AWS owned key/ },
            { title: "serverSideEncryption disabled", break: (f) => (f[0].props.serverSideEncryption = { enabled: false }), expect: /AWS owned key/ },
        ],
        pending: [{ title: "the flag is unknown", break: (f) => (f[0].props.serverSideEncryption = { enabled: UNKNOWN }) }],
    });

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

    describePolicy("aws-secretsmanager-secret-kms-key-required", {
        level: "mandatory",
        description: /Secrets Manager secrets/,
        compliant: [res("aws:secretsmanager/secret:Secret", "db-secret", { kmsKeyId: UNKNOWN })],
        cases: [{ title: "no kmsKeyId", break: (f) => delete f[0].props.kmsKeyId, expect: /has no kmsKeyId/ }],
    });

    describePolicy("aws-cloudwatch-loggroup-kms-key-required", {
        level: "mandatory",
        description: /log groups/,
        compliant: [res("aws:cloudwatch/logGroup:LogGroup", "app-logs", { kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/abc", retentionInDays: 30 })],
        cases: [{ title: "no kmsKeyId", break: (f) => delete f[0].props.kmsKeyId, expect: /has no kmsKeyId/ }],
    });

    describePolicy("aws-sns-topic-kms-key-required", {
        level: "mandatory",
        description: /SNS topics/,
        compliant: [res("aws:sns/topic:Topic", "alerts", { kmsMasterKeyId: UNKNOWN })],
        cases: [{ title: "no kmsMasterKeyId", break: (f) => delete f[0].props.kmsMasterKeyId, expect: /has no kmsMasterKeyId/ }],
    });

    describePolicy("aws-sqs-queue-encryption-required", {
        level: "mandatory",
        description: /SQS queues/,
        compliant: [res("aws:sqs/queue:Queue", "jobs", { kmsMasterKeyId: UNKNOWN })],
        alsoCompliant: [{ title: "SSE-SQS is on", change: (f) => (f[0].props = { sqsManagedSseEnabled: true }) }],
        cases: [
            { title: "no encryption setting", break: (f) => delete f[0].props.kmsMasterKeyId, expect: /neither kmsMasterKeyId nor sqsManagedSseEnabled/ },
            { title: "SSE-SQS explicitly off", break: (f) => (f[0].props = { sqsManagedSseEnabled: false }), expect: /neither/ },
        ],
    });

    describePolicy("aws-kms-key-rotation-enabled", {
        level: "mandatory",
        description: /rotation/,
        compliant: [res("aws:kms/key:Key", "key", { enableKeyRotation: true })],
        alsoCompliant: [{ title: "the key is asymmetric", change: (f) => (f[0].props = { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }) }],
        cases: [
            { title: "rotation unset", break: (f) => delete f[0].props.enableKeyRotation, expect: /without automatic rotation/ },
            { title: "rotation off", break: (f) => (f[0].props.enableKeyRotation = false), expect: /without automatic rotation/ },
        ],
        pending: [{ title: "rotation is unknown", break: (f) => (f[0].props.enableKeyRotation = UNKNOWN) }],
    });

    describePolicy("aws-ebs-encryption-required", {
        level: "mandatory",
        description: /EBS volumes/,
        compliant: [
            res("aws:ebs/volume:Volume", "data-vol", { encrypted: true, availabilityZone: "us-east-1a", size: 10 }),
            res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 20 } }] }),
        ],
        cases: [
            { title: "volume not encrypted", break: (f) => (f[0].props.encrypted = false), expect: /is not encrypted/ },
            { title: "launch template device not encrypted", break: (f) => ((f[1].props.blockDeviceMappings as { ebs: { encrypted: string } }[])[0].ebs.encrypted = "false"), expect: /unencrypted EBS block device \/dev\/xvda/, resource: "lt" },
        ],
    });

    describePolicy("aws-lambda-function-no-plaintext-secrets", {
        level: "mandatory",
        description: /no literal secrets/,
        compliant: [res("aws:lambda/function:Function", "api", { environment: { variables: { DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db", TABLE_NAME: "orders", API_TOKEN: UNKNOWN } } })],
        cases: [
            { title: "a literal password", break: (f) => ((f[0].props.environment as { variables: Record<string, string> }).variables.DB_PASSWORD = "hunter2hunter2"), expect: /DB_PASSWORD holds a literal secret/ },
            { title: "a literal API key", break: (f) => ((f[0].props.environment as { variables: Record<string, string> }).variables.STRIPE_API_KEY = "sk_live_123"), expect: /STRIPE_API_KEY/ },
        ],
    });

    const container = (env: { name: string; value: string }[]) => JSON.stringify([{ name: "web", image: "nginx", environment: env }]);
    describePolicy("aws-ecs-taskdefinition-no-plaintext-secrets", {
        level: "mandatory",
        description: /ECS container definitions/,
        compliant: [res("aws:ecs/taskDefinition:TaskDefinition", "task", { family: "web", containerDefinitions: container([{ name: "LOG_LEVEL", value: "info" }, { name: "DB_SECRET_ARN", value: "arn:aws:secretsmanager:us-east-1:1:secret:x" }]) })],
        cases: [
            { title: "a literal token", break: (f) => (f[0].props.containerDefinitions = container([{ name: "GITHUB_TOKEN", value: "ghp_abc" }])), expect: /container "web" environment variable GITHUB_TOKEN/ },
            { title: "a literal private key in object form", break: (f) => (f[0].props.containerDefinitions = [{ name: "web", environment: [{ name: "PRIVATE_KEY", value: "-----BEGIN" }] }]), expect: /PRIVATE_KEY/ },
        ],
        pending: [{ title: "the definitions are unknown", break: (f) => (f[0].props.containerDefinitions = UNKNOWN) }],
    });
});
