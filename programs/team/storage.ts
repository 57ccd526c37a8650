/**
 * Buckets: one SecureBucket per spec entry (private, KMS, versioned, TLS-only: nothing to switch off),
 * named `<team>-<bucket>`, with S3 access logs to one LogBucket `<team>-access-logs` when the stack
 * config asks for access logging. Protection, force-destroy and lifecycle come from the stack config.
 */
import { LogBucket, SecureBucket } from "../../components/secure-bucket";
import { teamName, type TeamContext } from "./context";

export interface TeamStorage {
    buckets: Map<string, SecureBucket>;
    logs?: LogBucket;
}

export function buildStorage(ctx: TeamContext): TeamStorage {
    const { config, spec } = ctx;
    const protectData = config.protectData;
    const forceDestroy = config.storage.forceDestroy;
    const buckets = new Map<string, SecureBucket>();
    const needsLogs = config.storage.accessLogging && (spec.buckets.length > 0);
    // The log bucket's name keeps "access-logs": the pack's reasoned exemption for SSE-S3 log targets matches it.
    const logs = needsLogs
        ? new LogBucket(teamName(ctx, "access-logs"), {
            retentionDays: config.logs.retentionDays,
            deliveries: spec.cdn ? ["s3-server-access-logs", "cloudfront-access-logs"] : ["s3-server-access-logs"],
            forceDestroy, protectData,
        }, ctx.parent)
        : undefined;
    for (const b of spec.buckets) {
        const name = teamName(ctx, b.name);
        buckets.set(b.name, new SecureBucket(name, {
            cloudFrontReadAccess: spec.cdn?.bucket === b.name,
            forceDestroy, protectData,
            lifecycle: {
                noncurrentVersionExpirationDays: config.storage.noncurrentVersionExpirationDays,
                archiveTransitions: config.storage.archiveAfterDays > 0 && (b.retentionDays === undefined || b.retentionDays > config.storage.archiveAfterDays)
                    ? [{ days: config.storage.archiveAfterDays, storageClass: "GLACIER_IR" }] : undefined,
                expirationDays: b.retentionDays,
            },
            accessLogs: logs ? { targetBucket: logs.name, prefix: `${name}/` } : undefined,
        }, ctx.parent));
    }
    return { buckets, logs };
}
