/**
 * The route table of a PrivateApi as plain data: path parsing, the resource tree it implies, the
 * execute-api ARN paths Lambda permissions are scoped to, and the CORS preflight answer. Pure
 * functions, no resources: the component wires them.
 */
import { createHash } from "crypto";

const LITERAL = /^[A-Za-z0-9._~-]+$/;
const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;

export interface PathSegment {
    text: string;
    /** Path parameter name, when the segment is `{name}` or `{name+}`. */
    param?: string;
    greedy: boolean;
}

/** Why a path is not a valid API Gateway resource path, or undefined when it is. */
export function pathProblem(path: unknown): string | undefined {
    if (typeof path !== "string" || !path.startsWith("/")) return "a path starting with /";
    if (path === "/") return undefined;
    if (path.endsWith("/")) return "a path without a trailing /";
    const segments = path.slice(1).split("/");
    for (const [i, s] of segments.entries()) {
        const param = PARAM.exec(s);
        if (param) {
            if (param[2] === "+" && i !== segments.length - 1) return "a greedy parameter {name+} only as the last segment";
            continue;
        }
        if (s.includes("{") || s.includes("}")) return "path parameters written {name} or {name+} as a whole segment";
        if (!LITERAL.test(s)) return "segments of letters, digits and . _ ~ - (no empty segments)";
    }
    return undefined;
}

/** A valid path's segments ("/" has none). */
export function segmentsOf(path: string): PathSegment[] {
    if (path === "/") return [];
    return path.slice(1).split("/").map((text) => {
        const param = PARAM.exec(text);
        return { text, param: param?.[1], greedy: param?.[2] === "+" };
    });
}

/** Every resource path the routes need, parents before children, root excluded. */
export function resourcePaths(paths: string[]): string[] {
    const all = new Set<string>();
    for (const path of paths) {
        const segments = segmentsOf(path);
        for (let i = 1; i <= segments.length; i++) all.add("/" + segments.slice(0, i).map((s) => s.text).join("/"));
    }
    return [...all].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
}

export function parentPath(path: string): string {
    const i = path.lastIndexOf("/");
    return i <= 0 ? "/" : path.slice(0, i);
}

/**
 * Sibling resources under one parent may use only one parameter name (API Gateway rejects
 * `/items/{id}` beside `/items/{itemId}`). Returns the first conflict as [path, path], if any.
 */
export function siblingParamConflict(paths: string[]): [string, string] | undefined {
    const byParent = new Map<string, string>();
    for (const path of resourcePaths(paths)) {
        const last = segmentsOf(path).pop();
        if (!last?.param) continue;
        const parent = parentPath(path);
        const seen = byParent.get(parent);
        if (seen !== undefined && seen !== path) return [seen, path];
        byParent.set(parent, path);
    }
    return undefined;
}

/** The resource path part of an execute-api ARN: parameters become `*`, as API Gateway matches them. */
export function arnPath(path: string): string {
    return "/" + segmentsOf(path).map((s) => (s.param ? "*" : s.text)).join("/");
}

/** The `method.request.path.*` parameters a path declares. */
export function pathParameters(path: string): string[] {
    return segmentsOf(path).flatMap((s) => (s.param ? [s.param] : []));
}

/** Short stable digest, for names that must be unique and use a narrow alphabet. */
export function shortHash(...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 8);
}

/** A Lambda statement id (letters, digits, - and _; at most 100 characters) for one route. */
export function statementId(method: string, path: string): string {
    const readable = path.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "root";
    return `apigw-${method}-${readable}`.slice(0, 82) + `-${shortHash(method, path)}`;
}

/** An API Gateway model name (alphanumeric) for one route's body schema. */
export function modelName(method: string, path: string): string {
    const readable = (method + path).replace(/[^A-Za-z0-9]/g, "");
    return `${readable.slice(0, 60)}Body${shortHash(method, path)}`;
}

/** Origins a browser may send: https://host[:port], or http://localhost / 127.0.0.1 for local development. */
export function originProblem(origin: string): string | undefined {
    if (origin === "*") return undefined;
    if (/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)) return undefined;
    if (/^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/.test(origin)) return undefined;
    return "an origin https://host[:port] (or http://localhost[:port]) with no path";
}

/**
 * The integration-response template of a preflight mock: API Gateway can map only a static
 * Access-Control-Allow-Origin, so with several origins the template echoes the request's Origin
 * when, and only when, it is one of them.
 */
export function preflightTemplate(origins: string[]): string {
    if (origins.length <= 1) return "";
    const test = origins.map((o) => `$origin == "${o}"`).join(" || ");
    return [
        "#set($origin = $input.params().header.get(\"Origin\"))",
        "#if($origin == \"\")#set($origin = $input.params().header.get(\"origin\"))#end",
        `#if(${test})`,
        "#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)",
        "#end",
    ].join("\n");
}
