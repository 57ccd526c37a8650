import * as assert from "assert";
import { ApiAccountLogging, objectBody, PrivateApi, stringField, type ApiRoute, type PrivateApiArgs } from "../../components/private-api";
import { runInline, type RunResult } from "../../engine/run";
import { inputs, one, ofType, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const T = {
    restApi: "aws:apigateway/restApi:RestApi",
    resource: "aws:apigateway/resource:Resource",
    method: "aws:apigateway/method:Method",
    integration: "aws:apigateway/integration:Integration",
    integrationResponse: "aws:apigateway/integrationResponse:IntegrationResponse",
    methodResponse: "aws:apigateway/methodResponse:MethodResponse",
    permission: "aws:lambda/permission:Permission",
    authorizer: "aws:apigateway/authorizer:Authorizer",
    apiKey: "aws:apigateway/apiKey:ApiKey",
    usagePlan: "aws:apigateway/usagePlan:UsagePlan",
    usagePlanKey: "aws:apigateway/usagePlanKey:UsagePlanKey",
    validator: "aws:apigateway/requestValidator:RequestValidator",
    model: "aws:apigateway/model:Model",
    response: "aws:apigateway/response:Response",
    deployment: "aws:apigateway/deployment:Deployment",
    stage: "aws:apigateway/stage:Stage",
    methodSettings: "aws:apigateway/methodSettings:MethodSettings",
    account: "aws:apigateway/account:Account",
    waf: "aws:wafv2/webAclAssociation:WebAclAssociation",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
};

function fn(name: string) {
    const arn = `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
    return { name, arn, invokeArn: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations` };
}

const VPCE = "vpce-0123456789abcdef0";
const oauthRoutes: ApiRoute[] = [
    { method: "POST", path: "/auth/{provider}/login", function: fn("login"), authorization: "none" },
    { method: "GET", path: "/auth/{provider}/callback", function: fn("callback"), authorization: "none", requestValidation: { requiredQueryStrings: ["code", "state"] } },
    { method: "POST", path: "/auth/{provider}/refresh", function: fn("refresh"), authorization: "none", requestValidation: { requiredHeaders: ["Authorization"] } },
];
const base = (extra: Partial<PrivateApiArgs> = {}): PrivateApiArgs => ({ routes: oauthRoutes, vpcEndpointIds: [VPCE], ...extra });

const run = (args: PrivateApiArgs, opts: Parameters<typeof runInline>[1] = {}) => runInline(() => { new PrivateApi("oauth", args); }, opts);
const methodNamed = (result: RunResult, name: string) => one(result, T.method, name);

describe("PrivateApi", () => {
    describe("private exposure (default)", () => {
        it("is a PRIVATE endpoint attached to the VPC endpoints, TLS 1.2, with a resource policy", async () => {
            const result = await run(base());
            const api = inputs(one(result, T.restApi));
            assert.deepStrictEqual(api.endpointConfiguration, { types: "PRIVATE", vpcEndpointIds: [VPCE] }, "endpointConfiguration");
            assert.strictEqual(api.securityPolicy, "TLS_1_2", "securityPolicy");
            assert.strictEqual(typeof api.policy, "string", "policy is set");
        });

        it("allows execute-api:Invoke only through the given VPC endpoints and explicitly denies any other source", async () => {
            const result = await run(base({ vpcEndpointIds: [VPCE, "vpce-0fedcba9876543210"] }), { mode: "apply" });
            const statements = policyDocument(one(result, T.restApi)).Statement;
            const allows = statements.filter((s) => s.Effect === "Allow");
            const denies = statements.filter((s) => s.Effect === "Deny");
            assert.strictEqual(allows.length, 1, "one Allow");
            assert.deepStrictEqual(allows[0].Action, "execute-api:Invoke", "Allow action");
            assert.deepStrictEqual(allows[0].Condition, { StringEquals: { "aws:SourceVpce": [VPCE, "vpce-0fedcba9876543210"] } }, "Allow is conditioned on the endpoints");
            assert.strictEqual(denies.length, 1, "one Deny");
            assert.deepStrictEqual(denies[0].Condition, { StringNotEquals: { "aws:SourceVpce": [VPCE, "vpce-0fedcba9876543210"] } }, "Deny everything not from the endpoints");
            assert.strictEqual(denies[0].Action, "execute-api:Invoke", "Deny action");
            assert.strictEqual(denies[0].Resource, "execute-api:/*", "Deny covers the whole API");
        });

        it("creates no WAF association or account setting by default", async () => {
            const result = await run(base());
            assert.strictEqual(ofType(result, T.waf).length, 0, "no WebAclAssociation");
            assert.strictEqual(ofType(result, T.account).length, 0, "no aws.apigateway.Account");
        });
    });

    describe("routes", () => {
        it("builds one resource per path segment, nested, sharing prefixes, with path parameters and a greedy proxy", async () => {
            const result = await run(base({
                routes: [...oauthRoutes, { method: "ANY", path: "/files/{proxy+}", function: fn("files"), authorization: "iam" }],
            }));
            const resources = ofType(result, T.resource);
            const byName = new Map(resources.map((r) => [r.name, r]));
            assert.deepStrictEqual([...byName.keys()].sort(), [
                "oauth/auth", "oauth/auth/{provider}", "oauth/auth/{provider}/callback", "oauth/auth/{provider}/login",
                "oauth/auth/{provider}/refresh", "oauth/files", "oauth/files/{proxy+}",
            ]);
            const api = one(result, T.restApi);
            assert.strictEqual(inputs(byName.get("oauth/auth")!).parentId, api.outputs.rootResourceId, "top segment under the root resource");
            assert.strictEqual(inputs(byName.get("oauth/auth/{provider}")!).parentId, byName.get("oauth/auth")!.id, "nested under its parent");
            assert.strictEqual(inputs(byName.get("oauth/auth/{provider}/login")!).parentId, byName.get("oauth/auth/{provider}")!.id, "nested under the parameter");
            assert.strictEqual(inputs(byName.get("oauth/auth/{provider}")!).pathPart, "{provider}", "parameter segment");
            assert.strictEqual(inputs(byName.get("oauth/files/{proxy+}")!).pathPart, "{proxy+}", "greedy segment");
        });

        it("puts each method on its resource with a Lambda proxy integration (AWS_PROXY, POST) to the route's function", async () => {
            const result = await run(base());
            const login = methodNamed(result, "oauth-POST/auth/{provider}/login");
            assert.strictEqual(inputs(login).httpMethod, "POST");
            assert.strictEqual(inputs(login).resourceId, one(result, T.resource, "oauth/auth/{provider}/login").id, "method on its resource");
            assert.deepStrictEqual(inputs(login).requestParameters, { "method.request.path.provider": true }, "path parameter declared");
            const integration = inputs(one(result, T.integration, "oauth-POST/auth/{provider}/login"));
            assert.strictEqual(integration.type, "AWS_PROXY", "integration type");
            assert.strictEqual(integration.integrationHttpMethod, "POST", "integrationHttpMethod");
            assert.strictEqual(integration.uri, fn("login").invokeArn, "integration uri is the function's invokeArn");
        });

        it("scopes each Lambda permission's sourceArn to this API, the route's method and its path", async () => {
            const result = await run(base({ routes: [...oauthRoutes, { method: "ANY", path: "/files/{proxy+}", function: fn("files"), authorization: "iam" }, { method: "GET", path: "/", function: fn("root"), authorization: "none" }] }), { mode: "apply" });
            const executionArn = one(result, T.restApi).outputs.executionArn as string;
            assert.match(executionArn, /^arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]{10}$/);
            const permissions = ofType(result, T.permission).map(inputs);
            assert.strictEqual(permissions.length, 5, "one permission per route");
            const byFunction = Object.fromEntries(permissions.map((p) => [p.function, p]));
            assert.strictEqual(byFunction.login.sourceArn, `${executionArn}/*/POST/auth/*/login`, "login sourceArn");
            assert.strictEqual(byFunction.callback.sourceArn, `${executionArn}/*/GET/auth/*/callback`, "callback sourceArn");
            assert.strictEqual(byFunction.files.sourceArn, `${executionArn}/*/*/files/*`, "ANY + greedy sourceArn");
            assert.strictEqual(byFunction.root.sourceArn, `${executionArn}/*/GET/`, "root sourceArn");
            for (const p of permissions) {
                assert.strictEqual(p.principal, "apigateway.amazonaws.com", "principal");
                assert.strictEqual(p.action, "lambda:InvokeFunction", "action");
                assert.match(p.statementId, /^[A-Za-z0-9_-]{1,100}$/, "statementId alphabet");
            }
            assert.strictEqual(new Set(permissions.map((p) => p.statementId)).size, permissions.length, "statement ids unique");
        });

        it("maps authorization: iam to AWS_IAM, none to NONE, and requires no API key for them", async () => {
            const result = await run(base({ routes: [{ method: "GET", path: "/a", function: fn("a"), authorization: "iam" }, { method: "GET", path: "/b", function: fn("b"), authorization: "none" }] }));
            assert.strictEqual(inputs(methodNamed(result, "oauth-GET/a")).authorization, "AWS_IAM");
            assert.strictEqual(inputs(methodNamed(result, "oauth-GET/b")).authorization, "NONE");
            assert.strictEqual(inputs(methodNamed(result, "oauth-GET/a")).apiKeyRequired, false);
            assert.strictEqual(ofType(result, T.authorizer).length, 0, "no authorizer without cognito routes");
            assert.strictEqual(ofType(result, T.apiKey).length, 0, "no API key without apiKey routes");
        });

        it("creates a Cognito user-pool authorizer when a route uses cognito, and wires it with scopes", async () => {
            const pool = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc";
            const result = await run(base({
                cognitoUserPoolArns: [pool],
                routes: [{ method: "GET", path: "/user/profile", function: fn("profile"), authorization: "cognito", authorizationScopes: ["profile/read"] }],
            }));
            const authorizer = one(result, T.authorizer);
            assert.strictEqual(inputs(authorizer).type, "COGNITO_USER_POOLS");
            assert.deepStrictEqual(inputs(authorizer).providerArns, [pool]);
            assert.strictEqual(inputs(authorizer).identitySource, "method.request.header.Authorization");
            const method = inputs(methodNamed(result, "oauth-GET/user/profile"));
            assert.strictEqual(method.authorization, "COGNITO_USER_POOLS");
            assert.strictEqual(method.authorizerId, authorizer.id, "method uses the authorizer");
            assert.deepStrictEqual(method.authorizationScopes, ["profile/read"]);
        });

        it("creates an API key, a usage plan on the stage with throttle and quota, and links them when a route uses apiKey", async () => {
            const routes: ApiRoute[] = [{ method: "GET", path: "/dn_users_list", function: fn("users"), authorization: "apiKey" }];
            const result = await runInline(() => {
                const api = new PrivateApi("dn", base({ routes, apiKeyUsage: { throttle: { rateLimit: 5, burstLimit: 10 }, quota: { limit: 500, period: "WEEK" } } }));
                return { apiKeyId: api.apiKeyId };
            });
            assert.strictEqual(inputs(methodNamed(result, "dn-GET/dn_users_list")).apiKeyRequired, true, "apiKeyRequired");
            assert.strictEqual(inputs(methodNamed(result, "dn-GET/dn_users_list")).authorization, "NONE");
            assert.strictEqual(inputs(one(result, T.restApi)).apiKeySource, "HEADER");
            const key = one(result, T.apiKey);
            const plan = inputs(one(result, T.usagePlan));
            assert.deepStrictEqual(plan.throttleSettings, { rateLimit: 5, burstLimit: 10 }, "usage plan throttle");
            assert.deepStrictEqual(plan.quotaSettings, { limit: 500, period: "WEEK" }, "usage plan quota");
            assert.deepStrictEqual(plan.apiStages, [{ apiId: one(result, T.restApi).id, stage: "v1" }], "plan covers the stage");
            const link = inputs(one(result, T.usagePlanKey));
            assert.strictEqual(link.keyId, key.id);
            assert.strictEqual(link.keyType, "API_KEY");
            assert.strictEqual(link.usagePlanId, one(result, T.usagePlan).id);
            assert.strictEqual(result.outputs.apiKeyId, key.id, "apiKeyId output");
        });

        it("uses the default usage plan (10 rps, burst 20, 10,000 a day) when apiKeyUsage is not given", async () => {
            const result = await run(base({ routes: [{ method: "POST", path: "/send-mail", function: fn("mail"), authorization: "apiKey" }] }));
            const plan = inputs(one(result, T.usagePlan));
            assert.deepStrictEqual(plan.throttleSettings, { rateLimit: 10, burstLimit: 20 });
            assert.deepStrictEqual(plan.quotaSettings, { limit: 10000, period: "DAY" });
        });

        it("validates bodies against a model and required parameters with the matching request validators", async () => {
            const schema = { type: "object", required: ["trackId"], properties: { trackId: { type: "string" } } };
            const result = await run(base({
                routes: [
                    { method: "POST", path: "/progress/track", function: fn("track"), authorization: "none", requestValidation: { bodySchema: schema } },
                    ...oauthRoutes,
                ],
            }));
            const validators = Object.fromEntries(ofType(result, T.validator).map((v) => [v.name, v]));
            assert.deepStrictEqual(Object.keys(validators).sort(), ["oauth-validate-body", "oauth-validate-params"]);
            assert.strictEqual(inputs(validators["oauth-validate-body"]).validateRequestBody, true);
            assert.strictEqual(inputs(validators["oauth-validate-params"]).validateRequestBody, false);
            assert.strictEqual(inputs(validators["oauth-validate-params"]).validateRequestParameters, true);
            const model = one(result, T.model);
            assert.match(inputs(model).name, /^[A-Za-z0-9]+$/, "model name alphanumeric");
            assert.deepStrictEqual(JSON.parse(inputs(model).schema), { $schema: "http://json-schema.org/draft-04/schema#", title: inputs(model).name, ...schema }, "model schema, declared draft 4");
            const track = inputs(methodNamed(result, "oauth-POST/progress/track"));
            assert.strictEqual(track.requestValidatorId, validators["oauth-validate-body"].id);
            assert.deepStrictEqual(track.requestModels, { "application/json": inputs(model).name, "$default": inputs(model).name },
                "every Content-Type is validated (API Gateway skips validation for a type without a model)");
            const callback = inputs(methodNamed(result, "oauth-GET/auth/{provider}/callback"));
            assert.strictEqual(callback.requestValidatorId, validators["oauth-validate-params"].id);
            assert.deepStrictEqual(callback.requestParameters, {
                "method.request.path.provider": true, "method.request.querystring.code": true, "method.request.querystring.state": true,
            });
            assert.deepStrictEqual(inputs(methodNamed(result, "oauth-POST/auth/{provider}/refresh")).requestParameters, {
                "method.request.path.provider": true, "method.request.header.Authorization": true,
            });
            assert.strictEqual(inputs(methodNamed(result, "oauth-POST/auth/{provider}/login")).requestValidatorId, undefined, "no validator without validation");
        });
    });

    describe("request body schemas", () => {
        const withBody = (bodySchema: Record<string, unknown>, method: ApiRoute["method"] = "POST") => run(base({
            routes: [{ method, path: "/progress/track", function: fn("track"), authorization: "none", requestValidation: { bodySchema } }],
        }));
        const cases: [string, Record<string, unknown>, RegExp][] = [
            ["a draft-6 const, which API Gateway would ignore", { type: "object", properties: { kind: { const: "track" } } },
                /argument routes\[0\]\.requestValidation\.bodySchema: got "#\/properties\/kind\/const"; allowed: draft-4 keywords only \(API Gateway ignores "const", so the body would pass unchecked\)/],
            ["if/then nested in allOf", { allOf: [{ if: { required: ["a"] }, then: { required: ["b"] } }] }, /got "#\/allOf\/0\/if"; allowed: draft-4 keywords only/],
            ["a numeric exclusiveMinimum (draft 6)", { type: "number", exclusiveMinimum: 0 }, /got "#\/exclusiveMinimum"; allowed: a boolean beside minimum\/maximum \(draft 4\)/],
            ["a draft-7 $schema", { $schema: "http://json-schema.org/draft-07/schema#", type: "object" }, /got "#\/\$schema"; allowed: "http:\/\/json-schema\.org\/draft-04\/schema#" or no \$schema/],
            ["a remote $ref", { $ref: "https://example.com/schema.json" }, /got "#\/\$ref"; allowed: a local reference/],
            ["a required property a closed object cannot have", { type: "object", properties: { a: { type: "string" } }, required: ["b"], additionalProperties: false }, /got "#\/required"; allowed: "b" is required but not among the properties/],
        ];
        for (const [what, schema, message] of cases) {
            it(`refuses ${what}`, async () => {
                await assert.rejects(withBody(schema), message);
            });
        }
        it("refuses a body schema on GET", async () => {
            await assert.rejects(withBody({ type: "object" }, "GET"), /argument routes\[0\]\.requestValidation\.bodySchema: got "GET"; allowed: a body schema on a method that carries a body/);
        });
        it("accepts draft-4 schemas with definitions, local refs, dependencies and boolean exclusive bounds", async () => {
            const schema = objectBody({
                position: { type: "number", minimum: 0, exclusiveMinimum: true },
                note: { $ref: "#/definitions/note" },
                code: stringField({ maxLength: 10 }), newPassword: stringField({ maxLength: 256 }),
            }, ["position"], { definitions: { note: { type: "string", maxLength: 500 } }, dependencies: { code: ["newPassword"] } });
            const result = await withBody(schema);
            assert.deepStrictEqual(JSON.parse(inputs(one(result, T.model)).schema).additionalProperties, false, "objectBody is closed");
            assert.deepStrictEqual(JSON.parse(inputs(one(result, T.model)).schema).required, ["position"]);
        });
    });

    describe("custom domain (regional)", () => {
        const ZONE = "Z0123456789EXAMPLE";
        const regional = (customDomain: PrivateApiArgs["customDomain"]) => base({ exposure: "regional", vpcEndpointIds: undefined, requireWebAcl: false, customDomain });
        const outputs = (result: RunResult) => result.resources.find((r) => r.type === "platform:api:PrivateApi")!.outputs as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

        it("with a zone: a certificate in the API's region validated in the zone, a REGIONAL TLS 1.2 domain mapped to the stage, an alias record", async () => {
            const result = await run(regional({ domainName: "api.example.com", requestCertificate: true, hostedZoneId: ZONE }), { mode: "apply" });
            const cert = one(result, "aws:acm/certificate:Certificate");
            assert.strictEqual(cert.provider, undefined, "the API's own region: no extra provider");
            assert.strictEqual(inputs(cert).domainName, "api.example.com");
            const validation = one(result, "aws:acm/certificateValidation:CertificateValidation");
            const domain = one(result, "aws:apigateway/domainName:DomainName");
            assert.deepStrictEqual(inputs(domain), { domainName: "api.example.com", regionalCertificateArn: validation.outputs.certificateArn, endpointConfiguration: { types: "REGIONAL" }, securityPolicy: "TLS_1_2" });
            const mapping = inputs(one(result, "aws:apigateway/basePathMapping:BasePathMapping"));
            assert.deepStrictEqual([mapping.restApi, mapping.stageName, mapping.domainName], [one(result, T.restApi).id, "v1", "api.example.com"]);
            const alias = ofType(result, "aws:route53/record:Record").map(inputs).find((r) => r.aliases)!;
            assert.deepStrictEqual([alias.zoneId, alias.name, alias.type, alias.aliases[0].name, alias.aliases[0].zoneId],
                [ZONE, "api.example.com", "A", domain.outputs.regionalDomainName, domain.outputs.regionalZoneId]);
            assert.strictEqual(outputs(result).url, "https://api.example.com");
        });

        it("without a zone: the certificate and its record as outputs, no domain yet (API Gateway refuses a pending certificate), then the domain once certificateValidated", async () => {
            const pending = await run(regional({ domainName: "api.example.com", requestCertificate: true }), { mode: "apply" });
            assert.strictEqual(ofType(pending, "aws:apigateway/domainName:DomainName").length, 0);
            assert.strictEqual(ofType(pending, "aws:acm/certificateValidation:CertificateValidation").length, 0);
            assert.match(outputs(pending).url, /execute-api/);
            assert.strictEqual(outputs(pending).certificateValidationRecords.length, 1);
            assert.match(pending.diagnostics.find((x) => x.severity === "warning")!.message, /PrivateApi "oauth": the certificate for api\.example\.com awaits DNS validation/);
            const validated = await run(regional({ domainName: "api.example.com", requestCertificate: true, certificateValidated: true }), { mode: "apply" });
            assert.strictEqual(ofType(validated, "aws:apigateway/domainName:DomainName").length, 1);
            assert.strictEqual(ofType(validated, "aws:route53/record:Record").length, 0, "DNS is managed elsewhere");
        });

        it("a given certificate: the domain at once", async () => {
            const arn = "arn:aws:acm:us-east-1:123456789012:certificate/3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7";
            const result = await run(regional({ domainName: "api.example.com", certificateArn: arn }), { mode: "apply" });
            assert.strictEqual(inputs(one(result, "aws:apigateway/domainName:DomainName")).regionalCertificateArn, arn);
            assert.strictEqual(ofType(result, "aws:acm/certificate:Certificate").length, 0);
        });

        const bad: [string, PrivateApiArgs, RegExp][] = [
            ["on a private API", base({ customDomain: { domainName: "api.example.com", requestCertificate: true } }), /argument customDomain: got "api.example.com"; allowed: a custom domain on a regional API only/],
            ["without a certificate source", regional({ domainName: "api.example.com" }), /argument customDomain\.certificateArn: got nothing; allowed: exactly one of certificateArn/],
            ["certificateValidated with a zone", regional({ domainName: "api.example.com", requestCertificate: true, hostedZoneId: ZONE, certificateValidated: true }), /argument customDomain\.certificateValidated: got true/],
            ["an upper-case host", regional({ domainName: "API.example.com", requestCertificate: true }), /argument customDomain\.domainName: got "API.example.com"/],
        ];
        for (const [what, args, message] of bad) it(`refuses a custom domain ${what}`, async () => assert.rejects(run(args), message));
    });

    describe("CORS", () => {
        it("answers preflight with a MOCK integration limited to the configured origin, and adds CORS headers to 4XX/5XX", async () => {
            const result = await run(base({ cors: { allowOrigins: ["https://app.multimusic.example"] } }));
            const options = ofType(result, T.method).filter((m) => inputs(m).httpMethod === "OPTIONS");
            assert.deepStrictEqual(options.map((m) => m.name).sort(), ["oauth-OPTIONS/auth/{provider}/callback", "oauth-OPTIONS/auth/{provider}/login", "oauth-OPTIONS/auth/{provider}/refresh"]);
            assert.ok(options.every((m) => inputs(m).authorization === "NONE"), "preflight is unauthenticated");
            const integration = inputs(one(result, T.integration, "oauth-OPTIONS/auth/{provider}/login"));
            assert.strictEqual(integration.type, "MOCK");
            const response = inputs(one(result, T.integrationResponse, "oauth-OPTIONS/auth/{provider}/login"));
            assert.strictEqual(response.responseParameters["method.response.header.Access-Control-Allow-Origin"], "'https://app.multimusic.example'", "origin");
            assert.strictEqual(response.responseParameters["method.response.header.Access-Control-Allow-Methods"], "'OPTIONS,POST'", "methods of the path");
            assert.strictEqual(response.responseParameters["method.response.header.Access-Control-Max-Age"], "'600'", "max age");
            assert.strictEqual(response.responseParameters["method.response.header.Access-Control-Allow-Credentials"], undefined, "no credentials by default");
            assert.strictEqual(response.responseTemplates, undefined, "no template with one origin");
            const declared = inputs(one(result, T.methodResponse, "oauth-OPTIONS/auth/{provider}/login")).responseParameters;
            assert.deepStrictEqual(Object.keys(declared).sort(), Object.keys(response.responseParameters).sort(), "method response declares every header");
            const gateway = ofType(result, T.response).map(inputs);
            assert.deepStrictEqual(gateway.map((g) => g.responseType).sort(), ["DEFAULT_4XX", "DEFAULT_5XX"]);
            for (const g of gateway) assert.strictEqual(g.responseParameters["gatewayresponse.header.Access-Control-Allow-Origin"], "'https://app.multimusic.example'", `${g.responseType} origin`);
        });

        it("echoes only listed origins when several are allowed, and sends credentials when asked", async () => {
            const origins = ["https://a.example", "https://b.example"];
            const result = await run(base({ cors: { allowOrigins: origins, allowCredentials: true, maxAgeSeconds: 60 } }));
            const response = inputs(one(result, T.integrationResponse, "oauth-OPTIONS/auth/{provider}/login"));
            const template = response.responseTemplates["application/json"] as string;
            assert.match(template, /\$origin == "https:\/\/a\.example" \|\| \$origin == "https:\/\/b\.example"/, "template tests each origin");
            assert.match(template, /responseOverride\.header\.Access-Control-Allow-Origin = \$origin/);
            assert.strictEqual(response.responseParameters["method.response.header.Access-Control-Allow-Credentials"], "'true'");
            assert.strictEqual(response.responseParameters["method.response.header.Access-Control-Max-Age"], "'60'");
        });

        it("skips preflight for a route with cors: false and creates none without cors", async () => {
            const routes: ApiRoute[] = [{ ...oauthRoutes[0], cors: false }, oauthRoutes[1]];
            const withCors = await run(base({ routes, cors: { allowOrigins: ["https://app.example"] } }));
            assert.deepStrictEqual(ofType(withCors, T.method).filter((m) => inputs(m).httpMethod === "OPTIONS").map((m) => m.name), ["oauth-OPTIONS/auth/{provider}/callback"]);
            const without = await run(base());
            assert.strictEqual(ofType(without, T.method).filter((m) => inputs(m).httpMethod === "OPTIONS").length, 0, "no OPTIONS without cors");
            assert.strictEqual(ofType(without, T.response).length, 0, "no gateway responses without cors");
        });

        it("accepts * only when allowWildcardOrigin is set (dev)", async () => {
            const result = await run(base({ cors: { allowOrigins: ["*"], allowWildcardOrigin: true } }), { stack: "dev" });
            assert.strictEqual(inputs(one(result, T.integrationResponse, "oauth-OPTIONS/auth/{provider}/login")).responseParameters["method.response.header.Access-Control-Allow-Origin"], "'*'");
        });
    });

    describe("deployment and stage", () => {
        it("deploys after every method and integration, and redeploys when the route table changes", async () => {
            const first = await run(base(), { mode: "apply" });
            const deployment = one(first, T.deployment);
            const methodUrns = [...ofType(first, T.method), ...ofType(first, T.integration)].map((r) => r.urn);
            for (const urn of methodUrns) assert.ok(deployment.options.dependsOn.includes(urn), `deployment depends on ${urn}`);
            const trigger = inputs(deployment).triggers.redeployment;
            assert.match(trigger, /^[0-9a-f]{64}$/, "trigger is a digest");
            const same = await run(base(), { mode: "apply" });
            assert.strictEqual(inputs(one(same, T.deployment)).triggers.redeployment, trigger, "same routes, same trigger");
            const changed = await run(base({ routes: [...oauthRoutes, { method: "GET", path: "/health", function: fn("health"), authorization: "none" }] }), { mode: "apply" });
            assert.notStrictEqual(inputs(one(changed, T.deployment)).triggers.redeployment, trigger, "a new route changes the trigger");
            const otherFunction = await run(base({ routes: [{ ...oauthRoutes[0], function: fn("login-v2") }, ...oauthRoutes.slice(1)] }), { mode: "apply" });
            assert.notStrictEqual(inputs(one(otherFunction, T.deployment)).triggers.redeployment, trigger, "a new function changes the trigger");
            const otherEndpoint = await run(base({ vpcEndpointIds: ["vpce-0aaaaaaaaaaaaaaaa"] }), { mode: "apply" });
            assert.notStrictEqual(inputs(one(otherEndpoint, T.deployment)).triggers.redeployment, trigger, "a resource policy change redeploys");
            assert.strictEqual(deployment.options.deleteBeforeReplace, false, "replaced create-before-delete");
        });

        it("traces with X-Ray and writes JSON access logs to a KMS-encrypted log group with retention", async () => {
            const result = await run(base());
            const stage = inputs(one(result, T.stage));
            assert.strictEqual(stage.xrayTracingEnabled, true, "xrayTracingEnabled");
            assert.strictEqual(stage.stageName, "v1", "default stage name");
            assert.strictEqual(stage.deployment, one(result, T.deployment).id, "stage on the deployment");
            const access = one(result, T.logGroup, "oauth-access");
            assert.strictEqual(stage.accessLogSettings.destinationArn, access.outputs.arn, "access logs to the access group");
            const format = JSON.parse(stage.accessLogSettings.format);
            assert.strictEqual(format.requestId, "$context.requestId");
            assert.strictEqual(format.vpceId, "$context.identity.vpceId");
            assert.strictEqual(format.status, "$context.status");
            const key = one(result, "aws:kms/key:Key");
            for (const group of ofType(result, T.logGroup)) {
                assert.strictEqual(inputs(group).kmsKeyId, key.outputs.arn, `${group.name} encrypted`);
                assert.strictEqual(inputs(group).retentionInDays, 90, `${group.name} retention`);
            }
            const execution = one(result, T.logGroup, "oauth-execution");
            assert.strictEqual(inputs(execution).name, `API-Gateway-Execution-Logs_${one(result, T.restApi).id}/v1`, "execution log group pre-created");
            assert.ok(one(result, T.stage).options.dependsOn.includes(execution.urn), "stage waits for the execution log group");
        });

        it("sets execution logging (ERROR), metrics, no data trace and the default throttle on every method", async () => {
            const result = await run(base());
            const all = inputs(one(result, T.methodSettings));
            assert.strictEqual(all.methodPath, "*/*");
            assert.deepStrictEqual(all.settings, { loggingLevel: "ERROR", metricsEnabled: true, dataTraceEnabled: false, throttlingRateLimit: 100, throttlingBurstLimit: 200 });
            assert.strictEqual(all.stageName, "v1");
        });

        it("takes the logging level, throttles, retention, stage name and key from args, and overrides one route's throttle", async () => {
            const keyArn = "arn:aws:kms:us-east-1:123456789012:key/given";
            const routes: ApiRoute[] = [{ ...oauthRoutes[0], throttle: { rateLimit: 1, burstLimit: 2 } }, ...oauthRoutes.slice(1)];
            const result = await run(base({ routes, loggingLevel: "INFO", throttle: { rateLimit: 20, burstLimit: 40 }, logRetentionInDays: 14, stageName: "prod", kmsKeyArn: keyArn }));
            const settings = ofType(result, T.methodSettings).map(inputs);
            const all = settings.find((s) => s.methodPath === "*/*")!;
            assert.deepStrictEqual(all.settings, { loggingLevel: "INFO", metricsEnabled: true, dataTraceEnabled: false, throttlingRateLimit: 20, throttlingBurstLimit: 40 });
            const login = settings.find((s) => s.methodPath === "auth/{provider}/login/POST");
            assert.ok(login, "per-route method settings");
            assert.strictEqual(login.settings.throttlingRateLimit, 1);
            assert.strictEqual(login.settings.throttlingBurstLimit, 2);
            assert.strictEqual(login.settings.dataTraceEnabled, false);
            assert.strictEqual(inputs(one(result, T.stage)).stageName, "prod");
            assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created when one is given");
            for (const group of ofType(result, T.logGroup)) {
                assert.strictEqual(inputs(group).kmsKeyId, keyArn);
                assert.strictEqual(inputs(group).retentionInDays, 14);
            }
        });

        it("protects the key it creates unless protectData is false (dev)", async () => {
            assert.strictEqual(one(await run(base()), "aws:kms/key:Key").options.protect, true, "prod default");
            assert.strictEqual(one(await run(base({ protectData: false }), { stack: "dev" }), "aws:kms/key:Key").options.protect, false, "dev");
        });

        it("sets the account CloudWatch role only when asked: a role it creates, or a given one", async () => {
            const managed = await run(base({ manageAccountLoggingRole: true }));
            const role = one(managed, "aws:iam/role:Role");
            assert.deepStrictEqual(JSON.parse(inputs(role).assumeRolePolicy).Statement[0].Principal, { Service: "apigateway.amazonaws.com" });
            assert.strictEqual(inputs(one(managed, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).policyArn, "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
            const account = one(managed, T.account);
            assert.strictEqual(inputs(account).cloudwatchRoleArn, role.outputs.arn);
            assert.ok(one(managed, T.stage).options.dependsOn.includes(account.urn), "stage waits for the account setting");
            const given = await run(base({ accountLoggingRoleArn: "arn:aws:iam::123456789012:role/apigw-logs" }));
            assert.strictEqual(inputs(one(given, T.account)).cloudwatchRoleArn, "arn:aws:iam::123456789012:role/apigw-logs");
            assert.strictEqual(ofType(given, "aws:iam/role:Role").length, 0, "no role created when one is given");
        });

        it("exposes restApiId, executionArn, stageName, stageArn and invokeUrl, and no apiKeyId without API-key routes", async () => {
            const result = await runInline(() => {
                const api = new PrivateApi("oauth", base());
                assert.strictEqual(api.apiKeyId, undefined, "no apiKeyId");
                return { restApiId: api.restApiId, executionArn: api.executionArn, stageName: api.stageName, stageArn: api.stageArn, invokeUrl: api.invokeUrl };
            });
            const restApi = one(result, T.restApi);
            assert.strictEqual(result.outputs.restApiId, restApi.id);
            assert.strictEqual(result.outputs.executionArn, restApi.outputs.executionArn);
            assert.strictEqual(result.outputs.stageName, "v1");
            assert.strictEqual(result.outputs.stageArn, one(result, T.stage).outputs.arn);
            assert.strictEqual(result.outputs.invokeUrl, `https://${restApi.id}.execute-api.us-east-1.amazonaws.com/v1`);
        });

        it("runs in preview mode too", async () => {
            const result = await run(base(), { mode: "preview" });
            assert.strictEqual(ofType(result, T.method).length, 3);
            assert.strictEqual(policyDocument(one(result, T.restApi)).Statement.length, 2, "policy known in preview when endpoint ids are");
        });
    });

    describe("regional exposure", () => {
        const waf = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/abc";
        it("is a REGIONAL endpoint without VPC endpoints, associated with the web ACL at its stage", async () => {
            const result = await run({ routes: oauthRoutes, exposure: "regional", webAclArn: waf });
            const api = inputs(one(result, T.restApi));
            assert.deepStrictEqual(api.endpointConfiguration, { types: "REGIONAL" });
            assert.strictEqual(api.policy, undefined, "no VPC endpoint policy");
            const association = inputs(one(result, T.waf));
            assert.strictEqual(association.webAclArn, waf);
            assert.strictEqual(association.resourceArn, one(result, T.stage).outputs.arn, "associated with the stage");
        });

        it("may go without a web ACL only when requireWebAcl is false (dev)", async () => {
            const result = await run({ routes: oauthRoutes, exposure: "regional", requireWebAcl: false }, { stack: "dev" });
            assert.strictEqual(ofType(result, T.waf).length, 0);
        });
    });

    describe("rejects bad arguments, naming the component and the argument", () => {
        const r = (route: Partial<ApiRoute>): ApiRoute => ({ method: "GET", path: "/a", function: fn("a"), authorization: "none", ...route } as ApiRoute);
        const cases: [string, PrivateApiArgs, RegExp][] = [
            ["a route path without a leading slash", base({ routes: [r({ path: "auth/login" })] }), /PrivateApi "bad": argument routes\[0\]\.path: got "auth\/login"; allowed: a path starting with \//],
            ["a duplicate route", base({ routes: [r({}), r({ function: fn("b") })] }), /PrivateApi "bad": argument routes\[1\]\.path: got "GET \/a"; allowed: one route per method and path/],
            ["an unknown method", base({ routes: [r({ method: "FETCH" as never })] }), /argument routes\[0\]\.method: got "FETCH"; allowed: GET, POST/],
            ["an unknown authorization", base({ routes: [r({ authorization: "jwt" as never })] }), /argument routes\[0\]\.authorization: got "jwt"/],
            ["no routes", base({ routes: [] }), /PrivateApi "bad": argument routes: got \[\]; allowed: at least one route/],
            ["a private API without a VPC endpoint", { routes: oauthRoutes }, /PrivateApi "bad": argument vpcEndpointIds: got nothing; allowed: at least one execute-api VPC endpoint id/],
            ["a private API with an empty endpoint list", { routes: oauthRoutes, vpcEndpointIds: [] }, /argument vpcEndpointIds: got \[\]/],
            ["a regional API without a web ACL when required", { routes: oauthRoutes, exposure: "regional" }, /PrivateApi "bad": argument webAclArn: got nothing; allowed: a WAF web ACL ARN for a regional API while requireWebAcl is true/],
            ["a regional API with VPC endpoints", { routes: oauthRoutes, exposure: "regional", vpcEndpointIds: [VPCE], requireWebAcl: false }, /argument vpcEndpointIds/],
            ["an unknown exposure", { routes: oauthRoutes, exposure: "public" as never }, /argument exposure: got "public"/],
            ["a throttle rate of 0", base({ throttle: { rateLimit: 0, burstLimit: 10 } }), /PrivateApi "bad": argument throttle: got \{"rateLimit":0,"burstLimit":10\}; allowed: rateLimit > 0/],
            ["a route throttle burst of 0", base({ routes: [r({ throttle: { rateLimit: 1, burstLimit: 0 } })] }), /argument routes\[0\]\.throttle/],
            ["a usage-plan throttle of 0", base({ apiKeyUsage: { throttle: { rateLimit: 0, burstLimit: 1 } } }), /argument apiKeyUsage\.throttle/],
            ["a quota of 0", base({ apiKeyUsage: { quota: { limit: 0, period: "DAY" } } }), /argument apiKeyUsage\.quota/],
            ["a cognito route without user pools", base({ routes: [r({ authorization: "cognito" })] }), /argument cognitoUserPoolArns: got nothing; allowed: at least one user pool ARN, as routes\[0\] uses cognito/],
            ["scopes on a non-cognito route", base({ routes: [r({ authorizationScopes: ["x"] })] }), /argument routes\[0\]\.authorizationScopes/],
            ["a CORS origin * without the explicit allowance", base({ cors: { allowOrigins: ["*"] } }), /PrivateApi "bad": argument cors\.allowOrigins: got "\*"; allowed: explicit origins; \* only with cors\.allowWildcardOrigin/],
            ["* with credentials", base({ cors: { allowOrigins: ["*"], allowWildcardOrigin: true, allowCredentials: true } }), /argument cors\.allowOrigins: got "\*"; allowed: explicit origins when cors\.allowCredentials is true/],
            ["an origin with a path", base({ cors: { allowOrigins: ["https://app.example/x"] } }), /argument cors\.allowOrigins: got "https:\/\/app\.example\/x"/],
            ["a plain-http origin", base({ cors: { allowOrigins: ["http://app.example"] } }), /argument cors\.allowOrigins: got "http:\/\/app\.example"/],
            ["no CORS origins", base({ cors: { allowOrigins: [] } }), /argument cors\.allowOrigins: got \[\]/],
            ["route cors without API cors", base({ routes: [r({ cors: true })] }), /argument routes\[0\]\.cors: got true/],
            ["a greedy parameter before the end", base({ routes: [r({ path: "/{proxy+}/x" })] }), /argument routes\[0\]\.path: got "\/\{proxy\+\}\/x"; allowed: a greedy parameter/],
            ["a trailing slash", base({ routes: [r({ path: "/a/" })] }), /argument routes\[0\]\.path: got "\/a\/"/],
            ["an empty segment", base({ routes: [r({ path: "/a//b" })] }), /argument routes\[0\]\.path: got "\/a\/\/b"/],
            ["sibling parameters with different names", base({ routes: [r({ path: "/items/{id}" }), r({ path: "/items/{itemId}/x" })] }), /PrivateApi "bad": argument routes: got \["\/items\/\{id\}","\/items\/\{itemId\}"\]/],
            ["an unknown logging level", base({ loggingLevel: "DEBUG" as never }), /argument loggingLevel: got "DEBUG"; allowed: ERROR or INFO/],
            ["a bad stage name", base({ stageName: "v 1" }), /argument stageName: got "v 1"/],
            ["both account logging options", base({ manageAccountLoggingRole: true, accountLoggingRoleArn: "arn:aws:iam::1:role/x" }), /argument accountLoggingRoleArn/],
            ["an OPTIONS route on a CORS path", base({ cors: { allowOrigins: ["https://a.example"] }, routes: [r({}), r({ method: "OPTIONS" })] }), /argument routes\[0\]\.cors: got "\/a"; allowed: no CORS on a path that also declares an OPTIONS route/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => { new PrivateApi("bad", args); }), message);
            });
        }
        it("registers nothing when an argument is bad", async () => {
            const result = await runInline(() => { try { new PrivateApi("bad", { routes: [] }); } catch { /* expected */ } });
            assert.strictEqual(ofType(result, "platform:api:PrivateApi").length, 0);
            assert.strictEqual(ofType(result, T.restApi).length, 0);
        });
    });

    it("documents every PrivateApiArgs property in the README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("private-api"), interfaceProperties("private-api", "PrivateApiArgs"));
    });
});

describe("PrivateApi and the region's API Gateway account logging", () => {
    it("makes the stage and method settings wait for the stack's ApiAccountLogging", async () => {
        const fn = { name: "fn", arn: "arn:aws:lambda:us-east-1:123456789012:function:fn", invokeArn: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations" };
        const result = await runInline(() => {
            const logging = new ApiAccountLogging("apigateway-account-logging");
            new PrivateApi("api", { routes: [{ method: "GET", path: "/health", function: fn, authorization: "none" }], vpcEndpointIds: ["vpce-0123456789abcdef0"], accountLogging: logging });
        });
        // Depending on a component means depending on its children: the SDK sends the Account's URN.
        const account = one(result, "aws:apigateway/account:Account");
        const stage = one(result, "aws:apigateway/stage:Stage");
        assert.ok(stage.options.dependsOn.includes(account.urn), "stage waits for the account setting");
        for (const settings of ofType(result, "aws:apigateway/methodSettings:MethodSettings")) assert.ok(settings.options.dependsOn.includes(account.urn));
        const role = one(result, "aws:iam/role:Role", "apigateway-account-logging-role");
        assert.deepStrictEqual(JSON.parse(inputs(role).assumeRolePolicy).Statement[0].Principal, { Service: "apigateway.amazonaws.com" });
        assert.strictEqual(inputs(account).cloudwatchRoleArn, role.outputs.arn);
    });
});
