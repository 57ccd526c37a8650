/**
 * The handlers' contract with the infrastructure that deploys them: routes, what each route accepts,
 * table keys and the environment each function reads. Plain data with no imports, so the Pulumi
 * component can import it to build tables, IAM policies, API Gateway request models and function
 * environments that match the code exactly; the handlers validate requests with the same patterns.
 */

/** The token table: one item per user and connected platform. */
export const TOKEN_TABLE = {
    partitionKey: "userId",
    /** Sort key attribute; its value is `platform#<provider>`. */
    sortKey: "sk",
    ttlAttribute: "ttl",
} as const;

/**
 * The OAuth state table: single-use items of logins in flight, keyed by a hash, never by the value a
 * browser holds. Two kinds share it, told apart by the key prefix (IAM grants each function only its
 * prefixes through `dynamodb:LeadingKeys`): the login state (`state#`, 10 minutes, consumed by the
 * callback) and the pending grant (`grant#`, 5 minutes, consumed by the session route).
 */
export const STATE_TABLE = {
    partitionKey: "stateId",
    ttlAttribute: "ttl",
    prefixes: { state: "state#", grant: "grant#" },
} as const;

export type FunctionName = "login" | "callback" | "session" | "refresh" | "disconnect";

export const FUNCTION_NAMES: readonly FunctionName[] = ["login", "callback", "session", "refresh", "disconnect"];

export type RouteMethod = "GET" | "POST" | "DELETE";

/** Method and path of each function's route (API Gateway REST, path parameter `provider`). */
export const ROUTES: Record<FunctionName, { method: RouteMethod; path: string }> = {
    login: { method: "POST", path: "/auth/{provider}/login" },
    callback: { method: "GET", path: "/auth/{provider}/callback" },
    session: { method: "POST", path: "/auth/{provider}/session" },
    refresh: { method: "POST", path: "/auth/{provider}/refresh" },
    disconnect: { method: "DELETE", path: "/auth/{provider}" },
};

/**
 * Value formats (JSON Schema / ECMAScript patterns). `state`, `result` and `clientChallenge` are 32
 * bytes base64url (a SHA-256 for the challenge): exactly 43 characters. A verifier is RFC 7636's
 * code_verifier: 43 to 128 unreserved characters.
 */
export const FORMATS = {
    provider: "^[a-z][a-z0-9-]{1,31}$",
    state: "^[A-Za-z0-9_-]{43}$",
    clientChallenge: "^[A-Za-z0-9_-]{43}$",
    result: "^[A-Za-z0-9_-]{43}$",
    clientVerifier: "^[A-Za-z0-9._~-]{43,128}$",
    /** The callback's `code`: printable ASCII, at most 2048 characters. */
    code: "^[\\x21-\\x7e]{1,2048}$",
} as const;

/** Request bodies are JSON objects of at most this many bytes. */
export const MAX_BODY_BYTES = 4096;

/** What a route accepts besides its path parameter `provider`. */
export interface RouteRequest {
    /** Query parameters API Gateway may require (every other parameter is optional or refused by the handler). */
    requiredQueryStrings: readonly string[];
    /** Headers API Gateway may require. */
    requiredHeaders: readonly string[];
    /**
     * JSON Schema (draft 4) of the `application/json` body, when the route takes one. Routes without a
     * schema take no body: the handler accepts none or `{}` and refuses any field.
     */
    bodySchema?: Readonly<Record<string, unknown>>;
}

export const REQUESTS: Record<FunctionName, RouteRequest> = {
    login: {
        requiredQueryStrings: [],
        // `Authorization: Bearer <session>` is optional: with it the login links a platform to the session's user.
        requiredHeaders: [],
        bodySchema: {
            $schema: "http://json-schema.org/draft-04/schema#",
            title: "LoginRequest",
            type: "object",
            required: ["clientChallenge"],
            additionalProperties: false,
            properties: { clientChallenge: { type: "string", pattern: FORMATS.clientChallenge } },
        },
    },
    // The provider sends `code` and `state`, or `error` and `state`: only `state` is always there.
    callback: { requiredQueryStrings: ["state"], requiredHeaders: [] },
    session: {
        requiredQueryStrings: [],
        // `Authorization` is required exactly when the login was started with a session: the handler decides.
        requiredHeaders: [],
        bodySchema: {
            $schema: "http://json-schema.org/draft-04/schema#",
            title: "SessionRequest",
            type: "object",
            required: ["result", "clientVerifier"],
            additionalProperties: false,
            properties: {
                result: { type: "string", pattern: FORMATS.result },
                clientVerifier: { type: "string", pattern: FORMATS.clientVerifier },
            },
        },
    },
    refresh: { requiredQueryStrings: [], requiredHeaders: ["Authorization"] },
    disconnect: { requiredQueryStrings: [], requiredHeaders: ["Authorization"] },
};

/**
 * Environment variables each function requires (besides provider secret ARNs, OAUTH_PROVIDERS and the
 * optional tuning variables listed in the README). A function is refused at cold start when one is
 * missing, so each function needs only what it uses, and IAM can follow the same split.
 */
const SESSION_ENV = ["SESSION_KEY_SECRET_ARN", "JWT_ISSUER", "JWT_AUDIENCE"] as const;
export const REQUIRED_ENVIRONMENT: Record<FunctionName, readonly string[]> = {
    login: ["STATE_TABLE_NAME", "CALLBACK_BASE_URL", ...SESSION_ENV, "FRONTEND_URL"],
    callback: ["STATE_TABLE_NAME", "KMS_KEY_ID", "CALLBACK_BASE_URL", "FRONTEND_URL"],
    session: ["STATE_TABLE_NAME", "TABLE_NAME", ...SESSION_ENV, "FRONTEND_URL"],
    refresh: ["TABLE_NAME", "KMS_KEY_ID", ...SESSION_ENV, "FRONTEND_URL"],
    disconnect: ["TABLE_NAME", "KMS_KEY_ID", ...SESSION_ENV, "FRONTEND_URL"],
};

/** The entry file of each function under handlers/, and its exported handler name. */
export const ENTRY_POINTS: Record<FunctionName, { file: string; handler: string }> = {
    login: { file: "login.ts", handler: "handler" },
    callback: { file: "callback.ts", handler: "handler" },
    session: { file: "session.ts", handler: "handler" },
    refresh: { file: "refresh.ts", handler: "handler" },
    disconnect: { file: "disconnect.ts", handler: "handler" },
};
