/**
 * Each component folder's README has an inputs table whose names match the component's Args
 * interface(s), so the documentation cannot drift from the code.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const COMPONENTS = path.join(__dirname, "..", "..", "components");
const NOT_COMPONENTS = new Set(["shared"]);

/**
 * The args interfaces of the components a folder's index.ts exports: for each exported class, the
 * type of its constructor's second parameter, and that interface's property names.
 */
function argsProperties(file: string): Map<string, string[]> {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const interfaces = new Map<string, string[]>();
    const argTypes = new Set<string>();
    source.forEachChild((node) => {
        if (ts.isInterfaceDeclaration(node)) {
            interfaces.set(node.name.text, node.members.filter(ts.isPropertySignature).map((m) => m.name.getText(source)));
        }
        if (ts.isClassDeclaration(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
            const ctor = node.members.find(ts.isConstructorDeclaration);
            const argType = ctor?.parameters[1]?.type;
            if (argType && ts.isTypeReferenceNode(argType)) argTypes.add(argType.typeName.getText(source));
        }
    });
    const out = new Map<string, string[]>();
    for (const name of argTypes) out.set(name, interfaces.get(name) ?? []);
    return out;
}

/** Names in the first column of the README's tables, written as `name`. */
function documentedNames(readme: string): Set<string> {
    return new Set([...readme.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1]));
}

describe("component READMEs", () => {
    const folders = fs.readdirSync(COMPONENTS, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !NOT_COMPONENTS.has(d.name)).map((d) => d.name).sort();

    it("every component folder has an index.ts and a README.md", () => {
        for (const folder of folders) {
            assert.ok(fs.existsSync(path.join(COMPONENTS, folder, "index.ts")), `${folder}/index.ts`);
            assert.ok(fs.existsSync(path.join(COMPONENTS, folder, "README.md")), `${folder}/README.md`);
        }
    });

    for (const folder of folders) {
        it(`${folder}: the README documents every property of its Args interface`, () => {
            const index = path.join(COMPONENTS, folder, "index.ts");
            const readme = path.join(COMPONENTS, folder, "README.md");
            if (!fs.existsSync(index) || !fs.existsSync(readme)) return assert.fail(`${folder} lacks index.ts or README.md`);
            const documented = documentedNames(fs.readFileSync(readme, "utf8"));
            const args = argsProperties(index);
            assert.ok(args.size > 0, `${folder}/index.ts exports no ...Args interface`);
            for (const [iface, props] of args) {
                const missing = props.filter((p) => !documented.has(p));
                assert.deepStrictEqual(missing, [], `${folder}/README.md lacks ${iface} properties`);
            }
        });
    }
});
