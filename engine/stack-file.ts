/**
 * Reads a Pulumi project and its stack files the way the Pulumi CLI does, and turns a stack's
 * `config:` map into the flat key/value form the CLI hands the language host (PULUMI_CONFIG):
 * namespaced keys, strings as they are, structured values as JSON text, secure values as secrets.
 */
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";

export interface ProjectFile {
    name: string;
    main?: string;
    dir: string;
}

export interface StackFile {
    stack: string;
    file: string;
    /** Flat config as the CLI passes it to programs: "namespace:key" -> string. */
    config: Record<string, string>;
    /** Keys whose values are secrets (`secure:` in the stack file). */
    secretKeys: string[];
}

/** Placeholder for `secure:` values: the offline engine has no key to decrypt them, so it uses a stand-in secret. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-secret";

export class StackFileError extends Error {
    constructor(readonly file: string, message: string) {
        super(`${file}: ${message}`);
        this.name = "StackFileError";
    }
}

/**
 * The program module a project runs, as the Node.js language host finds it: Pulumi.yaml's `main`
 * (a file or a folder) relative to the project, else the project folder; a folder resolves through
 * its package.json `main`.
 */
export function programOf(project: ProjectFile): string {
    const target = path.resolve(project.dir, project.main ?? ".");
    try {
        // A folder resolves through its package.json "main" (or index): with a trailing separator, or
        // Node would first try a sibling file named like it (<folder>.js, <folder>.json).
        const isFolder = fs.existsSync(target) && fs.statSync(target).isDirectory();
        return require.resolve(isFolder ? target + path.sep : target);
    } catch {
        throw new StackFileError(path.join(project.dir, "Pulumi.yaml"), `cannot find the program at ${target} (set package.json "main" or Pulumi.yaml "main")`);
    }
}

export function readProject(dir: string): ProjectFile {
    const file = path.join(dir, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new StackFileError(file, "no Pulumi.yaml: not a Pulumi project directory");
    const doc = YAML.parse(fs.readFileSync(file, "utf8")) as { name?: unknown; main?: unknown } | null;
    if (!doc || typeof doc.name !== "string") throw new StackFileError(file, "the project needs a `name`");
    return { name: doc.name, main: typeof doc.main === "string" ? doc.main : undefined, dir };
}

/** Every stack of a project: one per Pulumi.<stack>.yaml, sorted by name. */
export function listStacks(dir: string): string[] {
    return fs.readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

export function stackFilePath(dir: string, stack: string): string {
    return path.join(dir, `Pulumi.${stack}.yaml`);
}

/** Flattens a stack file's `config:` map into CLI form. `projectName` qualifies keys without a namespace. */
export function flattenConfig(projectName: string, config: Record<string, unknown>, file = "<config>"): { config: Record<string, string>; secretKeys: string[] } {
    const flat: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, value] of Object.entries(config ?? {})) {
        const key = rawKey.includes(":") ? rawKey : `${projectName}:${rawKey}`;
        if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value) {
            flat[key] = OFFLINE_SECRET_PLACEHOLDER;
            secretKeys.push(key);
        } else if (typeof value === "string") {
            flat[key] = value;
        } else if (value === undefined || value === null) {
            throw new StackFileError(file, `config key ${key} has no value`);
        } else {
            flat[key] = JSON.stringify(value);
        }
    }
    return { config: flat, secretKeys };
}

export function readStackFile(dir: string, projectName: string, stack: string): StackFile {
    const file = stackFilePath(dir, stack);
    if (!fs.existsSync(file)) {
        const known = listStacks(dir);
        throw new StackFileError(file, `no such stack "${stack}"; stacks here: ${known.join(", ") || "none"}`);
    }
    let doc: unknown;
    try {
        doc = YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackFileError(file, `not valid YAML: ${(e as Error).message}`);
    }
    const configMap = (doc as { config?: unknown } | null)?.config ?? {};
    if (typeof configMap !== "object" || Array.isArray(configMap)) throw new StackFileError(file, "`config:` must be a map of keys to values");
    return { stack, file, ...flattenConfig(projectName, configMap as Record<string, unknown>, file) };
}
