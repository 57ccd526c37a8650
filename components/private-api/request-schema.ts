/**
 * Request body models of a PrivateApi route: API Gateway validates bodies against JSON Schema
 * draft 4 only. Keywords of later drafts (`const`, `if`/`then`, `contains`, numeric
 * `exclusiveMinimum`...) are not errors there: they are silently ignored, and the body passes
 * unchecked. So a schema is checked here for draft-4 keywords before any model is registered, and
 * helpers build the common shape (a closed object) so route definitions stay short.
 */

export const JSON_SCHEMA_DRAFT_4 = "http://json-schema.org/draft-04/schema#";

export type JsonSchema = Record<string, unknown>;

/** Keywords of drafts 6 and later (and OpenAPI extensions) that draft 4, hence API Gateway, ignores. */
const LATER_DRAFT_KEYWORDS = new Set([
    "const", "contains", "propertyNames", "if", "then", "else", "examples", "$defs", "$id", "$comment", "$anchor",
    "$dynamicRef", "$dynamicAnchor", "$vocabulary", "readOnly", "writeOnly", "deprecated", "contentMediaType",
    "contentEncoding", "contentSchema", "dependentRequired", "dependentSchemas", "prefixItems", "unevaluatedItems",
    "unevaluatedProperties", "minContains", "maxContains", "nullable", "discriminator",
]);

/** Keywords whose value is a schema, a list of schemas, or a map of schemas. */
const SCHEMA_VALUED = new Set(["items", "additionalItems", "additionalProperties", "not"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions"]);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Why a body schema would not be enforced as written by API Gateway, or undefined. Paths are JSON-pointer-like. */
export function schemaProblem(schema: unknown, at = "#"): string | undefined {
    if (!isObject(schema)) return `${at}: a JSON Schema object`;
    for (const [key, value] of Object.entries(schema)) {
        const here = `${at}/${key}`;
        if (LATER_DRAFT_KEYWORDS.has(key)) return `${here}: draft-4 keywords only (API Gateway ignores "${key}", so the body would pass unchecked)`;
        if (key === "$schema" && value !== JSON_SCHEMA_DRAFT_4) return `${here}: "${JSON_SCHEMA_DRAFT_4}" or no $schema (API Gateway validates draft 4)`;
        if (key === "$ref" && !(typeof value === "string" && value.startsWith("#/definitions/"))) return `${here}: a local reference "#/definitions/<name>" (other models' URLs are not known before the API exists)`;
        if ((key === "exclusiveMinimum" || key === "exclusiveMaximum") && typeof value !== "boolean") return `${here}: a boolean beside minimum/maximum (draft 4)`;
        if (SCHEMA_VALUED.has(key) && typeof value !== "boolean") {
            const items = key === "items" && Array.isArray(value) ? value : [value];
            for (const [i, item] of items.entries()) {
                const problem = schemaProblem(item, Array.isArray(value) ? `${here}/${i}` : here);
                if (problem) return problem;
            }
        }
        if (SCHEMA_LISTS.has(key)) {
            if (!Array.isArray(value) || value.length === 0) return `${here}: a non-empty list of schemas`;
            for (const [i, item] of value.entries()) {
                const problem = schemaProblem(item, `${here}/${i}`);
                if (problem) return problem;
            }
        }
        if (SCHEMA_MAPS.has(key)) {
            if (!isObject(value)) return `${here}: an object of schemas`;
            for (const [k, item] of Object.entries(value)) {
                const problem = schemaProblem(item, `${here}/${k}`);
                if (problem) return problem;
            }
        }
        if (key === "dependencies" && isObject(value)) {
            for (const [k, dep] of Object.entries(value)) {
                const problem = Array.isArray(dep) ? (dep.every((d) => typeof d === "string") ? undefined : `${here}/${k}: property names`) : schemaProblem(dep, `${here}/${k}`);
                if (problem) return problem;
            }
        }
    }
    if (Array.isArray(schema.required) && isObject(schema.properties)) {
        const missing = (schema.required as unknown[]).find((r) => typeof r !== "string" || !(r in (schema.properties as object)));
        if (missing !== undefined && schema.additionalProperties === false) return `${at}/required: "${String(missing)}" is required but not among the properties of a closed object (no body could pass)`;
    }
    return undefined;
}

/** The model's schema as registered: draft 4 declared, titled after the model. */
export function modelSchema(schema: JsonSchema, title: string): JsonSchema {
    return { $schema: JSON_SCHEMA_DRAFT_4, title, ...schema };
}

/**
 * A closed JSON object: only the listed properties, `required` ones present. Unknown fields are
 * refused, so a client cannot slip in attributes the handler would store (mass assignment).
 */
export function objectBody(properties: Record<string, JsonSchema>, required: string[] = [], extra: JsonSchema = {}): JsonSchema {
    return { type: "object", properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false, ...extra };
}

/** A string of bounded length, optionally matching a pattern or one of the given values. */
export function stringField(opts: { minLength?: number; maxLength: number; pattern?: string; enum?: string[] }): JsonSchema {
    const { minLength = 1, maxLength, pattern } = opts;
    return { type: "string", minLength, maxLength, ...(pattern ? { pattern } : {}), ...(opts.enum ? { enum: opts.enum } : {}) };
}
