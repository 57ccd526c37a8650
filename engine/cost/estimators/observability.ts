/** CloudWatch alarms, dashboards and log groups, SNS topics, SQS queues. */
import { at, bool, list, num } from "../values";
import { fixed, isUnpriced, known, usage, type Estimator } from "./types";

export const observabilityEstimators: Record<string, Estimator> = {
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        usage: {},
        estimate: (c) => {
            // An alarm is billed per metric it evaluates: a metric-math alarm over two metrics costs two.
            const queries = list(c.resource.props, "metricQueries");
            const metrics = Array.isArray(queries) && queries.length > 0 ? queries.filter((q) => at(q, "metric") !== undefined).length : 1;
            const period = known(num(c.resource.props, "period"), "period", 60);
            if (isUnpriced(period)) return period;
            const highResolution = period < 60;
            return [fixed(`alarm metrics (${metrics}${highResolution ? ", high resolution" : ""})`, highResolution ? "cloudwatch.alarmMetricHighResolution" : "cloudwatch.alarmMetric", metrics)];
        },
    },
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": {
        usage: {},
        estimate: () => [fixed("composite alarm", "cloudwatch.compositeAlarm", 1)],
    },
    "aws:cloudwatch/dashboard:Dashboard": {
        usage: {},
        estimate: () => [fixed("dashboard", "cloudwatch.dashboard", 1)],
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        usage: {
            ingestedGbPerMonth: "GB of log events ingested per month",
            storedGb: "GB kept (default: a month's ingestion times the retention in months, an upper bound: AWS bills compressed size)",
        },
        estimate: (c) => {
            const ingested = c.usage("ingestedGbPerMonth");
            const retention = known(num(c.resource.props, "retentionInDays"), "retentionInDays", 0);
            if (isUnpriced(retention)) return retention;
            const stored = c.usage("storedGb") ?? (ingested !== undefined ? ingested * (retention === 0 ? 12 : retention / 30) : undefined);
            return [...usage("ingestion", "logs.ingestion", ingested), ...usage("storage", "logs.storage", stored)];
        },
    },
    "aws:sqs/queue:Queue": {
        usage: { requestsPerMonth: "API requests per month (send, receive, delete; each 64 KB chunk counts)" },
        estimate: (c) => {
            const fifo = bool(c.resource.props, "fifoQueue") === true;
            const requests = c.usage("requestsPerMonth");
            return usage(`${fifo ? "FIFO" : "standard"} queue requests`, fifo ? "sqs.fifoRequests" : "sqs.standardRequests", requests === undefined ? undefined : requests / 1e6);
        },
    },
    "aws:sns/topic:Topic": {
        usage: { publishesPerMonth: "messages published per month", emailNotifications: "email deliveries per month" },
        estimate: (c) => {
            const publishes = c.usage("publishesPerMonth");
            const emails = c.usage("emailNotifications");
            return [
                ...usage("publishes", "sns.requests", publishes === undefined ? undefined : publishes / 1e6),
                ...usage("email notifications", "sns.email", emails === undefined ? undefined : emails / 100_000),
            ];
        },
    },
};
