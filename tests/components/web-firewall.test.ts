import * as assert from "assert";
import { WebFirewall, webFirewallRules, type WebFirewallArgs } from "../../components/web-firewall";
import { runInline } from "../../engine/run";
import { inputs, one, ofType } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const WAF = "aws:wafv2/webAcl:WebAcl";
const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rule = Record<string, any>;
function rules(result: Awaited<ReturnType<typeof runInline>>): Rule[] {
    return inputs(one(result, WAF)).rules as Rule[];
}
function rule(result: Awaited<ReturnType<typeof runInline>>, name: string): Rule {
    const found = rules(result).find((r) => r.name === name);
    assert.ok(found, `rule ${name} exists; found ${rules(result).map((r) => r.name).join(", ")}`);
    return found;
}

describe("WebFirewall", () => {
    it("creates a REGIONAL ACL that allows by default, with IP reputation, a 2000/5 min per-IP limit and the baseline managed groups in order", async () => {
        const result = await runInline(() => new WebFirewall("edge", { scope: "REGIONAL" }));
        const acl = inputs(one(result, WAF));
        assert.strictEqual(acl.scope, "REGIONAL", "scope");
        assert.deepStrictEqual(acl.defaultAction, { allow: {} }, "defaultAction");
        assert.deepStrictEqual(rules(result).map((r) => [r.priority, r.name]), [
            [0, "AWSManagedRulesAmazonIpReputationList"],
            [1, "rate-limit-per-ip"],
            [2, "AWSManagedRulesCommonRuleSet"],
            [3, "AWSManagedRulesKnownBadInputsRuleSet"],
            [4, "AWSManagedRulesSQLiRuleSet"],
        ]);
        const rate = rule(result, "rate-limit-per-ip");
        assert.deepStrictEqual(rate.statement.rateBasedStatement, { aggregateKeyType: "IP", limit: 2000, evaluationWindowSec: 300 }, "global rate statement");
        assert.deepStrictEqual(rate.action, { block: {} }, "rate rule blocks");
        for (const r of rules(result).filter((x) => x.statement.managedRuleGroupStatement)) {
            assert.strictEqual(r.statement.managedRuleGroupStatement.vendorName, "AWS", `${r.name} vendor`);
            assert.deepStrictEqual(r.overrideAction, { none: {} }, `${r.name} overrideAction`);
        }
    });

    it("turns on CloudWatch metrics and sampled requests on the ACL and every rule, with unique metric names", async () => {
        const result = await runInline(() => new WebFirewall("edge", { scope: "REGIONAL", botControl: true, pathRateLimits: [{ name: "login", pathSuffix: "/login", limit: 10, windowSeconds: 60 }] }));
        const visibilities = [inputs(one(result, WAF)).visibilityConfig, ...rules(result).map((r) => r.visibilityConfig)];
        for (const v of visibilities) {
            assert.strictEqual(v.cloudwatchMetricsEnabled, true, `${v.metricName} cloudwatchMetricsEnabled`);
            assert.strictEqual(v.sampledRequestsEnabled, true, `${v.metricName} sampledRequestsEnabled`);
        }
        assert.strictEqual(new Set(visibilities.map((v) => v.metricName)).size, visibilities.length, "metric names are unique");
        assert.strictEqual(inputs(one(result, WAF)).visibilityConfig.metricName, "edge", "ACL metric name");
    });

    it("carries the per-path limits: window, exact/prefix/suffix match and per-IP or per-header keys", async () => {
        const result = await runInline(() => new WebFirewall("oauth", {
            scope: "REGIONAL",
            rateLimitPer5Minutes: 100,
            pathRateLimits: [
                { name: "login", pathSuffix: "/login", limit: 10, windowSeconds: 60 },
                { name: "refresh-per-user", pathSuffix: "/refresh", limit: 20, windowSeconds: 60, aggregate: "header", headerName: "Authorization" },
                { name: "auth-prefix", pathPrefix: "/auth/", limit: 50 },
                { name: "exact", path: "/auth/spotify/callback", limit: 30, windowSeconds: 600 },
                { name: "delete-per-user", pathPrefix: "/auth/", method: "DELETE", limit: 10, windowSeconds: 60, aggregate: "header" },
            ],
        }));
        const del = rule(result, "delete-per-user").statement.rateBasedStatement;
        assert.deepStrictEqual(del.scopeDownStatement, {
            andStatement: {
                statements: [
                    { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: "STARTS_WITH", searchString: "/auth/", textTransformations: [{ priority: 0, type: "NONE" }] } },
                    { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: "EXACTLY", searchString: "DELETE", textTransformations: [{ priority: 0, type: "NONE" }] } },
                ],
            },
        }, "path and method both required");
        assert.strictEqual(rule(result, "rate-limit-per-ip").statement.rateBasedStatement.limit, 100, "global limit from rateLimitPer5Minutes");
        const login = rule(result, "login").statement.rateBasedStatement;
        assert.strictEqual(login.limit, 10, "login limit");
        assert.strictEqual(login.evaluationWindowSec, 60, "login window");
        assert.strictEqual(login.aggregateKeyType, "IP", "login per IP");
        assert.deepStrictEqual(login.scopeDownStatement.byteMatchStatement, {
            fieldToMatch: { uriPath: {} }, positionalConstraint: "ENDS_WITH", searchString: "/login", textTransformations: [{ priority: 0, type: "NONE" }],
        });
        const refresh = rule(result, "refresh-per-user").statement.rateBasedStatement;
        assert.strictEqual(refresh.limit, 20, "refresh limit");
        assert.strictEqual(refresh.aggregateKeyType, "CUSTOM_KEYS", "refresh keyed on a header");
        assert.deepStrictEqual(refresh.customKeys, [{ header: { name: "authorization", textTransformations: [{ priority: 0, type: "NONE" }] } }]);
        const prefix = rule(result, "auth-prefix").statement.rateBasedStatement;
        assert.strictEqual(prefix.scopeDownStatement.byteMatchStatement.positionalConstraint, "STARTS_WITH", "prefix match");
        assert.strictEqual(prefix.evaluationWindowSec, 300, "default window");
        assert.strictEqual(rule(result, "exact").statement.rateBasedStatement.scopeDownStatement.byteMatchStatement.positionalConstraint, "EXACTLY", "exact match");
        for (const name of ["login", "refresh-per-user", "auth-prefix", "exact"]) assert.deepStrictEqual(rule(result, name).action, { block: {} }, `${name} blocks`);
        // Path rules come after the global rule and before payload inspection.
        assert.deepStrictEqual(rules(result).slice(1, 6).map((r) => r.name), ["rate-limit-per-ip", "login", "refresh-per-user", "auth-prefix", "exact"]);
    });

    it("scopes a path limit to the given hosts: the path, then any of the hosts, compared lowercased", async () => {
        const result = await runInline(() => new WebFirewall("shared", {
            scope: "REGIONAL",
            pathRateLimits: [
                { name: "one-host", pathSuffix: "/auth/login", limit: 30, hosts: ["API.example.com"] },
                { name: "two-hosts", pathSuffix: "/auth/register", method: "POST", limit: 10, hosts: ["api.example.com", "abc123.execute-api.us-east-1.amazonaws.com"] },
            ],
        }));
        const host = (h: string) => ({
            byteMatchStatement: { fieldToMatch: { singleHeader: { name: "host" } }, positionalConstraint: "EXACTLY", searchString: h, textTransformations: [{ priority: 0, type: "LOWERCASE" }] },
        });
        const path = (p: string) => ({ byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: "ENDS_WITH", searchString: p, textTransformations: [{ priority: 0, type: "NONE" }] } });
        assert.deepStrictEqual(rule(result, "one-host").statement.rateBasedStatement.scopeDownStatement, { andStatement: { statements: [path("/auth/login"), host("api.example.com")] } });
        assert.deepStrictEqual(rule(result, "two-hosts").statement.rateBasedStatement.scopeDownStatement, {
            andStatement: {
                statements: [
                    path("/auth/register"),
                    { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: "EXACTLY", searchString: "POST", textTransformations: [{ priority: 0, type: "NONE" }] } },
                    { orStatement: { statements: [host("api.example.com"), host("abc123.execute-api.us-east-1.amazonaws.com")] } },
                ],
            },
        });
    });

    it("sums the rules' capacity (WCU) as WAF does, and refuses an ACL over its capacity limit before registering anything", async () => {
        // IP reputation 25 + global rate 2 + Common 700 + Known bad inputs 200 + SQLi 200.
        assert.strictEqual(webFirewallRules("a", { scope: "REGIONAL" }).capacity, 1127);
        assert.strictEqual(webFirewallRules("a", { scope: "REGIONAL", botControl: true }).capacity, 1177, "Bot Control: 50");
        // A rate rule 2 + path 2; + method 2; + two hosts 2 x (2 + 10 for LOWERCASE); a header key adds 30.
        const one = (limit: object) => webFirewallRules("a", { scope: "REGIONAL", pathRateLimits: [{ name: "r", pathSuffix: "/x", limit: 10, ...limit }] }).capacity - 1127;
        assert.strictEqual(one({}), 4);
        assert.strictEqual(one({ method: "POST" }), 6);
        assert.strictEqual(one({ hosts: ["a.example.com", "b.example.com"] }), 28);
        assert.strictEqual(one({ aggregate: "header" }), 34);
        const waf = await runInline(() => ({ capacity: new WebFirewall("a", { scope: "REGIONAL", botControl: true }).capacity }));
        assert.strictEqual(waf.outputs.capacity, 1177, "exposed as capacity");

        const many = Array.from({ length: 12 }, (_, i) => ({ name: `r${i}`, pathSuffix: `/p${i}`, limit: 10, aggregate: "header" as const }));
        const result = await runInline(() => {
            try { new WebFirewall("full", { scope: "REGIONAL", botControl: true, pathRateLimits: many }); } catch (e) { return { error: (e as Error).message }; }
            return {};
        });
        assert.match(String(result.outputs.error), /WebFirewall "full": argument pathRateLimits: got "12 path rate limit\(s\), 1585 WCU in all"; allowed: rules within the web ACL capacity of 1500 WCU/);
        assert.strictEqual(ofType(result, "platform:security:WebFirewall").length, 0, "nothing registered");
        const raised = await runInline(() => new WebFirewall("full", { scope: "REGIONAL", botControl: true, pathRateLimits: many, capacityLimit: 5000 }));
        assert.strictEqual(ofType(raised, WAF).length, 1, "a raised capacityLimit admits it");
    });

    it("adds Bot Control last only when botControl is true (prod through config)", async () => {
        const dev = await runInline(() => new WebFirewall("edge", { scope: "REGIONAL" }), { stack: "dev" });
        assert.ok(!rules(dev).some((r) => r.name === "AWSManagedRulesBotControlRuleSet"), "no Bot Control by default");
        const prod = await runInline(() => new WebFirewall("edge", { scope: "REGIONAL", botControl: true, botControlInspectionLevel: "TARGETED" }), { stack: "prod" });
        const all = rules(prod);
        assert.strictEqual(all[all.length - 1].name, "AWSManagedRulesBotControlRuleSet", "Bot Control is last");
        assert.deepStrictEqual(all[all.length - 1].statement.managedRuleGroupStatement.managedRuleGroupConfigs, [{ awsManagedRulesBotControlRuleSet: { inspectionLevel: "TARGETED" } }]);
    });

    it("logs to a KMS-encrypted aws-waf-logs- log group with retention, redacting authorization and cookie", async () => {
        const result = await runInline(() => new WebFirewall("edge", { scope: "REGIONAL" }));
        const group = one(result, "aws:cloudwatch/logGroup:LogGroup");
        assert.strictEqual(inputs(group).name, "aws-waf-logs-platform-test-edge", "log group name prefix");
        assert.strictEqual(inputs(group).retentionInDays, 90, "retentionInDays");
        const key = one(result, "aws:kms/key:Key");
        assert.strictEqual(inputs(group).kmsKeyId, key.outputs.arn, "log group encrypted with the component's key");
        assert.strictEqual(key.options.protect, true, "key protected by default");
        const logging = inputs(one(result, LOGGING));
        assert.deepStrictEqual(logging.logDestinationConfigs, [group.outputs.arn], "logs go to the group");
        assert.strictEqual(logging.resourceArn, one(result, WAF).outputs.arn, "logging is for this ACL");
        assert.deepStrictEqual(logging.redactedFields, [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }], "redactedFields");
        assert.strictEqual(logging.loggingFilter, undefined, "every request logged by default");
    });

    it("keeps only blocked and counted requests when logOnlyBlockedAndCounted is set, and uses a given key without creating one", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/given";
        const result = await runInline(() => new WebFirewall("edge", { scope: "REGIONAL", logOnlyBlockedAndCounted: true, kmsKeyArn: keyArn, logRetentionInDays: 30 }));
        assert.deepStrictEqual(inputs(one(result, LOGGING)).loggingFilter, {
            defaultBehavior: "DROP",
            filters: [{ behavior: "KEEP", requirement: "MEETS_ANY", conditions: [{ actionCondition: { action: "BLOCK" } }, { actionCondition: { action: "COUNT" } }] }],
        });
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created when one is given");
        assert.strictEqual(inputs(one(result, "aws:cloudwatch/logGroup:LogGroup")).kmsKeyId, keyArn, "given key used");
        assert.strictEqual(inputs(one(result, "aws:cloudwatch/logGroup:LogGroup")).retentionInDays, 30, "retention from args");
    });

    it("leaves the created key unprotected when protectData is false (dev)", async () => {
        const result = await runInline(() => new WebFirewall("edge", { scope: "REGIONAL", protectData: false }), { stack: "dev" });
        assert.strictEqual(one(result, "aws:kms/key:Key").options.protect, false);
    });

    it("creates CLOUDFRONT ACLs in the region of the provider passed through opts and exposes outputs for alarms", async () => {
        const result = await runInline(async () => {
            const aws = await import("@pulumi/aws");
            const usEast1 = new aws.Provider("us-east-1", { region: "us-east-1" });
            const waf = new WebFirewall("cdn", { scope: "CLOUDFRONT" }, { providers: { aws: usEast1 } });
            return { arn: waf.webAclArn, id: waf.webAclId, logGroupName: waf.logGroupName, metricName: waf.metricName, webAclName: waf.metrics.webAclName, ruleMetrics: waf.metrics.ruleMetricNames };
        }, { config: { "aws:region": "eu-west-1" } });
        const acl = one(result, WAF);
        assert.strictEqual(inputs(acl).scope, "CLOUDFRONT");
        assert.match(String(acl.provider), /::us-east-1::/, "ACL uses the us-east-1 provider");
        assert.match(String(one(result, "aws:cloudwatch/logGroup:LogGroup").provider), /::us-east-1::/, "log group in us-east-1 too");
        assert.match(String(result.outputs.arn), /^arn:aws:wafv2:us-east-1:123456789012:global\/webacl\//, "webAclArn");
        assert.strictEqual(result.outputs.id, acl.id, "webAclId");
        assert.strictEqual(result.outputs.logGroupName, "aws-waf-logs-platform-test-cdn", "logGroupName");
        assert.strictEqual(result.outputs.metricName, "cdn", "metricName");
        assert.strictEqual(result.outputs.webAclName, acl.outputs.name, "metrics.webAclName");
        assert.strictEqual((result.outputs.ruleMetrics as Record<string, string>)["rate-limit-per-ip"], "cdn-rate-limit-per-ip", "rule metric name");
    });

    describe("rejects bad arguments, naming the component and the argument", () => {
        const cases: [string, WebFirewallArgs, RegExp][] = [
            ["a global rate limit of 0", { scope: "REGIONAL", rateLimitPer5Minutes: 0 }, /WebFirewall "bad": argument rateLimitPer5Minutes: got 0; allowed: a whole number from 10 to 2000000000/],
            ["a path rate limit of 0", { scope: "REGIONAL", pathRateLimits: [{ name: "a", path: "/a", limit: 0 }] }, /WebFirewall "bad": argument pathRateLimits\[0\]\.limit: got 0/],
            ["a path rate limit above WAF's maximum", { scope: "REGIONAL", pathRateLimits: [{ name: "a", path: "/a", limit: 3_000_000_000 }] }, /argument pathRateLimits\[0\]\.limit: got 3000000000/],
            ["an unknown window", { scope: "REGIONAL", pathRateLimits: [{ name: "a", path: "/a", limit: 10, windowSeconds: 90 }] }, /WebFirewall "bad": argument pathRateLimits\[0\]\.windowSeconds: got 90; allowed: 60, 120, 300, 600 seconds/],
            ["an unknown method", { scope: "REGIONAL", pathRateLimits: [{ name: "a", path: "/a", limit: 10, method: "delete" as never }] }, /WebFirewall "bad": argument pathRateLimits\[0\]\.method: got "delete"; allowed: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS/],
            ["duplicate rule names", { scope: "REGIONAL", pathRateLimits: [{ name: "a", path: "/a", limit: 10 }, { name: "a", path: "/b", limit: 10 }] }, /argument pathRateLimits\[1\]\.name: got "a"; allowed: a name not used by another rule/],
            ["a name clashing with a built-in rule", { scope: "REGIONAL", pathRateLimits: [{ name: "rate-limit-per-ip", path: "/a", limit: 10 }] }, /argument pathRateLimits\[0\]\.name/],
            ["an invalid scope", { scope: "GLOBAL" as never }, /WebFirewall "bad": argument scope: got "GLOBAL"; allowed: CLOUDFRONT or REGIONAL/],
            ["no path matcher", { scope: "REGIONAL", pathRateLimits: [{ name: "a", limit: 10 }] }, /argument pathRateLimits\[0\]\.path: .*allowed: exactly one of path, pathPrefix or pathSuffix/],
            ["two path matchers", { scope: "REGIONAL", pathRateLimits: [{ name: "a", path: "/a", pathPrefix: "/b", limit: 10 }] }, /argument pathRateLimits\[0\]\.path/],
            ["a prefix without a leading slash", { scope: "REGIONAL", pathRateLimits: [{ name: "a", pathPrefix: "auth", limit: 10 }] }, /argument pathRateLimits\[0\]\.pathPrefix: got "auth"/],
            ["an unknown aggregate", { scope: "REGIONAL", pathRateLimits: [{ name: "a", path: "/a", limit: 10, aggregate: "user" as never }] }, /argument pathRateLimits\[0\]\.aggregate: got "user"/],
            ["a header name on an IP rule", { scope: "REGIONAL", pathRateLimits: [{ name: "a", path: "/a", limit: 10, headerName: "x-user" }] }, /argument pathRateLimits\[0\]\.headerName/],
            ["an empty host list", { scope: "REGIONAL", pathRateLimits: [{ name: "a", path: "/a", limit: 10, hosts: [] }] }, /argument pathRateLimits\[0\]\.hosts: got \[\]; allowed: a non-empty list of host names/],
            ["a host with a scheme", { scope: "REGIONAL", pathRateLimits: [{ name: "a", path: "/a", limit: 10, hosts: ["https://api.example.com"] }] }, /argument pathRateLimits\[0\]\.hosts/],
            ["a capacity limit above WAF's highest quota", { scope: "REGIONAL", capacityLimit: 6000 }, /WebFirewall "bad": argument capacityLimit: got 6000; allowed: a whole number of WCU up to 5000/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => new WebFirewall("bad", args)), message);
            });
        }
        it("registers nothing when an argument is bad", async () => {
            const result = await runInline(() => { try { new WebFirewall("bad", { scope: "REGIONAL", rateLimitPer5Minutes: 0 }); } catch { /* expected */ } });
            assert.strictEqual(ofType(result, "platform:security:WebFirewall").length, 0);
        });
    });

    it("documents every WebFirewallArgs property in the README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("web-firewall"), interfaceProperties("web-firewall", "WebFirewallArgs"));
    });
});

describe("WebFirewall associations", () => {
    it("associates a REGIONAL ACL with each given resource ARN", async () => {
        const alb = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/api/0123456789abcdef";
        const result = await runInline(() => new WebFirewall("api-waf", { scope: "REGIONAL", associatedResourceArns: [alb] }));
        const associations = ofType(result, "aws:wafv2/webAclAssociation:WebAclAssociation");
        assert.strictEqual(associations.length, 1);
        assert.strictEqual(inputs(associations[0]).resourceArn, alb);
        assert.match(inputs(associations[0]).webAclArn, /^arn:aws:wafv2:us-east-1:123456789012:regional\/webacl\//);
    });

    it("rejects associations for a CLOUDFRONT ACL, naming the argument", async () => {
        await assert.rejects(runInline(() => new WebFirewall("edge", { scope: "CLOUDFRONT", associatedResourceArns: ["arn:x"] })),
            /WebFirewall "edge": argument associatedResourceArns: got \["arn:x"\]; allowed: none with scope CLOUDFRONT/);
    });
});
