/**
 * policies/package.json is what `pulumi policy publish` ships and what a Pulumi Cloud policy group
 * installs: it lists exactly the packages the pack imports (followed from policies/index.ts) plus
 * @pulumi/pulumi, whose cmd/run-policy-pack is the program the Pulumi CLI starts to serve a pack, each at
 * the version the project's lockfile tests.
 */
import * as assert from "assert";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const POLICIES = path.join(ROOT, "policies");
/** The CLI runs node_modules/@pulumi/pulumi/cmd/run-policy-pack in the pack's folder. */
const RUNNER = "@pulumi/pulumi";

function resolveLocal(from: string, spec: string): string {
    const base = path.resolve(path.dirname(from), spec);
    for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    throw new Error(`${from}: cannot resolve ${spec}`);
}

/** Bare package names imported by the module graph rooted at `entry` (type-only imports excluded: they are erased). */
export function importedPackages(entry: string): string[] {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        if (file.endsWith(".json")) return;
        const source = fs.readFileSync(file, "utf8");
        const specs = [
            ...[...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']/gm)].map((m) => m[1]),
            ...[...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]),
        ];
        for (const spec of specs) {
            if (spec.startsWith(".")) visit(resolveLocal(file, spec));
            else if (!builtinModules.includes(spec.replace(/^node:/, "").split("/")[0])) packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
        }
    };
    visit(entry);
    return [...packages].sort();
}

describe("policies/package.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(POLICIES, "package.json"), "utf8")) as { main: string; dependencies: Record<string, string>; devDependencies?: Record<string, string> };
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };

    it("lists exactly what the pack imports, and the runner the Pulumi CLI starts", () => {
        const imported = importedPackages(path.join(POLICIES, pkg.main));
        assert.ok(imported.includes("@pulumi/policy"), imported.join(", "));
        assert.deepStrictEqual(Object.keys(pkg.dependencies).sort(), [...new Set([...imported, RUNNER])].sort());
    });

    it("pins each at the version the project's lockfile tests", () => {
        for (const [name, version] of Object.entries(pkg.dependencies)) assert.strictEqual(version, root.dependencies[name], name);
    });

    it("follows the imports it claims to (the check can fail): runtime imports count, type-only ones and Node's do not", () => {
        // policy-config.ts: fs (Node), ajv, a type-only @pulumi/policy import, and local modules.
        assert.deepStrictEqual(importedPackages(path.join(ROOT, "engine", "gate", "policy-config.ts")), ["ajv"]);
    });
});
