/**
 * The route wrapper shared by the functions: configuration at cold start, method check, CORS for the
 * frontend origin only, provider lookup, request parameter and body rules (from contract.ts), JSON
 * errors with stable codes, and one structured log line per request.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { randomUUID } from "crypto";
import { FunctionName, MAX_BODY_BYTES, REQUESTS, ROUTES } from "../contract";
import { BrokerConfig, getConfig } from "./config";
import { ConfigError, HttpError } from "./errors";
import { hashUserId, Logger } from "./log";
import { PROVIDER_NAME, ProviderConfig } from "./providers";

export type Handler = (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>;

export interface RequestContext {
    event: APIGatewayProxyEvent;
    config: BrokerConfig;
    provider: ProviderConfig;
    log: Logger;
    /** Records whose request this is, for the request's log lines (hashed). */
    setUser(userId: string): void;
    /** Epoch milliseconds by which the function must have answered (waits stop before it). */
    deadlineMs: number;
}

const BASE_HEADERS: Record<string, string> = {
    "Cache-Control": "no-store",
    Pragma: "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
    return { statusCode: status, headers: { ...BASE_HEADERS, "Content-Type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}

export function redirect(location: string): APIGatewayProxyResult {
    return { statusCode: 302, headers: { ...BASE_HEADERS, Location: location }, body: "" };
}

export function noContent(): APIGatewayProxyResult {
    return { statusCode: 204, headers: { ...BASE_HEADERS }, body: "" };
}

function errorResponse(err: HttpError): APIGatewayProxyResult {
    return json(err.status, { error: { code: err.code, message: err.message } }, err.headers);
}

/** A header by name, whatever its case; a header sent twice with different values is refused. */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
    const lower = name.toLowerCase();
    const values = new Set<string>();
    for (const [key, value] of Object.entries(event.headers ?? {})) {
        if (key.toLowerCase() === lower && value !== undefined) values.add(value);
    }
    for (const [key, list] of Object.entries(event.multiValueHeaders ?? {})) {
        if (key.toLowerCase() === lower) for (const value of list ?? []) values.add(value);
    }
    if (values.size > 1) throw new HttpError(400, "invalid_request", `the ${lower} header was sent more than once`);
    return values.values().next().value;
}

/** Parameter names that would let a request choose where the user is sent. */
const REDIRECT_PARAM = /^(redirect|redir|return|returnto|next|continue|callback|goto|dest|destination|target|url|uri|frontend|successurl|failureurl)/;

export function rejectRedirectChoice(names: Iterable<string>): void {
    for (const name of names) {
        if (REDIRECT_PARAM.test(name.toLowerCase().replace(/[^a-z]/g, ""))) {
            throw new HttpError(400, "redirect_not_allowed", "the redirect target is fixed by configuration and cannot be chosen by the request");
        }
    }
}

/** Query parameters, each at most once. */
export function queryParams(event: APIGatewayProxyEvent): Map<string, string> {
    const params = new Map<string, string>();
    for (const [key, list] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
        if ((list ?? []).length > 1) throw new HttpError(400, "invalid_parameter", `the ${key.length <= 32 ? key : "query"} parameter was sent more than once`);
    }
    for (const [key, value] of Object.entries(event.queryStringParameters ?? {})) {
        if (value !== undefined) params.set(key, value);
    }
    if (params.size > 20) throw new HttpError(400, "invalid_parameter", "too many query parameters");
    return params;
}

/** A JSON object body (or none). Its keys are checked for redirect choices like query names. */
export function jsonBody(event: APIGatewayProxyEvent): Record<string, unknown> {
    if (event.body === null || event.body === undefined || event.body === "") return {};
    const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new HttpError(400, "invalid_parameter", "the request body is too large");
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new HttpError(400, "invalid_request", "the request body must be a JSON object");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new HttpError(400, "invalid_request", "the request body must be a JSON object");
    return parsed as Record<string, unknown>;
}

interface BodySchema {
    required?: string[];
    properties?: Record<string, { type: "string"; pattern: string }>;
}

/**
 * The route's body fields, checked against its schema in contract.ts (the same schema API Gateway
 * can enforce): no field outside the schema, every required field present, each a string matching
 * its pattern. A route without a schema takes no fields. Messages name schema fields only, never input.
 */
export function bodyFields(event: APIGatewayProxyEvent, fn: FunctionName): Record<string, string> {
    const body = jsonBody(event);
    rejectRedirectChoice(Object.keys(body));
    const schema = (REQUESTS[fn].bodySchema ?? {}) as BodySchema;
    const properties = schema.properties ?? {};
    if (Object.keys(body).some((key) => !Object.prototype.hasOwnProperty.call(properties, key))) {
        throw new HttpError(400, "invalid_parameter", "the request body has a field this route does not take");
    }
    const fields: Record<string, string> = {};
    for (const [name, rule] of Object.entries(properties)) {
        const value = body[name];
        if (value === undefined) {
            if ((schema.required ?? []).includes(name)) throw new HttpError(400, "missing_parameter", `the ${name} field is required`);
            continue;
        }
        if (typeof value !== "string" || !new RegExp(rule.pattern).test(value)) throw new HttpError(400, "invalid_parameter", `the ${name} field is malformed`);
        fields[name] = value;
    }
    return fields;
}

function corsHeaders(config: BrokerConfig | undefined, origin: string | undefined, method: string): Record<string, string> {
    if (!config || origin === undefined || origin !== config.allowedOrigin) return {};
    return {
        "Access-Control-Allow-Origin": config.allowedOrigin,
        "Access-Control-Allow-Methods": `${method}, OPTIONS`,
        "Access-Control-Allow-Headers": "Authorization, Content-Type",
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
    };
}

const rootLogger = new Logger();

/** Milliseconds kept back from the function's timeout to answer after a wait gives up. */
const ANSWER_MARGIN_MS = 1500;
/** The budget when no Lambda context tells the remaining time (tests, local runs). */
const DEFAULT_BUDGET_MS = 8000;

export function route(fn: FunctionName, run: (ctx: RequestContext) => Promise<APIGatewayProxyResult>): Handler {
    const { method } = ROUTES[fn];
    // Browsers call every route but the callback with fetch; the callback is a top-level navigation from the provider.
    const cors = fn !== "callback";
    return async (event, context) => {
        const started = Date.now();
        const remaining = typeof context?.getRemainingTimeInMillis === "function" ? context.getRemainingTimeInMillis() : DEFAULT_BUDGET_MS + ANSWER_MARGIN_MS;
        const deadlineMs = started + Math.max(0, remaining - ANSWER_MARGIN_MS);
        const requestId = event.requestContext?.requestId ?? context?.awsRequestId ?? randomUUID();
        let log = rootLogger.child({ route: fn, requestId });
        let config: BrokerConfig | undefined;
        let result: APIGatewayProxyResult;
        let errorCode: string | undefined;
        try {
            try {
                config = getConfig(fn);
            } catch (err) {
                if (err instanceof ConfigError) {
                    log.error({ event: "config_invalid", errorName: err.name, reason: err.message });
                    throw new HttpError(500, "configuration_error", "the service is misconfigured");
                }
                throw err;
            }
            const providerName = event.pathParameters?.provider ?? "";
            if (PROVIDER_NAME.test(providerName)) log = log.child({ provider: providerName });
            if (cors && event.httpMethod === "OPTIONS") {
                result = noContent();
            } else if (event.httpMethod !== method) {
                throw new HttpError(405, "method_not_allowed", `use ${method}`, { Allow: cors ? `${method}, OPTIONS` : method });
            } else {
                const provider = config.providers.get(providerName);
                if (!provider) throw new HttpError(404, "unknown_provider", "no such provider");
                const routeLog = log;
                const ctx: RequestContext = {
                    event, config, provider, deadlineMs,
                    get log() { return log; },
                    setUser(userId: string) { log = routeLog.child({ userHash: hashUserId(userId) }); },
                };
                result = await run(ctx);
            }
        } catch (err) {
            if (err instanceof HttpError) {
                result = errorResponse(err);
                errorCode = err.code;
            } else {
                log.error({ event: "unhandled_error", errorName: err instanceof Error ? err.name : typeof err });
                result = errorResponse(new HttpError(500, "internal_error", "internal error"));
                errorCode = "internal_error";
            }
        }
        if (cors) result.headers = { ...result.headers, ...corsHeaders(config, header0(event, "origin"), method) };
        const fields = { event: "request_completed", status: result.statusCode, errorCode, durationMs: Date.now() - started };
        if (result.statusCode >= 500) log.error(fields);
        else if (result.statusCode >= 400) log.warn(fields);
        else log.info(fields);
        return result;
    };
}

/** Like `header`, but never throws (used while building the response). */
function header0(event: APIGatewayProxyEvent, name: string): string | undefined {
    try {
        return header(event, name);
    } catch {
        return undefined;
    }
}
