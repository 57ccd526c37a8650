/** Secure defaults of ServerlessFunction, in one place. */
export const SERVERLESS_FUNCTION_DEFAULTS = {
    /** The newest Node.js runtime Lambda supports; older ones reach end of support first. */
    runtime: "nodejs22.x",
    /** Graviton: cheaper per GB-second and the default for new functions here. */
    architecture: "arm64",
    /** The bundle exports `handler` from index.js. */
    handler: "index.handler",
    /** Seconds. Short: an API-facing function should fail fast rather than hold connections. */
    timeout: 10,
    /** MB. */
    memorySize: 256,
    /** X-Ray active tracing (advisory rule: Lambda tracing). */
    tracingMode: "Active",
    /** Days of log retention (a CloudWatch-allowed value). */
    logRetentionInDays: 90,
    /** Structured logs: the platform's log queries assume JSON. */
    logFormat: "JSON",
    /** Smaller bundles start faster; sourcemaps stay off so no source ships with the code. */
    minify: true,
    /** The only egress a function in a VPC gets unless more is asked for: HTTPS. */
    egressPort: 443,
    /** Dead-letter messages are kept for the longest SQS allows: 14 days, to investigate at leisure. */
    deadLetterRetentionSeconds: 1_209_600,
} as const;

/** Runtimes a function may use: Node.js 20 or newer (the seeds ask for 20+; older are out of support). */
export const ALLOWED_RUNTIME = /^nodejs(\d+)\.x$/;
export const MINIMUM_NODE_MAJOR = 20;

/** Log retention values CloudWatch accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
