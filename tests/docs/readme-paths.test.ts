/**
 * The READMEs cite only files that exist: every backticked path and every relative link in the
 * top-level README, engine/README.md, components/README.md and tests/README.md names a file or folder
 * of the repository, except the few that are examples or outputs and say so.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../gate/support";

const READMES = ["README.md", "engine/README.md", "components/README.md", "tests/README.md"];

/** Paths a README names on purpose although they are not in the repository. */
const NOT_IN_REPOSITORY: Record<string, string> = {
    "programs/teams/payments.yaml": "the new-team walkthrough's example output",
    "Pulumi.payments-dev.yaml": "the new-team walkthrough's example output",
    "reports/": "where the gate and the benchmark write their reports (git-ignored)",
    "reports/bench.json": "written by npm run bench",
    "reports/gate.sarif": "written by the gate in CI",
    "reports/gate.junit.xml": "written by the gate in CI",
    "reports/gate.json": "written by the gate in CI",
    "reports/gate.md": "written by the gate in CI",
    "orders.ts": "the components README's example program (tests/docs/components-example.test.ts runs it)",
    "ts/": "a folder of the on-disk cache (~/.cache/platform), outside the repository",
    "bundles/": "a folder of the on-disk cache (~/.cache/platform), outside the repository",
    "v8/": "a folder of the on-disk cache (~/.cache/platform), outside the repository",
    ".js": "the extension of a cached transpiled module",
};

const EXTENSIONS = /\.(ts|js|mjs|json|ya?ml|md|sarif|xml)$/;
/** Placeholders and patterns rather than paths: <stack>, ENV, FILE, globs, type tokens, key=value. */
const PLACEHOLDER = /[<>*{}$=:|]|\b(ENV|FILE|NAME|DIR|K|N)\b/;

/** Tokens that are repository paths: a file with a known extension, or a folder written with a trailing slash. */
export function citedPaths(markdown: string): string[] {
    const found = new Set<string>();
    for (const m of markdown.matchAll(/`([^`\s]+)`/g)) found.add(m[1]);
    for (const m of markdown.matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)) if (!/^[a-z]+:/.test(m[1])) found.add(m[1]);
    return [...found].filter((p) => (EXTENSIONS.test(p) || p.endsWith("/")) && !PLACEHOLDER.test(p) && !p.startsWith("-") && !p.startsWith("@") && !p.startsWith("http"));
}

/** Every file and folder name in the repository (outside node_modules): a bare name in a README names one of them. */
function fileNames(dir: string, into = new Set<string>()): Set<string> {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (["node_modules", ".git", "bin", "reports"].includes(entry.name)) continue;
        if (entry.isDirectory()) {
            into.add(`${entry.name}/`);
            fileNames(path.join(dir, entry.name), into);
        } else {
            into.add(entry.name);
        }
    }
    return into;
}

describe("README paths", () => {
    const names = fileNames(ROOT);
    for (const readme of READMES) {
        it(`${readme} cites no file that does not exist`, () => {
            const base = path.dirname(path.join(ROOT, readme));
            const exists = (p: string) => (p.replace(/\/$/, "").includes("/") ? fs.existsSync(path.join(ROOT, p)) || fs.existsSync(path.join(base, p)) : names.has(p) || fs.existsSync(path.join(base, p)));
            const missing = citedPaths(fs.readFileSync(path.join(ROOT, readme), "utf8"))
                .filter((p) => !(p in NOT_IN_REPOSITORY))
                .filter((p) => !exists(p));
            assert.deepStrictEqual(missing, []);
        });
    }

    it("finds the paths it checks (the check can fail)", () => {
        assert.deepStrictEqual(citedPaths("see `engine/gate/nope.ts`, `programs/`, [x](docs/a.md) and `--format`, `Pulumi.<stack>.yaml`, `aws:s3/bucket:Bucket`"), ["engine/gate/nope.ts", "programs/", "docs/a.md"]);
    });
});
