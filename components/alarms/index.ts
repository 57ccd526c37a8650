/**
 * Alarms: a KMS-encrypted SNS topic with email subscriptions, and helpers that create CloudWatch
 * alarms (parented to this component) for what the seeds ask to watch, all notifying the topic.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { ALARMS_DEFAULTS as D } from "./defaults";

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

type Dimensions = Record<string, pulumi.Input<string>>;

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

type AlarmSpec = Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions" | "treatMissingData">;

function metric(id: string, namespace: string, metricName: string, dimensions: Dimensions, stat: string, period: number): aws.types.input.cloudwatch.MetricAlarmMetricQuery {
    return { id, returnData: false, metric: { namespace, metricName, dimensions, stat, period } };
}

export class Alarms extends pulumi.ComponentResource {
    readonly topic: aws.sns.Topic;
    readonly topicArn: pulumi.Output<string>;
    private readonly baseName: string;

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

    private requirePercent(method: string, alarm: string, value: number): void {
        requireArg(Number.isFinite(value) && value > 0 && value <= 100, COMPONENT, this.baseName, `${method}("${alarm}").thresholdPercent`, value, "a percentage above 0 and at most 100");
    }

    private requirePositive(method: string, alarm: string, argument: string, value: number): void {
        requireArg(Number.isFinite(value) && value > 0, COMPONENT, this.baseName, `${method}("${alarm}").${argument}`, value, "a number above 0");
    }

    /** Creates one alarm notifying the topic on alarm and on recovery. */
    private alarm(name: string, spec: AlarmSpec): aws.cloudwatch.MetricAlarm {
        return new aws.cloudwatch.MetricAlarm(`${this.baseName}-${name}`, {
            ...spec,
            treatMissingData: D.treatMissingData,
            alarmActions: [this.topic.arn],
            okActions: [this.topic.arn],
        }, { parent: this });
    }

    /** A rate (percent) computed with metric math; pages on 3 of 5 one-minute datapoints above the threshold. */
    private rateAlarm(name: string, description: string, expression: string, metrics: aws.types.input.cloudwatch.MetricAlarmMetricQuery[], threshold: number): aws.cloudwatch.MetricAlarm {
        return this.alarm(name, {
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
        const dims = { ApiName: args.apiName, Stage: args.stage };
        return this.rateAlarm(name, `API 5xx rate above ${percent} %`, "errors / requests * 100", [
            metric("errors", "AWS/ApiGateway", "5XXError", dims, "Sum", D.ratePeriod),
            metric("requests", "AWS/ApiGateway", "Count", dims, "Sum", D.ratePeriod),
        ], percent);
    }

    /** ALB target 5xx responses as a percentage of requests (HTTPCode_Target_5XX_Count / RequestCount * 100). */
    albTarget5xxRate(name: string, args: AlbTarget5xxRateArgs): aws.cloudwatch.MetricAlarm {
        const percent = args.thresholdPercent ?? D.albTarget5xxPercent;
        this.requirePercent("albTarget5xxRate", name, percent);
        const dims: Dimensions = { LoadBalancer: args.loadBalancerArnSuffix };
        if (args.targetGroupArnSuffix !== undefined) dims.TargetGroup = args.targetGroupArnSuffix;
        return this.rateAlarm(name, `ALB target 5xx rate above ${percent} %`, "errors / requests * 100", [
            metric("errors", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", dims, "Sum", D.ratePeriod),
            metric("requests", "AWS/ApplicationELB", "RequestCount", dims, "Sum", D.ratePeriod),
        ], percent);
    }

    /** Any Lambda invocation error in five minutes. */
    lambdaErrors(name: string, args: LambdaArgs): aws.cloudwatch.MetricAlarm {
        return this.alarm(name, {
            alarmDescription: "Lambda function errors",
            namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: args.functionName },
            statistic: "Sum", period: D.period, evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold", threshold: 0,
        });
    }

    /** Any throttled Lambda invocation in five minutes (concurrency exhausted). */
    lambdaThrottles(name: string, args: LambdaArgs): aws.cloudwatch.MetricAlarm {
        return this.alarm(name, {
            alarmDescription: "Lambda function throttles",
            namespace: "AWS/Lambda", metricName: "Throttles", dimensions: { FunctionName: args.functionName },
            statistic: "Sum", period: D.period, evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold", threshold: 0,
        });
    }

    /** The slowest invocation reached thresholdPercent (default 90) of the function's timeout: timeouts are happening or imminent. */
    lambdaTimeouts(name: string, args: LambdaTimeoutsArgs): aws.cloudwatch.MetricAlarm {
        const percent = args.thresholdPercent ?? D.lambdaTimeoutPercent;
        this.requirePositive("lambdaTimeouts", name, "timeoutSeconds", args.timeoutSeconds);
        this.requirePercent("lambdaTimeouts", name, percent);
        return this.alarm(name, {
            alarmDescription: `Lambda duration at ${percent} % of its ${args.timeoutSeconds} s timeout`,
            namespace: "AWS/Lambda", metricName: "Duration", dimensions: { FunctionName: args.functionName },
            statistic: "Maximum", period: D.period, evaluationPeriods: 1, comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: Math.round(args.timeoutSeconds * 1000 * percent / 100),
        });
    }

    /** p99 of a latency metric above thresholdMs (default 1000) in 2 of 3 five-minute periods. */
    p99Latency(name: string, args: P99LatencyArgs): aws.cloudwatch.MetricAlarm {
        const ms = args.thresholdMs ?? D.p99LatencyMs;
        this.requirePositive("p99Latency", name, "thresholdMs", ms);
        return this.alarm(name, {
            alarmDescription: `p99 ${args.metricName} above ${ms} ms`,
            namespace: args.namespace, metricName: args.metricName, dimensions: args.dimensions,
            extendedStatistic: "p99", period: D.period, evaluationPeriods: 3, datapointsToAlarm: 2,
            comparisonOperator: "GreaterThanThreshold", threshold: ms,
        });
    }

    /** Any DynamoDB read or write throttle event in five minutes (ReadThrottleEvents + WriteThrottleEvents). */
    dynamoThrottles(name: string, args: DynamoThrottlesArgs): aws.cloudwatch.MetricAlarm {
        const dims = { TableName: args.tableName };
        return this.alarm(name, {
            alarmDescription: "DynamoDB throttled reads or writes",
            comparisonOperator: "GreaterThanThreshold", threshold: 0, evaluationPeriods: 1,
            metricQueries: [
                metric("reads", "AWS/DynamoDB", "ReadThrottleEvents", dims, "Sum", D.period),
                metric("writes", "AWS/DynamoDB", "WriteThrottleEvents", dims, "Sum", D.period),
                { id: "throttles", expression: "reads + writes", label: "Throttle events", returnData: true },
            ],
        });
    }

    /** Average database CPU above thresholdPercent (default 80) for 15 minutes; an Aurora cluster or an RDS instance. */
    databaseCpu(name: string, args: DatabaseCpuArgs): aws.cloudwatch.MetricAlarm {
        const percent = args.thresholdPercent ?? D.databaseCpuPercent;
        requireArg((args.clusterIdentifier === undefined) !== (args.dbInstanceIdentifier === undefined), COMPONENT, this.baseName, `databaseCpu("${name}").clusterIdentifier/dbInstanceIdentifier`, args, "exactly one of clusterIdentifier and dbInstanceIdentifier");
        this.requirePercent("databaseCpu", name, percent);
        const dimensions: Dimensions = args.clusterIdentifier !== undefined ? { DBClusterIdentifier: args.clusterIdentifier } : { DBInstanceIdentifier: args.dbInstanceIdentifier! };
        return this.alarm(name, {
            alarmDescription: `Database CPU above ${percent} %`,
            namespace: "AWS/RDS", metricName: "CPUUtilization", dimensions,
            statistic: "Average", period: D.period, evaluationPeriods: 3, comparisonOperator: "GreaterThanThreshold", threshold: percent,
        });
    }

    /** WAF blocked requests as a percentage of all requests (BlockedRequests / (Allowed + Blocked) * 100). */
    wafBlockRate(name: string, args: WafBlockRateArgs): aws.cloudwatch.MetricAlarm {
        const percent = args.thresholdPercent ?? D.wafBlockPercent;
        requireArg(args.scope === "CLOUDFRONT" || args.scope === "REGIONAL", COMPONENT, this.baseName, `wafBlockRate("${name}").scope`, args.scope, "CLOUDFRONT or REGIONAL");
        this.requirePercent("wafBlockRate", name, percent);
        // CloudFront web ACL metrics have no Region dimension; regional ones do.
        const dims: Dimensions = { WebACL: args.webAclName, Rule: "ALL" };
        if (args.scope === "REGIONAL") dims.Region = args.region ?? aws.getRegionOutput({}, { parent: this }).region;
        return this.rateAlarm(name, `WAF block rate above ${percent} %`, "blocked / (allowed + blocked) * 100", [
            metric("blocked", "AWS/WAFV2", "BlockedRequests", dims, "Sum", D.ratePeriod),
            metric("allowed", "AWS/WAFV2", "AllowedRequests", dims, "Sum", D.ratePeriod),
        ], percent);
    }

    /** Fewer running tasks than minimumRunningTasks (default 1) for 3 minutes (Container Insights RunningTaskCount). */
    ecsTaskFailures(name: string, args: EcsTaskFailuresArgs): aws.cloudwatch.MetricAlarm {
        const minimum = args.minimumRunningTasks ?? D.ecsMinimumRunningTasks;
        requireArg(Number.isInteger(minimum) && minimum >= 1, COMPONENT, this.baseName, `ecsTaskFailures("${name}").minimumRunningTasks`, minimum, "a whole number of at least 1");
        return this.alarm(name, {
            alarmDescription: `ECS service running fewer than ${minimum} task(s)`,
            namespace: "ECS/ContainerInsights", metricName: "RunningTaskCount",
            dimensions: { ClusterName: args.clusterName, ServiceName: args.serviceName },
            statistic: "Minimum", period: 60, evaluationPeriods: 3, comparisonOperator: "LessThanThreshold", threshold: minimum,
        });
    }

    /** NAT gateway connection errors: port allocation failures plus dropped packets, in 2 of 3 five-minute periods. */
    natGatewayErrors(name: string, args: NatGatewayErrorsArgs): aws.cloudwatch.MetricAlarm {
        const dims = { NatGatewayId: args.natGatewayId };
        return this.alarm(name, {
            alarmDescription: "NAT gateway port allocation errors or dropped packets",
            comparisonOperator: "GreaterThanThreshold", threshold: 0, evaluationPeriods: 3, datapointsToAlarm: 2,
            metricQueries: [
                metric("portErrors", "AWS/NATGateway", "ErrorPortAllocation", dims, "Sum", D.period),
                metric("dropped", "AWS/NATGateway", "PacketsDropCount", dims, "Sum", D.period),
                { id: "errors", expression: "portErrors + dropped", label: "NAT errors", returnData: true },
            ],
        });
    }
}
