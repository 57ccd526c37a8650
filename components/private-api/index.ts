/**
 * PrivateApi: an API Gateway REST API whose routes are declared as data, each a Lambda proxy
 * integration.
 *
 * - `private` (default): endpoint type PRIVATE, attached to the given execute-api VPC endpoints, with a
 *   resource policy that allows execute-api:Invoke only through them and denies everything else.
 *   CloudFront reaches such an API through an ApiFrontDoor (components/api-front-door).
 * - `regional`: for APIs mobile clients call directly; a WAF web ACL is associated with the stage, and
 *   required when `requireWebAcl` is true (prod).
 *
 * The stage writes JSON access logs to a KMS-encrypted log group, execution logs (ERROR or INFO, no
 * data trace) to a KMS-encrypted group the component pre-creates, traces with X-Ray and throttles
 * every method. Lambda permissions are scoped to one method and path of this API. Routes may declare
 * request validation (required parameters, a draft-4 body model) and a regional API a custom domain.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { EncryptionKey } from "../encryption-key";
import { ApiAccountLogging } from "./account-logging";
import { aliasRecords, HOSTED_ZONE_ID, requestCertificate, type ValidationRecord } from "../shared/dns-certificate";
import { requireArg } from "../shared/errors";
import { encryptedLogGroup } from "../shared/log-group";
import { ACCESS_LOG_FORMAT, AUTHORIZATION_TYPES, HTTP_METHODS, PRIVATE_API_DEFAULTS } from "./defaults";
import {
    arnPath, modelName, originProblem, parentPath, pathParameters, pathProblem, preflightTemplate, resourcePaths,
    siblingParamConflict, statementId,
} from "./routes";
import { modelSchema, schemaProblem, type JsonSchema } from "./request-schema";

export { JSON_SCHEMA_DRAFT_4, objectBody, schemaProblem, stringField, type JsonSchema } from "./request-schema";

const COMPONENT = "PrivateApi";

export type ApiExposure = "private" | "regional";
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type RouteAuthorization = keyof typeof AUTHORIZATION_TYPES;

/** The Lambda function a route invokes: an `aws.lambda.Function` or anything with these three values. */
export interface RouteFunction {
    name: pulumi.Input<string>;
    arn: pulumi.Input<string>;
    invokeArn: pulumi.Input<string>;
}

export interface Throttle {
    /** Steady-state requests per second (> 0). */
    rateLimit: number;
    /** Burst bucket size (a whole number > 0). */
    burstLimit: number;
}

export interface RouteRequestValidation {
    /**
     * JSON Schema (draft 4) the body must match, whatever its Content-Type; API Gateway answers 400
     * otherwise, before the function runs. Later-draft keywords are refused (API Gateway would ignore them).
     */
    bodySchema?: JsonSchema;
    /** Query-string parameters that must be present. */
    requiredQueryStrings?: string[];
    /** Headers that must be present. */
    requiredHeaders?: string[];
}

export interface ApiRoute {
    method: HttpMethod;
    /** Resource path starting with `/`; parameters as `{name}`, a greedy `{proxy+}` only last. */
    path: string;
    function: RouteFunction;
    /** `cognito` (user pool authorizer), `apiKey` (usage plan key), `iam` (SigV4) or `none`. */
    authorization: RouteAuthorization;
    /** OAuth scopes the Cognito access token must carry (cognito routes only). */
    authorizationScopes?: string[];
    requestValidation?: RouteRequestValidation;
    /** Answer CORS preflight on this route's path. Default: true when the API has `cors`. */
    cors?: boolean;
    /** Throttle for this method, overriding the stage-wide one. */
    throttle?: Throttle;
}

export interface ApiCors {
    /** Origins allowed to call from a browser (https://host[:port]). `*` only with allowWildcardOrigin. */
    allowOrigins: string[];
    /** Request headers allowed. Default: Content-Type, Authorization, X-Amz-Date, X-Api-Key, X-Amz-Security-Token. */
    allowHeaders?: string[];
    /** Send Access-Control-Allow-Credentials: true. Never with `*`. Default false. */
    allowCredentials?: boolean;
    /** Seconds browsers cache a preflight answer. Default 600. */
    maxAgeSeconds?: number;
    /** Accept `*` as an origin (non-prod only, through stack config). Default false. */
    allowWildcardOrigin?: boolean;
}

/** A custom domain of a regional API: the stage is served at its root, over TLS 1.2. */
export interface ApiCustomDomain {
    /** The host name clients call, e.g. `api.example.com`. */
    domainName: string;
    /** An existing ACM certificate in the API's region covering domainName. */
    certificateArn?: pulumi.Input<string>;
    /** Request a DNS-validated ACM certificate for domainName (in the API's region) instead of certificateArn. */
    requestCertificate?: boolean;
    /** Route 53 zone serving domainName: the alias record and, with requestCertificate, the validation record. */
    hostedZoneId?: pulumi.Input<string>;
    /** With requestCertificate and no hostedZoneId: the validation record is published; create the domain. */
    certificateValidated?: boolean;
}

export interface ApiKeyUsage {
    /** Throttle of the usage plan. Default 10 rps, burst 20. */
    throttle?: Throttle;
    /** Requests per period. Default 10,000 per DAY. */
    quota?: { limit: number; period: "DAY" | "WEEK" | "MONTH" };
}

export interface PrivateApiArgs {
    /** The routes, as data. At least one. */
    routes: ApiRoute[];
    /** `private` (VPC endpoints only) or `regional` (internet-facing, behind WAF). Default `private`. */
    exposure?: ApiExposure;
    /** execute-api interface VPC endpoint ids the private API admits (at least one for `private`). */
    vpcEndpointIds?: pulumi.Input<string>[];
    /** WAF web ACL (REGIONAL scope) associated with the stage. */
    webAclArn?: pulumi.Input<string>;
    /** Refuse a `regional` API without webAclArn. Default true; dev config may set false. */
    requireWebAcl?: boolean;
    /** Shown in the API Gateway console. */
    description?: string;
    /** Stage name (letters, digits, - and _). Default `v1`. */
    stageName?: string;
    /** Cognito user pool ARNs for the authorizer; required when a route uses `cognito`. */
    cognitoUserPoolArns?: pulumi.Input<string>[];
    /** CORS for browser callers: preflight answers and CORS headers on 4XX/5XX gateway responses. Default none. */
    cors?: ApiCors;
    /** Stage-wide per-method throttle. Default 100 rps, burst 200. */
    throttle?: Throttle;
    /** Usage plan of the API key created when a route uses `apiKey`. */
    apiKeyUsage?: ApiKeyUsage;
    /** Execution logging level: `ERROR` or `INFO`. Default `ERROR`. */
    loggingLevel?: "ERROR" | "INFO";
    /** Retention of the access and execution log groups. Default 90 days. */
    logRetentionInDays?: number;
    /** KMS key for the log groups (must allow the logs service). Default: the component creates one. */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Create an IAM role and set it as the region's API Gateway CloudWatch role (`aws.apigateway.Account`).
     * An account-wide singleton: let exactly one stack per account and region own it. Default false.
     */
    manageAccountLoggingRole?: boolean;
    /** Set this existing role as the region's API Gateway CloudWatch role (`aws.apigateway.Account`). */
    accountLoggingRoleArn?: pulumi.Input<string>;
    /**
     * The stack's ApiAccountLogging (or any resource that sets the region's API Gateway CloudWatch
     * role): the stage and its method settings wait for it, since logging fails until it is set.
     */
    accountLogging?: pulumi.Resource;
    /** Protect the key the component creates (Pulumi protect + retain on delete). Default true. */
    protectData?: boolean;
    /** A custom domain (regional APIs only). Default: none, clients call the execute-api URL. */
    customDomain?: ApiCustomDomain;
}

export class PrivateApi extends pulumi.ComponentResource {
    readonly restApi: aws.apigateway.RestApi;
    readonly stage: aws.apigateway.Stage;
    readonly deployment: aws.apigateway.Deployment;
    readonly accessLogGroup: aws.cloudwatch.LogGroup;
    readonly apiKey?: aws.apigateway.ApiKey;
    readonly restApiId: pulumi.Output<string>;
    readonly executionArn: pulumi.Output<string>;
    readonly stageName: pulumi.Output<string>;
    readonly stageArn: pulumi.Output<string>;
    readonly invokeUrl: pulumi.Output<string>;
    readonly apiKeyId?: pulumi.Output<string>;
    /** `https://<customDomain.domainName>` once the domain exists, else invokeUrl. */
    readonly url: pulumi.Output<string>;
    /** The API Gateway custom domain (once its certificate is usable). */
    readonly domainName?: aws.apigateway.DomainName;
    /** DNS records validating a requested certificate (publish them when no hostedZoneId is given). */
    readonly certificateValidationRecords: pulumi.Output<ValidationRecord[]>;

    constructor(name: string, args: PrivateApiArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:api:PrivateApi", name, {}, opts);
        const d = PRIVATE_API_DEFAULTS;
        const exposure = args.exposure ?? d.exposure;
        const routes = args.routes;
        const cors = args.cors;
        const corsPaths = new Set(routes.filter((r) => r.cors ?? cors !== undefined).map((r) => r.path));

        const policy = exposure === "private" ? pulumi.all(args.vpcEndpointIds ?? []).apply((ids) => JSON.stringify(vpcEndpointOnlyPolicy(ids))) : undefined;
        this.restApi = new aws.apigateway.RestApi(name, {
            description: args.description,
            endpointConfiguration: exposure === "private"
                ? { types: "PRIVATE", vpcEndpointIds: args.vpcEndpointIds }
                : { types: "REGIONAL" },
            policy,
            apiKeySource: "HEADER",
            securityPolicy: d.securityPolicy,
        }, { parent: this });
        const restApi = this.restApi.id;

        // Resource tree: one aws.apigateway.Resource per path segment, parents first.
        const resourceIds = new Map<string, pulumi.Input<string>>([["/", this.restApi.rootResourceId]]);
        for (const path of resourcePaths(routes.map((r) => r.path))) {
            const segment = path.slice(path.lastIndexOf("/") + 1);
            const resource = new aws.apigateway.Resource(`${name}${path}`, {
                restApi, parentId: resourceIds.get(parentPath(path)) as pulumi.Input<string>, pathPart: segment,
            }, { parent: this });
            resourceIds.set(path, resource.id);
        }

        const deploymentDeps: pulumi.Resource[] = [];
        const authorizer = routes.some((r) => r.authorization === "cognito") ? new aws.apigateway.Authorizer(`${name}-cognito`, {
            restApi, name: `${name}-cognito`, type: "COGNITO_USER_POOLS", providerArns: args.cognitoUserPoolArns,
            identitySource: "method.request.header.Authorization",
        }, { parent: this }) : undefined;
        if (authorizer) deploymentDeps.push(authorizer);

        const validators = new Map<"body" | "params", aws.apigateway.RequestValidator>();
        const validator = (kind: "body" | "params") => {
            let v = validators.get(kind);
            if (!v) {
                v = new aws.apigateway.RequestValidator(`${name}-validate-${kind}`, {
                    restApi, name: kind === "body" ? "body-and-params" : "params-only",
                    validateRequestBody: kind === "body", validateRequestParameters: true,
                }, { parent: this });
                validators.set(kind, v);
                deploymentDeps.push(v);
            }
            return v;
        };

        for (const route of routes) {
            const resourceId = resourceIds.get(route.path) as pulumi.Input<string>;
            const label = `${name}-${route.method}${route.path}`;
            const rv = route.requestValidation;
            const requestParameters: Record<string, boolean> = {};
            for (const p of pathParameters(route.path)) requestParameters[`method.request.path.${p}`] = true;
            for (const q of rv?.requiredQueryStrings ?? []) requestParameters[`method.request.querystring.${q}`] = true;
            for (const h of rv?.requiredHeaders ?? []) requestParameters[`method.request.header.${h}`] = true;
            const bodyModel = modelName(route.method, route.path);
            const model = rv?.bodySchema ? new aws.apigateway.Model(label, {
                restApi, name: bodyModel, contentType: "application/json",
                schema: JSON.stringify(modelSchema(rv.bodySchema, bodyModel)),
            }, { parent: this }) : undefined;
            if (model) deploymentDeps.push(model);
            const requestValidator = model ? validator("body")
                : (rv?.requiredQueryStrings?.length || rv?.requiredHeaders?.length) ? validator("params") : undefined;

            const method = new aws.apigateway.Method(label, {
                restApi, resourceId, httpMethod: route.method,
                authorization: AUTHORIZATION_TYPES[route.authorization],
                authorizerId: route.authorization === "cognito" ? authorizer?.id : undefined,
                authorizationScopes: route.authorizationScopes,
                apiKeyRequired: route.authorization === "apiKey",
                requestParameters: Object.keys(requestParameters).length ? requestParameters : undefined,
                requestValidatorId: requestValidator?.id,
                // API Gateway validates a body only against the model of its Content-Type: `$default` covers
                // every other type, so `text/plain` carrying JSON cannot slip past the schema.
                requestModels: model ? { "application/json": model.name, "$default": model.name } : undefined,
            }, { parent: this });
            const integration = new aws.apigateway.Integration(label, {
                restApi, resourceId, httpMethod: method.httpMethod,
                type: "AWS_PROXY", integrationHttpMethod: "POST", uri: route.function.invokeArn,
            }, { parent: this });
            deploymentDeps.push(method, integration);

            // Scoped to this API, this method and this path: no other API or route can invoke the function.
            new aws.lambda.Permission(label, {
                function: route.function.name,
                action: "lambda:InvokeFunction",
                principal: "apigateway.amazonaws.com",
                statementId: statementId(route.method, route.path),
                sourceArn: pulumi.interpolate`${this.restApi.executionArn}/*/${route.method === "ANY" ? "*" : route.method}${arnPath(route.path)}`,
            }, { parent: this });
        }

        if (cors) {
            const origins = cors.allowOrigins;
            const headers = (cors.allowHeaders ?? d.corsAllowHeaders).join(",");
            const credentials = cors.allowCredentials ?? d.corsAllowCredentials;
            for (const path of [...corsPaths].sort()) {
                const methods = new Set<string>(routes.filter((r) => r.path === path).flatMap((r) => (r.method === "ANY" ? HTTP_METHODS.filter((m) => m !== "ANY") : [r.method])));
                methods.add("OPTIONS");
                const responseValues: Record<string, string> = {
                    "method.response.header.Access-Control-Allow-Origin": `'${origins[0]}'`,
                    "method.response.header.Access-Control-Allow-Methods": `'${[...methods].sort().join(",")}'`,
                    "method.response.header.Access-Control-Allow-Headers": `'${headers}'`,
                    "method.response.header.Access-Control-Max-Age": `'${cors.maxAgeSeconds ?? d.corsMaxAgeSeconds}'`,
                    "method.response.header.Vary": "'Origin'",
                    ...(credentials ? { "method.response.header.Access-Control-Allow-Credentials": "'true'" } : {}),
                };
                const resourceId = resourceIds.get(path) as pulumi.Input<string>;
                const label = `${name}-OPTIONS${path}`;
                const method = new aws.apigateway.Method(label, { restApi, resourceId, httpMethod: "OPTIONS", authorization: "NONE" }, { parent: this });
                const integration = new aws.apigateway.Integration(label, {
                    restApi, resourceId, httpMethod: method.httpMethod, type: "MOCK",
                    requestTemplates: { "application/json": "{\"statusCode\": 200}" },
                }, { parent: this });
                const methodResponse = new aws.apigateway.MethodResponse(label, {
                    restApi, resourceId, httpMethod: method.httpMethod, statusCode: "200",
                    responseParameters: Object.fromEntries(Object.keys(responseValues).map((k) => [k, true])),
                }, { parent: this });
                const template = preflightTemplate(origins);
                const integrationResponse = new aws.apigateway.IntegrationResponse(label, {
                    restApi, resourceId, httpMethod: method.httpMethod, statusCode: methodResponse.statusCode,
                    responseParameters: responseValues,
                    responseTemplates: template ? { "application/json": template } : undefined,
                }, { parent: this, dependsOn: [integration] });
                deploymentDeps.push(method, integration, methodResponse, integrationResponse);
            }
            // Errors API Gateway answers itself (authorizer denials, throttling, validation) still carry CORS
            // headers, so browsers show the real status. Only a static origin is possible here: the first one.
            for (const type of ["DEFAULT_4XX", "DEFAULT_5XX"]) {
                deploymentDeps.push(new aws.apigateway.Response(`${name}-${type.toLowerCase().replace("_", "-")}`, {
                    restApiId: restApi, responseType: type,
                    responseParameters: {
                        "gatewayresponse.header.Access-Control-Allow-Origin": `'${origins[0]}'`,
                        "gatewayresponse.header.Access-Control-Allow-Headers": `'${headers}'`,
                        "gatewayresponse.header.Vary": "'Origin'",
                        ...(credentials ? { "gatewayresponse.header.Access-Control-Allow-Credentials": "'true'" } : {}),
                    },
                }, { parent: this }));
            }
        }

        // A new deployment whenever the route table, its functions or the resource policy change. Pulumi
        // replaces create-before-delete, so the stage moves to the new deployment before the old one goes.
        const triggers = pulumi.all([
            pulumi.all(routes.map((r) => pulumi.output(r.function.invokeArn))),
            pulumi.all(args.cognitoUserPoolArns ?? []),
            pulumi.output(policy ?? ""),
        ]).apply(([invokeArns, pools, pol]) => ({
            redeployment: createHash("sha256").update(JSON.stringify({
                routes: routes.map((r, i) => ({ ...r, function: invokeArns[i] })), cors, pools, policy: pol, exposure,
            })).digest("hex"),
        }));
        this.deployment = new aws.apigateway.Deployment(name, {
            restApi, description: `${name} routes`, triggers,
        }, { parent: this, dependsOn: deploymentDeps });

        const kmsKeyArn = args.kmsKeyArn ?? new EncryptionKey(`${name}-logs`, {
            description: `API Gateway logs of ${name}`, services: ["logs"], protectData: args.protectData ?? d.protectData,
        }, { parent: this }).arn;
        const retentionInDays = args.logRetentionInDays ?? d.logRetentionInDays;
        const stageName = args.stageName ?? d.stageName;
        this.accessLogGroup = encryptedLogGroup(`${name}-access`, {
            name: `/aws/apigateway/${pulumi.getProject()}-${pulumi.getStack()}-${name}/access`, kmsKeyArn, retentionInDays,
        }, { parent: this });
        // API Gateway would create this group itself, unencrypted and kept forever; owning it first prevents that.
        const executionLogGroup = encryptedLogGroup(`${name}-execution`, {
            name: pulumi.interpolate`API-Gateway-Execution-Logs_${this.restApi.id}/${stageName}`, kmsKeyArn, retentionInDays,
        }, { parent: this });

        const account = this.accountLogging(name, args);
        const accountDeps: pulumi.Resource[] = [...(account ? [account] : []), ...(args.accountLogging ? [args.accountLogging] : [])];
        this.stage = new aws.apigateway.Stage(name, {
            restApi, deployment: this.deployment.id, stageName, description: args.description,
            xrayTracingEnabled: d.xrayTracingEnabled,
            accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: JSON.stringify(ACCESS_LOG_FORMAT) },
        }, { parent: this, dependsOn: [executionLogGroup, ...accountDeps] });

        const loggingLevel = args.loggingLevel ?? d.loggingLevel;
        const methodSettings = (label: string, methodPath: string, throttle: Throttle) => new aws.apigateway.MethodSettings(label, {
            restApi, stageName: this.stage.stageName, methodPath,
            settings: {
                loggingLevel, metricsEnabled: d.metricsEnabled, dataTraceEnabled: d.dataTraceEnabled,
                throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit,
            },
        }, { parent: this, dependsOn: accountDeps });
        methodSettings(`${name}-all-methods`, "*/*", args.throttle ?? d.throttle);
        for (const route of routes.filter((r) => r.throttle)) {
            methodSettings(`${name}-settings-${route.method}${route.path}`, `${route.path.slice(1)}/${route.method}`, route.throttle as Throttle);
        }

        if (args.webAclArn !== undefined) {
            new aws.wafv2.WebAclAssociation(`${name}-waf`, { resourceArn: this.stage.arn, webAclArn: args.webAclArn }, { parent: this });
        }

        if (routes.some((r) => r.authorization === "apiKey")) {
            const usage = args.apiKeyUsage ?? {};
            this.apiKey = new aws.apigateway.ApiKey(`${name}-key`, { description: `API key of ${name}`, enabled: true }, { parent: this });
            const plan = new aws.apigateway.UsagePlan(`${name}-usage`, {
                description: `Usage plan of ${name}`,
                apiStages: [{ apiId: restApi, stage: this.stage.stageName }],
                throttleSettings: usage.throttle ?? d.apiKeyUsage.throttle,
                quotaSettings: usage.quota ?? d.apiKeyUsage.quota,
            }, { parent: this });
            new aws.apigateway.UsagePlanKey(`${name}-usage-key`, { keyId: this.apiKey.id, keyType: "API_KEY", usagePlanId: plan.id }, { parent: this });
            this.apiKeyId = this.apiKey.id;
        }

        this.certificateValidationRecords = pulumi.output([]);
        const domain = args.customDomain;
        if (domain) {
            let certificateArn: pulumi.Input<string> | undefined = domain.certificateArn;
            if (domain.requestCertificate) {
                const requested = requestCertificate(`${name}-domain`, {
                    domainNames: [domain.domainName], hostedZoneId: domain.hostedZoneId, validated: domain.certificateValidated,
                }, this);
                this.certificateValidationRecords = requested.validationRecords;
                certificateArn = requested.usableArn;
                if (certificateArn === undefined) {
                    void pulumi.log.warn(`PrivateApi "${name}": the certificate for ${domain.domainName} awaits DNS validation, so the API is served on its execute-api URL only. `
                        + "Publish the record of the output certificateValidationRecords at your DNS provider, wait until ACM shows the certificate Issued, "
                        + "then set certificateValidated (or give a Route 53 hostedZoneId) and run pulumi up again to create the custom domain.", this);
                }
            }
            if (certificateArn !== undefined) {
                // API Gateway refuses a custom domain whose certificate is not ISSUED: it is created once the certificate is usable.
                this.domainName = new aws.apigateway.DomainName(`${name}-domain`, {
                    domainName: domain.domainName,
                    regionalCertificateArn: certificateArn,
                    endpointConfiguration: { types: "REGIONAL" },
                    securityPolicy: d.securityPolicy,
                }, { parent: this });
                new aws.apigateway.BasePathMapping(`${name}-domain`, {
                    restApi, stageName: this.stage.stageName, domainName: this.domainName.domainName,
                }, { parent: this });
                if (domain.hostedZoneId !== undefined) {
                    aliasRecords(`${name}-domain`, {
                        hostedZoneId: domain.hostedZoneId, domainNames: [domain.domainName], ipv6: false,
                        target: { dnsName: this.domainName.regionalDomainName, zoneId: this.domainName.regionalZoneId },
                    }, this);
                }
            }
        }

        this.restApiId = this.restApi.id;
        this.executionArn = this.restApi.executionArn;
        this.stageName = this.stage.stageName;
        this.stageArn = this.stage.arn;
        this.invokeUrl = this.stage.invokeUrl;
        this.url = this.domainName ? pulumi.interpolate`https://${this.domainName.domainName}` : this.invokeUrl;
        this.registerOutputs({
            restApiId: this.restApiId, executionArn: this.executionArn, stageName: this.stageName, stageArn: this.stageArn,
            invokeUrl: this.invokeUrl, apiKeyId: this.apiKeyId, url: this.url, certificateValidationRecords: this.certificateValidationRecords,
        });
    }

    /**
     * API Gateway writes stage logs with one CloudWatch role per account and region (the "Account"
     * setting). It is a singleton, so the component touches it only when asked.
     */
    private accountLogging(name: string, args: PrivateApiArgs): pulumi.Resource | undefined {
        if (args.manageAccountLoggingRole ?? PRIVATE_API_DEFAULTS.manageAccountLoggingRole) {
            return new ApiAccountLogging(`${name}-account-logging`, {}, { parent: this });
        }
        return args.accountLoggingRoleArn === undefined ? undefined
            : new ApiAccountLogging(`${name}-account-logging`, { roleArn: args.accountLoggingRoleArn }, { parent: this });
    }
}

export { ApiAccountLogging, type ApiAccountLoggingArgs } from "./account-logging";

/** Invoke only through the given VPC endpoints; an explicit Deny for any other source. */
export function vpcEndpointOnlyPolicy(vpcEndpointIds: string[]): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AllowInvokeThroughVpcEndpoints",
                Effect: "Allow",
                Principal: "*",
                Action: "execute-api:Invoke",
                Resource: "execute-api:/*",
                Condition: { StringEquals: { "aws:SourceVpce": vpcEndpointIds } },
            },
            {
                Sid: "DenyInvokeFromElsewhere",
                Effect: "Deny",
                Principal: "*",
                Action: "execute-api:Invoke",
                Resource: "execute-api:/*",
                Condition: { StringNotEquals: { "aws:SourceVpce": vpcEndpointIds } },
            },
        ],
    };
}

const isThrottle = (t: Throttle | undefined) => t === undefined
    || (typeof t.rateLimit === "number" && t.rateLimit > 0 && Number.isInteger(t.burstLimit) && t.burstLimit > 0);
const THROTTLE_ALLOWED = "rateLimit > 0 and burstLimit a whole number > 0";

function validate(name: string, args: PrivateApiArgs): void {
    const req = (ok: boolean, arg: string, given: unknown, allowed: string) => requireArg(ok, COMPONENT, name, arg, given, allowed);
    const exposure = args.exposure ?? PRIVATE_API_DEFAULTS.exposure;
    req(exposure === "private" || exposure === "regional", "exposure", args.exposure, "private or regional");
    if (exposure === "private") {
        req((args.vpcEndpointIds ?? []).length > 0, "vpcEndpointIds", args.vpcEndpointIds, "at least one execute-api VPC endpoint id for a private API");
    } else {
        req(args.vpcEndpointIds === undefined || args.vpcEndpointIds.length === 0, "vpcEndpointIds", "(given)", "none for a regional API (VPC endpoints admit private APIs only)");
        req(args.webAclArn !== undefined || !(args.requireWebAcl ?? PRIVATE_API_DEFAULTS.requireWebAcl), "webAclArn", args.webAclArn,
            "a WAF web ACL ARN for a regional API while requireWebAcl is true");
    }
    const stageName = args.stageName ?? PRIVATE_API_DEFAULTS.stageName;
    req(/^[A-Za-z0-9_-]{1,128}$/.test(stageName), "stageName", args.stageName, "1 to 128 letters, digits, - or _");
    if (args.loggingLevel !== undefined) req(["ERROR", "INFO"].includes(args.loggingLevel), "loggingLevel", args.loggingLevel, "ERROR or INFO");
    if (args.logRetentionInDays !== undefined) req(Number.isInteger(args.logRetentionInDays) && args.logRetentionInDays > 0, "logRetentionInDays", args.logRetentionInDays, "a positive whole number of days");
    req(isThrottle(args.throttle), "throttle", args.throttle, THROTTLE_ALLOWED);
    req(isThrottle(args.apiKeyUsage?.throttle), "apiKeyUsage.throttle", args.apiKeyUsage?.throttle, THROTTLE_ALLOWED);
    const quota = args.apiKeyUsage?.quota;
    if (quota) req(Number.isInteger(quota.limit) && quota.limit > 0 && ["DAY", "WEEK", "MONTH"].includes(quota.period), "apiKeyUsage.quota", quota, "limit a whole number > 0 and period DAY, WEEK or MONTH");
    req(!(args.manageAccountLoggingRole && args.accountLoggingRoleArn !== undefined), "accountLoggingRoleArn", "(given)", "either accountLoggingRoleArn or manageAccountLoggingRole, not both");

    const cors = args.cors;
    if (cors) {
        req(Array.isArray(cors.allowOrigins) && cors.allowOrigins.length > 0, "cors.allowOrigins", cors.allowOrigins, "at least one origin");
        for (const origin of cors.allowOrigins) {
            const problem = originProblem(origin);
            req(problem === undefined, "cors.allowOrigins", origin, problem ?? "");
            if (origin === "*") {
                req(cors.allowWildcardOrigin ?? PRIVATE_API_DEFAULTS.allowWildcardOrigin, "cors.allowOrigins", origin, "explicit origins; * only with cors.allowWildcardOrigin (non-prod)");
                req(!cors.allowCredentials, "cors.allowOrigins", origin, "explicit origins when cors.allowCredentials is true (browsers refuse * with credentials)");
                req(cors.allowOrigins.length === 1, "cors.allowOrigins", cors.allowOrigins, "* alone or explicit origins, not both");
            }
        }
        if (cors.maxAgeSeconds !== undefined) req(Number.isInteger(cors.maxAgeSeconds) && cors.maxAgeSeconds >= 0 && cors.maxAgeSeconds <= 86400, "cors.maxAgeSeconds", cors.maxAgeSeconds, "0 to 86400 seconds");
        for (const h of cors.allowHeaders ?? []) req(/^[A-Za-z0-9-]+$/.test(h), "cors.allowHeaders", h, "header names (letters, digits, -)");
    }

    const routes = args.routes;
    req(Array.isArray(routes) && routes.length > 0, "routes", routes, "at least one route");
    const seen = new Set<string>();
    routes.forEach((route, i) => {
        const at = `routes[${i}]`;
        req((HTTP_METHODS as readonly string[]).includes(route.method), `${at}.method`, route.method, HTTP_METHODS.join(", "));
        const problem = pathProblem(route.path);
        req(problem === undefined, `${at}.path`, route.path, problem ?? "");
        const key = `${route.method} ${route.path}`;
        req(!seen.has(key), `${at}.path`, key, "one route per method and path (this one is declared twice)");
        seen.add(key);
        req(route.authorization in AUTHORIZATION_TYPES, `${at}.authorization`, route.authorization, Object.keys(AUTHORIZATION_TYPES).join(", "));
        if (route.authorization === "cognito") {
            req((args.cognitoUserPoolArns ?? []).length > 0, "cognitoUserPoolArns", args.cognitoUserPoolArns, `at least one user pool ARN, as ${at} uses cognito authorization`);
        }
        req(route.authorizationScopes === undefined || route.authorization === "cognito", `${at}.authorizationScopes`, route.authorizationScopes, "scopes only on cognito routes");
        req(route.function !== undefined && route.function.name !== undefined && route.function.invokeArn !== undefined, `${at}.function`, route.function === undefined ? undefined : "(incomplete)", "a Lambda function (name, arn, invokeArn)");
        req(isThrottle(route.throttle), `${at}.throttle`, route.throttle, THROTTLE_ALLOWED);
        req(!(route.cors === true && !cors), `${at}.cors`, route.cors, "true only when the API has cors");
        const wantsCors = route.cors ?? cors !== undefined;
        if (wantsCors) {
            req(!routes.some((r) => r.method === "OPTIONS" && r.path === route.path), `${at}.cors`, route.path, "no CORS on a path that also declares an OPTIONS route");
        }
        const body = route.requestValidation?.bodySchema;
        if (body !== undefined) {
            req(!["GET", "HEAD", "OPTIONS"].includes(route.method), `${at}.requestValidation.bodySchema`, route.method, "a body schema on a method that carries a body (POST, PUT, PATCH, DELETE, ANY)");
            const problem = schemaProblem(body);
            const [where, ...why] = (problem ?? "").split(": ");
            req(problem === undefined, `${at}.requestValidation.bodySchema`, where, why.join(": "));
        }
        for (const q of route.requestValidation?.requiredQueryStrings ?? []) req(/^[A-Za-z0-9_.-]+$/.test(q), `${at}.requestValidation.requiredQueryStrings`, q, "parameter names");
        for (const h of route.requestValidation?.requiredHeaders ?? []) req(/^[A-Za-z0-9-]+$/.test(h), `${at}.requestValidation.requiredHeaders`, h, "header names");
    });
    const domain = args.customDomain;
    if (domain !== undefined) {
        req(exposure === "regional", "customDomain", domain.domainName, "a custom domain on a regional API only (a private API is reached through its VPC endpoint)");
        req(typeof domain.domainName === "string" && /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain.domainName), "customDomain.domainName", domain.domainName, "a lowercase DNS host name such as api.example.com");
        req((domain.certificateArn !== undefined) !== (domain.requestCertificate === true), "customDomain.certificateArn", domain.certificateArn,
            "exactly one of certificateArn (an ACM certificate in the API's region) and requestCertificate: true");
        req(domain.certificateValidated !== true || (domain.requestCertificate === true && domain.hostedZoneId === undefined), "customDomain.certificateValidated", domain.certificateValidated,
            "only with requestCertificate and without hostedZoneId (a Route 53 zone validates the certificate by itself)");
        if (typeof domain.hostedZoneId === "string") req(HOSTED_ZONE_ID.test(domain.hostedZoneId), "customDomain.hostedZoneId", domain.hostedZoneId, "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ");
    }
    const conflict = siblingParamConflict(routes.map((r) => r.path));
    req(conflict === undefined, "routes", conflict, "one parameter name per position (API Gateway rejects sibling {a} and {b})");
}
