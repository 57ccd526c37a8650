/** Bundles a TypeScript entry file into a Lambda asset when the program runs (no build step, no dist folder). */
import type * as esbuild from "esbuild";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentArgumentError } from "../shared/errors";

export interface BundleOptions {
    minify: boolean;
}

/** The on-disk cache shared with the engine's TypeScript hook (engine/cache.js). */
interface Cache {
    kindDir(kind: string): string | undefined;
    digest(...parts: unknown[]): string;
    read(kind: string, name: string): string | undefined;
    write(kind: string, name: string, text: string): void;
    fileDigest(file: string): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cache = require("../../engine/cache") as Cache;

/**
 * What a bundle depends on beyond esbuild and its options: every file that went in, the package.json
 * and tsconfig.json files esbuild consults for them (resolution fields, compiler options), and the
 * listing of every folder on the way from the working directory to an input (a file added beside an
 * import can change what it resolves to). Each is checked by the digest of its bytes or names.
 */
interface Bundle {
    code: string;
    files: [string, string][];
    folders: [string, string][];
}

const CONFIG_FILES = ["package.json", "tsconfig.json", "jsconfig.json"];

function folderDigest(dir: string): string {
    try {
        return cache.digest(fs.readdirSync(dir).sort());
    } catch {
        return "absent";
    }
}

function dependenciesOf(inputs: string[], absWorkingDir: string): Pick<Bundle, "files" | "folders"> {
    const files = new Set(inputs);
    const folders = new Set<string>();
    const seen = new Set<string>();
    for (const input of inputs) {
        for (let dir = path.dirname(input); !seen.has(dir); dir = path.dirname(dir)) {
            seen.add(dir);
            for (const name of CONFIG_FILES) if (fs.existsSync(path.join(dir, name))) files.add(path.join(dir, name));
            if (dir === absWorkingDir || dir.startsWith(absWorkingDir + path.sep)) folders.add(dir);
            if (path.dirname(dir) === dir) break;
        }
    }
    return {
        files: [...files].sort().map((f) => [f, cache.fileDigest(f)]),
        folders: [...folders].sort().map((d) => [d, folderDigest(d)]),
    };
}

function stillValid(bundle: Bundle): boolean {
    return bundle.files.every(([f, d]) => cache.fileDigest(f) === d) && bundle.folders.every(([dir, d]) => folderDigest(dir) === d);
}

/**
 * Bundles built or read in this thread: many functions share an entry (and the offline gate builds
 * every stack in one process). Every use re-checks the inputs, from their file status unless it changed.
 */
const built = new Map<string, Bundle>();

function build(entry: string, options: BundleOptions, absWorkingDir: string): Bundle {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildSync, version } = require("esbuild") as typeof esbuild;
    const result = buildSync({
        absWorkingDir,
        metafile: true,
        entryPoints: [entry],
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        minify: options.minify,
        sourcemap: false,
        write: false,
        external: ["@aws-sdk/*"],
        logLevel: "silent",
    });
    const file = result.outputFiles?.[0];
    if (!file) throw new Error(`esbuild ${version} produced no output`);
    const inputs = Object.keys(result.metafile?.inputs ?? {}).map((f) => path.resolve(absWorkingDir, f));
    return { code: file.text, ...dependenciesOf(inputs, absWorkingDir) };
}

/** The bundled code as one CommonJS file; the AWS SDK v3 stays external (the Node.js runtimes ship it). */
export function bundleCode(entry: string, options: BundleOptions): string {
    const absWorkingDir = process.cwd();
    const key = cache.digest("bundle/1", process.versions.node, versionOfEsbuild(), options, path.resolve(entry), absWorkingDir);
    const known = built.get(key);
    if (known && stillValid(known)) return known.code;
    const stored = readStored(key);
    if (stored && stillValid(stored)) {
        built.set(key, stored);
        return stored.code;
    }
    const fresh = build(entry, options, absWorkingDir);
    built.set(key, fresh);
    cache.write("bundles", `${key}.json`, JSON.stringify(fresh));
    return fresh.code;
}

let esbuildVersion: string | undefined;
function versionOfEsbuild(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    esbuildVersion ??= (require("esbuild/package.json") as { version: string }).version;
    return esbuildVersion;
}

function readStored(key: string): Bundle | undefined {
    const text = cache.read("bundles", `${key}.json`);
    if (text === undefined) return undefined;
    try {
        return JSON.parse(text) as Bundle;
    } catch {
        return undefined;
    }
}

/** The entry bundled into an archive holding index.js, or a ComponentArgumentError naming the component and the entry. */
export function bundleArchive(component: string, name: string, entry: string, options: BundleOptions): pulumi.asset.AssetArchive {
    let code: string;
    try {
        code = bundleCode(entry, options);
    } catch (e) {
        const errors = (e as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
        const detail = errors && errors.length > 0
            ? errors.map((x) => (x.location ? `${x.location.file}:${x.location.line}: ${x.text}` : x.text)).join("; ")
            : (e as Error).message;
        throw new ComponentArgumentError(component, name, "entry", entry, `a TypeScript/JavaScript file esbuild can bundle (esbuild: ${detail})`);
    }
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(code) });
}
