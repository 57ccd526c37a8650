/**
 * The components README's example program passes the gate as written: it is taken out of
 * components/README.md, run with --program in prod, and must exit 0 with no violation at all.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { plan, ROOT } from "../gate/support";

/** The first ```ts block after the README's "## Example" heading. */
export function exampleProgram(readme: string): string {
    const section = readme.slice(readme.indexOf("## Example"));
    const m = /```ts\n([\s\S]*?)```/.exec(section);
    if (!m) throw new Error("components/README.md has no ```ts example under ## Example");
    return m[1];
}

describe("components README example", function () {
    this.timeout(120_000);

    it("passes the gate in prod as written: exit 0, no mandatory or advisory violation", async () => {
        const source = exampleProgram(fs.readFileSync(path.join(ROOT, "components", "README.md"), "utf8"));
        assert.match(source, /from "\.\/components\//, "written as a program at the project root");
        // Placed where its imports resolve as written: at the project root (removed afterwards).
        const file = path.join(ROOT, `readme-example-${process.pid}.gen.ts`);
        fs.writeFileSync(file, source);
        try {
            const r = await plan("--program", file, "--env", "prod", "--format", "json");
            assert.strictEqual(r.code, 0, r.stderr);
            const report = JSON.parse(r.stdout);
            assert.deepStrictEqual(report.stacks[0].violations.map((v: { policy: string }) => v.policy), []);
            assert.ok(report.stacks[0].resources.some((x: { type: string }) => x.type === "aws:dynamodb/table:Table"));
        } finally {
            fs.rmSync(file, { force: true });
        }
    });
});
