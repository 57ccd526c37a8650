/**
 * The usage file of a stack, `Pulumi.<stack>.usage.yaml` beside the stack file (like infracost's
 * usage file): what the program cannot say, such as requests, GB stored or processed, invocations,
 * ACUs above the minimum. Values are per month unless the key says otherwise; a resource entry wins
 * over its type's default.
 *
 * ```yaml
 * version: 1
 * settings:
 *   applyFreeTier: false          # subtract AWS's always-free monthly allowances (default false)
 * defaults:                       # by resource type
 *   aws:lambda/function:Function: { requestsPerMonth: 100000, averageDurationMs: 120 }
 * resources:                      # by resource name, or <type>::<name> when names repeat
 *   vibe-api-alb: { averageLcus: 1.5 }
 * ```
 *
 * Errors name the file and the key; a resource entry that matches no resource is a warning (the
 * program may have renamed it), not an error.
 */
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { z } from "zod";
import { ESTIMATORS } from "./estimators";

export function usageFilePath(projectDir: string, stack: string): string {
    return path.join(projectDir, `Pulumi.${stack}.usage.yaml`);
}

const values = z.record(z.string(), z.number().min(0));

const usageSchema = z.strictObject({
    version: z.literal(1),
    settings: z.strictObject({ applyFreeTier: z.boolean().default(false) }).default({ applyFreeTier: false }),
    defaults: z.record(z.string(), values).default({}),
    resources: z.record(z.string(), values).default({}),
});

export interface UsageFile {
    /** As shown in messages (relative to the project). */
    file: string;
    applyFreeTier: boolean;
    defaults: ReadonlyMap<string, Readonly<Record<string, number>>>;
    /** By resource name or `<type>::<name>`. */
    resources: ReadonlyMap<string, Readonly<Record<string, number>>>;
}

export class UsageFileError extends Error {
    constructor(readonly file: string, readonly problems: string[]) {
        super(`Invalid usage file ${file} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "UsageFileError";
    }
}

function describe(v: unknown): string {
    return v === undefined ? "nothing" : JSON.stringify(v);
}

function valueAt(raw: unknown, keys: PropertyKey[]): unknown {
    let v = raw;
    for (const k of keys) {
        if (v === null || typeof v !== "object") return undefined;
        v = (v as Record<PropertyKey, unknown>)[k];
    }
    return v;
}

/** The usage keys a type accepts, for messages. */
export function usageKeysOf(type: string): string[] {
    return Object.keys(ESTIMATORS[type]?.usage ?? {});
}

export function parseUsageFile(text: string, file: string): UsageFile {
    let raw: unknown;
    try {
        raw = YAML.parse(text);
    } catch (e) {
        throw new UsageFileError(file, [`not YAML: ${(e as Error).message.split("\n")[0]}`]);
    }
    const parsed = usageSchema.safeParse(raw ?? {});
    if (!parsed.success) {
        throw new UsageFileError(file, parsed.error.issues.map((i) => {
            const key = i.path.join(".") || "<root>";
            if (i.code === "unrecognized_keys") return `${key ? `${key}: ` : ""}no key ${i.keys.map((k) => JSON.stringify(k)).join(", ")}; allowed: version, settings, defaults, resources`;
            if (i.path[0] === "version") return `version: got ${describe(valueAt(raw, i.path))}; allowed: 1`;
            return `${key}: got ${describe(valueAt(raw, i.path))}; allowed: ${i.code === "invalid_type" ? `a ${i.expected}` : i.message}${i.path[0] === "defaults" || i.path[0] === "resources" ? " (usage values are numbers, 0 or more)" : ""}`;
        }));
    }
    const problems: string[] = [];
    for (const [type, entry] of Object.entries(parsed.data.defaults)) {
        const allowed = usageKeysOf(type);
        if (!ESTIMATORS[type]) {
            problems.push(`defaults.${type}: no usage applies to this type; types that take usage: ${Object.keys(ESTIMATORS).filter((t) => usageKeysOf(t).length > 0).sort().join(", ")}`);
            continue;
        }
        for (const k of Object.keys(entry)) {
            if (!allowed.includes(k)) problems.push(`defaults.${type}.${k}: no such usage key for ${type}; allowed: ${allowed.join(", ") || "none"}`);
        }
    }
    if (problems.length > 0) throw new UsageFileError(file, problems);
    return {
        file,
        applyFreeTier: parsed.data.settings.applyFreeTier,
        defaults: new Map(Object.entries(parsed.data.defaults)),
        resources: new Map(Object.entries(parsed.data.resources)),
    };
}

/** The stack's usage file, or undefined when it has none. */
export function loadUsageFile(projectDir: string, stack: string): UsageFile | undefined {
    const file = usageFilePath(projectDir, stack);
    if (!fs.existsSync(file)) return undefined;
    return parseUsageFile(fs.readFileSync(file, "utf8"), path.relative(projectDir, file));
}
