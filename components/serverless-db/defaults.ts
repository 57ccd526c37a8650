/** Secure defaults of ServerlessDb (Aurora PostgreSQL Serverless v2), in one place. */
/**
 * PostgreSQL parameters every platform database gets (Aurora cluster and RDS instance alike): TLS
 * required for every connection, and the logs an incident review needs.
 */
export const POSTGRES_TLS_AND_AUDIT_PARAMETERS = [
    { name: "rds.force_ssl", value: "1" },
    { name: "log_connections", value: "1" },
    { name: "log_disconnections", value: "1" },
    { name: "log_min_duration_statement", value: "1000" },
    { name: "log_statement", value: "ddl" },
] as const;

/**
 * Rotation of the RDS-managed master password (ServerlessDb and PostgresInstance). RDS would rotate it
 * every 7 days at a time of its choosing; the platform keeps the weekly cadence but picks the window:
 * Sunday 04:00 to 07:00 UTC, when the seeds' apps are quietest.
 */
export const PASSWORD_ROTATION_DEFAULTS = {
    scheduleExpression: "cron(0 4 ? * SUN *)",
    windowHours: 3,
    rotateImmediately: false,
} as const;

export const SERVERLESS_DB_DEFAULTS = {
    engine: "aurora-postgresql",
    /**
     * A current Aurora PostgreSQL 16 minor. Auto minor upgrades are on, so AWS moves the patch level
     * forward; the component ignores later engineVersion drift (see README) instead of trying a downgrade.
     */
    engineVersion: "16.10",
    /** Engine majors this component knows a parameter group family for. */
    supportedMajors: ["14", "15", "16", "17"],
    instanceClass: "db.serverless",
    /** ACUs: 0.5 keeps a warm minimum; 0 (scale to zero) is allowed with secondsUntilAutoPause, for dev. */
    minCapacity: 0.5,
    maxCapacity: 8,
    /** Idle seconds before a cluster with minCapacity 0 pauses (AWS allows 300 to 86400). */
    secondsUntilAutoPause: 3600,
    /** A writer and a reader in different AZs: failover without a cold start. Dev passes 1. */
    instanceCount: 2,
    /** A week of point-in-time recovery; the policy pack requires at least 7 days in prod. */
    backupRetentionDays: 7,
    /** Dangerous switch, safe value: a final snapshot is taken on delete. */
    skipFinalSnapshot: false,
    protectData: true,
    port: 5432,
    databaseName: "app",
    masterUsername: "dbadmin",
    /** Only the server log; Aurora PostgreSQL has no other exportable log. */
    logExports: ["postgresql"],
    /** 7 days of Performance Insights is the free tier. */
    performanceInsightsRetentionDays: 7,
    autoMinorVersionUpgrade: true,
    /** Cluster parameters: TLS required for every connection, and the logs an incident review needs. */
    clusterParameters: POSTGRES_TLS_AND_AUDIT_PARAMETERS,
} as const;
