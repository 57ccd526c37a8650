/**
 * Dashboard: one CloudWatch dashboard per system, a row of golden-signal graphs (traffic, errors,
 * latency, saturation) per section (entry points, functions, databases, tables, buckets, user pools,
 * web ACLs, secret ages) and, on top, the status of the system's alarms. Every graph reads the metric
 * definitions the Alarms component alarms on (components/alarms/metrics.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { MetricDefinition } from "../alarms/metrics";
import { requireArg } from "../shared/errors";
import { DASHBOARD_DEFAULTS as D, PERIODS } from "./defaults";
import { SECTION_KINDS, sectionGraphs, type DashboardSection, type Graph, type Line } from "./sections";

export * from "./sections";

const COMPONENT = "Dashboard";
const LABEL = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;

export interface DashboardArgs {
    /** The rows of graphs, top to bottom. At least one. */
    sections: DashboardSection[];
    /** Markdown shown above everything (what the system is, where its runbook lives). Default: none. */
    description?: string;
    /** Alarms shown in an alarm status widget at the top (at most 100), e.g. `alarms.alarms.map((a) => a.arn)`. Default: none. */
    alarmArns?: pulumi.Input<string>[];
    /** Seconds per datapoint of the graphs (60, 300, 900, 3600, 21600 or 86400). Default 300. */
    periodSeconds?: number;
}

function validate(name: string, args: DashboardArgs): void {
    const req = (ok: boolean, arg: string, given: unknown, allowed: string) => requireArg(ok, COMPONENT, name, arg, given, allowed);
    req(Array.isArray(args.sections) && args.sections.length > 0, "sections", args.sections, "at least one section");
    args.sections.forEach((s, i) => {
        const at = `sections[${i}]`;
        req((SECTION_KINDS as readonly string[]).includes(s?.kind), `${at}.kind`, s?.kind, SECTION_KINDS.join(", "));
        req(typeof s.title === "string" && s.title.trim().length > 0 && s.title.length <= 100 && !/[\r\n]/.test(s.title), `${at}.title`, s.title, "a one-line title of at most 100 characters");
        if (s.kind === "lambda" || s.kind === "dynamodb") {
            const items = s.kind === "lambda" ? s.functions : s.tables;
            const key = s.kind === "lambda" ? "functions" : "tables";
            req(items !== undefined && Object.keys(items).length > 0, `${at}.${key}`, items, `at least one ${s.kind === "lambda" ? "function" : "table"} keyed by a label`);
            for (const label of Object.keys(items)) req(LABEL.test(label), `${at}.${key}`, label, "labels of letters, digits, space, _ . - (at most 64)");
        }
        if (s.kind === "database") {
            req((s.clusterIdentifier === undefined) !== (s.dbInstanceIdentifier === undefined), `${at}.clusterIdentifier/dbInstanceIdentifier`, s, "exactly one of clusterIdentifier and dbInstanceIdentifier");
        }
        if (s.kind === "waf") req(s.scope === "CLOUDFRONT" || s.scope === "REGIONAL", `${at}.scope`, s.scope, "CLOUDFRONT or REGIONAL");
        if (s.kind === "s3" && s.storageTypes !== undefined) {
            req(s.storageTypes.length > 0 && s.storageTypes.every((t) => /^[A-Za-z]+Storage$/.test(t)), `${at}.storageTypes`, s.storageTypes, "S3 StorageType values such as StandardStorage");
        }
        if (s.kind === "alarmMetrics") req(Array.isArray(s.alarms) && s.alarms.length > 0, `${at}.alarms`, s.alarms, "at least one watched alarm (Alarms' watched)");
        if (s.kind === "secrets") {
            req(Array.isArray(s.secrets) && s.secrets.length > 0, `${at}.secrets`, s.secrets, "at least one secret label of the monitor");
        }
    });
    const alarms = args.alarmArns ?? [];
    req(alarms.length <= D.maxAlarms, "alarmArns", `${alarms.length} alarms`, `at most ${D.maxAlarms} (the alarm status widget's limit)`);
    if (args.periodSeconds !== undefined) req((PERIODS as readonly number[]).includes(args.periodSeconds), "periodSeconds", args.periodSeconds, PERIODS.join(", "));
}

/** A dashboard name unique per account: project, stack and component name (letters, digits, - and _). */
export function dashboardName(name: string, project = pulumi.getProject(), stack = pulumi.getStack()): string {
    return `${project}-${stack}-${name}`.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 255);
}

type WidgetMetric = unknown[];

/** A graph line in the dashboard body's array form: namespace, metric name, dimension pairs, rendering options. */
function renderLine(line: Line): WidgetMetric {
    if ("expression" in line) return [{ expression: line.expression, id: line.id, label: line.label }];
    const m: MetricDefinition = line.metric;
    const options: Record<string, unknown> = { stat: m.stat, label: line.label ?? m.label };
    if (line.id !== undefined) options.id = line.id;
    if (line.visible === false) options.visible = false;
    if (m.region !== undefined) options.region = m.region;
    return [m.namespace, m.metricName, ...Object.entries(m.dimensions).flat(), options];
}

interface Placed { x: number; y: number; width: number; height: number }

export class Dashboard extends pulumi.ComponentResource {
    readonly dashboard: aws.cloudwatch.Dashboard;
    readonly dashboardName: pulumi.Output<string>;
    readonly dashboardArn: pulumi.Output<string>;
    /** The dashboard in the CloudWatch console. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: DashboardArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:monitoring:Dashboard", name, {}, opts);
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const period = args.periodSeconds ?? D.periodSeconds;
        const widgets: Record<string, unknown>[] = [];
        let y = 0;
        const row = (height: number): Placed => ({ x: 0, y, width: D.gridWidth, height });

        if (args.description !== undefined) {
            widgets.push({ type: "text", ...row(2), properties: { markdown: args.description } });
            y += 2;
        }
        const alarmArns = args.alarmArns ?? [];
        if (alarmArns.length > 0) {
            // Alarms list three to a row; the widget grows with them.
            const height = Math.min(12, 2 + Math.ceil(alarmArns.length / 3));
            widgets.push({ type: "alarm", ...row(height), properties: { title: "Alarms", alarms: alarmArns, sortBy: "stateUpdatedTimestamp" } });
            y += height;
        }
        for (const section of args.sections) {
            widgets.push({ type: "text", ...row(1), properties: { markdown: `## ${section.title}` } });
            y += 1;
            const graphs = sectionGraphs(section, D.storagePeriodSeconds);
            const perRow = D.gridWidth / D.widgetWidth;
            graphs.forEach((graph, i) => {
                const placed = { x: (i % perRow) * D.widgetWidth, y: y + Math.floor(i / perRow) * D.widgetHeight, width: D.widgetWidth, height: D.widgetHeight };
                widgets.push(this.graphWidget(graph, placed, region, period));
            });
            y += Math.ceil(graphs.length / perRow) * D.widgetHeight;
        }

        const physicalName = dashboardName(name);
        this.dashboard = new aws.cloudwatch.Dashboard(name, {
            dashboardName: physicalName,
            dashboardBody: pulumi.jsonStringify({ start: D.start, periodOverride: "inherit", widgets }),
        }, { parent: this });

        this.dashboardName = this.dashboard.dashboardName;
        this.dashboardArn = this.dashboard.dashboardArn;
        this.url = pulumi.interpolate`https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${this.dashboard.dashboardName}`;
        this.registerOutputs({ dashboardName: this.dashboardName, dashboardArn: this.dashboardArn, url: this.url });
    }

    private graphWidget(graph: Graph, placed: Placed, region: pulumi.Output<string>, period: number): Record<string, unknown> {
        const properties: Record<string, unknown> = {
            title: graph.title,
            region,
            view: "timeSeries",
            stacked: false,
            period: graph.period ?? period,
            metrics: graph.lines.map(renderLine),
            yAxis: { left: { min: 0, ...(graph.unit ? { label: graph.unit } : {}) } },
        };
        if (graph.thresholds) properties.annotations = { horizontal: graph.thresholds.map((t) => ({ label: t.label, value: t.value })) };
        return { type: "metric", ...placed, properties };
    }
}
