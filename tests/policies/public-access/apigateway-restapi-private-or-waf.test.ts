import { byName, describePolicy, res, UNKNOWN } from "../support/spec";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const managedRules = { name: "common", priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } }, visibilityConfig: {} };
const vpceOnly = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } }] });

describePolicy("aws-apigateway-restapi-private-or-waf", {
    level: "mandatory",
    description: /PRIVATE with a resource policy limited to VPC endpoints, or have a WAF/,
    compliant: [
        res("aws:apigateway/restApi:RestApi", "api", { endpointConfiguration: { types: "REGIONAL" } }),
        res("aws:apigateway/stage:Stage", "api-stage", { restApi: UNKNOWN, stageName: "v1" }, { restApi: ["api"] }),
        res("aws:wafv2/webAclAssociation:WebAclAssociation", "api-waf", { resourceArn: UNKNOWN, webAclArn: UNKNOWN }, { resourceArn: ["api-stage"], webAclArn: ["acl"] }),
        res(WEB_ACL, "acl", { scope: "REGIONAL", defaultAction: { allow: {} }, rules: [managedRules], visibilityConfig: {} }),
    ],
    alsoCompliant: [
        { title: "a PRIVATE API's resource policy is limited to a VPC endpoint", change: (f) => { f.splice(1); f[0].props = { endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: [UNKNOWN] }, policy: vpceOnly }; } },
        { title: "the association names the stage by known ARN", change: (f) => { f[0].props.id = "a1b2c3"; byName(f, "api-waf").deps = { webAclArn: ["acl"] }; byName(f, "api-waf").props.resourceArn = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/v1"; } },
        { title: "the web ACL's rules are separate WebAclRuleGroupAssociation resources", change: (f) => { delete byName(f, "acl").props.rules; f.push(res("aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation", "acl-common", { webAclArn: UNKNOWN, ruleName: "common", priority: 0, managedRuleGroup: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } }, { webAclArn: ["acl"] })); } },
        { title: "the web ACL has its rules as ruleJson", change: (f) => { delete byName(f, "acl").props.rules; byName(f, "acl").props.ruleJson = JSON.stringify([managedRules]); } },
        { title: "the web ACL is managed outside the stack", change: (f) => { f.pop(); byName(f, "api-waf").deps = { resourceArn: ["api-stage"] }; byName(f, "api-waf").props.webAclArn = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/a1b2"; } },
        { title: "an empty web ACL blocks by default", change: (f) => { delete byName(f, "acl").props.rules; byName(f, "acl").props.defaultAction = { block: {} }; } },
    ],
    cases: [
        { title: "regional API without WAF", break: (f) => f.splice(2), expect: /is REGIONAL and no WAF web ACL is associated/ },
        { title: "the WAF is associated with another API's stage", break: (f) => { f.push(res("aws:apigateway/restApi:RestApi", "other", {})); byName(f, "api-stage").deps = { restApi: ["other"] }; }, expect: /no WAF web ACL/ },
        { title: "the associated web ACL has no rules and allows by default", break: (f) => delete byName(f, "acl").props.rules, expect: /is REGIONAL and its WAF association api-waf names a web ACL with no rules that allows by default/ },
        { title: "the associated web ACL's ruleJson is an empty list", break: (f) => { delete byName(f, "acl").props.rules; byName(f, "acl").props.ruleJson = "[]"; }, expect: /web ACL with no rules/ },
        {
            title: "a PRIVATE API without a VPC endpoint condition",
            break: (f) => { f.splice(1); f[0].props = { endpointConfiguration: { types: ["PRIVATE"] }, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] }) }; },
            expect: /is PRIVATE but its resource policy does not limit access to VPC endpoints/,
        },
    ],
    pending: [
        { title: "the association's target is unknown without dependencies", break: (f) => delete byName(f, "api-waf").deps },
        { title: "the associated web ACL's rules are unknown", break: (f) => (byName(f, "acl").props.rules = UNKNOWN) },
    ],
});
