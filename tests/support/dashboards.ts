/**
 * Helpers for the program tests' dashboard checks: a system's dashboard must graph every metric its
 * alarms read (same namespace, name, dimensions and statistic) and list every alarm.
 */
import type { RunResult } from "../../engine/run";
import { inputs, ofType, one } from "./records";

export type Metric = { namespace: string; metricName: string; dimensions: Record<string, string>; stat: string };

/** The metrics an alarm reads, from its recorded inputs. */
export function alarmMetrics(alarm: Record<string, any>): Metric[] { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (Array.isArray(alarm.metricQueries) && alarm.metricQueries.length > 0) {
        return alarm.metricQueries.filter((q: { metric?: unknown }) => q.metric).map((q: { metric: Metric }) => q.metric);
    }
    return [{ namespace: alarm.namespace, metricName: alarm.metricName, dimensions: alarm.dimensions ?? {}, stat: alarm.extendedStatistic ?? alarm.statistic }];
}

const key = (m: Metric) => JSON.stringify([m.namespace, m.metricName, Object.entries(m.dimensions).sort(), m.stat]);

/** The dashboard's body, parsed. */
export function dashboardBody(result: RunResult, name: string): { widgets: { type: string; properties: Record<string, any> }[] } { // eslint-disable-line @typescript-eslint/no-explicit-any
    return JSON.parse(inputs(one(result, "aws:cloudwatch/dashboard:Dashboard", name)).dashboardBody);
}

/** The metrics a dashboard's metric widgets graph (math expressions aside). */
export function graphedMetrics(result: RunResult, dashboard: string): Metric[] {
    const graphed: Metric[] = [];
    for (const w of dashboardBody(result, dashboard).widgets.filter((x) => x.type === "metric")) {
        for (const line of w.properties.metrics as unknown[][]) {
            const options = line.at(-1) as { stat?: string; expression?: string };
            if (options.expression !== undefined) continue;
            const [namespace, metricName, ...rest] = line.slice(0, -1) as string[];
            const dimensions: Record<string, string> = {};
            for (let i = 0; i < rest.length; i += 2) dimensions[rest[i]] = rest[i + 1];
            graphed.push({ namespace, metricName, dimensions, stat: options.stat! });
        }
    }
    return graphed;
}

/** Every alarmed metric of the run that the dashboard does not graph, described; empty when all are. */
export function ungraphedAlarmMetrics(result: RunResult, dashboard: string): string[] {
    const graphed = new Set(graphedMetrics(result, dashboard).map(key));
    return ofType(result, "aws:cloudwatch/metricAlarm:MetricAlarm").flatMap((a) => alarmMetrics(inputs(a))
        .filter((m) => !graphed.has(key(m)))
        .map((m) => `${a.name}: ${m.namespace} ${m.metricName} ${JSON.stringify(m.dimensions)} ${m.stat}`));
}

/** Alarm ARNs of the run missing from the dashboard's alarm status widget. */
export function unlistedAlarms(result: RunResult, dashboard: string): string[] {
    const listed = new Set(dashboardBody(result, dashboard).widgets.filter((w) => w.type === "alarm").flatMap((w) => w.properties.alarms as string[]));
    return ofType(result, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => String(a.outputs.arn)).filter((arn) => !listed.has(arn));
}
