/** KMS keys, Secrets Manager secrets, WAF web ACLs, Cognito user pools. */
import { at, list, str } from "../values";
import { fixed, isUnpriced, known, unknownInput, usage, type Estimator, type Line } from "./types";

const BOT_CONTROL = "AWSManagedRulesBotControlRuleSet";

export const securityEstimators: Record<string, Estimator> = {
    "aws:kms/key:Key": {
        usage: {
            requestsPerMonth: "KMS API requests per month (encrypt, decrypt, generate data key)",
            rotatedVersions: "rotated key versions billed (0 in a rotating key's first year, 1 in its second, 2 after; later rotations are free)",
        },
        estimate: (c) => {
            const requests = c.usage("requestsPerMonth");
            return [
                fixed("customer managed key", "kms.key", 1),
                ...usage("rotated key versions", "kms.rotation", c.usage("rotatedVersions")),
                ...usage("requests", "kms.requests", requests === undefined ? undefined : requests / 10_000),
            ];
        },
    },
    "aws:secretsmanager/secret:Secret": {
        usage: { apiCallsPerMonth: "GetSecretValue and other API calls per month" },
        estimate: (c) => {
            const calls = c.usage("apiCallsPerMonth");
            return [fixed("secret", "secrets.secret", 1), ...usage("API calls", "secrets.apiCalls", calls === undefined ? undefined : calls / 10_000)];
        },
    },
    "aws:wafv2/webAcl:WebAcl": {
        usage: { requestsPerMonth: "requests the web ACL inspects per month" },
        estimate: (c) => {
            const rules = list(c.resource.props, "rules");
            if (!Array.isArray(rules)) return rules === undefined ? { unpriced: "rules is not set" } : unknownInput("rules");
            // Every rule and every rule group in the ACL is billed per month; Bot Control adds its subscription.
            const bot = rules.some((r) => at(r, "statement", "managedRuleGroupStatement", "name") === BOT_CONTROL);
            const requests = c.usage("requestsPerMonth");
            const lines: Line[] = [
                fixed("web ACL", "waf.webAcl", 1),
                fixed(`rules and rule groups (${rules.length})`, "waf.rule", rules.length),
                ...usage("requests inspected", "waf.requests", requests === undefined ? undefined : requests / 1e6),
            ];
            if (bot) {
                lines.push(fixed("Bot Control subscription", "waf.botControl", 1));
                lines.push(...usage("Bot Control requests", "waf.botControlRequests", requests === undefined ? undefined : requests / 1e6));
            }
            return lines;
        },
    },
    "aws:cognito/userPool:UserPool": {
        usage: { monthlyActiveUsers: "users who sign in, sign up or refresh a token in a month" },
        estimate: (c) => {
            const tier = known(str(c.resource.props, "userPoolTier"), "userPoolTier", "ESSENTIALS");
            if (isUnpriced(tier)) return tier;
            const key = tier === "LITE" ? "cognito.liteMau" : tier === "PLUS" ? "cognito.plusMau" : "cognito.essentialsMau";
            return usage(`monthly active users (${tier.toLowerCase()})`, key, c.usage("monthlyActiveUsers"));
        },
    },
};
