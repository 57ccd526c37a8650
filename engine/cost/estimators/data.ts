/** Databases and storage: RDS for PostgreSQL, Aurora Serverless v2, DynamoDB, S3, AWS Backup. */
import { at, bool, num, str } from "../values";
import { fixed, isUnpriced, known, usage, type Estimator } from "./types";

/** The request metrics S3 publishes per metrics configuration. */
const S3_REQUEST_METRICS = 16;

export const dataEstimators: Record<string, Estimator> = {
    "aws:rds/instance:Instance": {
        usage: { backupStorageGb: "GB of backups beyond the free amount (the provisioned storage)" },
        estimate: (c) => {
            const props = c.resource.props;
            const engine = known(str(props, "engine"), "engine");
            if (isUnpriced(engine)) return engine;
            if (engine !== "postgres") return { unpriced: `engine ${engine}: only RDS for PostgreSQL is in the price table` };
            const cls = known(str(props, "instanceClass"), "instanceClass");
            if (isUnpriced(cls)) return cls;
            const multiAz = known(bool(props, "multiAz"), "multiAz", false);
            if (isUnpriced(multiAz)) return multiAz;
            const storage = known(num(props, "allocatedStorage"), "allocatedStorage");
            if (isUnpriced(storage)) return storage;
            const storageType = known(str(props, "storageType"), "storageType", "gp2");
            if (isUnpriced(storageType)) return storageType;
            if (storageType !== "gp3" && storageType !== "gp2") return { unpriced: `storageType ${storageType} is not in the price table` };
            const az = multiAz ? "Multi-AZ" : "single-AZ";
            return [
                fixed(`${cls} instance hours (${az})`, `rds.postgres.${cls}`, c.hoursPerMonth, multiAz),
                // gp2 and gp3 have the same GB-month price; gp3's baseline IOPS and throughput are included.
                fixed(`${storageType} storage (${storage} GB, ${az})`, "rds.gp3.storage", storage, multiAz),
                ...usage("backup storage", "rds.backupStorage", c.usage("backupStorageGb")),
            ];
        },
    },
    "aws:rds/cluster:Cluster": {
        usage: {
            storageGb: "GB of cluster storage",
            ioRequestsMillions: "millions of storage I/O requests per month (Aurora Standard)",
            backupStorageGb: "GB of backups beyond the cluster's size",
        },
        estimate: (c) => {
            const engine = known(str(c.resource.props, "engine"), "engine");
            if (isUnpriced(engine)) return engine;
            if (!engine.startsWith("aurora")) return { unpriced: `engine ${engine}: Multi-AZ DB clusters are not in the price table` };
            // Capacity is billed on the cluster's instances; the cluster bills storage and I/O.
            return [
                ...usage("Aurora storage", "aurora.storage", c.usage("storageGb")),
                ...usage("Aurora I/O", "aurora.io", c.usage("ioRequestsMillions")),
                ...usage("Aurora backup storage", "aurora.backupStorage", c.usage("backupStorageGb")),
            ];
        },
    },
    "aws:rds/clusterInstance:ClusterInstance": {
        usage: { averageAcu: "average ACUs above the cluster's minimum capacity (Serverless v2)" },
        estimate: (c) => {
            const cls = known(str(c.resource.props, "instanceClass"), "instanceClass");
            if (isUnpriced(cls)) return cls;
            if (cls !== "db.serverless") return { unpriced: `provisioned Aurora class ${cls} is not in the price table` };
            const [clusterUrn] = c.deps("clusterIdentifier");
            const cluster = clusterUrn ? c.get(clusterUrn) : undefined;
            if (!cluster) return { unpriced: "its cluster is not a resource of this stack, so the minimum capacity is unknown" };
            const min = known(num(cluster.props, "serverlessv2ScalingConfiguration", "minCapacity"), "serverlessv2ScalingConfiguration.minCapacity");
            if (isUnpriced(min)) return min;
            const extra = c.usage("averageAcu");
            // At 0 ACU the instance pauses after its idle timeout and is not billed while paused.
            return [
                ...(min > 0 ? [fixed(`Serverless v2 minimum capacity (${min} ACU)`, "aurora.acuHours", min * c.hoursPerMonth)] : []),
                ...usage("Serverless v2 capacity above the minimum", "aurora.acuHours", extra === undefined ? undefined : extra * c.hoursPerMonth),
            ];
        },
    },
    "aws:dynamodb/table:Table": {
        usage: {
            writeRequestUnits: "write request units per month (on-demand; index writes included)",
            readRequestUnits: "read request units per month (on-demand)",
            storageGb: "GB stored (table and indexes); point-in-time recovery is billed on the same size",
        },
        estimate: (c) => {
            const props = c.resource.props;
            const mode = known(str(props, "billingMode"), "billingMode", "PROVISIONED");
            if (isUnpriced(mode)) return mode;
            if (mode !== "PAY_PER_REQUEST") return { unpriced: "provisioned capacity is not in the price table (the platform's tables are on demand)" };
            const pitr = at(props, "pointInTimeRecovery", "enabled") === true;
            const storage = c.usage("storageGb");
            const writes = c.usage("writeRequestUnits");
            const reads = c.usage("readRequestUnits");
            return [
                ...usage("write request units", "dynamodb.writeRequests", writes === undefined ? undefined : writes / 1e6),
                ...usage("read request units", "dynamodb.readRequests", reads === undefined ? undefined : reads / 1e6),
                ...usage("storage", "dynamodb.storage", storage),
                ...(pitr ? usage("point-in-time recovery", "dynamodb.pitr", storage) : []),
            ];
        },
    },
    "aws:dynamodb/contributorInsights:ContributorInsights": {
        usage: { eventsPerMonth: "table events (reads, writes, throttles) the rules process per month" },
        estimate: (c) => {
            const events = c.usage("eventsPerMonth");
            return usage("Contributor Insights events", "dynamodb.contributorInsightsEvents", events === undefined ? undefined : events / 100_000);
        },
    },
    "aws:s3/bucketMetric:BucketMetric": {
        usage: {},
        // A request metrics configuration publishes S3's 16 request metrics (requests by method,
        // bytes, 4xx, 5xx, latencies), billed as CloudWatch metrics once the bucket serves requests.
        estimate: () => [fixed("S3 request metrics (16)", "cloudwatch.customMetric", S3_REQUEST_METRICS)],
    },
    "aws:s3/bucket:Bucket": {
        usage: {
            storageGb: "GB in S3 Standard (noncurrent versions included)",
            glacierIrStorageGb: "GB in S3 Glacier Instant Retrieval (after an archive transition)",
            putRequests: "PUT, COPY, POST and LIST requests per month",
            getRequests: "GET requests per month",
            replicatedGb: "GB per month replicated to another region",
        },
        estimate: (c) => {
            const puts = c.usage("putRequests");
            const gets = c.usage("getRequests");
            return [
                ...usage("Standard storage", "s3.standardStorage", c.usage("storageGb")),
                ...usage("Glacier Instant Retrieval storage", "s3.glacierIrStorage", c.usage("glacierIrStorageGb")),
                ...usage("PUT/COPY/POST/LIST requests", "s3.putRequests", puts === undefined ? undefined : puts / 1000),
                ...usage("GET requests", "s3.getRequests", gets === undefined ? undefined : gets / 1000),
                ...usage("cross-region replication transfer", "s3.replicationTransfer", c.usage("replicatedGb")),
            ];
        },
    },
    "aws:backup/vault:Vault": {
        usage: { dynamodbBackupGb: "GB of DynamoDB backups kept in the vault (warm storage)" },
        estimate: (c) => usage("DynamoDB backup storage", "backup.dynamodbWarmStorage", c.usage("dynamodbBackupGb")),
    },
};
