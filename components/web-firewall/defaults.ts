/** Secure defaults of WebFirewall, in one place. */
export const WEB_FIREWALL_DEFAULTS = {
    /**
     * Requests per IP per 5 minutes before the global rate rule blocks. 2,000 is the AWS console's
     * suggested starting point: far above a person using an app, low enough to cut a scripted flood.
     * Systems with a tighter budget (MultiMusic: 100) pass their own value from stack config.
     */
    rateLimitPer5Minutes: 2000,
    /** Per-path rules count over 5 minutes unless told otherwise (WAF allows 60, 120, 300 or 600 s). */
    windowSeconds: 300,
    /** The header a per-user rule keys on when none is named: the bearer token identifies the caller. */
    aggregateHeader: "authorization",
    /** Bot Control costs per request; systems turn it on from config (prod). */
    botControl: false,
    /** COMMON inspection (signature-based); TARGETED adds browser challenges and costs more. */
    botControlInspectionLevel: "COMMON",
    /** Keep every request in the logs unless asked to keep only blocked and counted ones. */
    logOnlyBlockedAndCounted: false,
    /** Long enough to investigate an incident a quarter later. */
    logRetentionInDays: 90,
    /** The KMS key the component creates is protected unless the stack says otherwise (dev). */
    protectData: true,
    /** Headers never written to WAF logs: they carry credentials. */
    redactedHeaders: ["authorization", "cookie"],
} as const;

/** The evaluation windows WAF rate-based rules support (evaluationWindowSec). */
export const WAF_WINDOWS = [60, 120, 300, 600] as const;
/** WAF's accepted range for a rate-based rule's limit. */
export const WAF_LIMIT_MIN = 10;
export const WAF_LIMIT_MAX = 2_000_000_000;

/** AWS managed rule groups every web ACL gets, in evaluation order (after IP reputation and rate limits). */
export const BASELINE_MANAGED_GROUPS = [
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesSQLiRuleSet",
] as const;

/**
 * Web ACL capacity units (WCU) of the AWS managed rule groups the component adds (AWS WAF Developer
 * Guide, "AWS Managed Rules rule groups list"): what a web ACL's capacity is summed from.
 */
export const MANAGED_GROUP_CAPACITY: Record<string, number> = {
    AWSManagedRulesAmazonIpReputationList: 25,
    AWSManagedRulesCommonRuleSet: 700,
    AWSManagedRulesKnownBadInputsRuleSet: 200,
    AWSManagedRulesSQLiRuleSet: 200,
    AWSManagedRulesBotControlRuleSet: 50,
};
/**
 * A web ACL's capacity: WAF refuses an ACL whose rules need more than 1,500 WCU unless the account's
 * quota is raised (to at most 5,000; WAF also bills the WCU above 1,500).
 */
export const WAF_DEFAULT_CAPACITY_LIMIT = 1500;
export const WAF_MAX_CAPACITY_LIMIT = 5000;
