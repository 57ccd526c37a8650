/**
 * Who may assume a role is its trust policy (`assumeRolePolicy`). Three ways it trusts too much:
 * - a public principal (`*`, `{ AWS: "*" }`, NotPrincipal) without a condition that narrows it (read by
 *   the shared analyser, lib/public-principals.ts);
 * - web-identity federation whose token claims are not pinned: an OIDC provider (GitHub Actions, EKS,
 *   GitLab, Terraform Cloud...) without a `<issuer>:sub` condition naming your repository / service
 *   account, Cognito identity pools without `cognito-identity.amazonaws.com:aud`, Google / Facebook /
 *   Login with Amazon without `:aud` or `:sub`. For GitHub, a `sub` of `*`, `repo:*`, or one that starts
 *   with a claim any repository can set (`environment:`, `ref:`, `workflow:`...) pins nothing;
 * - another account trusted without `sts:ExternalId` or an organization condition (aws:PrincipalOrgID,
 *   aws:PrincipalOrgPaths). The accounts listed in the `accountIds` config (and a provider's
 *   `allowedAccountIds`) are your own and need neither.
 *
 * Anchors: checkov CKV_AWS_60 (no `AWS: "*"`), CKV_AWS_393 (GitHub OIDC claims on roles).
 * Beyond them: NotPrincipal, every OIDC issuer, Cognito and the classic web identity providers, and
 * conditions that must really narrow. Less than checkov CKV_AWS_61, which fails any account principal:
 * here one with sts:ExternalId, an organization condition, or one of your own accounts passes.
 */
import { resourceRule } from "../lib/define";
import { parseDocument, statementLabel, type Condition, type Statement } from "../lib/policy-document";
import { analysePublicAccess, conditionNarrows } from "../lib/public-principals";
import { at, isUnknown, list, pendingUntilUpdate } from "../lib/values";

interface TrustConfig {
    accountIds: string[];
}

const POSITIVE = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike)$/i;
const GITHUB = /^token\.actions\.githubusercontent\.com(\/[A-Za-z0-9_-]+)?$/;
const CLASSIC_IDPS = ["accounts.google.com", "graph.facebook.com", "www.amazon.com"];
const COGNITO = "cognito-identity.amazonaws.com";
// Claims any GitHub repository can give its tokens: a sub that starts with one pins no repository.
const GITHUB_ABUSABLE = /^(workflow|environment|ref|context|head_ref|base_ref|job_workflow_ref)/;

/** The issuer a Federated principal stands for: `arn:...:oidc-provider/<issuer>`, or a provider name. */
function issuerOf(federated: string): string {
    const m = /:oidc-provider\/(.+)$/.exec(federated);
    return m ? m[1] : federated;
}

function claimValues(s: Statement, key: string): { values: unknown[]; found: boolean } {
    const matching = s.conditions.filter((c: Condition) => c.key === key && POSITIVE.test(c.operator));
    return { values: matching.flatMap((c) => c.values), found: matching.length > 0 };
}

/** Why a web-identity trust statement pins nothing, or undefined when it is pinned ("unknown" when a value is). */
function webIdentityProblem(s: Statement, federated: string): string | "unknown" | undefined {
    const issuer = issuerOf(federated);
    const lower = issuer.toLowerCase();
    if (federated.includes(":saml-provider/")) return undefined; // SAML assertions come from your own IdP
    const narrowValue = (v: unknown, github: boolean): boolean | "unknown" => {
        if (isUnknown(v)) return "unknown";
        if (typeof v !== "string" || v === "" || v === "*" || /^[*?]/.test(v)) return false;
        if (!github) return true;
        const [claim, value] = [v.slice(0, v.indexOf(":")), v.slice(v.indexOf(":") + 1)];
        if (v.indexOf(":") < 0 || value === "" || /^[*?]/.test(value) || GITHUB_ABUSABLE.test(claim)) return false;
        return claim !== "repo" || /^[^*?/]+\/[^/]+/.test(value);
    };
    const keys = lower === COGNITO ? [`${lower}:aud`] : CLASSIC_IDPS.includes(lower) ? [`${lower}:aud`, `${lower}:sub`] : [`${lower}:sub`];
    let unknown = false;
    for (const key of keys) {
        const { values, found } = claimValues(s, key);
        if (!found || values.length === 0) continue;
        const verdicts = values.map((v) => narrowValue(v, GITHUB.test(issuer)));
        if (verdicts.every((v) => v === true)) return undefined;
        if (verdicts.includes("unknown") && !verdicts.includes(false)) unknown = true;
    }
    if (unknown) return "unknown";
    return `trusts web identities from ${issuer} without a ${keys.join(" or ")} condition that pins ${lower === COGNITO ? "your identity pool" : "your repository, service account or app"}`;
}

/** The account a principal belongs to: a bare 12-digit id or the account field of an IAM ARN. */
function accountOf(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) return principal;
    const m = /^arn:[^:]+:(iam|sts)::(\d{12}):/.exec(principal);
    return m ? m[2] : undefined;
}

function crossAccountNarrowed(s: Statement): boolean | "unknown" {
    let unknown = false;
    for (const c of s.conditions) {
        if (c.key === "sts:externalid" && /^String(Equals|Like)$/i.test(c.operator)) {
            if (c.values.some(isUnknown)) unknown = true;
            else if (c.values.length > 0 && c.values.every((v) => typeof v === "string" && v !== "" && !v.includes("*"))) return true;
        }
        if (c.key === "aws:principalorgid" || c.key === "aws:principalorgpaths") {
            const n = conditionNarrows(c);
            if (n === "yes") return true;
            if (n === "unknown") unknown = true;
        }
    }
    return unknown ? "unknown" : false;
}

export const iamRoleTrustPolicyRestricted = resourceRule<TrustConfig>({
    name: "aws-iam-role-trust-policy-restricted",
    description:
        "IAM role trust policies trust no public principal, pin web-identity tokens (OIDC `sub`, Cognito `aud`), and trust other accounts only with sts:ExternalId or an organization condition.",
    area: "iam",
    severity: "critical",
    remediation:
        "name the principal that may assume the role; for OIDC add a StringEquals/StringLike condition on <issuer>:sub naming your repository (repo:org/repo:*) or service account; for another account add sts:ExternalId or aws:PrincipalOrgID (or list your own accounts in this policy's accountIds config)",
    checkov: ["CKV_AWS_60", "CKV_AWS_393"],
    configSchema: {
        properties: {
            accountIds: { type: "array", items: { type: "string", pattern: "^\\d{12}$" }, default: [], description: "Your own AWS accounts: trusting them needs no sts:ExternalId." },
        },
    },
    types: ["aws:iam/role:Role"],
    check({ props, providerProps }, report, config) {
        const doc = parseDocument(at(props, "assumeRolePolicy"));
        if (doc.kind === "unknown") pendingUntilUpdate("assumeRolePolicy");
        if (doc.kind !== "known") return;
        const own = new Set([...(config.accountIds ?? []), ...list(at(providerProps, "allowedAccountIds")).filter((a): a is string => typeof a === "string")]);
        const pending: string[] = [];
        const { grants, undecided } = analysePublicAccess(doc.statements);
        for (const g of grants) report(`${g.problem}: anyone can assume the role`);
        pending.push(...undecided);
        for (const s of doc.statements) {
            if (s.effect !== "Allow") continue;
            for (const p of s.typedPrincipals) {
                if (p.type.toLowerCase() === "federated") {
                    const problem = webIdentityProblem(s, p.value);
                    if (problem === "unknown") pending.push(statementLabel(s));
                    else if (problem) report(`${statementLabel(s)} ${problem}`);
                } else if (p.type.toLowerCase() === "aws" && !p.value.includes("*")) {
                    const account = accountOf(p.value);
                    if (account === undefined || own.has(account)) continue;
                    const narrowed = crossAccountNarrowed(s);
                    if (narrowed === "unknown") pending.push(statementLabel(s));
                    else if (!narrowed) report(`${statementLabel(s)} trusts account ${account} without sts:ExternalId or an organization condition (aws:PrincipalOrgID)`);
                }
            }
        }
        if (pending.length > 0) pendingUntilUpdate(`the principals or conditions of assumeRolePolicy ${[...new Set(pending)].join(", ")}`);
    },
});
