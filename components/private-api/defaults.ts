/** Secure defaults of PrivateApi, in one place. */
export const PRIVATE_API_DEFAULTS = {
    /** Reachable only through the given execute-api VPC endpoints unless a system asks for `regional`. */
    exposure: "private",
    /** A regional (internet-facing) API must sit behind a WAF web ACL unless config says otherwise (dev). */
    requireWebAcl: true,
    stageName: "v1",
    /** Execution logs at ERROR: enough to debug failures without logging request data. */
    loggingLevel: "ERROR",
    /** Request and response bodies never go to execution logs (they carry tokens and personal data). */
    dataTraceEnabled: false,
    metricsEnabled: true,
    xrayTracingEnabled: true,
    /** Per-method throttle for the whole stage: far below the account's 10,000 rps, so one API cannot starve the others. */
    throttle: { rateLimit: 100, burstLimit: 200 },
    /** Usage plan for API-key routes: one client calling a back-office API. */
    apiKeyUsage: { throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 10000, period: "DAY" } },
    logRetentionInDays: 90,
    /** Preflight answers are cached by browsers for 10 minutes. */
    corsMaxAgeSeconds: 600,
    corsAllowHeaders: ["Content-Type", "Authorization", "X-Amz-Date", "X-Api-Key", "X-Amz-Security-Token"],
    corsAllowCredentials: false,
    /** `*` as a CORS origin is refused unless a (non-prod) stack explicitly allows it. */
    allowWildcardOrigin: false,
    /** The execute-api endpoint only negotiates TLS 1.2 or newer. */
    securityPolicy: "TLS_1_2",
    /** The API Gateway account setting is account-wide: leave it alone unless asked. */
    manageAccountLoggingRole: false,
    protectData: true,
} as const;

/** Methods a route may declare. */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;

/** What each route authorization maps to on the API Gateway method. */
export const AUTHORIZATION_TYPES = {
    cognito: "COGNITO_USER_POOLS",
    apiKey: "NONE",
    iam: "AWS_IAM",
    none: "NONE",
} as const;

/** JSON access-log record of the stage: who called what, through which endpoint, and how it went. Never headers or bodies. */
export const ACCESS_LOG_FORMAT = {
    requestId: "$context.requestId",
    extendedRequestId: "$context.extendedRequestId",
    requestTime: "$context.requestTime",
    sourceIp: "$context.identity.sourceIp",
    vpceId: "$context.identity.vpceId",
    userAgent: "$context.identity.userAgent",
    caller: "$context.identity.caller",
    user: "$context.identity.user",
    cognitoSub: "$context.authorizer.claims.sub",
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    protocol: "$context.protocol",
    status: "$context.status",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    integrationLatency: "$context.integrationLatency",
    integrationStatus: "$context.integration.status",
    integrationError: "$context.integration.error",
    errorMessage: "$context.error.message",
    wafResponseCode: "$context.wafResponseCode",
} as const;
