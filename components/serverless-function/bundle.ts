/** Bundles a TypeScript entry file into a Lambda asset when the program runs (no build step, no dist folder). */
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentArgumentError } from "../shared/errors";

export interface BundleOptions {
    minify: boolean;
}

/**
 * Bundles already built in this process, with the modification times of every file that went in:
 * many functions share an entry (and the offline gate builds every stack in one process), and a
 * bundle is reused only while none of its inputs changed.
 */
const built = new Map<string, { code: string; inputs: [string, number][] }>();

function unchanged(inputs: [string, number][]): boolean {
    try {
        return inputs.every(([file, mtime]) => fs.statSync(file).mtimeMs === mtime);
    } catch {
        return false;
    }
}

/** The bundled code as one CommonJS file; the AWS SDK v3 stays external (the Node.js runtimes ship it). */
export function bundleCode(entry: string, options: BundleOptions): string {
    const key = `${path.resolve(entry)}\u0000${options.minify}`;
    const cached = built.get(key);
    if (cached && unchanged(cached.inputs)) return cached.code;
    const absWorkingDir = process.cwd();
    const result = esbuild.buildSync({
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
    if (!file) throw new Error("esbuild produced no output");
    const inputs = Object.keys(result.metafile?.inputs ?? {}).map((f) => path.resolve(absWorkingDir, f));
    built.set(key, { code: file.text, inputs: inputs.map((f) => [f, fs.statSync(f).mtimeMs] as [string, number]) });
    return file.text;
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
