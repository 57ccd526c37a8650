import { byName, describePolicy, res, T, UNKNOWN } from "./support/spec";

describe("observability (advisory)", () => {
    describePolicy("aws-s3-bucket-access-logging-enabled", {
        level: "advisory",
        description: /server access logging/,
        compliant: [
            res(T.bucket, "data", { bucket: UNKNOWN }),
            res(T.bucket, "data-access-logs", { bucket: UNKNOWN }),
            res(T.logging, "data-logging", { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "data/" }, { bucket: ["data"], targetBucket: ["data-access-logs"] }),
        ],
        cases: [{ title: "no logging", break: (f) => f.pop(), expect: /has no server access logging/ }],
    });

    const CF = "aws:cloudfront/distribution:Distribution";
    describePolicy("aws-cloudfront-distribution-logging-enabled", {
        level: "advisory",
        description: /access logs/,
        compliant: [res(CF, "cdn", { loggingConfig: { bucket: "logs.s3.amazonaws.com" } })],
        cases: [{ title: "no logging", break: (f) => delete f[0].props.loggingConfig, expect: /has no access logging/ }],
    });

    describePolicy("aws-cloudfront-distribution-logging-enabled", {
        level: "advisory",
        description: /standard logging v2/,
        compliant: [
            res(CF, "cdn-v2", {}),
            res("aws:cloudwatch/logDeliverySource:LogDeliverySource", "cdn-v2-logs", { logType: "ACCESS_LOGS", resourceArn: UNKNOWN }, { resourceArn: ["cdn-v2"] }),
        ],
        cases: [{ title: "the delivery source is for another resource", break: (f) => { f[1].deps = { resourceArn: [] }; f[1].props.resourceArn = "arn:aws:cloudfront::123456789012:distribution/OTHER"; }, expect: /has no access logging/ }],
    });

    describePolicy("aws-cloudfront-distribution-response-headers-policy", {
        level: "advisory",
        description: /response headers policy/,
        compliant: [res(CF, "cdn", { defaultCacheBehavior: { responseHeadersPolicyId: UNKNOWN } })],
        cases: [{ title: "no policy", break: (f) => (f[0].props.defaultCacheBehavior = {}), expect: /no response headers policy/ }],
    });

    describePolicy("aws-apigateway-stage-access-logs-and-xray", {
        level: "advisory",
        description: /access logs and have X-Ray/,
        compliant: [res("aws:apigateway/stage:Stage", "stage", { accessLogSettings: { destinationArn: UNKNOWN, format: "{}" }, xrayTracingEnabled: true })],
        cases: [
            { title: "no access logs", break: (f) => delete f[0].props.accessLogSettings, expect: /has no access logs/ },
            { title: "no X-Ray", break: (f) => (f[0].props.xrayTracingEnabled = false), expect: /has no X-Ray tracing/ },
        ],
    });

    describePolicy("aws-lambda-function-tracing-enabled", {
        level: "advisory",
        description: /active X-Ray tracing/,
        compliant: [res("aws:lambda/function:Function", "fn", { tracingConfig: { mode: "Active" } })],
        cases: [{ title: "PassThrough", break: (f) => (f[0].props.tracingConfig = { mode: "PassThrough" }), expect: /has no active tracing/ }],
    });

    describePolicy("aws-lambda-function-runtime-current", {
        level: "advisory",
        description: /runtime AWS still supports/,
        compliant: [res("aws:lambda/function:Function", "fn", { runtime: "nodejs22.x" })],
        cases: [
            { title: "nodejs16.x", break: (f) => (f[0].props.runtime = "nodejs16.x"), expect: /deprecated runtime nodejs16\.x/ },
            { title: "a runtime added by config", break: (f) => (f[0].props.runtime = "nodejs20.x"), config: { deprecatedRuntimes: ["nodejs20.x"] }, expect: /nodejs20\.x/ },
        ],
    });

    describePolicy("aws-cloudwatch-loggroup-retention-set", {
        level: "advisory",
        description: /retention period/,
        compliant: [res("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 30 })],
        cases: [
            { title: "unset", break: (f) => delete f[0].props.retentionInDays, expect: /keeps logs forever/ },
            { title: "zero", break: (f) => (f[0].props.retentionInDays = 0), expect: /forever/ },
        ],
    });

    describePolicy("aws-ec2-vpc-flow-logs-enabled", {
        level: "advisory",
        description: /flow log/,
        compliant: [res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }), res("aws:ec2/flowLog:FlowLog", "vpc-flow", { vpcId: UNKNOWN, trafficType: "ALL" }, { vpcId: ["vpc"] })],
        cases: [{ title: "no flow log", break: (f) => f.pop(), expect: /has no flow log/ }],
        pending: [{ title: "the flow log's VPC is unknown without dependencies", break: (f) => delete byName(f, "vpc-flow").deps }],
    });

    describePolicy("aws-wafv2-webacl-logging-enabled", {
        level: "advisory",
        description: /logging configuration/,
        compliant: [res("aws:wafv2/webAcl:WebAcl", "acl", { scope: "REGIONAL" }), res("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "acl-logging", { resourceArn: UNKNOWN, logDestinationConfigs: [UNKNOWN] }, { resourceArn: ["acl"] })],
        cases: [{ title: "no logging", break: (f) => f.pop(), expect: /has no logging configuration/ }],
    });

    describePolicy("aws-alb-loadbalancer-access-logs-enabled", {
        level: "advisory",
        description: /load balancers write access logs/,
        compliant: [res("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application", accessLogs: { bucket: UNKNOWN, enabled: true } })],
        alsoCompliant: [{ title: "it is a network load balancer", change: (f) => (f[0].props = { loadBalancerType: "network" }) }],
        cases: [
            { title: "no access logs", break: (f) => delete f[0].props.accessLogs, expect: /has no access logs/ },
            { title: "disabled", break: (f) => ((f[0].props.accessLogs as Record<string, unknown>).enabled = false), expect: /has no access logs/ },
        ],
    });

    describePolicy("aws-ecs-cluster-container-insights-enabled", {
        level: "advisory",
        description: /Container Insights/,
        compliant: [res("aws:ecs/cluster:Cluster", "cluster", { settings: [{ name: "containerInsights", value: "enhanced" }] })],
        cases: [{ title: "disabled", break: (f) => (f[0].props.settings = [{ name: "containerInsights", value: "disabled" }]), expect: /has no Container Insights/ }],
    });
});

describe("observability: log buckets", () => {
    describePolicy("aws-s3-bucket-access-logging-enabled", {
        level: "advisory",
        description: /server access logging/,
        compliant: [
            res(T.bucket, "cdn-logs", { bucket: UNKNOWN }),
            res("aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination", "cdn-logs-destination", { deliveryDestinationConfiguration: { destinationResourceArn: UNKNOWN } }, { deliveryDestinationConfiguration: ["cdn-logs"] }),
            res(T.bucket, "alb-logs", { bucket: UNKNOWN }),
            res("awsx:lb:ApplicationLoadBalancer", "api", { accessLogs: { bucket: UNKNOWN, enabled: true } }, { accessLogs: ["alb-logs"] }),
        ],
        cases: [
            { title: "a bucket no log writer targets", break: (f) => f.splice(1, 1), expect: /"cdn-logs": has no server access logging/ },
        ],
    });
});
