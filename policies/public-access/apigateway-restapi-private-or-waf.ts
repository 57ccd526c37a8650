import { stackRule } from "../lib/define";
import { companions, linksTo, ofTypes, propsOf } from "../lib/links";
import { parseDocument } from "../lib/policy-document";
import { at, isUnknown, list, pendingUntilUpdate } from "../lib/values";

const REST_API = "aws:apigateway/restApi:RestApi";
const REST_API_POLICY = "aws:apigateway/restApiPolicy:RestApiPolicy";
const STAGE = "aws:apigateway/stage:Stage";
const WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
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
    types: [REST_API, REST_API_POLICY, STAGE, WAF_ASSOCIATION],
    check(resources, report) {
        const stages = ofTypes(resources, [STAGE]);
        const associations = ofTypes(resources, [WAF_ASSOCIATION]);
        const apiPolicies = ofTypes(resources, [REST_API_POLICY]);
        const pending: string[] = [];
        for (const api of ofTypes(resources, [REST_API])) {
            const props = propsOf(api);
            // WAF: an association whose resourceArn is one of this API's stages (or the API itself).
            const apiStages = companions(api, stages, "restApi", ["id"], apiIdMatches);
            let wafUndecided = apiStages.undecided;
            const hasWaf = associations.some((a) => {
                const direct = linksTo(a, "resourceArn", api, ["id", "arn"], apiIdMatches);
                if (direct === "yes") return true;
                const viaStage = apiStages.linked.map((s) => linksTo(a, "resourceArn", s, ["arn"]));
                if (viaStage.includes("yes")) return true;
                if (direct === "unknown" || viaStage.includes("unknown")) wafUndecided = true;
                return false;
            });
            if (hasWaf) continue;
            const types = at(props, "endpointConfiguration", "types");
            if (isUnknown(types) || list(types).some(isUnknown)) {
                pending.push(api.name);
                continue;
            }
            const isPrivate = list(types).includes("PRIVATE");
            if (!isPrivate) {
                if (wafUndecided) pending.push(api.name);
                else report(api, `is ${list(types).length ? String(list(types)[0]) : "EDGE"} and no WAF web ACL is associated with its stages`);
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
