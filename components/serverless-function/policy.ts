/**
 * Checks shared by the compute components (ServerlessFunction, ContainerService): IAM statements
 * given by callers, and environment variables that would put a secret in plain text.
 */
import * as pulumi from "@pulumi/pulumi";
import { credentialShape, isSecretReference, namesSecret } from "../../policies/encryption/plaintext-secrets";
import { requireArg } from "../shared/errors";

/** An IAM policy statement given by a caller (the JSON shape; resources and condition values may be Outputs). */
export interface PolicyStatement {
    Sid?: string;
    /** Default "Allow". */
    Effect?: "Allow" | "Deny";
    Action: string | string[];
    Resource: pulumi.Input<string> | pulumi.Input<string>[];
    Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

function list<T>(value: T | T[]): T[] {
    return Array.isArray(value) ? value : [value];
}

/** IAM action wildcards: `*` matches any run of characters, `?` one character; case-insensitive. */
function actionMatches(pattern: string, action: string): boolean {
    const re = new RegExp(`^${pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("")}$`, "i");
    return re.test(action);
}

/**
 * What is wrong with an Allow statement, or undefined. Only resources known as plain strings are
 * judged: a Resource that is an Output is checked again once resolved (see `policyJson`).
 */
export function statementProblem(statement: { Effect?: string; Action: string | string[]; Resource: unknown }): string | undefined {
    if ((statement.Effect ?? "Allow") !== "Allow") return undefined;
    const actions = list(statement.Action);
    if (actions.length === 0) return "a statement with no Action";
    const anyResource = list(statement.Resource).some((r) => r === "*");
    if (!anyResource) return undefined;
    if (actions.some((a) => a === "*")) return "Action \"*\" on Resource \"*\"";
    if (actions.some((a) => actionMatches(a, "iam:PassRole"))) return "iam:PassRole on Resource \"*\" (name the roles that may be passed)";
    return undefined;
}

/** Validates caller statements before any child is registered. */
export function requireStatements(component: string, name: string, argument: string, statements: PolicyStatement[] | undefined): void {
    (statements ?? []).forEach((s, i) => {
        const problem = statementProblem(s);
        requireArg(problem === undefined, component, name, `${argument}[${i}]`, s.Action, `least-privilege statements (not ${problem ?? ""})`);
    });
}

/**
 * A policy document as JSON text. Caller statements are checked again after their Outputs resolve,
 * so a `Resource: someOutput` that turns out to be "*" fails the deployment instead of passing.
 */
export function policyJson(component: string, name: string, statements: pulumi.Input<object>[]): pulumi.Output<string> {
    return pulumi.output(statements).apply((resolved) => {
        for (const s of resolved as PolicyStatement[]) {
            const problem = statementProblem(s);
            if (problem) throw new Error(`${component} "${name}": policy statement ${JSON.stringify(s.Action)} grants ${problem}`);
        }
        return JSON.stringify({ Version: "2012-10-17", Statement: resolved });
    });
}

/**
 * True when a variable name says it holds a secret value: the policy pack's own reading (the name's
 * last word is SECRET, PASSWORD, PASS, TOKEN, API_KEY, PRIVATE_KEY, ...), so a component refuses exactly
 * what the pack would flag, and lets settings such as MAX_TOKENS, PASSWORD_MIN_LENGTH or SECRET_ARN through.
 */
export function looksSecret(name: string): boolean {
    return namesSecret(name);
}

/**
 * Rejects environment variables that would put a secret in plain text: a secret-named variable (unless
 * its value is a reference, such as a Secrets Manager ARN), or any value with a credential's shape (an
 * access key id, a vendor API key, a JWT, a PEM key, a URI with a password), whatever its name.
 */
export function requirePlainEnvironment(component: string, name: string, argument: string, variables: Record<string, unknown> | undefined, remedy: string): void {
    for (const [key, value] of Object.entries(variables ?? {})) {
        const reference = typeof value === "string" && isSecretReference(value);
        requireArg(!looksSecret(key) || reference, component, name, `${argument}.${key}`, key,
            `non-secret names only: a name ending in SECRET, PASSWORD, TOKEN, API_KEY, PRIVATE_KEY (or similar) holds a secret in plain text; ${remedy}`);
        const shape = typeof value === "string" ? credentialShape(value) : undefined;
        requireArg(shape === undefined, component, name, `${argument}.${key}`, "(a value withheld here)", `no credential in plain text: the value looks like ${shape}; ${remedy}`);
    }
}
