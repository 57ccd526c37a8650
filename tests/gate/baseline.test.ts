/**
 * The baseline (the committed URN snapshot): what a deployment would create, delete and replace per
 * stack, like pulumi preview's summary, and a stateful resource whose URN changed without an alias as
 * a replace: a mandatory finding in prod.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { compareWithBaseline, defaultBaselineFile } from "../../engine/gate/baseline";
import type { ReportResource } from "../../engine/gate/gate";
import { SNAPSHOT_FILE } from "../../engine/tools/urn-snapshot";
import { fixture, plan, ROOT, tempDir } from "./support";

const PROGRAM = fixture("baseline", "index.ts");
const urn = (stack: string, qualified: string, name: string) => `urn:pulumi:${stack}::platform::${qualified}::${name}`;

function baselineFor(stack: string): string {
    const file = path.join(tempDir(), "baseline.json");
    fs.writeFileSync(file, JSON.stringify({
        stacks: {
            [stack]: [
                urn(stack, "aws:s3/bucket:Bucket", "moved"), // before it moved into the Store component
                urn(stack, "aws:s3/bucket:Bucket", "renamed-old"), // the new one carries it as an alias
                urn(stack, "aws:sns/topic:Topic", "old-alerts"), // removed from the program
            ],
        },
    }));
    return file;
}

interface Changes { create: number; delete: number; replace: number; same: number; created: string[]; deleted: string[]; replaced: { urn: string; previous: string }[]; recorded: boolean }

describe("baseline: changes against the committed URN snapshot", function () {
    this.timeout(120_000);

    it("is the committed URN snapshot by default", () => {
        assert.strictEqual(defaultBaselineFile(ROOT), SNAPSHOT_FILE);
    });

    it("counts creates, deletes and a stateful replace; an alias keeps a resource; in prod the replace is a mandatory finding", async () => {
        const r = await plan("--program", PROGRAM, "--env", "prod", "--baseline", baselineFor("prod"), "--format", "json", "--preview-only");
        assert.strictEqual(r.code, 1, r.stderr);
        const stack = JSON.parse(r.stdout).stacks[0];
        const changes = stack.changes as Changes;
        assert.deepStrictEqual(changes.replaced, [{ urn: urn("prod", "fixture:storage:Store$aws:s3/bucket:Bucket", "moved"), previous: urn("prod", "aws:s3/bucket:Bucket", "moved"), type: "aws:s3/bucket:Bucket" }]);
        assert.deepStrictEqual(changes.deleted, [urn("prod", "aws:sns/topic:Topic", "old-alerts")]);
        assert.deepStrictEqual(changes.created.sort(), [urn("prod", "aws:sns/topic:Topic", "alerts"), urn("prod", "fixture:storage:Store", "store")].sort());
        assert.deepStrictEqual([changes.create, changes.delete, changes.replace, changes.same], [2, 1, 1, 1], "renamed-new is kept through its alias");
        const replace = stack.violations.filter((v: { policy: string }) => v.policy === "platform-baseline-stateful-replace");
        assert.strictEqual(replace.length, 1);
        assert.strictEqual(replace[0].enforcementLevel, "mandatory");
        assert.strictEqual(replace[0].severity, "critical");
        assert.strictEqual(replace[0].urn, changes.replaced[0].urn);
        assert.match(replace[0].message, /"moved": its URN changed from urn:pulumi:prod::platform::aws:s3\/bucket:Bucket::moved to .* with no alias.*Fix: add `aliases:/s);
        assert.strictEqual(replace[0].sourcePosition.file, "tests/fixtures/baseline/index.ts", "at the line that declares the bucket");
        assert.deepStrictEqual(JSON.parse(r.stdout).summary.replace, 1);
    });

    it("reports it like pulumi preview's summary line in the text report", async () => {
        const r = await plan("--program", PROGRAM, "--env", "prod", "--baseline", baselineFor("prod"), "--preview-only", "--no-tree");
        assert.match(r.stdout, /Changes against the baseline .*baseline\.json: \+ 2 to create, - 1 to delete, \+- 1 to replace, 1 unchanged/);
        assert.match(r.stdout, /^ {2}\+- urn:pulumi:prod::platform::fixture:storage:Store\$aws:s3\/bucket:Bucket::moved {2}\(was urn:pulumi:prod::platform::aws:s3\/bucket:Bucket::moved; no alias\)$/m);
        assert.match(r.stdout, /^FAIL prod: 4 resources, \d+ mandatory, \d+ advisory violations; \+ 2 to create, - 1 to delete, \+- 1 to replace, 1 unchanged$/m);
    });

    it("outside prod the replace is advisory (the dev stack's data is disposable)", async () => {
        const r = await plan("--program", PROGRAM, "--env", "dev", "--baseline", baselineFor("dev"), "--format", "json", "--preview-only");
        const replace = JSON.parse(r.stdout).stacks[0].violations.filter((v: { policy: string }) => v.policy === "platform-baseline-stateful-replace");
        assert.deepStrictEqual(replace.map((v: { enforcementLevel: string }) => v.enforcementLevel), ["advisory"]);
    });

    it("the project's stacks match the committed snapshot: nothing to create, delete or replace", async () => {
        const r = await plan("--stack", "dev", "--preview-only", "--format", "json");
        const changes = JSON.parse(r.stdout).stacks[0].changes as Changes;
        assert.strictEqual(changes.recorded, true);
        assert.deepStrictEqual([changes.create, changes.delete, changes.replace], [0, 0, 0]);
        assert.ok(changes.same > 100);
    });

    it("--no-baseline leaves the comparison out", async () => {
        const r = await plan("--program", PROGRAM, "--env", "prod", "--baseline", baselineFor("prod"), "--no-baseline", "--format", "json", "--preview-only");
        assert.strictEqual(JSON.parse(r.stdout).stacks[0].changes, null);
    });

    describe("pairing gone and new stateful URNs", () => {
        const res = (u: string, type: string, name: string, aliases?: string[]): ReportResource => ({ urn: u, type, name, parent: null, protect: true, ...(aliases ? { aliases } : {}) });
        const T = "aws:dynamodb/table:Table";

        it("pairs the only gone and the only new table as a rename; a non-stateful one is a create and a delete", () => {
            const c = compareWithBaseline([res(urn("s", T, "orders-v2"), T, "orders-v2"), res(urn("s", "aws:sns/topic:Topic", "b"), "aws:sns/topic:Topic", "b")],
                [urn("s", T, "orders"), urn("s", "aws:sns/topic:Topic", "a")], "b.json");
            assert.deepStrictEqual(c.replaced.map((r) => [r.previous, r.urn]), [[urn("s", T, "orders"), urn("s", T, "orders-v2")]]);
            assert.deepStrictEqual([c.create, c.delete, c.replace], [1, 1, 1]);
        });

        it("does not guess between several renamed tables: they are creates and deletes", () => {
            const c = compareWithBaseline([res(urn("s", T, "x2"), T, "x2"), res(urn("s", T, "y2"), T, "y2")], [urn("s", T, "x"), urn("s", T, "y")], "b.json");
            assert.deepStrictEqual([c.create, c.delete, c.replace], [2, 2, 0]);
        });

        it("follows aliases: an aliased resource is unchanged, and a stack not in the baseline is all creates", () => {
            const kept = compareWithBaseline([res(urn("s", T, "new"), T, "new", [urn("s", T, "old")])], [urn("s", T, "old")], "b.json");
            assert.deepStrictEqual([kept.create, kept.delete, kept.replace, kept.same], [0, 0, 0, 1]);
            const fresh = compareWithBaseline([res(urn("s", T, "t"), T, "t")], undefined, "b.json");
            assert.deepStrictEqual([fresh.recorded, fresh.create, fresh.replace], [false, 1, 0]);
        });
    });
});
