/** Defaults of Dashboard, in one place. */
export const DASHBOARD_DEFAULTS = {
    /** Five-minute points: the resolution of most alarms, and a day of data fits one graph. */
    periodSeconds: 300,
    /** What the graphs show when the dashboard opens. */
    start: "-PT12H",
    /** CloudWatch dashboards are 24 columns wide: three graphs per row. */
    gridWidth: 24,
    widgetWidth: 8,
    widgetHeight: 6,
    /** The alarm status widget can list at most 100 alarms. */
    maxAlarms: 100,
    /** S3 storage metrics are daily. */
    storagePeriodSeconds: 86400,
} as const;

/** Periods a graph may use (seconds): CloudWatch's standard resolutions. */
export const PERIODS = [60, 300, 900, 3600, 21600, 86400] as const;
