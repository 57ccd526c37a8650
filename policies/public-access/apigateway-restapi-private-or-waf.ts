/**
 * Anchors: cdk-nag AwsSolutions-APIG3 (REST API stages are associated with a WAFv2 web ACL), checkov
 * CKV2_AWS_29 (public API gateways are protected by WAF).
 * Beyond them: an associated web ACL managed in this stack must have rules (inline `rules`/`ruleJson`,
 * or aws.wafv2.WebAclRule / WebAclRuleGroupAssociation resources) unless its default action blocks: an
 * empty web ACL that allows by default protects nothing. A PRIVATE API passes without WAF when its
 * resource policy limits it to VPC endpoints.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../lib/define";
import { companions, linksTo, ofTypes, propsOf } from "../lib/links";
import { parseDocument } from "../lib/policy-document";
import { at, isUnknown, list, pendingUntilUpdate } from "../lib/values";

const REST_API = "aws:apigateway/restApi:RestApi";
const REST_API_POLICY = "aws:apigateway/restApiPolicy:RestApiPolicy";
const STAGE = "aws:apigateway/stage:Stage";
const WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const WEB_ACL_RULES = ["aws:wafv2/webAclRule:WebAclRule", "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation"];
const VPC_KEYS = ["aws:sourcevpce", "aws:sourcevpc"];

/** A resource policy limits access to VPC endpoints: an Allow conditioned on them, or a Deny for everything else. */
function limitedToVpce(policy: unknown): boolean | "unknown" {
    const doc = parseDocument(policy);
    if (doc.kind === "unknown") return "unknown";
    if (doc.kind !== "known") return false;
    const conditioned = (s: (typeof doc.statements)[number]) => s.conditions.some((c) => VPC_KEYS.includes(c.key));
    const allows = doc.statements.filter((s) => s.effect === "Allow");
    const denyOthers = doc.statements.some((s) => s.effect === "Deny" && s.conditions.some((c) => VPC_KEYS.includes(c.key) && /NotEquals/i.test(c.operator)));
    return denyOthers || (allows.length > 0 && allows.every(conditioned));
}

/** Does the web ACL an association names protect anything: "yes", "no" (empty and allowing), or "unknown". */
function webAclProtects(association: PolicyResource, acls: PolicyResource[], ruleResources: PolicyResource[]): "yes" | "no" | "unknown" {
    let undecided = false;
    const acl = acls.find((a) => {
        const link = linksTo(association, "webAclArn", a, ["arn"]);
        if (link === "unknown") undecided = true;
        return link === "yes";
    });
    // A web ACL managed elsewhere (or not yet linked) cannot be read: it is given the benefit of the doubt.
    if (!acl) return undecided ? "unknown" : "yes";
    const props = propsOf(acl);
    const rules = at(props, "rules");
    const ruleJson = at(props, "ruleJson");
    const block = at(props, "defaultAction", "block");
    if (isUnknown(rules) || isUnknown(ruleJson) || isUnknown(block)) return "unknown";
    if (list(rules).length > 0 || (typeof ruleJson === "string" && !/^\s*(\[\s*\])?\s*$/.test(ruleJson))) return "yes";
    if (block !== undefined && block !== null) return "yes";
    const separate = companions(acl, ruleResources, "webAclArn", ["arn"]);
    if (separate.linked.length > 0) return "yes";
    return separate.undecided ? "unknown" : "no";
}

const apiIdMatches = (reference: string, id: string) => reference === id || reference.includes(`/restapis/${id}`);

export const apigatewayRestApiPrivateOrWaf = stackRule({
    name: "aws-apigateway-restapi-private-or-waf",
    description: "REST APIs are PRIVATE with a resource policy limited to VPC endpoints, or have a WAF web ACL associated with their stage.",
    area: "public-access",
    severity: "high",
    remediation:
        "associate a WAFv2 web ACL with the stage (aws.wafv2.WebAclAssociation with resourceArn: stage.arn), or make the API PRIVATE with a resource policy conditioned on aws:SourceVpce",
    cdkNag: ["AwsSolutions-APIG3"],
    checkov: ["CKV2_AWS_29"],
    types: [REST_API, REST_API_POLICY, STAGE, WAF_ASSOCIATION, WEB_ACL, ...WEB_ACL_RULES],
    check(resources, report) {
        const stages = ofTypes(resources, [STAGE]);
        const associations = ofTypes(resources, [WAF_ASSOCIATION]);
        const apiPolicies = ofTypes(resources, [REST_API_POLICY]);
        const acls = ofTypes(resources, [WEB_ACL]);
        const aclRules = ofTypes(resources, WEB_ACL_RULES);
        const pending: string[] = [];
        for (const api of ofTypes(resources, [REST_API])) {
            const props = propsOf(api);
            // WAF: an association whose resourceArn is one of this API's stages (or the API itself).
            const apiStages = companions(api, stages, "restApi", ["id"], apiIdMatches);
            let wafUndecided = apiStages.undecided;
            const empty: string[] = [];
            const hasWaf = associations.some((a) => {
                const direct = linksTo(a, "resourceArn", api, ["id", "arn"], apiIdMatches);
                const viaStage = apiStages.linked.map((s) => linksTo(a, "resourceArn", s, ["arn"]));
                if (direct === "yes" || viaStage.includes("yes")) {
                    const protects = webAclProtects(a, acls, aclRules);
                    if (protects === "unknown") wafUndecided = true;
                    if (protects === "no") empty.push(a.name);
                    return protects === "yes";
                }
                if (direct === "unknown" || viaStage.includes("unknown")) wafUndecided = true;
                return false;
            });
            if (hasWaf) continue;
            const wafNote = empty.length > 0 ? `its WAF association${empty.length > 1 ? "s" : ""} ${empty.join(", ")} name${empty.length > 1 ? "" : "s"} a web ACL with no rules that allows by default` : "no WAF web ACL is associated with its stages";
            const types = at(props, "endpointConfiguration", "types");
            if (isUnknown(types) || list(types).some(isUnknown)) {
                pending.push(api.name);
                continue;
            }
            const isPrivate = list(types).includes("PRIVATE");
            if (!isPrivate) {
                if (wafUndecided) pending.push(api.name);
                else report(api, `is ${list(types).length ? String(list(types)[0]) : "EDGE"} and ${wafNote}`);
                continue;
            }
            const policies = [at(props, "policy"), ...companions(api, apiPolicies, "restApiId", ["id"]).linked.map((p) => at(propsOf(p), "policy"))];
            const verdicts = policies.map(limitedToVpce);
            if (verdicts.includes(true)) continue;
            if (verdicts.includes("unknown") || wafUndecided) pending.push(api.name);
            else report(api, "is PRIVATE but its resource policy does not limit access to VPC endpoints", "add a resource policy that allows execute-api:Invoke only with aws:SourceVpce (or denies other sources with StringNotEquals)");
        }
        if (pending.length > 0) pendingUntilUpdate(`the endpoint, resource policy or WAF association of REST API(s) ${pending.join(", ")}`);
    },
});
