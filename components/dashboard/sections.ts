/**
 * What each kind of dashboard section graphs: the golden signals (traffic, errors, latency,
 * saturation) of one entry point, function set, database, table set, bucket, user pool or web ACL,
 * read from the same metric definitions the Alarms component alarms on (components/alarms/metrics.ts).
 * Pure data: the component lays the graphs out and renders the dashboard body.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { WatchedAlarm } from "../alarms";
import {
    albMetrics, apiGatewayMetrics, bucketSizeGibExpression, cloudFrontMetrics, cognitoMetrics, databaseMetrics, dynamoMetrics, ecsServiceMetrics,
    lambdaMetrics, s3RequestMetrics, s3StorageMetrics, secretAgeMetric, signInFailuresExpression, wafMetrics, wafRuleMetric, type MetricDefinition,
} from "../alarms/metrics";

export interface CloudFrontSection { kind: "cloudfront"; title: string; distributionId: pulumi.Input<string> }
export interface ApiGatewaySection { kind: "apiGateway"; title: string; apiName: pulumi.Input<string>; stage: pulumi.Input<string> }
export interface AlbSection { kind: "alb"; title: string; loadBalancerArnSuffix: pulumi.Input<string>; targetGroupArnSuffix?: pulumi.Input<string> }
export interface EcsSection { kind: "ecs"; title: string; clusterName: pulumi.Input<string>; serviceName: pulumi.Input<string> }
/** Functions keyed by a short label (the graph line's name). */
export interface LambdaSection { kind: "lambda"; title: string; functions: Record<string, pulumi.Input<string>> }
/** Tables keyed by a short label. */
export interface DynamoSection { kind: "dynamodb"; title: string; tables: Record<string, pulumi.Input<string>> }
/** An Aurora cluster or an RDS instance: exactly one identifier. */
export interface DatabaseSection { kind: "database"; title: string; clusterIdentifier?: pulumi.Input<string>; dbInstanceIdentifier?: pulumi.Input<string> }
export interface S3Section {
    kind: "s3";
    title: string;
    bucketName: pulumi.Input<string>;
    /** StorageType values summed into the size graph. Default ["StandardStorage"]. */
    storageTypes?: string[];
    /** A horizontal line at the size alarm's threshold. */
    sizeAlarmGib?: number;
    /** Request metrics of a BucketMetric configuration (its name), e.g. an upload prefix. */
    requestFilterId?: pulumi.Input<string>;
}
export interface CognitoSection { kind: "cognito"; title: string; userPoolId: pulumi.Input<string>; clientId: pulumi.Input<string> }
/**
 * A web ACL. `rules` (label -> the rule's metric name): the requests those rules blocked, on a graph of
 * their own; in a web ACL several systems share, a system's own rules are its own view of the ACL.
 */
export interface WafSection {
    kind: "waf"; title: string; webAclName: pulumi.Input<string>; scope: "CLOUDFRONT" | "REGIONAL"; region?: pulumi.Input<string>;
    rules?: Record<string, pulumi.Input<string>>;
}
/** Ages of manually rotated secrets published by a SecretAgeMonitor. */
export interface SecretsSection { kind: "secrets"; title: string; monitor: string; secrets: string[]; maxAgeDays?: number }

/**
 * One graph per alarm, of exactly the metrics it reads (Alarms' `watched`): for what has no section of
 * its own, such as the NAT gateways inside a component.
 */
export interface AlarmMetricsSection { kind: "alarmMetrics"; title: string; alarms: readonly WatchedAlarm[] }

export type DashboardSection = CloudFrontSection | ApiGatewaySection | AlbSection | EcsSection | LambdaSection | DynamoSection
    | DatabaseSection | S3Section | CognitoSection | WafSection | SecretsSection | AlarmMetricsSection;

export const SECTION_KINDS = ["cloudfront", "apiGateway", "alb", "ecs", "lambda", "dynamodb", "database", "s3", "cognito", "waf", "secrets", "alarmMetrics"] as const;

/** One line of a graph: a metric, or metric math over hidden metric lines. */
export type Line =
    | { metric: MetricDefinition; id?: string; visible?: boolean; label?: string }
    | { expression: string; id: string; label: string };

export interface Graph {
    title: string;
    lines: Line[];
    /** Override of the dashboard's period (daily storage metrics). */
    period?: number;
    /** Horizontal annotations (alarm thresholds). */
    thresholds?: { label: string; value: number }[];
    /** Left axis label. */
    unit?: string;
}

const per = <T>(items: Record<string, T>, line: (label: string, item: T) => Line): Line[] => Object.entries(items).map(([label, item]) => line(label, item));
const named = (metric: MetricDefinition, label: string): Line => ({ metric, label });

/** The graphs of one section, golden signals in order: traffic, errors, latency, saturation. */
export function sectionGraphs(section: DashboardSection, storagePeriod: number): Graph[] {
    switch (section.kind) {
        case "cloudfront": {
            const cf = cloudFrontMetrics(section.distributionId);
            return [
                { title: "Requests", lines: [{ metric: cf.requests }] },
                { title: "Error rate", unit: "%", lines: [{ metric: cf.errorRate4xx }, { metric: cf.errorRate5xx }] },
                { title: "Bytes downloaded", lines: [{ metric: cf.bytesDownloaded }] },
            ];
        }
        case "apiGateway": {
            const api = apiGatewayMetrics(section);
            return [
                { title: "Requests", lines: [{ metric: api.requests }] },
                { title: "Errors", lines: [{ metric: api.errors4xx }, { metric: api.errors5xx }] },
                { title: "Latency (ms)", lines: [{ metric: api.latencyP50 }, { metric: api.latencyP99 }, { metric: api.integrationLatencyP99 }] },
            ];
        }
        case "alb": {
            const alb = albMetrics(section);
            return [
                { title: "Requests", lines: [{ metric: alb.requests }] },
                { title: "Errors", lines: [{ metric: alb.target4xx }, { metric: alb.target5xx }, { metric: alb.elb5xx }] },
                { title: "Response time (s)", lines: [{ metric: alb.responseTimeP99 }] },
                ...(section.targetGroupArnSuffix !== undefined
                    ? [{ title: "Targets", lines: [{ metric: alb.healthyHosts }, { metric: alb.unhealthyHosts }] }] : []),
            ];
        }
        case "ecs": {
            const ecs = ecsServiceMetrics(section);
            return [
                { title: "Running tasks", lines: [{ metric: ecs.runningTasks }] },
                { title: "CPU and memory", unit: "%", lines: [{ metric: ecs.cpu }, { metric: ecs.memory }] },
            ];
        }
        case "lambda": {
            const fns = section.functions;
            return [
                { title: "Invocations", lines: per(fns, (l, f) => named(lambdaMetrics(f).invocations, l)) },
                { title: "Errors", lines: per(fns, (l, f) => named(lambdaMetrics(f).errors, l)) },
                { title: "Throttles", lines: per(fns, (l, f) => named(lambdaMetrics(f).throttles, l)) },
                { title: "p99 duration (ms)", lines: per(fns, (l, f) => named(lambdaMetrics(f).durationP99, l)) },
                { title: "Maximum duration (ms)", lines: per(fns, (l, f) => named(lambdaMetrics(f).durationMax, l)) },
                { title: "Concurrent executions", lines: per(fns, (l, f) => named(lambdaMetrics(f).concurrency, l)) },
            ];
        }
        case "dynamodb": {
            const t = section.tables;
            return [
                { title: "Consumed read units", lines: per(t, (l, name) => named(dynamoMetrics(name).consumedReads, l)) },
                { title: "Consumed write units", lines: per(t, (l, name) => named(dynamoMetrics(name).consumedWrites, l)) },
                {
                    title: "Throttle events",
                    lines: Object.entries(t).flatMap(([l, name]) => [named(dynamoMetrics(name).readThrottles, `${l} reads`), named(dynamoMetrics(name).writeThrottles, `${l} writes`)]),
                },
            ];
        }
        case "database": {
            const db = databaseMetrics(section);
            const aurora = section.clusterIdentifier !== undefined;
            return [
                { title: "Connections", lines: [{ metric: db.connections }] },
                { title: "CPU", unit: "%", lines: [{ metric: db.cpu }] },
                { title: "Latency (s)", lines: [{ metric: db.readLatency }, { metric: db.writeLatency }] },
                { title: "Freeable memory", lines: [{ metric: db.freeableMemory }] },
                aurora ? { title: "Capacity (ACUs)", lines: [{ metric: db.capacity }] } : { title: "Free storage", lines: [{ metric: db.freeStorage }] },
            ];
        }
        case "s3": {
            const types = section.storageTypes ?? ["StandardStorage"];
            const ids = types.map((_, i) => `size${i}`);
            const graphs: Graph[] = [
                {
                    title: "Bucket size (GiB)", period: storagePeriod,
                    lines: [
                        ...types.map((type, i) => ({ metric: s3StorageMetrics(section.bucketName, type).bucketSizeBytes, id: ids[i], visible: false })),
                        { expression: bucketSizeGibExpression(ids), id: "gib", label: "GiB" },
                    ],
                    thresholds: section.sizeAlarmGib !== undefined ? [{ label: "alarm", value: section.sizeAlarmGib }] : undefined,
                },
                { title: "Objects", period: storagePeriod, lines: [{ metric: s3StorageMetrics(section.bucketName).objects }] },
            ];
            if (section.requestFilterId !== undefined) {
                const req = s3RequestMetrics(section.bucketName, section.requestFilterId);
                graphs.push(
                    { title: "Requests", lines: [{ metric: req.requests }, { metric: req.puts }] },
                    { title: "Errors", lines: [{ metric: req.errors4xx }, { metric: req.errors5xx }] },
                    { title: "First byte latency (ms)", lines: [{ metric: req.firstByteLatencyP99 }] },
                );
            }
            return graphs;
        }
        case "cognito": {
            const c = cognitoMetrics(section);
            return [
                {
                    title: "Sign-ins",
                    lines: [
                        { metric: c.signInAttempts, id: "attempts" },
                        { metric: c.signInSuccesses, id: "successes" },
                        { expression: signInFailuresExpression("attempts", "successes"), id: "failures", label: "Failed sign-ins" },
                    ],
                },
                { title: "Throttles and refreshes", lines: [{ metric: c.signInThrottles }, { metric: c.tokenRefreshes }] },
            ];
        }
        case "waf": {
            const w = wafMetrics(section);
            const rules = Object.entries(section.rules ?? {});
            return [
                { title: "Requests", lines: [{ metric: w.allowed }, { metric: w.blocked }] },
                ...(rules.length > 0 ? [{ title: "Blocked by rule", lines: rules.map(([label, rule]) => ({ metric: wafRuleMetric(section, "BlockedRequests", rule, label) })) }] : []),
            ];
        }
        case "alarmMetrics":
            return section.alarms.map((w) => ({ title: w.name, lines: w.metrics.map((metric) => ({ metric, label: metric.metricName })) }));
        case "secrets":
            return [{
                title: "Age of the current value (days)", period: storagePeriod,
                lines: section.secrets.map((secret) => ({ metric: secretAgeMetric({ monitor: section.monitor, secret }) })),
                thresholds: section.maxAgeDays !== undefined ? [{ label: "rotate", value: section.maxAgeDays }] : undefined,
            }];
    }
}
