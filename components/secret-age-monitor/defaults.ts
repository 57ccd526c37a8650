/** Defaults of SecretAgeMonitor, in one place. */
export const SECRET_AGE_MONITOR_DEFAULTS = {
    /** A quarter: the usual ceiling for API keys that cannot rotate themselves (PCI DSS, most vendor guidance). */
    maxAgeDays: 90,
    /** Ages are whole days: one check a day is enough, and costs nothing measurable. */
    schedule: "rate(1 day)",
    /** Version metadata of a handful of secrets: a short, small function. */
    timeoutSeconds: 60,
    memorySize: 128,
    protectData: true,
} as const;
