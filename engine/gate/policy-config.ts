/**
 * Policy pack configuration, read and reconciled the way the Pulumi CLI does for
 * `--policy-pack-config FILE`: a policy name (or "all") maps to an enforcement level, or to an object
 * with an optional `enforcementLevel` and the policy's own properties. Properties are validated
 * against the policy's `configSchema`, and the schema's defaults fill what the file leaves out.
 */
import * as fs from "fs";
import Ajv, { type ValidateFunction } from "ajv";
import type { EnforcementLevel, Policy } from "@pulumi/policy";

export const ENFORCEMENT_LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export class PolicyConfigError extends Error {
    constructor(readonly file: string, message: string) {
        super(`${file}: ${message}`);
        this.name = "PolicyConfigError";
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

/**
 * One validator per policy schema for the whole process: compiling a schema is the costly part, and
 * the same pack serves every stack (and both passes). useDefaults fills each validated object anew.
 */
let ajv: Ajv | undefined;
const validators = new WeakMap<object, ValidateFunction>();
function validatorFor(schema: NonNullable<Policy["configSchema"]>): ValidateFunction {
    let validate = validators.get(schema);
    if (!validate) {
        ajv ??= new Ajv({ allErrors: true, useDefaults: true, strict: false });
        validate = ajv.compile({ type: "object", ...schema });
        validators.set(schema, validate);
    }
    return validate;
}

/** Resolves every policy's enforcement level and properties from a CLI-format config object. */
export function reconcilePolicyConfig(
    policies: readonly Policy[], packLevel: EnforcementLevel, raw: Record<string, unknown>, file = "<policy config>",
): Map<string, ResolvedPolicyConfig> {
    const byName = new Map(policies.map((p) => [p.name, p]));
    for (const key of Object.keys(raw)) {
        if (key !== "all" && !byName.has(key)) {
            throw new PolicyConfigError(file, `"${key}" is not a policy of this pack; known policies: ${[...byName.keys()].sort().join(", ")}`);
        }
    }
    const levelOf = (key: string, value: unknown): EnforcementLevel | undefined => {
        const level = typeof value === "string" ? value : (value as { enforcementLevel?: unknown } | undefined)?.enforcementLevel;
        if (level === undefined) return undefined;
        if (!ENFORCEMENT_LEVELS.includes(level as EnforcementLevel)) {
            throw new PolicyConfigError(file, `${key}: enforcement level "${String(level)}" is not one of ${ENFORCEMENT_LEVELS.join(", ")}`);
        }
        return level as EnforcementLevel;
    };
    const allLevel = levelOf("all", raw.all);
    const resolved = new Map<string, ResolvedPolicyConfig>();
    for (const policy of policies) {
        const entry = raw[policy.name];
        const { enforcementLevel: _ignored, ...given } = (entry !== null && typeof entry === "object" ? entry : {}) as Record<string, unknown>;
        const properties: Record<string, unknown> = JSON.parse(JSON.stringify(given));
        if (policy.configSchema) {
            const validate = validatorFor(policy.configSchema);
            if (!validate(properties)) {
                const details = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("; ");
                throw new PolicyConfigError(file, `${policy.name}: invalid properties ${JSON.stringify(given)}: ${details}`);
            }
        } else if (Object.keys(properties).length > 0) {
            throw new PolicyConfigError(file, `${policy.name}: takes no properties, got ${Object.keys(properties).join(", ")}`);
        }
        resolved.set(policy.name, {
            enforcementLevel: levelOf(policy.name, entry) ?? allLevel ?? policy.enforcementLevel ?? packLevel,
            properties,
        });
    }
    return resolved;
}
