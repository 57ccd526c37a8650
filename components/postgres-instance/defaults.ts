/** Secure defaults of PostgresInstance (RDS for PostgreSQL), in one place. */
import { POSTGRES_TLS_AND_AUDIT_PARAMETERS } from "../serverless-db/defaults";

export const POSTGRES_INSTANCE_DEFAULTS = {
    engine: "postgres",
    /**
     * The major only: with auto minor upgrades on, RDS accepts a version prefix and picks the current
     * minor, so AWS's own patching never shows up as drift.
     */
    engineVersion: "16",
    supportedMajors: ["14", "15", "16", "17"],
    /** Vibe's production class (seed: db.t3.medium, 2 vCPU / 4 GB). Dev passes a smaller one. */
    instanceClass: "db.t3.medium",
    /** gp3: baseline 3000 IOPS / 125 MB/s regardless of size, cheaper than gp2. */
    storageType: "gp3",
    allocatedStorageGb: 100,
    /** Storage autoscaling ceiling. */
    maxAllocatedStorageGb: 500,
    /** Standby in a second AZ with automatic failover. Dev passes false. */
    multiAz: true,
    backupRetentionDays: 7,
    skipFinalSnapshot: false,
    protectData: true,
    port: 5432,
    databaseName: "app",
    masterUsername: "dbadmin",
    /** The server log and the major-version upgrade log. */
    logExports: ["postgresql", "upgrade"],
    performanceInsights: true,
    performanceInsightsRetentionDays: 7,
    /** Enhanced Monitoring off unless asked for (0); when on, seconds between samples. */
    monitoringInterval: 0,
    monitoringIntervals: [0, 1, 5, 10, 15, 30, 60],
    autoMinorVersionUpgrade: true,
    /** Instance parameters: TLS required for every connection, and the logs an incident review needs. */
    parameters: POSTGRES_TLS_AND_AUDIT_PARAMETERS,
    /** RDS limits for gp3 storage. */
    minStorageGb: 20,
    maxStorageGb: 65536,
} as const;
