/**
 * Checks shared by the compute components (ServerlessFunction, ContainerService): IAM statements
 * given by callers, and environment variables that would put a secret in plain text.
 */
import * as pulumi from "@pulumi/pulumi";
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

/** Name fragments that mark an environment variable as holding a secret (the policy pack uses the same list). */
export const SECRET_NAME_PATTERN = /SECRET|PASSWORD|TOKEN|API_?KEY|PRIVATE_?KEY/i;
/**
 * Suffixes that make such a name a reference, not a value: `CLIENT_SECRET_ARN`, `TOKEN_TABLE_NAME`,
 * `TOKEN_URL`. The code reads the secret at run time from the ARN it is given.
 */
export const REFERENCE_SUFFIX_PATTERN = /_(ARN|NAME|ID|URL|TABLE)$/i;

/** True when a variable name says it holds a secret value (and is not a reference to one). */
export function looksSecret(name: string): boolean {
    return SECRET_NAME_PATTERN.test(name) && !REFERENCE_SUFFIX_PATTERN.test(name);
}

/** Rejects secret-looking environment variables: a secret's value never goes into plain environment. */
export function requirePlainEnvironment(component: string, name: string, argument: string, variables: Record<string, unknown> | undefined, remedy: string): void {
    for (const key of Object.keys(variables ?? {})) {
        requireArg(!looksSecret(key), component, name, `${argument}.${key}`, key,
            `non-secret names only: a name containing SECRET, PASSWORD, TOKEN, API_KEY or PRIVATE_KEY holds a secret in plain text; ${remedy}`);
    }
}
