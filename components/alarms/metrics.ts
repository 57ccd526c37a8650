/**
 * The CloudWatch metrics the platform watches, defined once per service. Alarms alarm on them and
 * Dashboard graphs them, so a dashboard always shows exactly what pages someone (same namespace,
 * metric name, dimensions and statistic), and a fix to a definition reaches both.
 *
 * Definitions carry no period: an alarm and a graph read the same metric at different resolutions.
 */
import type * as pulumi from "@pulumi/pulumi";

export type Dimensions = Record<string, pulumi.Input<string>>;

/** One CloudWatch metric with the statistic it is read with. */
export interface MetricDefinition {
    namespace: string;
    metricName: string;
    dimensions: Dimensions;
    /** `Sum`, `Average`, `Minimum`, `Maximum`, `SampleCount` or a percentile such as `p99`. */
    stat: string;
    /** What a graph line is called. */
    label: string;
    /** The region the metric lives in when it is not the stack's (CloudFront and CLOUDFRONT-scope WAF: us-east-1). */
    region?: string;
}

/** CloudFront and CLOUDFRONT-scope WAF publish their metrics in us-east-1 only. */
export const GLOBAL_METRICS_REGION = "us-east-1";
/** The namespace and name of the platform's own secret-age metric (published by SecretAgeMonitor's function). */
export const PLATFORM_SECRETS_NAMESPACE = "Platform/Secrets";
export const SECRET_AGE_METRIC = "SecretAgeDays";

function m(namespace: string, metricName: string, dimensions: Dimensions, stat: string, label: string, region?: string): MetricDefinition {
    return region === undefined ? { namespace, metricName, dimensions, stat, label } : { namespace, metricName, dimensions, stat, label, region };
}

/** True for percentile statistics (`p99`, `p99.9`): alarms pass them as `extendedStatistic`. */
export function isPercentile(stat: string): boolean {
    return /^p\d{1,2}(\.\d+)?$/.test(stat);
}

export function apiGatewayMetrics(api: { apiName: pulumi.Input<string>; stage: pulumi.Input<string> }) {
    const d = { ApiName: api.apiName, Stage: api.stage };
    return {
        requests: m("AWS/ApiGateway", "Count", d, "Sum", "Requests"),
        errors4xx: m("AWS/ApiGateway", "4XXError", d, "Sum", "4xx"),
        errors5xx: m("AWS/ApiGateway", "5XXError", d, "Sum", "5xx"),
        latencyP50: m("AWS/ApiGateway", "Latency", d, "p50", "p50"),
        latencyP99: m("AWS/ApiGateway", "Latency", d, "p99", "p99"),
        integrationLatencyP99: m("AWS/ApiGateway", "IntegrationLatency", d, "p99", "integration p99"),
    };
}

export function lambdaMetrics(functionName: pulumi.Input<string>) {
    const d = { FunctionName: functionName };
    return {
        invocations: m("AWS/Lambda", "Invocations", d, "Sum", "Invocations"),
        errors: m("AWS/Lambda", "Errors", d, "Sum", "Errors"),
        throttles: m("AWS/Lambda", "Throttles", d, "Sum", "Throttles"),
        durationP99: m("AWS/Lambda", "Duration", d, "p99", "p99 duration"),
        durationMax: m("AWS/Lambda", "Duration", d, "Maximum", "Maximum duration"),
        concurrency: m("AWS/Lambda", "ConcurrentExecutions", d, "Maximum", "Concurrent executions"),
    };
}

export function dynamoMetrics(tableName: pulumi.Input<string>) {
    const d = { TableName: tableName };
    return {
        consumedReads: m("AWS/DynamoDB", "ConsumedReadCapacityUnits", d, "Sum", "Read units"),
        consumedWrites: m("AWS/DynamoDB", "ConsumedWriteCapacityUnits", d, "Sum", "Write units"),
        readThrottles: m("AWS/DynamoDB", "ReadThrottleEvents", d, "Sum", "Read throttles"),
        writeThrottles: m("AWS/DynamoDB", "WriteThrottleEvents", d, "Sum", "Write throttles"),
    };
}

/** An Aurora cluster (`clusterIdentifier`) or an RDS instance (`dbInstanceIdentifier`). */
export function databaseMetrics(db: { clusterIdentifier?: pulumi.Input<string>; dbInstanceIdentifier?: pulumi.Input<string> }) {
    const d: Dimensions = db.clusterIdentifier !== undefined ? { DBClusterIdentifier: db.clusterIdentifier } : { DBInstanceIdentifier: db.dbInstanceIdentifier! };
    return {
        cpu: m("AWS/RDS", "CPUUtilization", d, "Average", "CPU %"),
        connections: m("AWS/RDS", "DatabaseConnections", d, "Maximum", "Connections"),
        readLatency: m("AWS/RDS", "ReadLatency", d, "Average", "Read latency (s)"),
        writeLatency: m("AWS/RDS", "WriteLatency", d, "Average", "Write latency (s)"),
        freeableMemory: m("AWS/RDS", "FreeableMemory", d, "Minimum", "Freeable memory (bytes)"),
        /** RDS instances only (Aurora storage grows by itself). */
        freeStorage: m("AWS/RDS", "FreeStorageSpace", d, "Minimum", "Free storage (bytes)"),
        /** Aurora Serverless v2 only. */
        capacity: m("AWS/RDS", "ServerlessDatabaseCapacity", d, "Average", "ACUs"),
    };
}

export function albMetrics(lb: { loadBalancerArnSuffix: pulumi.Input<string>; targetGroupArnSuffix?: pulumi.Input<string> }) {
    const d: Dimensions = { LoadBalancer: lb.loadBalancerArnSuffix };
    if (lb.targetGroupArnSuffix !== undefined) d.TargetGroup = lb.targetGroupArnSuffix;
    const lbOnly = { LoadBalancer: lb.loadBalancerArnSuffix };
    return {
        requests: m("AWS/ApplicationELB", "RequestCount", d, "Sum", "Requests"),
        target4xx: m("AWS/ApplicationELB", "HTTPCode_Target_4XX_Count", d, "Sum", "Target 4xx"),
        target5xx: m("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", d, "Sum", "Target 5xx"),
        /** Answered by the load balancer itself (no healthy target, timeouts): per load balancer only. */
        elb5xx: m("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", lbOnly, "Sum", "Load balancer 5xx"),
        responseTimeP99: m("AWS/ApplicationELB", "TargetResponseTime", d, "p99", "p99 response time (s)"),
        healthyHosts: m("AWS/ApplicationELB", "HealthyHostCount", d, "Minimum", "Healthy targets"),
        unhealthyHosts: m("AWS/ApplicationELB", "UnHealthyHostCount", d, "Maximum", "Unhealthy targets"),
    };
}

export function ecsServiceMetrics(service: { clusterName: pulumi.Input<string>; serviceName: pulumi.Input<string> }) {
    const d = { ClusterName: service.clusterName, ServiceName: service.serviceName };
    return {
        /** Container Insights. */
        runningTasks: m("ECS/ContainerInsights", "RunningTaskCount", d, "Minimum", "Running tasks"),
        cpu: m("AWS/ECS", "CPUUtilization", d, "Average", "CPU %"),
        memory: m("AWS/ECS", "MemoryUtilization", d, "Average", "Memory %"),
    };
}

/** A web ACL's totals (`Rule: ALL`); CLOUDFRONT ACLs have no Region dimension and live in us-east-1. */
export function wafMetrics(acl: { webAclName: pulumi.Input<string>; scope: "CLOUDFRONT" | "REGIONAL"; region?: pulumi.Input<string> }) {
    return {
        allowed: wafRuleMetric(acl, "AllowedRequests", "ALL", "Allowed"),
        blocked: wafRuleMetric(acl, "BlockedRequests", "ALL", "Blocked"),
    };
}

/**
 * One rule's requests (its Rule dimension is the rule's metric name): in a web ACL several systems
 * share, a system's own rules are the part of the ACL's traffic that is the system's alone.
 */
export function wafRuleMetric(acl: { webAclName: pulumi.Input<string>; scope: "CLOUDFRONT" | "REGIONAL"; region?: pulumi.Input<string> },
    metricName: "AllowedRequests" | "BlockedRequests" | "CountedRequests", rule: pulumi.Input<string>, label: string): MetricDefinition {
    const d: Dimensions = { WebACL: acl.webAclName, Rule: rule };
    if (acl.scope === "REGIONAL" && acl.region !== undefined) d.Region = acl.region;
    return m("AWS/WAFV2", metricName, d, "Sum", label, acl.scope === "CLOUDFRONT" ? GLOBAL_METRICS_REGION : undefined);
}

export function natGatewayMetrics(natGatewayId: pulumi.Input<string>) {
    const d = { NatGatewayId: natGatewayId };
    return {
        portAllocationErrors: m("AWS/NATGateway", "ErrorPortAllocation", d, "Sum", "Port allocation errors"),
        droppedPackets: m("AWS/NATGateway", "PacketsDropCount", d, "Sum", "Dropped packets"),
        activeConnections: m("AWS/NATGateway", "ActiveConnectionCount", d, "Maximum", "Active connections"),
    };
}

export function cloudFrontMetrics(distributionId: pulumi.Input<string>) {
    const d = { DistributionId: distributionId, Region: "Global" };
    const r = GLOBAL_METRICS_REGION;
    return {
        requests: m("AWS/CloudFront", "Requests", d, "Sum", "Requests", r),
        errorRate4xx: m("AWS/CloudFront", "4xxErrorRate", d, "Average", "4xx %", r),
        errorRate5xx: m("AWS/CloudFront", "5xxErrorRate", d, "Average", "5xx %", r),
        bytesDownloaded: m("AWS/CloudFront", "BytesDownloaded", d, "Sum", "Bytes downloaded", r),
    };
}

/** S3 storage metrics: reported once a day, so read them over 86,400-second periods. */
export function s3StorageMetrics(bucketName: pulumi.Input<string>, storageType: string = "StandardStorage") {
    return {
        bucketSizeBytes: m("AWS/S3", "BucketSizeBytes", { BucketName: bucketName, StorageType: storageType }, "Average", `Size (${storageType})`),
        objects: m("AWS/S3", "NumberOfObjects", { BucketName: bucketName, StorageType: "AllStorageTypes" }, "Average", "Objects"),
    };
}

/** S3 request metrics of one metrics configuration (`FilterId`: an aws.s3.BucketMetric's name), one-minute data. */
export function s3RequestMetrics(bucketName: pulumi.Input<string>, filterId: pulumi.Input<string>) {
    const d = { BucketName: bucketName, FilterId: filterId };
    return {
        requests: m("AWS/S3", "AllRequests", d, "Sum", "Requests"),
        puts: m("AWS/S3", "PutRequests", d, "Sum", "PUT requests"),
        errors4xx: m("AWS/S3", "4xxErrors", d, "Sum", "4xx"),
        errors5xx: m("AWS/S3", "5xxErrors", d, "Sum", "5xx"),
        firstByteLatencyP99: m("AWS/S3", "FirstByteLatency", d, "p99", "p99 first byte (ms)"),
    };
}

/**
 * Cognito user pool sign-ins of one app client. `SignInSuccesses` is 1 per success and 0 per failure,
 * so its Sum counts successes and its SampleCount counts attempts: failures are the difference.
 */
export function cognitoMetrics(pool: { userPoolId: pulumi.Input<string>; clientId: pulumi.Input<string> }) {
    const d = { UserPool: pool.userPoolId, UserPoolClient: pool.clientId };
    return {
        signInSuccesses: m("AWS/Cognito", "SignInSuccesses", d, "Sum", "Successful sign-ins"),
        signInAttempts: m("AWS/Cognito", "SignInSuccesses", d, "SampleCount", "Sign-in attempts"),
        signInThrottles: m("AWS/Cognito", "SignInThrottles", d, "Sum", "Throttled sign-ins"),
        tokenRefreshes: m("AWS/Cognito", "TokenRefreshSuccesses", d, "Sum", "Token refreshes"),
    };
}

/** Days since a manually rotated secret's current value was set (published by SecretAgeMonitor). */
export function secretAgeMetric(secret: { monitor: string; secret: string }): MetricDefinition {
    return m(PLATFORM_SECRETS_NAMESPACE, SECRET_AGE_METRIC, { Monitor: secret.monitor, Secret: secret.secret }, "Maximum", `${secret.secret} age (days)`);
}

/** Bytes in a GiB: bucket sizes are alarmed and graphed in GiB (what S3 bills as a GB). */
export const BYTES_PER_GIB = 1024 ** 3;

/** Metric math: the bucket's size in GiB from one BucketSizeBytes query per storage class (a class with no objects counts as 0). */
export function bucketSizeGibExpression(queryIds: string[]): string {
    return `(${queryIds.map((id) => `FILL(${id}, 0)`).join(" + ")}) / ${BYTES_PER_GIB}`;
}

/** Metric math: failed sign-ins from the attempts (SampleCount) and successes (Sum) queries. */
export function signInFailuresExpression(attemptsId: string, successesId: string): string {
    return `${attemptsId} - ${successesId}`;
}
