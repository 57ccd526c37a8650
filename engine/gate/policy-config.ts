/**
 * Policy pack configuration, read and reconciled the way the Pulumi CLI does for
 * `--policy-pack-config FILE`: a policy name (or "all") maps to an enforcement level, or to an object
 * with an optional `enforcementLevel` and the policy's own properties. Properties are validated
 * against the policy's `configSchema`, and the schema's defaults fill what the file leaves out.
 *
 * Mistakes are reported as the CLI's users need them: one line per mistake naming the file, the key,
 * what was given and what is allowed (with a did-you-mean for a mistyped policy or property name),
 * never the list of every policy of the pack.
 */
import * as fs from "fs";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import { describeValue } from "../../components/shared/errors";
import { didYouMean } from "./suggest";

export const ENFORCEMENT_LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** One mistake in a policy configuration file. */
export interface PolicyConfigProblem {
    /** `policy`, `policy.property` or `policy.enforcementLevel`. */
    key: string;
    given: unknown;
    allowed: string;
}

export class PolicyConfigError extends Error {
    constructor(readonly file: string, message: string, readonly problems: PolicyConfigProblem[] = []) {
        super(`${file}: ${message}`);
        this.name = "PolicyConfigError";
    }

    static of(file: string, problems: PolicyConfigProblem[]): PolicyConfigError {
        const line = (p: PolicyConfigProblem) => `${p.key}: got ${describeValue(p.given)}; allowed: ${p.allowed}`;
        const message = problems.length === 1 ? line(problems[0]) : `${problems.length} problems:\n${problems.map((p) => `  - ${line(p)}`).join("\n")}`;
        return new PolicyConfigError(file, message, problems);
    }
}

export function readPolicyConfigFile(file: string): Record<string, unknown> {
    if (!fs.existsSync(file)) throw new PolicyConfigError(file, "no such policy configuration file");
    try {
        const parsed = JSON.parse(fs.readFileSync(file, "utf8"));
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("the top level must be an object of policy names");
        return parsed as Record<string, unknown>;
    } catch (e) {
        throw new PolicyConfigError(file, `not valid policy configuration JSON: ${(e as Error).message}`);
    }
}

type PropertySchema = { type?: string | string[]; minimum?: number; maximum?: number; enum?: unknown[]; items?: PropertySchema; description?: string };

/** What a property's JSON Schema allows, in words. */
export function describeSchema(schema: PropertySchema): string {
    if (schema.enum) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    const bounds = [schema.minimum !== undefined ? `>= ${schema.minimum}` : "", schema.maximum !== undefined ? `<= ${schema.maximum}` : ""].filter(Boolean).join(" and ");
    const words = types.map((t) => {
        switch (t) {
            case "boolean": return "true or false";
            case "integer": return `an integer${bounds ? ` ${bounds}` : ""}`;
            case "number": return `a number${bounds ? ` ${bounds}` : ""}`;
            case "string": return "a string";
            case "array": return `a list${schema.items ? ` of ${describeSchema(schema.items).replace(/^an? /, "").replace(/^(\w+)/, "$1s")}` : ""}`;
            case "object": return "an object";
            default: return t;
        }
    });
    return words.length > 0 ? words.join(" or ") : "a value matching the policy's configSchema";
}

function describeAjvError(e: ErrorObject, schema: PropertySchema): string {
    if (e.keyword === "type" || e.keyword === "minimum" || e.keyword === "maximum" || e.keyword === "enum") return describeSchema(schema);
    return `${describeSchema(schema)} (${e.instancePath ? `${e.instancePath} ` : ""}${e.message ?? e.keyword})`;
}

/**
 * One validator per schema for the whole process: compiling a schema is the costly part, and the same
 * pack serves every stack (and both passes). Two compilers: property checks report without changing
 * the value; the whole-object one fills the schema's defaults (useDefaults) into each object anew.
 */
const compilers = { check: undefined as Ajv | undefined, fill: undefined as Ajv | undefined };
const validators = { check: new WeakMap<object, ValidateFunction>(), fill: new WeakMap<object, ValidateFunction>() };
function validatorFor(kind: "check" | "fill", schema: object): ValidateFunction {
    let validate = validators[kind].get(schema);
    if (!validate) {
        compilers[kind] ??= new Ajv({ allErrors: true, strict: false, useDefaults: kind === "fill" });
        validate = compilers[kind]!.compile(kind === "fill" ? { type: "object", ...schema } : schema);
        validators[kind].set(schema, validate);
    }
    return validate;
}

/** Every mistake of a CLI-format config object against the pack's policies (empty: valid). */
export function policyConfigProblems(policies: readonly Policy[], raw: Record<string, unknown>): PolicyConfigProblem[] {
    const byName = new Map(policies.map((p) => [p.name, p]));
    const names = [...byName.keys()];
    const problems: PolicyConfigProblem[] = [];
    const levels = ENFORCEMENT_LEVELS.join(", ");
    for (const [key, value] of Object.entries(raw)) {
        const policy = byName.get(key);
        if (key !== "all" && !policy) {
            problems.push({ key: "policy name", given: key, allowed: `the name of a policy of this pack (${names.length} policies, listed in policies/README.md) or "all"${didYouMean(key, names)}` });
            continue;
        }
        const schemaProps = (policy?.configSchema?.properties ?? {}) as Record<string, PropertySchema>;
        const propertyNames = Object.keys(schemaProps);
        if (typeof value === "string") {
            if (!ENFORCEMENT_LEVELS.includes(value as EnforcementLevel)) problems.push({ key, given: value, allowed: `an enforcement level: ${levels}${didYouMean(value, ENFORCEMENT_LEVELS)}` });
            continue;
        }
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            problems.push({ key, given: value, allowed: `an enforcement level (${levels}) or an object with enforcementLevel${propertyNames.length > 0 ? ` and the policy's properties (${propertyNames.join(", ")})` : ""}` });
            continue;
        }
        for (const [prop, given] of Object.entries(value as Record<string, unknown>)) {
            const where = `${key}.${prop}`;
            if (prop === "enforcementLevel") {
                if (typeof given !== "string" || !ENFORCEMENT_LEVELS.includes(given as EnforcementLevel)) {
                    problems.push({ key: where, given, allowed: `${levels}${typeof given === "string" ? didYouMean(given, ENFORCEMENT_LEVELS) : ""}` });
                }
                continue;
            }
            if (key === "all") {
                problems.push({ key: where, given, allowed: `"all" takes only enforcementLevel (properties belong to one policy)` });
                continue;
            }
            const schema = schemaProps[prop];
            if (!schema) {
                const allowed = ["enforcementLevel", ...propertyNames];
                problems.push({ key: where, given, allowed: `the policy's properties: ${allowed.join(", ")}${propertyNames.length === 0 ? " (it takes no other)" : ""}${didYouMean(prop, allowed)}` });
                continue;
            }
            const validate = validatorFor("check", schema);
            if (!validate(given)) problems.push({ key: where, given, allowed: describeAjvError(validate.errors![0], schema) });
        }
    }
    return problems;
}

/** Resolves every policy's enforcement level and properties from a CLI-format config object. */
export function reconcilePolicyConfig(
    policies: readonly Policy[], packLevel: EnforcementLevel, raw: Record<string, unknown>, file = "<policy config>",
): Map<string, ResolvedPolicyConfig> {
    const problems = policyConfigProblems(policies, raw);
    if (problems.length > 0) throw PolicyConfigError.of(file, problems);
    const levelOf = (value: unknown): EnforcementLevel | undefined =>
        (typeof value === "string" ? value : (value as { enforcementLevel?: EnforcementLevel } | undefined)?.enforcementLevel) as EnforcementLevel | undefined;
    const allLevel = levelOf(raw.all);
    const resolved = new Map<string, ResolvedPolicyConfig>();
    for (const policy of policies) {
        const entry = raw[policy.name];
        const { enforcementLevel: _ignored, ...given } = (entry !== null && typeof entry === "object" ? entry : {}) as Record<string, unknown>;
        const properties: Record<string, unknown> = JSON.parse(JSON.stringify(given));
        if (policy.configSchema) {
            // Whole-object rules (required properties, cross-property constraints) and the schema's defaults.
            const validate = validatorFor("fill", policy.configSchema);
            if (!validate(properties)) {
                const e = validate.errors![0];
                throw PolicyConfigError.of(file, [{ key: `${policy.name}${e.instancePath.replace(/\//g, ".")}`, given, allowed: `properties matching the policy's configSchema (${e.message ?? e.keyword})` }]);
            }
        }
        resolved.set(policy.name, {
            enforcementLevel: levelOf(entry) ?? allLevel ?? policy.enforcementLevel ?? packLevel,
            properties,
        });
    }
    return resolved;
}
