/**
 * What a built-in rotation regenerates, shared by the Secret component (which writes it into the
 * rotation function's environment) and the function (which reads it): the whole value, or the
 * generated fields of a JSON value (the given fields are kept as they are). Values are drawn with
 * `crypto.randomInt` from the same alphabet as @pulumi/random's RandomPassword, so a rotated value
 * has the shape the secret's consumers already accept.
 */
import { randomInt } from "crypto";

/** A generated value: its length and alphabet (letters and digits, plus `symbols` when `special`). */
export interface GeneratedSpec {
    length: number;
    special: boolean;
    symbols: string;
}

export type RotationSpec =
    | { kind: "value"; value: GeneratedSpec }
    | { kind: "fields"; fields: Record<string, GeneratedSpec> };

/** The rotation function's environment. */
export const ROTATION_ENVIRONMENT = {
    /** The RotationSpec as JSON. */
    spec: "ROTATION_SPEC",
    /** The one secret this function may rotate. */
    secretArn: "ROTATED_SECRET_ARN",
} as const;

const LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function alphabet(g: GeneratedSpec): string {
    return g.special ? LETTERS_AND_DIGITS + g.symbols : LETTERS_AND_DIGITS;
}

function isGeneratedSpec(value: unknown): value is GeneratedSpec {
    const g = value as GeneratedSpec;
    return typeof g === "object" && g !== null && Number.isInteger(g.length) && g.length >= 16 && g.length <= 512
        && typeof g.special === "boolean" && typeof g.symbols === "string" && !/[A-Za-z0-9]/.test(g.symbols);
}

/** The spec from its JSON, or an Error naming what is wrong (never a value). */
export function parseSpec(text: string | undefined): RotationSpec {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text ?? "");
    } catch {
        throw new Error(`${ROTATION_ENVIRONMENT.spec} is not JSON`);
    }
    const spec = parsed as RotationSpec;
    if (spec?.kind === "value" && isGeneratedSpec(spec.value)) return spec;
    if (spec?.kind === "fields" && typeof spec.fields === "object" && spec.fields !== null
        && Object.keys(spec.fields).length > 0 && Object.values(spec.fields).every(isGeneratedSpec)) return spec;
    throw new Error(`${ROTATION_ENVIRONMENT.spec} is not a rotation spec`);
}

/** A fresh random value: each character uniformly from the alphabet (randomInt has no modulo bias). */
export function generateValue(g: GeneratedSpec): string {
    const chars = alphabet(g);
    let out = "";
    for (let i = 0; i < g.length; i++) out += chars[randomInt(chars.length)];
    return out;
}

function conformsTo(g: GeneratedSpec, value: unknown): boolean {
    if (typeof value !== "string" || value.length !== g.length) return false;
    const chars = alphabet(g);
    return [...value].every((c) => chars.includes(c));
}

function jsonObject(text: string): Record<string, unknown> {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new Error("the secret's value is not JSON");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("the secret's value is not a JSON object");
    return parsed as Record<string, unknown>;
}

/** The next value: a new whole value, or the current JSON with its generated fields replaced. */
export function nextValue(spec: RotationSpec, current: string): string {
    if (spec.kind === "value") return generateValue(spec.value);
    const fields = jsonObject(current);
    for (const [name, g] of Object.entries(spec.fields)) fields[name] = generateValue(g);
    return JSON.stringify(fields);
}

/** Whether a value has the spec's shape (the testSecret step). */
export function conforms(spec: RotationSpec, value: string): boolean {
    if (spec.kind === "value") return conformsTo(spec.value, value);
    try {
        const fields = jsonObject(value);
        return Object.entries(spec.fields).every(([name, g]) => conformsTo(g, fields[name]));
    } catch {
        return false;
    }
}
