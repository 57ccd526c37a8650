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
    protectData: true,
} as const;
