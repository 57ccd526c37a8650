/**
 * WebFirewall: a WAFv2 web ACL with AWS managed rule groups, a global per-IP rate limit, per-path rate
 * limits, CloudWatch metrics and sampled requests on every rule, and logging to a KMS-encrypted
 * `aws-waf-logs-` log group with the Authorization and Cookie headers redacted.
 *
 * Scope CLOUDFRONT web ACLs live in us-east-1 whatever the stack's region: pass a us-east-1 AWS
 * provider through the component's options (`{ provider: usEast1 }` or `{ providers: { aws: usEast1 } }`);
 * the ACL, its log group and its key are then all created there.
 *
 * One web ACL may serve several systems' entry points (a stack's shared ACL): a path rate limit
 * with `hosts` counts only requests for those hosts, so one system's limits never throttle another's,
 * and the ACL's capacity (WCU) is checked against WAF's limit before anything is registered.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { encryptedLogGroup } from "../shared/log-group";
import {
    BASELINE_MANAGED_GROUPS, MANAGED_GROUP_CAPACITY, WAF_DEFAULT_CAPACITY_LIMIT, WAF_LIMIT_MAX, WAF_LIMIT_MIN, WAF_MAX_CAPACITY_LIMIT, WAF_WINDOWS, WEB_FIREWALL_DEFAULTS,
} from "./defaults";

const COMPONENT = "WebFirewall";

export type WebFirewallScope = "CLOUDFRONT" | "REGIONAL";
export type RateWindowSeconds = (typeof WAF_WINDOWS)[number];

/** Methods a path rate limit can be narrowed to. */
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** A rate limit that applies only to requests whose URI path matches; exactly one of path, pathPrefix, pathSuffix. */
export interface PathRateLimit {
    /** Rule name, unique in the ACL (letters, digits, `-`, `_`). Also the rule's metric name suffix. */
    name: string;
    /** Match paths starting with this (e.g. `/auth/`). */
    pathPrefix?: string;
    /** Match exactly this path (e.g. `/auth/spotify/login`). */
    path?: string;
    /** Match paths ending with this (e.g. `/login`, for `/auth/{provider}/login`). */
    pathSuffix?: string;
    /** Requests allowed per aggregation key per window (10 to 2,000,000,000). */
    limit: number;
    /** Evaluation window in seconds: 60, 120, 300 or 600. Default 300. */
    windowSeconds?: number;
    /**
     * What the limit counts per: `ip` (source IP) or `header` (a header's value, e.g. per user through
     * `Authorization`). Requests without the header are not counted by a header rule; pair it with an
     * IP rule if they must be limited too. Default `ip`.
     */
    aggregate?: "ip" | "header";
    /** The header a `header` rule keys on. Default `authorization`. */
    headerName?: string;
    /** Count only requests with this HTTP method (e.g. `DELETE` on a path that also answers preflights). Default: every method. */
    method?: (typeof HTTP_METHODS)[number];
    /**
     * Count only requests whose Host header is one of these (compared lowercased): scopes the limit
     * to one system's entry points in an ACL several systems share. Default: every host.
     */
    hosts?: pulumi.Input<string>[];
}

export interface WebFirewallArgs {
    /** `CLOUDFRONT` (needs a us-east-1 provider in opts) or `REGIONAL` (API Gateway stages, ALBs). */
    scope: WebFirewallScope;
    /** Shown in the WAF console. */
    description?: string;
    /** Requests per IP per 5 minutes before the global rate rule blocks (10 to 2,000,000,000). Default 2000. */
    rateLimitPer5Minutes?: number;
    /** Per-path rate limits, evaluated after the global one. Default none. */
    pathRateLimits?: PathRateLimit[];
    /** Add the AWS Bot Control managed rule group (priced per request). Default false. */
    botControl?: boolean;
    /** Bot Control inspection level: `COMMON` or `TARGETED`. Default `COMMON`. */
    botControlInspectionLevel?: "COMMON" | "TARGETED";
    /** Keep only blocked and counted requests in the logs (a cost control). Default false: log every request. */
    logOnlyBlockedAndCounted?: boolean;
    /** Days WAF logs are kept. Default 90. */
    logRetentionInDays?: number;
    /** KMS key for the log group (must allow the logs service). Default: the component creates one. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Protect the key the component creates (Pulumi protect + retain on delete). Default true. */
    protectData?: boolean;
    /**
     * REGIONAL scope: resources to protect with this ACL (ALB, API Gateway stage, AppSync, Cognito
     * user pool ARNs); one WebAclAssociation each. CloudFront attaches an ACL through its own `webAclId`.
     */
    associatedResourceArns?: pulumi.Input<string>[];
    /**
     * The most web ACL capacity units (WCU) the rules may need: WAF's 1,500, or up to 5,000 where the
     * account's quota is raised. Default 1500. An ACL over it is refused before anything is registered.
     */
    capacityLimit?: number;
}

/** Names for CloudWatch alarms on this ACL (namespace AWS/WAFV2, dimensions WebACL, Rule, and Region for REGIONAL). */
export interface WebFirewallMetrics {
    namespace: "AWS/WAFV2";
    /** The WebACL dimension: the web ACL's name. */
    webAclName: pulumi.Output<string>;
    /** The ACL's own metric name (visibility config). */
    aclMetricName: string;
    /** The Rule dimension that totals the whole ACL (BlockedRequests, AllowedRequests). */
    allRulesDimension: "ALL";
    /** Rule name -> that rule's metric name. */
    ruleMetricNames: Record<string, string>;
}

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const HOST_PATTERN = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const SCOPES: WebFirewallScope[] = ["CLOUDFRONT", "REGIONAL"];

export class WebFirewall extends pulumi.ComponentResource {
    readonly webAcl: aws.wafv2.WebAcl;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly webAclArn: pulumi.Output<string>;
    readonly webAclId: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    /** The ACL's metric name (for alarms on BlockedRequests / AllowedRequests). */
    readonly metricName: string;
    readonly metrics: WebFirewallMetrics;
    /** The web capacity units (WCU) its rules use. */
    readonly capacity: number;

    constructor(name: string, args: WebFirewallArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:security:WebFirewall", name, {}, opts);
        const d = WEB_FIREWALL_DEFAULTS;
        const metricBase = metricSafe(name);
        const { rules, ruleMetricNames, capacity } = webFirewallRules(name, args);
        this.capacity = capacity;

        this.webAcl = new aws.wafv2.WebAcl(name, {
            scope: args.scope,
            description: args.description,
            defaultAction: { allow: {} },
            rules,
            visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: metricBase },
        }, { parent: this });

        const kmsKeyArn = args.kmsKeyArn ?? new EncryptionKey(`${name}-logs`, {
            description: `WAF logs of ${name}`,
            services: ["logs"],
            protectData: args.protectData ?? d.protectData,
        }, { parent: this }).arn;
        // WAF only delivers to log groups whose name starts with aws-waf-logs-; project and stack keep it unique per account.
        this.logGroup = encryptedLogGroup(`${name}-logs`, {
            name: `aws-waf-logs-${pulumi.getProject()}-${pulumi.getStack()}-${name}`,
            kmsKeyArn,
            retentionInDays: args.logRetentionInDays ?? d.logRetentionInDays,
        }, { parent: this });

        new aws.wafv2.WebAclLoggingConfiguration(`${name}-logging`, {
            resourceArn: this.webAcl.arn,
            logDestinationConfigs: [this.logGroup.arn],
            redactedFields: d.redactedHeaders.map((header) => ({ singleHeader: { name: header } })),
            loggingFilter: (args.logOnlyBlockedAndCounted ?? d.logOnlyBlockedAndCounted) ? {
                defaultBehavior: "DROP",
                filters: [{
                    behavior: "KEEP",
                    requirement: "MEETS_ANY",
                    conditions: [{ actionCondition: { action: "BLOCK" } }, { actionCondition: { action: "COUNT" } }],
                }],
            } : undefined,
        }, { parent: this });

        (args.associatedResourceArns ?? []).forEach((resourceArn, i) => {
            new aws.wafv2.WebAclAssociation(`${name}-association-${i}`, { resourceArn, webAclArn: this.webAcl.arn }, { parent: this });
        });

        this.webAclArn = this.webAcl.arn;
        this.webAclId = this.webAcl.id;
        this.logGroupName = this.logGroup.name;
        this.metricName = metricBase;
        this.metrics = { namespace: "AWS/WAFV2", webAclName: this.webAcl.name, aclMetricName: metricBase, allRulesDimension: "ALL", ruleMetricNames };
        this.registerOutputs({
            webAclArn: this.webAclArn,
            webAclId: this.webAclId,
            logGroupName: this.logGroupName,
            metricName: this.metricName,
            ruleMetricNames,
            capacity,
        });
    }
}

/** The metric name of a rule of the web ACL `firewallName` (its Rule dimension in AWS/WAFV2). */
export function ruleMetricName(firewallName: string, ruleName: string): string {
    return `${metricSafe(firewallName)}-${ruleName}`;
}

/** The ACL's rules in evaluation order, each rule's metric name, and the capacity (WCU) they need. */
export function webFirewallRules(name: string, args: WebFirewallArgs): { rules: aws.types.input.wafv2.WebAclRule[]; ruleMetricNames: Record<string, string>; capacity: number } {
    const d = WEB_FIREWALL_DEFAULTS;
    const rules: aws.types.input.wafv2.WebAclRule[] = [];
    const ruleMetricNames: Record<string, string> = {};
    let capacity = 0;
    const visibility = (ruleName: string) => {
        const metricName = ruleMetricName(name, ruleName);
        ruleMetricNames[ruleName] = metricName;
        return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
    };
    const managed = (groupName: string, config?: aws.types.input.wafv2.WebAclRuleStatementManagedRuleGroupStatementManagedRuleGroupConfig) => {
        capacity += MANAGED_GROUP_CAPACITY[groupName];
        rules.push({
            name: groupName,
            priority: rules.length,
            overrideAction: { none: {} },
            statement: { managedRuleGroupStatement: { vendorName: "AWS", name: groupName, managedRuleGroupConfigs: config ? [config] : undefined } },
            visibilityConfig: visibility(groupName),
        });
    };
    const rateRule = (ruleName: string, statement: aws.types.input.wafv2.WebAclRuleStatementRateBasedStatement) => {
        capacity += rateCapacity(statement);
        rules.push({ name: ruleName, priority: rules.length, action: { block: {} }, statement: { rateBasedStatement: statement }, visibilityConfig: visibility(ruleName) });
    };

    // Cheap, high-signal rules first: known-bad IPs, then floods, then payload inspection.
    managed("AWSManagedRulesAmazonIpReputationList");
    rateRule("rate-limit-per-ip", { aggregateKeyType: "IP", limit: args.rateLimitPer5Minutes ?? d.rateLimitPer5Minutes, evaluationWindowSec: 300 });
    for (const limit of args.pathRateLimits ?? []) rateRule(limit.name, pathRateStatement(limit));
    for (const group of BASELINE_MANAGED_GROUPS) managed(group);
    // Last: Bot Control is priced per request it inspects, so let the rules above drop what they can first.
    if (args.botControl ?? d.botControl) {
        managed("AWSManagedRulesBotControlRuleSet", {
            awsManagedRulesBotControlRuleSet: { inspectionLevel: args.botControlInspectionLevel ?? d.botControlInspectionLevel },
        });
    }
    return { rules, ruleMetricNames, capacity };
}

type Statement = aws.types.input.wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatement;
type ByteMatch = aws.types.input.wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatement;

/**
 * WCU of the statements this component builds (AWS WAF Developer Guide, each statement's "WCUs"):
 * a rate-based rule 2, plus 30 per custom aggregation key, plus its scope-down statement; a string
 * match 2 for EXACTLY / STARTS_WITH / ENDS_WITH (10 otherwise), plus 10 per text transformation
 * other than NONE; AND / OR cost what their statements cost.
 */
function rateCapacity(statement: aws.types.input.wafv2.WebAclRuleStatementRateBasedStatement): number {
    const keys = Array.isArray(statement.customKeys) ? statement.customKeys.length : 0;
    return 2 + 30 * keys + (statement.scopeDownStatement ? statementCapacity(statement.scopeDownStatement as Statement) : 0);
}

function statementCapacity(statement: Statement): number {
    const nested = (s: { statements: pulumi.Input<unknown[]> } | undefined) => (s?.statements as Statement[]).reduce((sum, x) => sum + statementCapacity(x), 0);
    if (statement.andStatement) return nested(statement.andStatement as never);
    if (statement.orStatement) return nested(statement.orStatement as never);
    const match = statement.byteMatchStatement as ByteMatch | undefined;
    if (!match) throw new Error(`${COMPONENT}: no capacity known for the statement ${JSON.stringify(Object.keys(statement))}`);
    const base = ["EXACTLY", "STARTS_WITH", "ENDS_WITH"].includes(match.positionalConstraint as string) ? 2 : 10;
    const transformations = (match.textTransformations as { type: string }[]).filter((t) => t.type !== "NONE").length;
    return base + 10 * transformations;
}

function pathRateStatement(limit: PathRateLimit): aws.types.input.wafv2.WebAclRuleStatementRateBasedStatement {
    const [constraint, searchString] = limit.path !== undefined ? ["EXACTLY", limit.path]
        : limit.pathPrefix !== undefined ? ["STARTS_WITH", limit.pathPrefix]
            : ["ENDS_WITH", limit.pathSuffix as string];
    const byHeader = (limit.aggregate ?? "ip") === "header";
    const pathMatch = {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: constraint,
        searchString,
        textTransformations: [{ priority: 0, type: "NONE" }],
    };
    return {
        limit: limit.limit,
        evaluationWindowSec: limit.windowSeconds ?? WEB_FIREWALL_DEFAULTS.windowSeconds,
        aggregateKeyType: byHeader ? "CUSTOM_KEYS" : "IP",
        customKeys: byHeader ? [{
            header: { name: (limit.headerName ?? WEB_FIREWALL_DEFAULTS.aggregateHeader).toLowerCase(), textTransformations: [{ priority: 0, type: "NONE" }] },
        }] : undefined,
        scopeDownStatement: all([
            { byteMatchStatement: pathMatch },
            ...(limit.method !== undefined ? [{ byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: "EXACTLY", searchString: limit.method, textTransformations: [{ priority: 0, type: "NONE" }] } }] : []),
            ...(limit.hosts !== undefined ? [any(limit.hosts.map(hostMatch))] : []),
        ]),
    };
}

/** Host names are case-insensitive: the header is lowercased, and so is the name it is compared with. */
function hostMatch(host: pulumi.Input<string>): Statement {
    return {
        byteMatchStatement: {
            fieldToMatch: { singleHeader: { name: "host" } },
            positionalConstraint: "EXACTLY",
            searchString: typeof host === "string" ? host.toLowerCase() : pulumi.output(host).apply((h) => h.toLowerCase()),
            textTransformations: [{ priority: 0, type: "LOWERCASE" }],
        },
    };
}

/** One statement, or the AND of several (WAF wants at least two in an AND). */
function all(statements: Statement[]): Statement {
    return statements.length === 1 ? statements[0] : { andStatement: { statements } };
}

function any(statements: Statement[]): Statement {
    return statements.length === 1 ? statements[0] : { orStatement: { statements } };
}

/** WAF metric names allow letters, digits and a few symbols; keep the component name's safe part. */
function metricSafe(name: string): string {
    return name.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 200);
}

const validLimit = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= WAF_LIMIT_MIN && n <= WAF_LIMIT_MAX;
const LIMIT_RANGE = `a whole number from ${WAF_LIMIT_MIN} to ${WAF_LIMIT_MAX}`;

function validate(name: string, args: WebFirewallArgs): void {
    requireArg(SCOPES.includes(args.scope), COMPONENT, name, "scope", args.scope, SCOPES.join(" or "));
    requireArg(!(args.scope === "CLOUDFRONT" && (args.associatedResourceArns?.length ?? 0) > 0), COMPONENT, name, "associatedResourceArns", args.associatedResourceArns,
        "none with scope CLOUDFRONT (a distribution takes the ACL through its webAclId); use scope REGIONAL for ALBs and API stages");
    if (args.rateLimitPer5Minutes !== undefined) {
        requireArg(validLimit(args.rateLimitPer5Minutes), COMPONENT, name, "rateLimitPer5Minutes", args.rateLimitPer5Minutes, LIMIT_RANGE);
    }
    if (args.botControlInspectionLevel !== undefined) {
        requireArg(["COMMON", "TARGETED"].includes(args.botControlInspectionLevel), COMPONENT, name, "botControlInspectionLevel", args.botControlInspectionLevel, "COMMON or TARGETED");
    }
    if (args.logRetentionInDays !== undefined) {
        requireArg(Number.isInteger(args.logRetentionInDays) && args.logRetentionInDays > 0, COMPONENT, name, "logRetentionInDays", args.logRetentionInDays, "a positive whole number of days");
    }
    const seen = new Set<string>(["rate-limit-per-ip", "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesBotControlRuleSet", ...BASELINE_MANAGED_GROUPS]);
    (args.pathRateLimits ?? []).forEach((limit, i) => {
        const at = `pathRateLimits[${i}]`;
        requireArg(typeof limit.name === "string" && NAME_PATTERN.test(limit.name), COMPONENT, name, `${at}.name`, limit.name, "1 to 128 letters, digits, - or _");
        requireArg(!seen.has(limit.name), COMPONENT, name, `${at}.name`, limit.name, "a name not used by another rule of the ACL");
        seen.add(limit.name);
        const matchers = [limit.path, limit.pathPrefix, limit.pathSuffix].filter((m) => m !== undefined);
        requireArg(matchers.length === 1, COMPONENT, name, `${at}.path`, { path: limit.path, pathPrefix: limit.pathPrefix, pathSuffix: limit.pathSuffix }, "exactly one of path, pathPrefix or pathSuffix");
        requireArg(typeof matchers[0] === "string" && matchers[0].length > 0 && matchers[0].length <= 200, COMPONENT, name, `${at}.path`, matchers[0], "a non-empty string of at most 200 characters");
        if (limit.path !== undefined || limit.pathPrefix !== undefined) {
            requireArg(String(limit.path ?? limit.pathPrefix).startsWith("/"), COMPONENT, name, `${at}.${limit.path !== undefined ? "path" : "pathPrefix"}`, limit.path ?? limit.pathPrefix, "a path starting with /");
        }
        requireArg(validLimit(limit.limit), COMPONENT, name, `${at}.limit`, limit.limit, LIMIT_RANGE);
        if (limit.windowSeconds !== undefined) {
            requireArg((WAF_WINDOWS as readonly number[]).includes(limit.windowSeconds), COMPONENT, name, `${at}.windowSeconds`, limit.windowSeconds, WAF_WINDOWS.join(", ") + " seconds");
        }
        const aggregate = limit.aggregate ?? "ip";
        requireArg(aggregate === "ip" || aggregate === "header", COMPONENT, name, `${at}.aggregate`, limit.aggregate, "ip or header");
        if (limit.headerName !== undefined) {
            requireArg(aggregate === "header" && /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/.test(limit.headerName), COMPONENT, name, `${at}.headerName`, limit.headerName, "a header name, only with aggregate \"header\"");
        }
        if (limit.method !== undefined) {
            requireArg((HTTP_METHODS as readonly string[]).includes(limit.method), COMPONENT, name, `${at}.method`, limit.method, HTTP_METHODS.join(", "));
        }
        if (limit.hosts !== undefined) {
            requireArg(Array.isArray(limit.hosts) && limit.hosts.length > 0 && limit.hosts.every((h) => typeof h !== "string" || HOST_PATTERN.test(h)),
                COMPONENT, name, `${at}.hosts`, limit.hosts, "a non-empty list of host names (such as api.example.com)");
        }
    });
    const capacityLimit = args.capacityLimit ?? WAF_DEFAULT_CAPACITY_LIMIT;
    requireArg(Number.isInteger(capacityLimit) && capacityLimit >= 1 && capacityLimit <= WAF_MAX_CAPACITY_LIMIT, COMPONENT, name, "capacityLimit", args.capacityLimit,
        `a whole number of WCU up to ${WAF_MAX_CAPACITY_LIMIT} (WAF's highest web ACL quota)`);
    const { capacity } = webFirewallRules(name, args);
    requireArg(capacity <= capacityLimit, COMPONENT, name, "pathRateLimits", `${(args.pathRateLimits ?? []).length} path rate limit(s), ${capacity} WCU in all`,
        `rules within the web ACL capacity of ${capacityLimit} WCU (capacityLimit; WAF allows ${WAF_DEFAULT_CAPACITY_LIMIT}, ${WAF_MAX_CAPACITY_LIMIT} with a raised quota)`);
}
