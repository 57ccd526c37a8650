// The AWS CDK peer of the 2-system gate benchmark: an AWS CDK app deploying what the platform's dev
// stack deploys for VidVerse and MultiMusic (the same resource kinds and about the same counts, as far
// as CDK's constructs allow: a two-AZ network with a NAT gateway, flow logs and an S3 endpoint, KMS
// keys with aliases, encrypted and logged buckets, tables, secrets, three Lambda functions with their
// log groups, a REST API with five routes, a Cognito user and identity pool, two CloudFront sites with
// WAF, an internal load balancer, an alarm topic and fourteen alarms), synthesized with cdk-nag's
// AwsSolutions pack applied: what `cdk synth` runs for such an app, minus the CDK CLI's own start-up.
//
// Usage: node app.js <install dir holding node_modules> <output dir>. Prints one JSON line: the
// resources synthesized and cdk-nag's findings. Plain JavaScript, so no compile step is timed.
"use strict";
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const [, , installDir, outdir] = process.argv;
const load = createRequire(path.join(path.resolve(installDir), "package.json"));
const cdk = load("aws-cdk-lib");
const { AwsSolutionsChecks } = load("cdk-nag");
const ec2 = load("aws-cdk-lib/aws-ec2");
const kms = load("aws-cdk-lib/aws-kms");
const s3 = load("aws-cdk-lib/aws-s3");
const dynamodb = load("aws-cdk-lib/aws-dynamodb");
const secrets = load("aws-cdk-lib/aws-secretsmanager");
const lambda = load("aws-cdk-lib/aws-lambda");
const logs = load("aws-cdk-lib/aws-logs");
const apigw = load("aws-cdk-lib/aws-apigateway");
const cognito = load("aws-cdk-lib/aws-cognito");
const cloudfront = load("aws-cdk-lib/aws-cloudfront");
const origins = load("aws-cdk-lib/aws-cloudfront-origins");
const wafv2 = load("aws-cdk-lib/aws-wafv2");
const elbv2 = load("aws-cdk-lib/aws-elasticloadbalancingv2");
const sns = load("aws-cdk-lib/aws-sns");
const subs = load("aws-cdk-lib/aws-sns-subscriptions");
const cloudwatch = load("aws-cdk-lib/aws-cloudwatch");
const iam = load("aws-cdk-lib/aws-iam");

const HANDLER_DIR = path.join(__dirname, "handler");

function key(scope, id) {
    const k = new kms.Key(scope, `${id}Key`, { enableKeyRotation: true, removalPolicy: cdk.RemovalPolicy.RETAIN });
    k.addAlias(`alias/platform-dev-${id.toLowerCase()}`);
    return k;
}

function logGroup(scope, id, encryptionKey) {
    return new logs.LogGroup(scope, id, { retention: logs.RetentionDays.ONE_MONTH, encryptionKey, removalPolicy: cdk.RemovalPolicy.RETAIN });
}

function bucket(scope, id, encryptionKey, accessLogs) {
    return new s3.Bucket(scope, id, {
        encryption: encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED, encryptionKey,
        versioned: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: accessLogs ? `${id}/` : undefined,
        lifecycleRules: [{ noncurrentVersionExpiration: cdk.Duration.days(90), abortIncompleteMultipartUploadAfter: cdk.Duration.days(7) }],
        removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
}

function webAcl(scope, id, scopeName, logKey) {
    const acl = new wafv2.CfnWebACL(scope, id, {
        scope: scopeName, defaultAction: { allow: {} },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: id, sampledRequestsEnabled: true },
        rules: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"].map((name, priority) => ({
            name, priority, overrideAction: { none: {} },
            statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
            visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
        })).concat([{
            name: "RateLimit", priority: 2, action: { block: {} },
            statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
            visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: "RateLimit", sampledRequestsEnabled: true },
        }]),
    });
    const group = new logs.LogGroup(scope, `${id}Logs`, { logGroupName: `aws-waf-logs-platform-dev-${id.toLowerCase()}`, encryptionKey: logKey, retention: logs.RetentionDays.ONE_MONTH });
    new wafv2.CfnLoggingConfiguration(scope, `${id}Logging`, { resourceArn: acl.attrArn, logDestinationConfigs: [group.logGroupArn] });
    return acl;
}

function site(scope, id, accessLogs, acl) {
    const content = bucket(scope, `${id}Content`, undefined, accessLogs);
    const headers = new cloudfront.ResponseHeadersPolicy(scope, `${id}Headers`, {
        securityHeadersBehavior: {
            strictTransportSecurity: { accessControlMaxAge: cdk.Duration.days(365), includeSubdomains: true, preload: true, override: true },
            contentTypeOptions: { override: true }, frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
            referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        },
    });
    const cache = new cloudfront.CachePolicy(scope, `${id}Cache`, { defaultTtl: cdk.Duration.hours(1), enableAcceptEncodingGzip: true, enableAcceptEncodingBrotli: true });
    return new cloudfront.Distribution(scope, `${id}Distribution`, {
        defaultBehavior: {
            origin: origins.S3BucketOrigin.withOriginAccessControl(content), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            responseHeadersPolicy: headers, cachePolicy: cache,
        },
        defaultRootObject: "index.html", minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        enableLogging: true, logBucket: accessLogs, logFilePrefix: `${id}/`, webAclId: acl.attrArn,
    });
}

class PlatformDev extends cdk.Stack {
    constructor(scope, id, props) {
        super(scope, id, props);
        const logKey = key(this, "Logs");
        const dataKey = key(this, "Data");
        const secretKey = key(this, "Secrets");
        const functionKey = key(this, "Functions");
        const topicKey = key(this, "Alarms");
        const siteKey = key(this, "Sites");
        logKey.addToResourcePolicy(new iam.PolicyStatement({
            principals: [new iam.ServicePrincipal("logs.amazonaws.com")], actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"], resources: ["*"],
        }));

        // Network: two AZs, public and private subnets, one NAT gateway, flow logs, an S3 gateway endpoint.
        const vpc = new ec2.Vpc(this, "Network", {
            maxAzs: 2, natGateways: 1,
            subnetConfiguration: [
                { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
                { name: "private", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
            ],
            restrictDefaultSecurityGroup: true,
            gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
        });
        vpc.addFlowLog("FlowLog", { destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup(this, "FlowLogs", logKey)) });

        // Storage: an access-log bucket, a data bucket, two tables, three secrets.
        const accessLogs = new s3.Bucket(this, "AccessLogs", {
            encryption: s3.BucketEncryption.S3_MANAGED, versioned: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
            objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, removalPolicy: cdk.RemovalPolicy.RETAIN,
            lifecycleRules: [{ expiration: cdk.Duration.days(365) }],
        });
        const media = bucket(this, "Media", dataKey, accessLogs);
        media.addCorsRule({ allowedMethods: [s3.HttpMethods.GET], allowedOrigins: ["https://vidverse.example.com"] });
        const tables = ["Sessions", "Tracks"].map((name) => new dynamodb.TableV2(this, name, {
            partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING }, sortKey: { name: "sk", type: dynamodb.AttributeType.STRING },
            encryption: dynamodb.TableEncryptionV2.customerManagedKey(dataKey), pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
            deletionProtection: true, removalPolicy: cdk.RemovalPolicy.RETAIN,
        }));
        const secretList = ["ClientSecret", "SigningKey", "ApiToken"].map((name) => new secrets.Secret(this, name, { encryptionKey: secretKey }));

        // Functions: the OAuth broker's three handlers, each with its own log group.
        const functions = ["Authorize", "Callback", "Token"].map((name) => {
            const fn = new lambda.Function(this, name, {
                runtime: lambda.Runtime.NODEJS_22_X, handler: "index.handler", code: lambda.Code.fromAsset(HANDLER_DIR),
                memorySize: 256, timeout: cdk.Duration.seconds(10), tracing: lambda.Tracing.ACTIVE, reservedConcurrentExecutions: 10,
                environmentEncryption: functionKey, logGroup: logGroup(this, `${name}Logs`, logKey),
                environment: { TABLE: tables[0].tableName, SECRET: secretList[0].secretArn },
            });
            tables[0].grantReadWriteData(fn);
            secretList[0].grantRead(fn);
            return fn;
        });

        // API: a REST API with five routes in front of the handlers, access-logged, behind a WAF.
        const apiLogs = logGroup(this, "ApiAccessLogs", logKey);
        const api = new apigw.RestApi(this, "Api", {
            cloudWatchRole: true, endpointTypes: [apigw.EndpointType.REGIONAL],
            deployOptions: {
                stageName: "dev", tracingEnabled: true, loggingLevel: apigw.MethodLoggingLevel.INFO, metricsEnabled: true,
                accessLogDestination: new apigw.LogGroupLogDestination(apiLogs), accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
            },
        });
        api.addGatewayResponse("Default4xx", { type: apigw.ResponseType.DEFAULT_4XX });
        api.addGatewayResponse("Default5xx", { type: apigw.ResponseType.DEFAULT_5XX });
        const validator = api.addRequestValidator("Validator", { validateRequestBody: true, validateRequestParameters: true });
        ["authorize", "callback", "token", "userinfo", "logout"].forEach((route, i) => {
            api.root.addResource(route).addMethod(i === 2 ? "POST" : "GET", new apigw.LambdaIntegration(functions[i % 3]), { requestValidator: validator });
        });
        const regionalAcl = webAcl(this, "ApiAcl", "REGIONAL", logKey);
        new wafv2.CfnWebACLAssociation(this, "ApiAclAssociation", { resourceArn: api.deploymentStage.stageArn, webAclArn: regionalAcl.attrArn });

        // Identity: a user pool with its client, an identity pool with its roles.
        const users = new cognito.UserPool(this, "Users", {
            selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: true },
            passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
            featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
            deletionProtection: true, removalPolicy: cdk.RemovalPolicy.RETAIN,
        });
        const client = users.addClient("Web", { generateSecret: false, authFlows: { userSrp: true } });
        const identityPool = new cognito.CfnIdentityPool(this, "IdentityPool", {
            allowUnauthenticatedIdentities: false,
            cognitoIdentityProviders: [{ clientId: client.userPoolClientId, providerName: users.userPoolProviderName }],
        });
        const authenticated = new iam.Role(this, "AuthenticatedRole", {
            assumedBy: new iam.FederatedPrincipal("cognito-identity.amazonaws.com", {
                StringEquals: { "cognito-identity.amazonaws.com:aud": identityPool.ref }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
            }, "sts:AssumeRoleWithWebIdentity"),
        });
        new cognito.CfnIdentityPoolRoleAttachment(this, "IdentityPoolRoles", { identityPoolId: identityPool.ref, roles: { authenticated: authenticated.roleArn } });

        // Sites: two CloudFront distributions over private buckets, with a CloudFront-scope WAF.
        const edgeAcl = webAcl(this, "EdgeAcl", "CLOUDFRONT", logKey);
        const sites = ["Web", "Player"].map((name) => site(this, name, accessLogs, edgeAcl));

        // The private API's internal load balancer in front of the functions.
        const albSg = new ec2.SecurityGroup(this, "AlbSecurityGroup", { vpc, allowAllOutbound: false });
        albSg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(80));
        const alb = new elbv2.ApplicationLoadBalancer(this, "Alb", { vpc, internetFacing: false, securityGroup: albSg, dropInvalidHeaderFields: true, deletionProtection: true });
        alb.logAccessLogs(accessLogs, "alb");
        alb.addListener("Http", { port: 80, open: false }).addTargets("Functions", {
            targets: [new (load("aws-cdk-lib/aws-elasticloadbalancingv2-targets").LambdaTarget)(functions[0])],
        });

        // Alarms: a KMS-encrypted topic, an e-mail subscription and fourteen alarms.
        const topic = new sns.Topic(this, "Alarms", { masterKey: topicKey, enforceSSL: true });
        topic.addSubscription(new subs.EmailSubscription("oncall@example.com"));
        const metrics = [
            ...functions.flatMap((fn) => [fn.metricErrors(), fn.metricThrottles(), fn.metricDuration()]),
            api.metricServerError(), api.metricClientError(), api.metricLatency(),
            ...sites.map((d) => d.metric5xxErrorRate()),
            ...tables.map((t) => t.metricThrottledRequestsForOperations({ operations: [dynamodb.Operation.GET_ITEM] })),
        ];
        metrics.slice(0, 14).forEach((metric, i) => new cloudwatch.Alarm(this, `Alarm${i}`, { metric, threshold: 1, evaluationPeriods: 1 })
            .addAlarmAction({ bind: () => ({ alarmActionArn: topic.topicArn }) }));
        void siteKey;
        void media;
    }
}

// As `cdk synth` runs an app (without --debug): no creation stack traces recorded per construct.
const app = new cdk.App({ outdir, context: { "aws:cdk:disable-stack-trace": true } });
// A region is needed for the load balancer's access logs; no lookups run (the AZs are context placeholders).
new PlatformDev(app, "PlatformDev", { env: { account: "123456789012", region: "us-east-1" } });
cdk.Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
// With findings, synth writes the templates and the validation report, prints the findings and throws,
// as `cdk synth` fails; the benchmark counts what it reported.
let failed = false;
try {
    app.synth();
} catch (e) {
    if (!fs.existsSync(path.join(outdir, "validation-report.json"))) throw e;
    failed = true;
}
const template = JSON.parse(fs.readFileSync(path.join(outdir, "PlatformDev.template.json"), "utf8"));
const findings = { error: 0, warning: 0 };
const report = fs.existsSync(path.join(outdir, "validation-report.json")) ? JSON.parse(fs.readFileSync(path.join(outdir, "validation-report.json"), "utf8")) : { pluginReports: [] };
for (const plugin of report.pluginReports) {
    for (const v of plugin.violations) findings[v.severity === "error" ? "error" : "warning"] += v.violatingConstructs.length;
}
process.stdout.write(`${JSON.stringify({ resources: Object.keys(template.Resources ?? {}).length, nagErrors: findings.error, nagWarnings: findings.warning, synthFailed: failed })}\n`);
