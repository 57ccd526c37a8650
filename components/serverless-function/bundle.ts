/** Bundles a TypeScript entry file into a Lambda asset when the program runs (no build step, no dist folder). */
import * as esbuild from "esbuild";
import * as pulumi from "@pulumi/pulumi";
import { ComponentArgumentError } from "../shared/errors";

export interface BundleOptions {
    minify: boolean;
}

/** The bundled code as one CommonJS file; the AWS SDK v3 stays external (the Node.js runtimes ship it). */
export function bundleCode(entry: string, options: BundleOptions): string {
    const result = esbuild.buildSync({
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
