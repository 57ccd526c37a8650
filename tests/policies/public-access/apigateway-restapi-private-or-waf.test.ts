import { byName, describePolicy, res, UNKNOWN } from "../support/spec";

const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

const stage = res("aws:apigateway/stage:Stage", "api-stage", { restApi: UNKNOWN, stageName: "v1" }, { restApi: ["api"] });

describePolicy("aws-apigateway-restapi-private-or-waf", {
    level: "mandatory",
    description: /PRIVATE with a resource policy limited to VPC endpoints, or have a WAF/,
    compliant: [
        res("aws:apigateway/restApi:RestApi", "api", { endpointConfiguration: { types: "REGIONAL" } }),
        stage,
        res("aws:wafv2/webAclAssociation:WebAclAssociation", "api-waf", { resourceArn: UNKNOWN, webAclArn: UNKNOWN }, { resourceArn: ["api-stage"] }),
    ],
    alsoCompliant: [
        {
            title: "a PRIVATE API's resource policy is limited to a VPC endpoint",
            change: (f) => {
                f.splice(1);
                f[0].props = { endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: [UNKNOWN] }, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } }] }) };
            },
        },
        { title: "the association names the stage by known ARN", change: (f) => { f[0].props.id = "a1b2c3"; delete f[2].deps; f[2].props.resourceArn = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/v1"; } },
    ],
    cases: [
        { title: "regional API without WAF", break: (f) => f.pop(), expect: /is REGIONAL and no WAF web ACL is associated/ },
        { title: "the WAF is associated with another API's stage", break: (f) => { f.push(res("aws:apigateway/restApi:RestApi", "other", {})); byName(f, "api-stage").deps = { restApi: ["other"] }; }, expect: /no WAF web ACL/ },
        {
            title: "a PRIVATE API without a VPC endpoint condition",
            break: (f) => { f.splice(1); f[0].props = { endpointConfiguration: { types: ["PRIVATE"] }, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] }) }; },
            expect: /is PRIVATE but its resource policy does not limit access to VPC endpoints/,
        },
    ],
    pending: [{ title: "the association's target is unknown without dependencies", break: (f) => delete f[2].deps }],
});
