/**
 * The README's "New team in five minutes" walkthrough works as written: its npm commands run (into a
 * temporary project instead of the clone) and succeed, and the real Pulumi commands it shows are the
 * ones new-team prints.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main as newTeam } from "../../engine/cli/new-team";
import { main as plan } from "../../engine/cli/plan";
import { removeProject, ROOT, tempTeamProject } from "./support";

function section(): string {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const start = readme.indexOf("\n## New team in five minutes");
    assert.ok(start >= 0, "README has the section");
    const next = readme.indexOf("\n## ", start + 1);
    return readme.slice(start, next < 0 ? undefined : next);
}

/** Command lines of the section's sh blocks, comments dropped. */
function commands(): string[] {
    return [...section().matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split("\n"))
        .map((l) => l.replace(/\s+#.*$/, "").trim()).filter((l) => l.length > 0);
}

async function quietly(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
    const out: string[] = [];
    const w1 = process.stdout.write.bind(process.stdout);
    const w2 = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => { out.push(String(s)); return true; }) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => { out.push(String(s)); return true; }) as typeof process.stderr.write;
    try {
        return { code: await fn(), out: out.join("") };
    } finally {
        process.stdout.write = w1;
        process.stderr.write = w2;
    }
}

describe("README: New team in five minutes", function () {
    this.timeout(120_000);
    let dir: string;
    before(() => { dir = tempTeamProject("team-readme-"); });
    after(() => removeProject(dir));

    it("documents npm ci, new-team, plan and the real Pulumi commands", () => {
        const cmds = commands();
        assert.strictEqual(cmds[0], "npm ci");
        assert.ok(cmds.some((c) => c.startsWith("npm run new-team -- --team payments --env dev --from api-table")), cmds.join("\n"));
        assert.ok(cmds.includes("npm run plan -- --stack payments-dev"));
        assert.ok(cmds.some((c) => c.startsWith("pulumi up ")));
    });

    it("works as written: new-team scaffolds, plan passes, and new-team prints the same Pulumi commands", async () => {
        let printed = "";
        for (const cmd of commands()) {
            const m = /^npm run (new-team|plan) -- (.*)$/.exec(cmd);
            if (!m) continue;
            const args = m[2].split(/\s+/);
            if (m[1] === "new-team") {
                const r = await quietly(() => newTeam([...args, "--dir", dir]));
                assert.strictEqual(r.code, 0, r.out);
                printed = r.out;
            } else {
                const r = await quietly(() => plan([...args, "--project-dir", dir, "--no-tree"]));
                assert.strictEqual(r.code, 0, r.out);
                assert.match(r.out, /PASS payments-dev: \d+ resources, 0 mandatory/);
            }
        }
        assert.ok(fs.existsSync(path.join(dir, "Pulumi.payments-dev.yaml")) && fs.existsSync(path.join(dir, "programs/teams/payments.yaml")));
        for (const cmd of commands().filter((c) => c.startsWith("pulumi "))) {
            assert.ok(printed.includes(cmd), `new-team prints "${cmd}":\n${printed}`);
        }
    });
});
