/**
 * Derives the set of taggable AWS resource types from the installed `@pulumi/aws` package.
 *
 * The package is generated from the provider schema: every resource class carries its type token
 * (`static __pulumiType = 'aws:s3/bucket:Bucket'`) and a `<Class>Args` interface whose properties are
 * the schema's inputs. A type is taggable when its Args accept `tags`. Reading the generated package
 * (rather than keeping a hand-written list) means a provider upgrade updates the list, and the
 * freshness test (tests/engine/taggable-types.test.ts) fails until the committed file is regenerated.
 *
 * Usage: npx ts-node --transpile-only engine/tools/generate-taggable-types.ts [--check]
 */
import * as fs from "fs";
import * as path from "path";

export const TAGGABLE_TYPES_FILE = path.join(__dirname, "..", "..", "policies", "lib", "taggable-types.json");

function walk(dir: string, out: string[]): string[] {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "node_modules" && entry.name !== "types") walk(full, out);
        } else if (entry.name.endsWith(".js") && !entry.name.endsWith(".map")) {
            out.push(full);
        }
    }
    return out;
}

/**
 * Reads @pulumi/aws (custom resources) and @pulumi/awsx (remote components, which pass `tags` on to
 * the children their plugin creates) and returns the sorted type tokens whose inputs include `tags`.
 */
export function deriveTaggableTypes(packageDirs = ["@pulumi/aws", "@pulumi/awsx"].map((p) => path.dirname(require.resolve(`${p}/package.json`)))): string[] {
    const taggable = new Set<string>();
    for (const jsFile of packageDirs.flatMap((dir) => walk(dir, []))) {
        const js = fs.readFileSync(jsFile, "utf8");
        const typeMatch = /static __pulumiType = '([^']+)'/.exec(js);
        const classMatch = /^class (\w+) extends pulumi\.(?:CustomResource|ComponentResource)/m.exec(js);
        if (!typeMatch || !classMatch) continue;
        const dts = jsFile.replace(/\.js$/, ".d.ts");
        if (!fs.existsSync(dts)) continue;
        const source = fs.readFileSync(dts, "utf8");
        const start = source.indexOf(`export interface ${classMatch[1]}Args {`);
        if (start < 0) continue;
        const end = source.indexOf("\n}", start);
        const body = source.slice(start, end);
        if (/^ {4}tags\?: /m.test(body)) taggable.add(typeMatch[1]);
    }
    return [...taggable].sort();
}

if (require.main === module) {
    const types = deriveTaggableTypes();
    const versionOf = (p: string) => (JSON.parse(fs.readFileSync(require.resolve(`${p}/package.json`), "utf8")) as { version: string }).version;
    const version = `${versionOf("@pulumi/aws")}, @pulumi/awsx@${versionOf("@pulumi/awsx")}`;
    const content = JSON.stringify({ source: `@pulumi/aws@${version}`, types }, null, 1) + "\n";
    if (process.argv.includes("--check")) {
        const current = fs.existsSync(TAGGABLE_TYPES_FILE) ? fs.readFileSync(TAGGABLE_TYPES_FILE, "utf8") : "";
        if (current !== content) {
            console.error(`${TAGGABLE_TYPES_FILE} is out of date with @pulumi/aws@${version}; run npm run gen:taggable`);
            process.exit(1);
        }
        console.log(`taggable types up to date (${types.length} types, @pulumi/aws@${version})`);
    } else {
        fs.writeFileSync(TAGGABLE_TYPES_FILE, content);
        console.log(`wrote ${types.length} taggable types from @pulumi/aws@${version} to ${path.relative(process.cwd(), TAGGABLE_TYPES_FILE)}`);
    }
}
