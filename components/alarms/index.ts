/**
 * Alarms: a KMS-encrypted SNS topic with email subscriptions, and helpers that create CloudWatch
 * alarms (parented to this component) for what the seeds ask to watch, all notifying the topic.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { ALARMS_DEFAULTS as D } from "./defaults";
import {
    albMetrics, apiGatewayMetrics, bucketSizeGibExpression, cognitoMetrics, databaseMetrics, dynamoMetrics, ecsServiceMetrics, isPercentile, lambdaMetrics, natGatewayMetrics,
    s3RequestMetrics, s3StorageMetrics, secretAgeMetric, signInFailuresExpression, wafMetrics, type Dimensions, type MetricDefinition,
} from "./metrics";

export * from "./metrics";

const COMPONENT = "Alarms";
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface AlarmsArgs {
    /** Email addresses subscribed to the topic (each must confirm the subscription). Default none. */
    emails?: string[];
    /** CMK for the topic; it must allow the cloudwatch and sns services. Default: an EncryptionKey child that does. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Protect the created key (Pulumi protect + retain on delete). Default true. */
    protectData?: boolean;
}

export interface ApiGateway5xxRateArgs { apiName: pulumi.Input<string>; stage: pulumi.Input<string>; thresholdPercent?: number }
export interface LambdaArgs { functionName: pulumi.Input<string> }
export interface LambdaTimeoutsArgs extends LambdaArgs { timeoutSeconds: number; thresholdPercent?: number }
export interface P99LatencyArgs { namespace: string; metricName: string; dimensions: Dimensions; thresholdMs?: number }
export interface DynamoThrottlesArgs { tableName: pulumi.Input<string> }
export interface DatabaseCpuArgs { clusterIdentifier?: pulumi.Input<string>; dbInstanceIdentifier?: pulumi.Input<string>; thresholdPercent?: number }
export interface WafBlockRateArgs {
    webAclName: pulumi.Input<string>;
    /** CLOUDFRONT metrics live in us-east-1: create this component with a us-east-1 provider for them. */
    scope: "CLOUDFRONT" | "REGIONAL";
    /** REGIONAL only. Default: the provider's region. */
    region?: pulumi.Input<string>;
    thresholdPercent?: number;
}
export interface EcsTaskFailuresArgs { clusterName: pulumi.Input<string>; serviceName: pulumi.Input<string>; minimumRunningTasks?: number }
export interface NatGatewayErrorsArgs { natGatewayId: pulumi.Input<string> }
export interface AlbTarget5xxRateArgs { loadBalancerArnSuffix: pulumi.Input<string>; targetGroupArnSuffix?: pulumi.Input<string>; thresholdPercent?: number }
export interface S3BucketSizeArgs {
    bucketName: pulumi.Input<string>;
    /** Alarm above this many GiB (2^30 bytes, what S3 bills as a GB). */
    thresholdGib: number;
    /** StorageType dimension values summed: the bucket's storage classes. Default ["StandardStorage"]. */
    storageTypes?: string[];
}
export interface CognitoSignInFailuresArgs { userPoolId: pulumi.Input<string>; clientId: pulumi.Input<string>; threshold?: number }
export interface S3PrefixErrorsArgs {
    bucketName: pulumi.Input<string>;
    /** The key prefix whose requests are measured, ending in "/" (e.g. "user-uploads/"). */
    prefix: string;
    /** Default 10 %: expired or tampered presigned URLs are a client problem until they are a trend. */
    threshold4xxPercent?: number;
    /** Default 1 %. */
    threshold5xxPercent?: number;
}
export interface S3PrefixErrorAlarms {
    /** The request metrics configuration (its name is the metrics' FilterId). */
    configuration: aws.s3.BucketMetric;
    filterId: string;
    alarm4xx: aws.cloudwatch.MetricAlarm;
    alarm5xx: aws.cloudwatch.MetricAlarm;
}
export interface SecretAgeArgs {
    /** The SecretAgeMonitor's name and the secret's label in it (the metric's dimensions). */
    monitor: string;
    secret: string;
    maxAgeDays: number;
}

type AlarmSpec = Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions" | "treatMissingData">;
type MetricQuery = aws.types.input.cloudwatch.MetricAlarmMetricQuery;

/** A metric-math input: the definition read at this period, not returned itself. */
function query(id: string, def: MetricDefinition, period: number): MetricQuery {
    return { id, returnData: false, metric: { namespace: def.namespace, metricName: def.metricName, dimensions: def.dimensions, stat: def.stat, period } };
}

/** A single-metric alarm's metric fields; percentiles go to extendedStatistic. */
function single(def: MetricDefinition, period: number): Pick<AlarmSpec, "namespace" | "metricName" | "dimensions" | "statistic" | "extendedStatistic" | "period"> {
    const stat = isPercentile(def.stat) ? { extendedStatistic: def.stat } : { statistic: def.stat };
    return { namespace: def.namespace, metricName: def.metricName, dimensions: def.dimensions, ...stat, period };
}

/** An alarm, the Alarms helper that created it and the metric definitions it reads. */
export interface WatchedAlarm {
    alarm: aws.cloudwatch.MetricAlarm;
    /** The name given to the helper (the alarm's resource name without the component's prefix). */
    name: string;
    /** The helper method, e.g. "natGatewayErrors". */
    helper: string;
    metrics: MetricDefinition[];
}

/** The metrics an alarm spec reads: its single metric, or the metric queries of its math. */
function watchedMetrics(spec: AlarmSpec): MetricDefinition[] {
    const queries = (spec.metricQueries ?? []) as aws.types.input.cloudwatch.MetricAlarmMetricQuery[];
    if (queries.length > 0) {
        return queries.flatMap((q) => {
            const m = q.metric as aws.types.input.cloudwatch.MetricAlarmMetricQueryMetric | undefined;
            return m ? [{ namespace: m.namespace as string, metricName: m.metricName as string, dimensions: (m.dimensions ?? {}) as Dimensions, stat: m.stat as string, label: String(q.id) }] : [];
        });
    }
    return [{
        namespace: spec.namespace as string, metricName: spec.metricName as string, dimensions: (spec.dimensions ?? {}) as Dimensions,
        stat: (spec.extendedStatistic ?? spec.statistic) as string, label: spec.metricName as string,
    }];
}

export class Alarms extends pulumi.ComponentResource {
    readonly topic: aws.sns.Topic;
    readonly topicArn: pulumi.Output<string>;
    private readonly baseName: string;
    private readonly created: WatchedAlarm[] = [];

    constructor(name: string, args: AlarmsArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
        (args.emails ?? []).forEach((email, i) => requireArg(EMAIL.test(email), COMPONENT, name, `emails[${i}]`, email, "an email address (name@domain.tld)"));
        requireArg(new Set(args.emails ?? []).size === (args.emails ?? []).length, COMPONENT, name, "emails", args.emails, "distinct addresses");
        super("platform:monitoring:Alarms", name, {}, opts);
        this.baseName = name;

        const keyArn = args.kmsKeyArn ?? new EncryptionKey(`${name}-key`, {
            description: `Alarm notifications of ${name}`,
            // CloudWatch encrypts what it publishes to the topic; SNS decrypts to deliver.
            services: ["cloudwatch", "sns"],
            protectData: args.protectData ?? D.protectData,
        }, { parent: this }).arn;

        this.topic = new aws.sns.Topic(`${name}-topic`, { kmsMasterKeyId: keyArn }, { parent: this });
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        new aws.sns.TopicPolicy(`${name}-topic`, {
            arn: this.topic.arn,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "CloudWatchAlarmsOfThisAccount",
                        Effect: "Allow",
                        Principal: { Service: "cloudwatch.amazonaws.com" },
                        Action: "sns:Publish",
                        Resource: this.topic.arn,
                        Condition: { StringEquals: { "aws:SourceAccount": identity.accountId } },
                    },
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "sns:Publish",
                        Resource: this.topic.arn,
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            }),
        }, { parent: this });

        for (const email of args.emails ?? []) {
            new aws.sns.TopicSubscription(`${name}-email-${email.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, {
                topic: this.topic.arn,
                protocol: "email",
                endpoint: email,
            }, { parent: this });
        }

        this.topicArn = this.topic.arn;
        this.registerOutputs({ topicArn: this.topicArn });
    }

    /** Every alarm created so far (a dashboard's alarm status widget lists them). */
    get alarms(): readonly aws.cloudwatch.MetricAlarm[] {
        return this.created.map((w) => w.alarm);
    }

    /** Every alarm created so far with the helper that made it and the metrics it reads (a dashboard can graph exactly those). */
    get watched(): readonly WatchedAlarm[] {
        return this.created.map((w) => ({ ...w, metrics: [...w.metrics] }));
    }

    private requirePercent(method: string, alarm: string, value: number): void {
        requireArg(Number.isFinite(value) && value > 0 && value <= 100, COMPONENT, this.baseName, `${method}("${alarm}").thresholdPercent`, value, "a percentage above 0 and at most 100");
    }

    private requirePositive(method: string, alarm: string, argument: string, value: number): void {
        requireArg(Number.isFinite(value) && value > 0, COMPONENT, this.baseName, `${method}("${alarm}").${argument}`, value, "a number above 0");
    }

    /** Creates one alarm notifying the topic on alarm and on recovery, and records what it watches. */
    private alarm(name: string, helper: string, spec: AlarmSpec): aws.cloudwatch.MetricAlarm {
        const alarm = new aws.cloudwatch.MetricAlarm(`${this.baseName}-${name}`, {
            ...spec,
            treatMissingData: D.treatMissingData,
            alarmActions: [this.topic.arn],
            okActions: [this.topic.arn],
        }, { parent: this });
        this.created.push({ alarm, name, helper, metrics: watchedMetrics(spec) });
        return alarm;
    }

    /** A rate (percent) computed with metric math; pages on 3 of 5 one-minute datapoints above the threshold. */
    private rateAlarm(name: string, helper: string, description: string, expression: string, metrics: MetricQuery[], threshold: number): aws.cloudwatch.MetricAlarm {
        return this.alarm(name, helper, {
            alarmDescription: description,
            comparisonOperator: "GreaterThanThreshold",
            threshold,
            evaluationPeriods: D.rateEvaluationPeriods,
            datapointsToAlarm: D.rateDatapointsToAlarm,
            metricQueries: [...metrics, { id: "rate", expression, label: description, returnData: true }],
        });
    }

    /** API Gateway REST API 5xx responses as a percentage of requests (5XXError / Count * 100). */
    apiGateway5xxRate(name: string, args: ApiGateway5xxRateArgs): aws.cloudwatch.MetricAlarm {
        const percent = args.thresholdPercent ?? D.apiGateway5xxPercent;
        this.requirePercent("apiGateway5xxRate", name, percent);
        const api = apiGatewayMetrics(args);
        return this.rateAlarm(name, "apiGateway5xxRate", `API 5xx rate above ${percent} %`, "errors / requests * 100", [
            query("errors", api.errors5xx, D.ratePeriod),
            query("requests", api.requests, D.ratePeriod),
        ], percent);
    }

    /** ALB target 5xx responses as a percentage of requests (HTTPCode_Target_5XX_Count / RequestCount * 100). */
    albTarget5xxRate(name: string, args: AlbTarget5xxRateArgs): aws.cloudwatch.MetricAlarm {
        const percent = args.thresholdPercent ?? D.albTarget5xxPercent;
        this.requirePercent("albTarget5xxRate", name, percent);
        const alb = albMetrics(args);
        return this.rateAlarm(name, "albTarget5xxRate", `ALB target 5xx rate above ${percent} %`, "errors / requests * 100", [
            query("errors", alb.target5xx, D.ratePeriod),
            query("requests", alb.requests, D.ratePeriod),
        ], percent);
    }

    /** Any Lambda invocation error in five minutes. */
    lambdaErrors(name: string, args: LambdaArgs): aws.cloudwatch.MetricAlarm {
        return this.alarm(name, "lambdaErrors", {
            alarmDescription: "Lambda function errors",
            ...single(lambdaMetrics(args.functionName).errors, D.period),
            evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold", threshold: 0,
        });
    }

    /** Any throttled Lambda invocation in five minutes (concurrency exhausted). */
    lambdaThrottles(name: string, args: LambdaArgs): aws.cloudwatch.MetricAlarm {
        return this.alarm(name, "lambdaThrottles", {
            alarmDescription: "Lambda function throttles",
            ...single(lambdaMetrics(args.functionName).throttles, D.period),
            evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold", threshold: 0,
        });
    }

    /** The slowest invocation reached thresholdPercent (default 90) of the function's timeout: timeouts are happening or imminent. */
    lambdaTimeouts(name: string, args: LambdaTimeoutsArgs): aws.cloudwatch.MetricAlarm {
        const percent = args.thresholdPercent ?? D.lambdaTimeoutPercent;
        this.requirePositive("lambdaTimeouts", name, "timeoutSeconds", args.timeoutSeconds);
        this.requirePercent("lambdaTimeouts", name, percent);
        return this.alarm(name, "lambdaTimeouts", {
            alarmDescription: `Lambda duration at ${percent} % of its ${args.timeoutSeconds} s timeout`,
            ...single(lambdaMetrics(args.functionName).durationMax, D.period),
            evaluationPeriods: 1, comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: Math.round(args.timeoutSeconds * 1000 * percent / 100),
        });
    }

    /** p99 of a latency metric above thresholdMs (default 1000) in 2 of 3 five-minute periods. */
    p99Latency(name: string, args: P99LatencyArgs): aws.cloudwatch.MetricAlarm {
        const ms = args.thresholdMs ?? D.p99LatencyMs;
        this.requirePositive("p99Latency", name, "thresholdMs", ms);
        return this.alarm(name, "p99Latency", {
            alarmDescription: `p99 ${args.metricName} above ${ms} ms`,
            ...single({ namespace: args.namespace, metricName: args.metricName, dimensions: args.dimensions, stat: "p99", label: "p99" }, D.period),
            evaluationPeriods: 3, datapointsToAlarm: 2,
            comparisonOperator: "GreaterThanThreshold", threshold: ms,
        });
    }

    /** Any DynamoDB read or write throttle event in five minutes (ReadThrottleEvents + WriteThrottleEvents). */
    dynamoThrottles(name: string, args: DynamoThrottlesArgs): aws.cloudwatch.MetricAlarm {
        const table = dynamoMetrics(args.tableName);
        return this.alarm(name, "dynamoThrottles", {
            alarmDescription: "DynamoDB throttled reads or writes",
            comparisonOperator: "GreaterThanThreshold", threshold: 0, evaluationPeriods: 1,
            metricQueries: [
                query("reads", table.readThrottles, D.period),
                query("writes", table.writeThrottles, D.period),
                { id: "throttles", expression: "reads + writes", label: "Throttle events", returnData: true },
            ],
        });
    }

    /** Average database CPU above thresholdPercent (default 80) for 15 minutes; an Aurora cluster or an RDS instance. */
    databaseCpu(name: string, args: DatabaseCpuArgs): aws.cloudwatch.MetricAlarm {
        const percent = args.thresholdPercent ?? D.databaseCpuPercent;
        requireArg((args.clusterIdentifier === undefined) !== (args.dbInstanceIdentifier === undefined), COMPONENT, this.baseName, `databaseCpu("${name}").clusterIdentifier/dbInstanceIdentifier`, args, "exactly one of clusterIdentifier and dbInstanceIdentifier");
        this.requirePercent("databaseCpu", name, percent);
        return this.alarm(name, "databaseCpu", {
            alarmDescription: `Database CPU above ${percent} %`,
            ...single(databaseMetrics(args).cpu, D.period),
            evaluationPeriods: 3, comparisonOperator: "GreaterThanThreshold", threshold: percent,
        });
    }

    /** WAF blocked requests as a percentage of all requests (BlockedRequests / (Allowed + Blocked) * 100). */
    wafBlockRate(name: string, args: WafBlockRateArgs): aws.cloudwatch.MetricAlarm {
        const percent = args.thresholdPercent ?? D.wafBlockPercent;
        requireArg(args.scope === "CLOUDFRONT" || args.scope === "REGIONAL", COMPONENT, this.baseName, `wafBlockRate("${name}").scope`, args.scope, "CLOUDFRONT or REGIONAL");
        this.requirePercent("wafBlockRate", name, percent);
        // CloudFront web ACL metrics have no Region dimension; regional ones do.
        const region = args.scope === "REGIONAL" ? (args.region ?? aws.getRegionOutput({}, { parent: this }).region) : undefined;
        const waf = wafMetrics({ webAclName: args.webAclName, scope: args.scope, region });
        return this.rateAlarm(name, "wafBlockRate", `WAF block rate above ${percent} %`, "blocked / (allowed + blocked) * 100", [
            query("blocked", waf.blocked, D.ratePeriod),
            query("allowed", waf.allowed, D.ratePeriod),
        ], percent);
    }

    /** Fewer running tasks than minimumRunningTasks (default 1) for 3 minutes (Container Insights RunningTaskCount). */
    ecsTaskFailures(name: string, args: EcsTaskFailuresArgs): aws.cloudwatch.MetricAlarm {
        const minimum = args.minimumRunningTasks ?? D.ecsMinimumRunningTasks;
        requireArg(Number.isInteger(minimum) && minimum >= 1, COMPONENT, this.baseName, `ecsTaskFailures("${name}").minimumRunningTasks`, minimum, "a whole number of at least 1");
        return this.alarm(name, "ecsTaskFailures", {
            alarmDescription: `ECS service running fewer than ${minimum} task(s)`,
            ...single(ecsServiceMetrics(args).runningTasks, 60),
            evaluationPeriods: 3, comparisonOperator: "LessThanThreshold", threshold: minimum,
        });
    }

    /** NAT gateway connection errors: port allocation failures plus dropped packets, in 2 of 3 five-minute periods. */
    natGatewayErrors(name: string, args: NatGatewayErrorsArgs): aws.cloudwatch.MetricAlarm {
        const nat = natGatewayMetrics(args.natGatewayId);
        return this.alarm(name, "natGatewayErrors", {
            alarmDescription: "NAT gateway port allocation errors or dropped packets",
            comparisonOperator: "GreaterThanThreshold", threshold: 0, evaluationPeriods: 3, datapointsToAlarm: 2,
            metricQueries: [
                query("portErrors", nat.portAllocationErrors, D.period),
                query("dropped", nat.droppedPackets, D.period),
                { id: "errors", expression: "portErrors + dropped", label: "NAT errors", returnData: true },
            ],
        });
    }

    /**
     * Total bucket size (BucketSizeBytes summed over the given storage classes) above thresholdGib.
     * S3 reports storage once a day and a day or two late, so the alarm reads daily datapoints and
     * pages when one of the last two is above the threshold.
     */
    s3BucketSize(name: string, args: S3BucketSizeArgs): aws.cloudwatch.MetricAlarm {
        this.requirePositive("s3BucketSize", name, "thresholdGib", args.thresholdGib);
        const types = args.storageTypes ?? [...D.s3StorageTypes];
        requireArg(types.length > 0 && new Set(types).size === types.length && types.every((t) => /^[A-Za-z]+Storage$/.test(t)), COMPONENT, this.baseName,
            `s3BucketSize("${name}").storageTypes`, types, "distinct S3 StorageType dimension values such as StandardStorage or GlacierInstantRetrievalStorage");
        const queries = types.map((t, i) => query(`size${i}`, s3StorageMetrics(args.bucketName, t).bucketSizeBytes, D.storagePeriod));
        return this.alarm(name, "s3BucketSize", {
            alarmDescription: `Bucket size above ${args.thresholdGib} GiB`,
            comparisonOperator: "GreaterThanThreshold", threshold: args.thresholdGib,
            evaluationPeriods: D.storageEvaluationPeriods, datapointsToAlarm: 1,
            metricQueries: [...queries, { id: "gib", expression: bucketSizeGibExpression(types.map((_, i) => `size${i}`)), label: "Bucket size (GiB)", returnData: true }],
        });
    }

    /** Failed sign-ins (attempts minus successes of one app client) above threshold (default 20) in five minutes. */
    cognitoSignInFailures(name: string, args: CognitoSignInFailuresArgs): aws.cloudwatch.MetricAlarm {
        const threshold = args.threshold ?? D.cognitoSignInFailures;
        requireArg(Number.isInteger(threshold) && threshold >= 1, COMPONENT, this.baseName, `cognitoSignInFailures("${name}").threshold`, threshold, "a whole number of failed sign-ins of at least 1");
        const cognito = cognitoMetrics(args);
        return this.alarm(name, "cognitoSignInFailures", {
            alarmDescription: `More than ${threshold} failed sign-ins in five minutes`,
            comparisonOperator: "GreaterThanThreshold", threshold, evaluationPeriods: 1,
            metricQueries: [
                query("attempts", cognito.signInAttempts, D.period),
                query("successes", cognito.signInSuccesses, D.period),
                { id: "failures", expression: signInFailuresExpression("attempts", "successes"), label: "Failed sign-ins", returnData: true },
            ],
        });
    }

    /**
     * S3 request metrics for one key prefix (an aws.s3.BucketMetric named after it) and two rate
     * alarms: 4xx (expired or tampered presigned URLs, denied uploads) and 5xx (S3 failing) as a
     * percentage of the prefix's requests.
     */
    s3PrefixErrors(name: string, args: S3PrefixErrorsArgs): S3PrefixErrorAlarms {
        const p4 = args.threshold4xxPercent ?? D.s3Prefix4xxPercent;
        const p5 = args.threshold5xxPercent ?? D.s3Prefix5xxPercent;
        requireArg(typeof args.prefix === "string" && /^[A-Za-z0-9!_.*'()/-]{1,512}\/$/.test(args.prefix), COMPONENT, this.baseName, `s3PrefixErrors("${name}").prefix`, args.prefix,
            "a key prefix ending in / (letters, digits, ! _ . * ' ( ) - /)");
        this.requirePercent("s3PrefixErrors", name, p4);
        this.requirePercent("s3PrefixErrors", name, p5);
        const filterId = metricsFilterId(args.prefix);
        const configuration = new aws.s3.BucketMetric(`${this.baseName}-${name}`, {
            bucket: args.bucketName, name: filterId, filter: { prefix: args.prefix },
        }, { parent: this });
        // The alarms read the metrics the configuration publishes under its name.
        const s3 = s3RequestMetrics(args.bucketName, configuration.name);
        const rate = (suffix: string, errors: MetricDefinition, percent: number) => this.rateAlarm(`${name}-${suffix}`, "s3PrefixErrors",
            `S3 ${suffix} rate under ${args.prefix} above ${percent} %`, "errors / requests * 100",
            [query("errors", errors, D.ratePeriod), query("requests", s3.requests, D.ratePeriod)], percent);
        return { configuration, filterId, alarm4xx: rate("4xx", s3.errors4xx, p4), alarm5xx: rate("5xx", s3.errors5xx, p5) };
    }

    /**
     * A manually rotated secret's current value is older than maxAgeDays (SecretAgeDays, published
     * daily by a SecretAgeMonitor): time to rotate it with the provider and put the new value.
     */
    secretAge(name: string, args: SecretAgeArgs): aws.cloudwatch.MetricAlarm {
        requireArg(Number.isInteger(args.maxAgeDays) && args.maxAgeDays >= 1, COMPONENT, this.baseName, `secretAge("${name}").maxAgeDays`, args.maxAgeDays, "a whole number of days of at least 1");
        return this.alarm(name, "secretAge", {
            alarmDescription: `Secret ${args.secret} not rotated for more than ${args.maxAgeDays} days: rotate it with its provider and put the new value`,
            ...single(secretAgeMetric(args), D.storagePeriod),
            evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold", threshold: args.maxAgeDays,
        });
    }
}

/** An S3 metrics configuration id for a prefix (at most 64 characters of letters, digits, - and _). */
export function metricsFilterId(prefix: string): string {
    const id = prefix.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "root";
    return id.slice(0, 64);
}
