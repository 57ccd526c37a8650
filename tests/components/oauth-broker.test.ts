import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OAuthBroker, type OAuthBrokerArgs } from "../../components/oauth-broker";
import { FUNCTION_NAMES, REQUESTS, REQUIRED_ENVIRONMENT, ROUTES, type FunctionName } from "../../components/oauth-broker/handlers/contract";
import { looksSecret } from "../../components/serverless-function";
import * as fakes from "../../engine/aws-fakes";
import { isUnknown, runInline, type RunResult } from "../../engine/run";
import { inputs, one, ofType, policyDocument } from "../support/records";

const T = {
    network: "platform:network:Network",
    subnet: "aws:ec2/subnet:Subnet",
    nat: "aws:ec2/natGateway:NatGateway",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    restApi: "aws:apigateway/restApi:RestApi",
    vpcOrigin: "aws:cloudfront/vpcOrigin:VpcOrigin",
    distribution: "aws:cloudfront/distribution:Distribution",
    alb: "aws:lb/loadBalancer:LoadBalancer",
    attachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    wafLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    table: "aws:dynamodb/table:Table",
    fn: "aws:lambda/function:Function",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    key: "aws:kms/key:Key",
    secret: "aws:secretsmanager/secret:Secret",
    secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
    password: "random:index/randomPassword:RandomPassword",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    alarms: "platform:monitoring:Alarms",
};
const FUNCTIONS: readonly FunctionName[] = FUNCTION_NAMES;
const ORIGIN_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/origin";

const base = (extra: Partial<OAuthBrokerArgs> = {}): OAuthBrokerArgs => ({
    frontendUrl: "https://app.multimusic.example/",
    originDomainName: "oauth-origin.multimusic.example",
    originCertificateArn: ORIGIN_CERT,
    ...extra,
});
/** Prod as a program passes it: functions in the VPC, Bot Control, protected data. */
const prodArgs = (extra: Partial<OAuthBrokerArgs> = {}) => base({ lambdaInVpc: true, botControl: true, protectData: true, alarmEmails: ["ops@multimusic.example"], ...extra });
/** Dev: functions outside the VPC (no NAT), no Bot Control, unprotected data. */
const devArgs = (extra: Partial<OAuthBrokerArgs> = {}) => base({ lambdaInVpc: false, protectData: false, ...extra });

const run = (args: OAuthBrokerArgs | (() => OAuthBrokerArgs), mode: "apply" | "preview" = "apply", stack = "prod") =>
    runInline(() => { new OAuthBroker("mm", typeof args === "function" ? args() : args); }, { mode, stack });

type Statement = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const statementsOf = (result: RunResult, fn: FunctionName): Statement[] => policyDocument(one(result, T.rolePolicy, `mm-${fn}-policy`)).Statement;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const env = (result: RunResult, fn: FunctionName): Record<string, unknown> => inputs(one(result, T.fn, `mm-${fn}`)).environment.variables;
const outputArn = (result: RunResult, type: string, name: string) => one(result, type, name).outputs.arn as string;

describe("OAuthBroker", function () {
    this.timeout(120_000);
    let prod: RunResult;
    let dev: RunResult;
    before(async () => {
        prod = await run(prodArgs());
        dev = await run(devArgs(), "apply", "dev");
    });

    describe("the only way in: CloudFront + WAF → VPC origin → private API", () => {
        it("makes the REST API PRIVATE, attached to the network's execute-api endpoint, with a policy admitting only that endpoint", () => {
            const endpoint = one(prod, T.endpoint, "mm-network-execute-api");
            assert.match(String(inputs(endpoint).serviceName), /^com\.amazonaws\.us-east-1\.execute-api$/);
            const api = inputs(one(prod, T.restApi));
            assert.strictEqual(api.endpointConfiguration.types, "PRIVATE");
            assert.deepStrictEqual(api.endpointConfiguration.vpcEndpointIds, [endpoint.id]);
            const [allow, deny] = policyDocument(one(prod, T.restApi)).Statement;
            assert.deepStrictEqual([allow.Effect, allow.Condition], ["Allow", { StringEquals: { "aws:SourceVpce": [endpoint.id] } }]);
            assert.deepStrictEqual([deny.Effect, deny.Condition], ["Deny", { StringNotEquals: { "aws:SourceVpce": [endpoint.id] } }]);
        });

        it("routes the five contract routes (method and path) to their functions", () => {
            const integrations = ofType(prod, "aws:apigateway/integration:Integration").filter((i) => inputs(i).type === "AWS_PROXY");
            assert.strictEqual(integrations.length, 5);
            for (const fn of FUNCTIONS) {
                const { method, path } = ROUTES[fn];
                const integration = integrations.find((i) => i.name === `mm-api-${method}${path}`);
                assert.ok(integration, `${method} ${path}`);
                assert.strictEqual(inputs(integration).uri, one(prod, T.fn, `mm-${fn}`).outputs.invokeArn, `${fn} integration`);
            }
            // Browsers call DELETE /auth/{provider} with fetch: it gets a preflight like the POST routes.
            assert.ok(one(prod, "aws:apigateway/method:Method", "mm-api-OPTIONS/auth/{provider}"), "preflight on the disconnect path");
        });

        it("fronts the API with a CloudFront VPC origin on the internal ALB, sending x-apigw-api-id, https only, behind the web ACL", () => {
            const alb = one(prod, T.alb);
            assert.strictEqual(inputs(alb).internal, true, "internal ALB");
            const vpcOrigin = one(prod, T.vpcOrigin);
            assert.strictEqual(inputs(vpcOrigin).vpcOriginEndpointConfig.arn, alb.outputs.arn, "VPC origin on the ALB");
            const dist = inputs(one(prod, T.distribution));
            assert.strictEqual(dist.origins.length, 1, "one origin");
            const origin = dist.origins[0];
            assert.deepStrictEqual(origin.vpcOriginConfig.vpcOriginId, vpcOrigin.id);
            assert.deepStrictEqual(origin.customHeaders, [{ name: "x-apigw-api-id", value: one(prod, T.restApi).id }]);
            assert.strictEqual(origin.originPath, "/v1", "the stage");
            assert.strictEqual(origin.domainName, "oauth-origin.multimusic.example");
            assert.strictEqual(dist.webAclId, outputArn(prod, T.webAcl, "mm-waf"));
            assert.strictEqual(dist.defaultCacheBehavior.viewerProtocolPolicy, "redirect-to-https");
            assert.strictEqual(dist.priceClass, "PriceClass_100");
            // The ALB forwards to the execute-api endpoint's interfaces, one per AZ: each the address
            // aws.ec2.getNetworkInterface reports for one of the endpoint's interfaces.
            const endpointIps = (one(prod, T.endpoint, "mm-network-execute-api").outputs.networkInterfaceIds as string[])
                .map((id) => (fakes.answerInvoke("aws:ec2/getNetworkInterface:getNetworkInterface", { id }, "us-east-1") as { privateIp: string }).privateIp);
            assert.strictEqual(endpointIps.length, 2, "one interface per AZ");
            const targets = ofType(prod, T.attachment).map((a) => inputs(a).targetId);
            assert.deepStrictEqual([...targets].sort(), [...endpointIps].sort());
        });

        it("validates each route's request at API Gateway from the handlers' contract: body models, required parameters and headers", () => {
            const method = (fn: FunctionName) => inputs(one(prod, "aws:apigateway/method:Method", `mm-api-${ROUTES[fn].method}${ROUTES[fn].path}`));
            const validators = Object.fromEntries(ofType(prod, "aws:apigateway/requestValidator:RequestValidator").map((v) => [v.name, v.id]));
            const models = Object.fromEntries(ofType(prod, "aws:apigateway/model:Model").map((m) => [inputs(m).name, JSON.parse(inputs(m).schema)]));
            for (const fn of ["login", "session"] as const) {
                const m = method(fn);
                assert.strictEqual(m.requestValidatorId, validators["mm-api-validate-body"], `${fn}: body validated`);
                const model = models[m.requestModels["application/json"]];
                assert.deepStrictEqual(model.required, (REQUESTS[fn].bodySchema as { required: string[] }).required, `${fn}: the contract's required fields`);
                assert.strictEqual(model.additionalProperties, false);
                assert.strictEqual(m.requestModels.$default, m.requestModels["application/json"], `${fn}: any Content-Type is validated`);
            }
            assert.strictEqual(method("callback").requestParameters["method.request.querystring.state"], true, "the callback needs its state");
            assert.strictEqual(method("callback").requestParameters["method.request.querystring.code"], undefined, "code is absent when a user denies consent");
            for (const fn of ["refresh", "disconnect"] as const) {
                assert.strictEqual(method(fn).requestParameters["method.request.header.Authorization"], true, `${fn}: a session is required`);
                assert.strictEqual(method(fn).requestValidatorId, validators["mm-api-validate-params"]);
            }
        });

        it("has no internet-facing entry besides the distribution: no public API, no function URL, ALB internal", () => {
            assert.strictEqual(ofType(prod, "aws:lambda/functionUrl:FunctionUrl").length, 0);
            assert.ok(ofType(prod, T.restApi).every((r) => inputs(r).endpointConfiguration.types === "PRIVATE"));
            assert.ok(ofType(prod, T.alb).every((r) => inputs(r).internal === true));
            assert.strictEqual(ofType(dev, T.restApi).map((r) => inputs(r).endpointConfiguration.types).join(), "PRIVATE", "dev is private too");
        });
    });

    describe("WAF", () => {
        const rules = (result: RunResult) => inputs(one(result, T.webAcl)).rules as Statement[];
        const rule = (result: RunResult, name: string) => rules(result).find((r) => r.name === name);

        it("is a CLOUDFRONT ACL with IP reputation, Common and KnownBadInputs managed groups", () => {
            assert.strictEqual(inputs(one(prod, T.webAcl)).scope, "CLOUDFRONT");
            for (const group of ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]) {
                assert.strictEqual(rule(prod, group)?.statement.managedRuleGroupStatement.name, group, group);
            }
        });

        it("limits 100 requests per IP per 5 minutes, login and session 10 per minute per IP, refresh 20 and disconnect 10 per minute per Authorization value", () => {
            const global = rule(prod, "rate-limit-per-ip")!.statement.rateBasedStatement;
            assert.deepStrictEqual([global.limit, global.evaluationWindowSec, global.aggregateKeyType], [100, 300, "IP"]);
            const login = rule(prod, "login-per-ip")!;
            assert.deepStrictEqual(login.action, { block: {} });
            const l = login.statement.rateBasedStatement;
            assert.deepStrictEqual([l.limit, l.evaluationWindowSec, l.aggregateKeyType], [10, 60, "IP"]);
            assert.deepStrictEqual([l.scopeDownStatement.byteMatchStatement.positionalConstraint, l.scopeDownStatement.byteMatchStatement.searchString], ["ENDS_WITH", "/login"]);
            const r = rule(prod, "refresh-per-user")!.statement.rateBasedStatement;
            assert.deepStrictEqual([r.limit, r.evaluationWindowSec, r.aggregateKeyType], [20, 60, "CUSTOM_KEYS"]);
            assert.strictEqual(r.customKeys[0].header.name, "authorization");
            assert.strictEqual(r.scopeDownStatement.byteMatchStatement.searchString, "/refresh");
            const session = rule(prod, "session-per-ip")!;
            assert.deepStrictEqual(session.action, { block: {} });
            const se = session.statement.rateBasedStatement;
            assert.deepStrictEqual([se.limit, se.evaluationWindowSec, se.aggregateKeyType], [10, 60, "IP"], "a first login's redemption has no session to key on");
            assert.deepStrictEqual([se.scopeDownStatement.byteMatchStatement.positionalConstraint, se.scopeDownStatement.byteMatchStatement.searchString], ["ENDS_WITH", "/session"]);
            const d = rule(prod, "disconnect-per-user")!.statement.rateBasedStatement;
            assert.deepStrictEqual([d.limit, d.evaluationWindowSec, d.aggregateKeyType, d.customKeys[0].header.name], [10, 60, "CUSTOM_KEYS", "authorization"]);
            const [path, method] = d.scopeDownStatement.andStatement.statements.map((x: Statement) => x.byteMatchStatement);
            assert.deepStrictEqual([path.positionalConstraint, path.searchString, method.fieldToMatch, method.searchString], ["STARTS_WITH", "/auth/", { method: {} }, "DELETE"],
                "DELETE /auth/{provider} only, not its preflight");
        });

        it("adds Bot Control only when botControl is on (prod), and takes other limits from rateLimits", async () => {
            assert.ok(rule(prod, "AWSManagedRulesBotControlRuleSet"), "prod has Bot Control");
            assert.strictEqual(rule(dev, "AWSManagedRulesBotControlRuleSet"), undefined, "dev has none");
            const custom = await run(devArgs({ rateLimits: { perIpPer5Minutes: 500, loginPerMinute: 30, sessionPerMinute: 40, disconnectPerMinute: 50 } }), "apply", "dev");
            assert.strictEqual(rule(custom, "rate-limit-per-ip")!.statement.rateBasedStatement.limit, 500);
            assert.strictEqual(rule(custom, "login-per-ip")!.statement.rateBasedStatement.limit, 30);
            assert.strictEqual(rule(custom, "session-per-ip")!.statement.rateBasedStatement.limit, 40);
            assert.strictEqual(rule(custom, "disconnect-per-user")!.statement.rateBasedStatement.limit, 50);
        });

        it("logs redacted (authorization, cookie) and only blocked and counted requests", () => {
            const logging = inputs(one(prod, T.wafLogging));
            assert.deepStrictEqual(logging.redactedFields.map((f: Statement) => f.singleHeader.name), ["authorization", "cookie"]);
            assert.strictEqual(logging.loggingFilter.defaultBehavior, "DROP");
        });
    });

    describe("tables", () => {
        it("keeps tokens under userId + sk with TTL, SSE with the data CMK, PITR, deletion protection and Pulumi protection in prod", () => {
            const dataKey = outputArn(prod, T.key, "mm-data-key");
            const tokens = one(prod, T.table, "mm-tokens");
            const t = inputs(tokens);
            assert.deepStrictEqual([t.hashKey, t.rangeKey], ["userId", "sk"]);
            assert.deepStrictEqual(t.ttl, { enabled: true, attributeName: "ttl" });
            assert.deepStrictEqual(t.serverSideEncryption, { enabled: true, kmsKeyArn: dataKey });
            assert.strictEqual(t.pointInTimeRecovery.enabled, true);
            assert.strictEqual(t.deletionProtectionEnabled, true);
            assert.deepStrictEqual([tokens.options.protect, tokens.options.retainOnDelete], [true, true]);
            const state = inputs(one(prod, T.table, "mm-state"));
            assert.deepStrictEqual([state.hashKey, state.rangeKey, state.ttl.attributeName], ["stateId", undefined, "ttl"]);
            assert.strictEqual(state.serverSideEncryption.kmsKeyArn, dataKey);
        });

        it("drops deletion protection and Pulumi protection with protectData false (dev)", () => {
            const tokens = one(dev, T.table, "mm-tokens");
            assert.strictEqual(inputs(tokens).deletionProtectionEnabled, false);
            assert.strictEqual(tokens.options.protect, false);
            assert.strictEqual(inputs(one(dev, T.alb)).enableDeletionProtection, false);
        });
    });

    describe("functions and network", () => {
        it("runs every function on Node.js 20+ and arm64", () => {
            for (const fn of FUNCTIONS) {
                const f = inputs(one(prod, T.fn, `mm-${fn}`));
                assert.ok(Number(/^nodejs(\d+)\.x$/.exec(f.runtime)?.[1]) >= 20, `${fn} runtime ${f.runtime}`);
                assert.deepStrictEqual(f.architectures, ["arm64"]);
            }
        });

        it("prod: functions in the private subnets with a security group whose only egress is TCP 443; NAT per AZ and private endpoints", () => {
            const privateSubnets = one(prod, T.network).outputs.privateSubnetIds as string[];
            assert.strictEqual(privateSubnets.length, 2);
            for (const fn of FUNCTIONS) {
                const f = inputs(one(prod, T.fn, `mm-${fn}`));
                assert.deepStrictEqual(f.vpcConfig.subnetIds, privateSubnets, `${fn} subnets`);
                const sg = ofType(prod, T.sg).find((s) => s.id === f.vpcConfig.securityGroupIds[0])!;
                assert.deepStrictEqual(inputs(sg).ingress, [], `${fn} no ingress`);
                assert.deepStrictEqual(inputs(sg).egress.map((e: Statement) => [e.protocol, e.fromPort, e.toPort]), [["tcp", 443, 443]], `${fn} egress 443 only`);
            }
            assert.strictEqual(ofType(prod, T.nat).length, 2, "one NAT per AZ");
            const endpoints = ofType(prod, T.endpoint).map((e) => [String(inputs(e).serviceName).split(".").pop(), inputs(e).vpcEndpointType]).sort();
            // No CloudWatch Logs endpoint: Lambda delivers the functions' logs itself, not through the VPC.
            assert.deepStrictEqual(endpoints, [["dynamodb", "Gateway"], ["execute-api", "Interface"], ["kms", "Interface"], ["secretsmanager", "Interface"]]);
        });

        it("has three keys, one per data class (logs and alarm topic, tables and secrets, tokens); the alarm topic is on the logs key", () => {
            for (const result of [dev, prod]) {
                assert.deepStrictEqual(ofType(result, T.key).map((k) => k.name).sort(), ["mm-data-key", "mm-logs-key", "mm-token-key"]);
                const topic = inputs(one(result, "aws:sns/topic:Topic"));
                assert.strictEqual(topic.kmsMasterKeyId, outputArn(result, T.key, "mm-logs-key"), "alarm topic on the logs key");
                const services = JSON.parse(inputs(one(result, T.key, "mm-logs-key")).policy).Statement.map((st: Statement) => st.Principal?.Service).filter(Boolean).sort();
                assert.deepStrictEqual(services, ["cloudwatch.amazonaws.com", "logs.us-east-1.amazonaws.com", "sns.amazonaws.com"], "CloudWatch may publish to the topic");
            }
        });

        it("dev (lambdaInVpc false): no vpcConfig, no NAT, no public subnet, only the execute-api endpoint", () => {
            for (const fn of FUNCTIONS) assert.strictEqual(inputs(one(dev, T.fn, `mm-${fn}`)).vpcConfig, undefined, fn);
            assert.strictEqual(ofType(dev, T.nat).length, 0, "no NAT");
            assert.deepStrictEqual(ofType(dev, T.subnet).map((s) => s.name), ["mm-network-private-1", "mm-network-private-2"], "private subnets only");
            assert.deepStrictEqual(ofType(dev, T.endpoint).map((e) => String(inputs(e).serviceName).split(".").pop()), ["execute-api"]);
        });

        it("refuses lambdaInVpc without NAT, and uses a single NAT when asked", async () => {
            await assert.rejects(run(prodArgs({ network: { natGateways: "none" } })), /OAuthBroker "mm": argument network\.natGateways: got "none"; allowed: single or one-per-az while lambdaInVpc is true/);
            const single = await run(prodArgs({ network: { natGateways: "single" } }));
            assert.strictEqual(ofType(single, T.nat).length, 1, "one NAT");
            assert.strictEqual(ofType(single, T.alarm).filter((a) => /nat-\d+-errors/.test(a.name)).length, 1, "one NAT alarm");
        });
    });

    describe("environment", () => {
        it("gives each function the variables its contract requires, names and ARNs only, never the loopback switch", () => {
            for (const fn of FUNCTIONS) {
                const vars = env(prod, fn);
                for (const name of REQUIRED_ENVIRONMENT[fn]) assert.ok(typeof vars[name] === "string" && vars[name] !== "", `${fn}: ${name}`);
                assert.ok(!("OAUTH_ALLOW_LOOPBACK_HTTP" in vars), `${fn}: no loopback switch`);
                assert.deepStrictEqual(Object.keys(vars).filter(looksSecret), [], `${fn}: no secret-looking variable`);
                assert.strictEqual(vars.SPOTIFY_SECRET_ARN, outputArn(prod, T.secret, "mm-spotify"));
                assert.strictEqual(vars.SOUNDCLOUD_SECRET_ARN, outputArn(prod, T.secret, "mm-soundcloud"));
                assert.strictEqual(vars.FRONTEND_URL, "https://app.multimusic.example/");
                if (fn !== "callback") {
                    assert.strictEqual(vars.SESSION_KEY_SECRET_ARN, outputArn(prod, T.secret, "mm-session-key"), fn);
                    assert.deepStrictEqual([vars.SESSION_MAX_LIFETIME_SECONDS, vars.SESSION_KEY_GRACE_SECONDS], [String(30 * 86400), "3600"], fn);
                }
            }
            assert.ok(!("SESSION_KEY_SECRET_ARN" in env(prod, "callback")) && !("JWT_ISSUER" in env(prod, "callback")), "the callback issues no session");
            assert.ok(!("KMS_KEY_ID" in env(prod, "session")), "redemption never touches the token key");
            assert.strictEqual(env(prod, "session").SESSION_TTL_SECONDS, "900");
            assert.strictEqual(env(prod, "login").ALLOWED_ORIGIN, "https://app.multimusic.example");
            assert.strictEqual(env(prod, "callback").KMS_KEY_ID, outputArn(prod, T.key, "mm-token-key"));
            assert.strictEqual(env(prod, "refresh").TABLE_NAME, one(prod, T.table, "mm-tokens").outputs.name);
            assert.strictEqual(env(prod, "login").STATE_TABLE_NAME, one(prod, T.table, "mm-state").outputs.name);
            assert.ok(!("TABLE_NAME" in env(prod, "login")), "login never sees the token table");
            assert.ok(!("STATE_TABLE_NAME" in env(prod, "refresh")), "refresh never sees the state table");
        });

        it("sets CALLBACK_BASE_URL to the CloudFront URL, or to the custom domain when given", async () => {
            const domain = one(prod, T.distribution).outputs.domainName;
            assert.strictEqual(env(prod, "login").CALLBACK_BASE_URL, `https://${domain}`);
            assert.strictEqual(env(prod, "callback").CALLBACK_BASE_URL, `https://${domain}`);
            const custom = await run(devArgs({ domainName: "auth.multimusic.example", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/edge" }), "apply", "dev");
            assert.strictEqual(env(custom, "callback").CALLBACK_BASE_URL, "https://auth.multimusic.example");
            assert.deepStrictEqual(inputs(one(custom, T.distribution)).aliases, ["auth.multimusic.example"]);
        });
    });

    describe("session key rotation", () => {
        it("rotates the session key with the Secret's built-in rotation every 30 days, the rotator logging with the broker's logs key", () => {
            const rotation = inputs(one(prod, "aws:secretsmanager/secretRotation:SecretRotation"));
            assert.strictEqual(rotation.secretId, one(prod, T.secret, "mm-session-key").id);
            assert.strictEqual(rotation.rotationLambdaArn, one(prod, T.fn, "mm-session-key-rotator").outputs.arn);
            assert.deepStrictEqual(rotation.rotationRules, { automaticallyAfterDays: 30 });
            const rotator = inputs(one(prod, T.fn, "mm-session-key-rotator"));
            assert.strictEqual(rotator.kmsKeyArn, outputArn(prod, T.key, "mm-logs-key"));
            assert.deepStrictEqual(JSON.parse(rotator.environment.variables.ROTATION_SPEC), { kind: "value", value: { length: 64, special: false, symbols: "!#%*()-_=+[]{}:?" } });
            const permission = inputs(one(prod, "aws:lambda/permission:Permission", "mm-session-key-rotator-invoke"));
            assert.deepStrictEqual([permission.principal, permission.sourceArn], ["secretsmanager.amazonaws.com", outputArn(prod, T.secret, "mm-session-key")]);
            assert.strictEqual(ofType(prod, "aws:secretsmanager/secretRotation:SecretRotation").length, 1, "provider secrets are not rotated by the broker (the provider issues them)");
        });

        it("takes the rotation schedule and the absolute session lifetime from its arguments", async () => {
            const result = await run(devArgs({ sessionKeyRotationDays: 7, sessionMaxLifetimeDays: 14 }), "apply", "dev");
            assert.deepStrictEqual(inputs(one(result, "aws:secretsmanager/secretRotation:SecretRotation")).rotationRules, { automaticallyAfterDays: 7 });
            assert.strictEqual(env(result, "refresh").SESSION_MAX_LIFETIME_SECONDS, String(14 * 86400));
        });
    });

    describe("secrets", () => {
        it("leaves provider secrets as placeholders by default and generates a 64-character session key", () => {
            const versions = ofType(prod, T.secretVersion);
            assert.strictEqual(versions.length, 1, "only the session key has a value");
            assert.deepStrictEqual(versions[0].options.ignoreChanges, ["secretString"], "the rotation owns the value");
            assert.strictEqual(inputs(versions[0]).secretId, one(prod, T.secret, "mm-session-key").id);
            const password = inputs(one(prod, T.password));
            assert.ok(password.length >= 32, "at least 32 bytes");
            assert.strictEqual(password.special, false);
            const dataKey = outputArn(prod, T.key, "mm-data-key");
            for (const s of ofType(prod, T.secret)) assert.strictEqual(inputs(s).kmsKeyId, dataKey, `${s.name} CMK`);
        });

        it("adds a provider from args as OAUTH_PROVIDERS with its own secret; client credentials stay secret and out of the environment", async () => {
            const clientSecret = "yt-client-secret-value-9f8e7d";
            const result = await run(() => devArgs({
                providers: [
                    { name: "youtube-music", authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth", tokenUrl: "https://oauth2.googleapis.com/token",
                        scopes: ["https://www.googleapis.com/auth/youtube.readonly"], authorizeParams: { access_type: "offline" },
                        revokeUrl: "https://oauth2.googleapis.com/revoke", clientId: "yt-client", clientSecret: pulumi.secret(clientSecret) },
                    { name: "spotify", scopes: ["streaming"] },
                ],
            }), "apply", "dev");
            const ytArn = outputArn(result, T.secret, "mm-youtube-music");
            for (const fn of FUNCTIONS) {
                const vars = env(result, fn);
                assert.strictEqual(vars.YOUTUBE_MUSIC_SECRET_ARN, ytArn, fn);
                assert.deepStrictEqual(JSON.parse(String(vars.OAUTH_PROVIDERS)), [
                    { name: "youtube-music", authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth", tokenUrl: "https://oauth2.googleapis.com/token",
                        scopes: ["https://www.googleapis.com/auth/youtube.readonly"], authorizeParams: { access_type: "offline" }, revokeUrl: "https://oauth2.googleapis.com/revoke" },
                    { name: "spotify", scopes: ["streaming"] },
                ]);
                assert.ok(!JSON.stringify(inputs(one(result, T.fn, `mm-${fn}`))).includes(clientSecret), `${fn}: no client secret anywhere in the function`);
            }
            const version = ofType(result, T.secretVersion).find((v) => inputs(v).secretId === one(result, T.secret, "mm-youtube-music").id)!;
            assert.ok(version, "the provider's secret holds the given credentials");
            assert.ok(JSON.stringify(version.inputs.secretString).includes("1b47061264138c4ac30d75fd1eb44270"), "stored as a Pulumi secret");
            assert.deepStrictEqual(JSON.parse(inputs(version).secretString), { clientId: "yt-client", clientSecret });
        });
    });

    describe("least-privilege IAM", () => {
        const dynamoActions = (statements: Statement[]) => statements.flatMap((s) => list(s.Action).filter((a) => String(a).startsWith("dynamodb:"))
            .map((a) => `${a} ${list(s.Resource).join(",")}`)).sort();

        it("grants each function only its contract's table actions, on the state table only its kind of item", () => {
            const tokens = one(prod, T.table, "mm-tokens").outputs.arn;
            const state = one(prod, T.table, "mm-state").outputs.arn;
            assert.deepStrictEqual(dynamoActions(statementsOf(prod, "login")), [`dynamodb:PutItem ${state}`]);
            assert.deepStrictEqual(dynamoActions(statementsOf(prod, "callback")), [`dynamodb:DeleteItem ${state}`, `dynamodb:PutItem ${state}`]);
            assert.deepStrictEqual(dynamoActions(statementsOf(prod, "session")), [`dynamodb:DeleteItem ${state}`, `dynamodb:GetItem ${state}`, `dynamodb:UpdateItem ${tokens}`]);
            assert.deepStrictEqual(dynamoActions(statementsOf(prod, "refresh")), [`dynamodb:GetItem ${tokens}`, `dynamodb:UpdateItem ${tokens}`]);
            assert.deepStrictEqual(dynamoActions(statementsOf(prod, "disconnect")), [`dynamodb:DeleteItem ${tokens}`]);
            const prefixes = (fn: FunctionName) => statementsOf(prod, fn).filter((s) => list(s.Resource).includes(state))
                .map((s) => `${list(s.Action).join(",")} ${s.Condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"].join(",")}`).sort();
            assert.deepStrictEqual(prefixes("login"), ["dynamodb:PutItem state#*"]);
            assert.deepStrictEqual(prefixes("callback"), ["dynamodb:DeleteItem state#*", "dynamodb:PutItem grant#*"], "consumes states, writes grants");
            assert.deepStrictEqual(prefixes("session"), ["dynamodb:GetItem,dynamodb:DeleteItem grant#*"], "reads and consumes grants only");
        });

        it("uses the token key only with the { userId, platform } encryption context: callback encrypts, refresh also decrypts, login and session never", () => {
            const tokenKey = outputArn(prod, T.key, "mm-token-key");
            const onTokenKey = (result: RunResult, fn: FunctionName) => statementsOf(result, fn).filter((s) => list(s.Resource).includes(outputArn(result, T.key, "mm-token-key")));
            assert.deepStrictEqual(onTokenKey(prod, "login"), []);
            assert.deepStrictEqual(onTokenKey(prod, "session"), [], "redemption moves ciphertexts; it never needs the key");
            assert.deepStrictEqual(onTokenKey(prod, "disconnect"), [], "no built-in provider has a revocation endpoint: nothing to decrypt");
            for (const [fn, actions] of [["callback", ["kms:Encrypt"]], ["refresh", ["kms:Decrypt", "kms:Encrypt"]]] as const) {
                const [s] = onTokenKey(prod, fn);
                assert.deepStrictEqual(list(s.Resource), [tokenKey]);
                assert.deepStrictEqual(list(s.Action).sort(), actions, fn);
                assert.deepStrictEqual(s.Condition["ForAllValues:StringEquals"], { "kms:EncryptionContextKeys": ["userId", "platform"] }, fn);
                assert.deepStrictEqual(s.Condition.StringEquals, { "kms:EncryptionContext:platform": ["spotify", "soundcloud"] }, fn);
                assert.deepStrictEqual(s.Condition.Null, { "kms:EncryptionContext:userId": "false" }, fn);
            }
        });

        it("lets disconnect decrypt (to revoke) only for the platforms with a revocation endpoint, and read only their secrets", async () => {
            const result = await run(() => devArgs({
                providers: [{ name: "youtube-music", authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth", tokenUrl: "https://oauth2.googleapis.com/token", scopes: [], revokeUrl: "https://oauth2.googleapis.com/revoke" }],
            }), "apply", "dev");
            const [s] = statementsOf(result, "disconnect").filter((st) => list(st.Resource).includes(outputArn(result, T.key, "mm-token-key")));
            assert.deepStrictEqual(list(s.Action), ["kms:Decrypt"]);
            assert.deepStrictEqual(s.Condition.StringEquals, { "kms:EncryptionContext:platform": ["youtube-music"] });
            const reads = statementsOf(result, "disconnect").find((st) => list(st.Action).includes("secretsmanager:GetSecretValue"))!;
            assert.deepStrictEqual(list(reads.Resource).sort(), ["mm-youtube-music", "mm-session-key"].map((n) => outputArn(result, T.secret, n)).sort());
        });

        it("lets each function read only the secrets it uses, and use the data key only through DynamoDB and Secrets Manager", () => {
            const arn = (n: string) => outputArn(prod, T.secret, n);
            const expected: Record<FunctionName, string[]> = {
                login: [arn("mm-spotify"), arn("mm-soundcloud"), arn("mm-session-key")],
                callback: [arn("mm-spotify"), arn("mm-soundcloud")],
                session: [arn("mm-session-key")],
                refresh: [arn("mm-spotify"), arn("mm-soundcloud"), arn("mm-session-key")],
                disconnect: [arn("mm-session-key")],
            };
            const dataKey = outputArn(prod, T.key, "mm-data-key");
            for (const fn of FUNCTIONS) {
                const statements = statementsOf(prod, fn);
                const reads = statements.filter((s) => list(s.Action).includes("secretsmanager:GetSecretValue"));
                assert.strictEqual(reads.length, 1, fn);
                assert.deepStrictEqual(list(reads[0].Resource).sort(), expected[fn].sort(), `${fn}: its secrets`);
                const viaServices = statements.filter((s) => list(s.Resource).includes(dataKey)).map((s) => s.Condition?.StringEquals?.["kms:ViaService"]).sort();
                assert.deepStrictEqual(viaServices, ["dynamodb.us-east-1.amazonaws.com", "secretsmanager.us-east-1.amazonaws.com"], `${fn}: data key via services only`);
            }
        });

        it("uses Resource * only where AWS has no resource-level permissions (X-Ray, EC2 Describe*)", () => {
            for (const fn of FUNCTIONS) {
                const wildcard = statementsOf(prod, fn).filter((s) => list(s.Resource).includes("*")).flatMap((s) => list(s.Action)).sort();
                assert.deepStrictEqual(wildcard, ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"], fn);
                const sids = statementsOf(prod, fn).map((s) => s.Sid).filter(Boolean);
                assert.strictEqual(new Set(sids).size, sids.length, `${fn}: unique Sids`);
            }
        });
    });

    describe("alarms", () => {
        it("watches WAF block rate, API 5xx and p99, each function's errors, timeouts and throttles, table throttles and each NAT gateway", () => {
            const names = ofType(prod, T.alarm).map((a) => a.name.replace(/^mm-alarms-/, "")).sort();
            const expected = ["waf-block-rate", "api-5xx", "api-p99-latency", "tokens-throttles", "state-throttles", "nat-0-errors", "nat-1-errors", "session-key-rotation-errors",
                ...FUNCTIONS.flatMap((fn) => [`${fn}-errors`, `${fn}-timeouts`, `${fn}-throttles`])].sort();
            assert.deepStrictEqual(names, expected);
            const waf = inputs(one(prod, T.alarm, "mm-alarms-waf-block-rate"));
            assert.strictEqual(waf.threshold, 10);
            assert.strictEqual(inputs(one(prod, T.alarm, "mm-alarms-api-5xx")).threshold, 5);
            assert.strictEqual(inputs(one(prod, T.alarm, "mm-alarms-api-p99-latency")).threshold, 1000);
            const natAlarm = inputs(one(prod, T.alarm, "mm-alarms-nat-0-errors"));
            assert.strictEqual(natAlarm.metricQueries[0].metric.dimensions.NatGatewayId, one(prod, T.nat, "mm-network-nat-1").id);
            assert.ok(ofType(dev, T.alarm).every((a) => !/nat-/.test(a.name)), "no NAT alarms without NAT");
            assert.strictEqual(inputs(one(prod, "aws:sns/topicSubscription:TopicSubscription")).endpoint, "ops@multimusic.example");
        });

        it("puts the WAF alarm and the web ACL on the edge provider when given", async () => {
            const result = await runInline(() => {
                const edge = new aws.Provider("edge", { region: "us-east-1" });
                new OAuthBroker("mm", devArgs({ edgeProvider: edge }));
            }, { stack: "dev" });
            assert.match(String(one(result, T.webAcl).provider), /::edge::/);
            assert.match(String(one(result, T.alarm, "mm-edge-alarms-waf-block-rate").provider), /::edge::/);
            assert.strictEqual(ofType(result, T.alarm).filter((a) => /waf/.test(a.name)).length, 1);
            assert.strictEqual(ofType(result, T.alarms).length, 2);
        });
    });

    it("exports the URL, API id, table names, secret ARNs, function names, web ACL and alarm topic", async () => {
        let broker: OAuthBroker | undefined;
        await runInline(() => { broker = new OAuthBroker("mm", devArgs()); }, { stack: "dev" });
        const value = <V>(o: pulumi.Output<V>) => new Promise<V>((resolve) => o.apply((v) => { resolve(v); return v; }));
        assert.match(await value(broker!.url), /^https:\/\/d[0-9a-f]+\.cloudfront\.net$/);
        assert.ok(await value(broker!.restApiId));
        assert.match(await value(broker!.providerSecretArns.spotify), /^arn:aws:secretsmanager:/);
        assert.match(await value(broker!.sessionKeySecretArn), /^arn:aws:secretsmanager:/);
        assert.match(await value(broker!.functionNames.callback), /mm-callback$/);
        assert.match(await value(broker!.functionNames.session), /mm-session$/);
        assert.match(await value(broker!.functionNames.disconnect), /mm-disconnect$/);
        assert.match(await value(broker!.webAclArn), /wafv2/);
        assert.match(await value(broker!.alarmTopicArn), /^arn:aws:sns:/);
        assert.ok(await value(broker!.tokenTableName) && await value(broker!.stateTableName));
    });

    it("builds under preview, with the same private API, origin, WAF limits and VPC placement", async () => {
        const preview = await run(prodArgs(), "preview");
        assert.strictEqual(inputs(one(preview, T.restApi)).endpointConfiguration.types, "PRIVATE");
        const origin = inputs(one(preview, T.distribution)).origins[0];
        assert.strictEqual(origin.customHeaders[0].name, "x-apigw-api-id");
        assert.ok(isUnknown(origin.vpcOriginConfig.vpcOriginId), "VPC origin id computed by AWS");
        assert.strictEqual(ofType(preview, T.vpcOrigin).length, 1);
        const limits = (inputs(one(preview, T.webAcl)).rules as Statement[]).filter((r) => r.statement.rateBasedStatement).map((r) => r.statement.rateBasedStatement.limit);
        assert.deepStrictEqual(limits, [100, 10, 20, 10, 10]);
        for (const fn of FUNCTIONS) {
            const f = inputs(one(preview, T.fn, `mm-${fn}`));
            assert.strictEqual(f.vpcConfig.subnetIds.length, 2, `${fn} in two private subnets`);
        }
        assert.strictEqual(inputs(one(preview, T.table, "mm-tokens")).deletionProtectionEnabled, true);
        const devPreview = await run(devArgs(), "preview", "dev");
        assert.ok(ofType(devPreview, T.fn).every((f) => inputs(f).vpcConfig === undefined), "dev: no VPC");
    });

    describe("bad arguments", () => {
        const cases: [string, Partial<OAuthBrokerArgs>, RegExp][] = [
            ["a non-https frontend URL", { frontendUrl: "http://app.multimusic.example" }, /OAuthBroker "mm": argument frontendUrl: got "http:\/\/app\.multimusic\.example"; allowed: an https URL/],
            ["a frontend URL with a fragment", { frontendUrl: "https://app.multimusic.example/#x" }, /argument frontendUrl: .*without a fragment/],
            ["a provider with an http token URL", { providers: [{ name: "deezer", authorizeUrl: "https://connect.deezer.com/oauth/auth.php", tokenUrl: "http://connect.deezer.com/oauth/access_token.php", scopes: [] }] },
                /OAuthBroker "mm": argument providers\[0\]\.tokenUrl: got "http:\/\/connect\.deezer\.com\/oauth\/access_token\.php"; allowed: an https URL/],
            ["a new provider without URLs", { providers: [{ name: "deezer", scopes: [] }] }, /argument providers\[0\]\.authorizeUrl: got nothing; allowed: an https URL \(deezer is not built in\)/],
            ["duplicate provider names", { providers: [{ name: "spotify", scopes: ["streaming"] }, { name: "spotify", scopes: [] }] }, /OAuthBroker "mm": argument providers\[1\]\.name: got "spotify"; allowed: each provider once/],
            ["a provider name with capitals", { providers: [{ name: "YouTube", scopes: [] }] }, /argument providers\[0\]\.name: got "YouTube"/],
            ["a plain-text client secret", { providers: [{ name: "spotify", clientId: "id", clientSecret: "plain" }] }, /argument providers\[0\]\.clientSecret: got "\(a plain string\)"; allowed: a Pulumi secret/],
            ["a client id without its secret", { providers: [{ name: "spotify", clientId: "id" }] }, /argument providers\[0\]\.clientId\/clientSecret/],
            ["an authorize parameter the broker sets", { providers: [{ name: "spotify", authorizeParams: { redirect_uri: "https://evil.example" } }] }, /argument providers\[0\]\.authorizeParams\.redirect_uri/],
            ["a custom domain without a certificate", { domainName: "auth.multimusic.example" }, /OAuthBroker "mm": argument certificateArn: got nothing; allowed: domainName and certificateArn together/],
            ["a log retention CloudWatch refuses", { logRetentionDays: 45 }, /argument logRetentionDays: got 45/],
            ["one AZ", { network: { azCount: 1 } }, /argument network\.azCount: got 1; allowed: a whole number from 2 to 6/],
            ["a WAF limit below 10", { rateLimits: { loginPerMinute: 5 } }, /argument rateLimits\.loginPerMinute: got 5/],
            ["a bad alarm email", { alarmEmails: ["ops"] }, /argument alarmEmails\[0\]: got "ops"/],
            ["a timeout above API Gateway's limit", { functionTimeoutSeconds: 60 }, /argument functionTimeoutSeconds: got 60/],
            ["an origin domain with a scheme", { originDomainName: "https://origin.example.com" }, /argument originDomainName: got "https:\/\/origin\.example\.com"/],
            ["an http revocation endpoint", { providers: [{ name: "spotify", revokeUrl: "http://accounts.spotify.com/revoke" }] }, /OAuthBroker "mm": argument providers\[0\]\.revokeUrl: got "http:\/\/accounts\.spotify\.com\/revoke"; allowed: an https URL/],
            ["a session lifetime of 0 days", { sessionMaxLifetimeDays: 0 }, /OAuthBroker "mm": argument sessionMaxLifetimeDays: got 0; allowed: a whole number of days from 1 to 90/],
            ["a key rotation every 400 days", { sessionKeyRotationDays: 400 }, /argument sessionKeyRotationDays: got 400; allowed: a whole number of days from 1 to 365/],
            ["a session rate limit below 10", { rateLimits: { sessionPerMinute: 5 } }, /argument rateLimits\.sessionPerMinute: got 5/],
        ];
        for (const [what, extra, message] of cases) {
            it(`refuses ${what}, naming the component and the argument`, async () => {
                await assert.rejects(run(devArgs(extra), "apply", "dev"), message);
            });
        }
    });
});
