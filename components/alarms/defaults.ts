/** Defaults of Alarms, in one place: thresholds from the seeds and evaluation windows that page on trends, not blips. */
export const ALARMS_DEFAULTS = {
    /** A quiet metric (no traffic, no errors) is healthy, not an alarm. */
    treatMissingData: "notBreaching",
    /** Seconds per datapoint for rate and count alarms. */
    period: 300,
    /** Rates: 3 of 5 one-minute datapoints, so a single bad minute does not page. */
    ratePeriod: 60,
    rateEvaluationPeriods: 5,
    rateDatapointsToAlarm: 3,
    /** Seeds: API 5xx above 5 %. */
    apiGateway5xxPercent: 5,
    /** Seeds: ALB target 5xx treated like API 5xx. */
    albTarget5xxPercent: 5,
    /** Seeds: p99 latency above 1 s. */
    p99LatencyMs: 1000,
    /** Seeds: database CPU above 80 %. */
    databaseCpuPercent: 80,
    /** Seeds: WAF block rate above 10 %. */
    wafBlockPercent: 10,
    /** A function whose slowest invocation reaches 90 % of its timeout is about to time out. */
    lambdaTimeoutPercent: 90,
    /** ECS: at least one running task. */
    ecsMinimumRunningTasks: 1,
    /** S3 storage metrics are daily: one-day periods, paging on one of the last two (they arrive a day or two late). */
    storagePeriod: 86400,
    storageEvaluationPeriods: 2,
    /** Without archive transitions a bucket holds StandardStorage only. */
    s3StorageTypes: ["StandardStorage"],
    /** VidVerse seed: "Cognito authentication failures > threshold": more than 20 failed sign-ins in five minutes is guessing, not typos. */
    cognitoSignInFailures: 20,
    /** Vibe seed: "S3 upload failures". 4xx are mostly clients with expired presigned URLs: page when they are a tenth of the prefix's requests. */
    s3Prefix4xxPercent: 10,
    /** 5xx are S3 failing the upload: page on 1 %. */
    s3Prefix5xxPercent: 1,
    protectData: true,
} as const;
