/**
 * The handlers' contract with the infrastructure that deploys them: routes, table keys and the
 * environment each function reads. Plain data with no imports, so the Pulumi component can import it
 * to build tables, IAM policies and function environments that match the code exactly.
 */

/** The token table: one item per user and connected platform. */
export const TOKEN_TABLE = {
    partitionKey: "userId",
    /** Sort key attribute; its value is `platform#<provider>`. */
    sortKey: "sk",
    ttlAttribute: "ttl",
} as const;

/** The OAuth state table: one single-use item per login in flight, keyed by a hash of the state. */
export const STATE_TABLE = {
    partitionKey: "stateId",
    ttlAttribute: "ttl",
} as const;

export type FunctionName = "login" | "callback" | "refresh";

/** Method and path of each function's route (API Gateway REST, path parameter `provider`). */
export const ROUTES: Record<FunctionName, { method: "GET" | "POST"; path: string }> = {
    login: { method: "POST", path: "/auth/{provider}/login" },
    callback: { method: "GET", path: "/auth/{provider}/callback" },
    refresh: { method: "POST", path: "/auth/{provider}/refresh" },
};

/**
 * Environment variables each function requires (besides provider secret ARNs, OAUTH_PROVIDERS and the
 * optional tuning variables listed in the README). A function is refused at cold start when one is
 * missing, so each function needs only what it uses, and IAM can follow the same split.
 */
export const REQUIRED_ENVIRONMENT: Record<FunctionName, readonly string[]> = {
    login: ["STATE_TABLE_NAME", "CALLBACK_BASE_URL", "SESSION_KEY_SECRET_ARN", "JWT_ISSUER", "JWT_AUDIENCE", "FRONTEND_URL"],
    callback: ["STATE_TABLE_NAME", "TABLE_NAME", "KMS_KEY_ID", "CALLBACK_BASE_URL", "SESSION_KEY_SECRET_ARN", "JWT_ISSUER", "JWT_AUDIENCE", "FRONTEND_URL"],
    refresh: ["TABLE_NAME", "KMS_KEY_ID", "SESSION_KEY_SECRET_ARN", "JWT_ISSUER", "JWT_AUDIENCE", "FRONTEND_URL"],
};

/** The entry file of each function under handlers/, and its exported handler name. */
export const ENTRY_POINTS: Record<FunctionName, { file: string; handler: string }> = {
    login: { file: "login.ts", handler: "handler" },
    callback: { file: "callback.ts", handler: "handler" },
    refresh: { file: "refresh.ts", handler: "handler" },
};
