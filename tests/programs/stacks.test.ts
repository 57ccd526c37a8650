/**
 * Every stack of the project (Pulumi.<stack>.yaml) as a whole: it runs under the offline engine in
 * preview and apply modes, every taggable resource carries the five platform tags, every prod stateful
 * resource is protected, and no stateful URN changes without an alias.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { isTaggable, REQUIRED_TAG_KEYS } from "../../components/shared/tags";
import { declaredResources, isUnknown, plain, runStack, type RunResult } from "../../engine/run";
import { listStacks, readProject, readStackFile } from "../../engine/stack-file";
import { SNAPSHOT_FILE, STATEFUL, type UrnSnapshot } from "../../engine/tools/urn-snapshot";

const ROOT = path.join(__dirname, "..", "..");
const STACKS = listStacks(ROOT);
const runs = new Map<string, RunResult>();

async function run(stack: string, mode: "preview" | "apply"): Promise<RunResult> {
    const key = `${stack}/${mode}`;
    if (!runs.has(key)) runs.set(key, await runStack({ projectDir: ROOT, stack, mode }));
    return runs.get(key)!;
}

function environmentOf(stack: string): string {
    return readStackFile(ROOT, readProject(ROOT).name, stack).config["platform:environment"];
}

describe("project stacks", function () {
    this.timeout(300_000);

    it("has the dev and prod stacks", () => {
        assert.ok(STACKS.includes("dev") && STACKS.includes("prod"), `stacks: ${STACKS.join(", ")}`);
    });

    for (const stack of STACKS) {
        for (const mode of ["preview", "apply"] as const) {
            it(`${stack} runs under the offline engine in ${mode} mode, every resource registered in-process (no remote component)`, async () => {
                const result = await run(stack, mode);
                assert.strictEqual(result.error?.message, undefined);
                assert.ok(declaredResources(result).length > 0);
                assert.deepStrictEqual(result.resources.filter((r) => r.remote).map((r) => r.urn), [], "a remote component's children would be invisible to the gate");
            });
        }

        it(`${stack}: every taggable resource carries the five platform tags, Environment = platform:environment`, async () => {
            const result = await run(stack, "apply");
            const environment = environmentOf(stack);
            const taggable = declaredResources(result).filter((r) => isTaggable(r.type));
            assert.ok(taggable.length > 0);
            const problems: string[] = [];
            for (const r of taggable) {
                const tags = (plain(r.inputs) as { tags?: Record<string, string> }).tags;
                if (!tags || isUnknown(tags)) { problems.push(`${r.urn}: no known tags`); continue; }
                for (const key of REQUIRED_TAG_KEYS) if (!tags[key]) problems.push(`${r.urn}: no ${key} tag`);
                if (tags.Environment !== environment) problems.push(`${r.urn}: Environment=${tags.Environment}, expected ${environment}`);
                if (tags.ManagedBy !== "pulumi") problems.push(`${r.urn}: ManagedBy=${tags.ManagedBy}`);
            }
            assert.deepStrictEqual(problems, []);
        });
    }

    for (const stack of STACKS.filter((s) => environmentOf(s) === "prod")) {
        it(`${stack}: every stateful resource is protected (protect and retainOnDelete)`, async () => {
            const result = await run(stack, "preview");
            const stateful = declaredResources(result).filter((r) => STATEFUL.has(r.type));
            assert.ok(stateful.length > 0, "the stack has stateful resources");
            const unprotected = stateful.filter((r) => !r.options.protect || !r.options.retainOnDelete).map((r) => r.urn);
            assert.deepStrictEqual(unprotected, []);
        });
    }

    it("the engine is deterministic on a whole stack: a second run of prod gives JSON-equal records", async () => {
        const first = await run("prod", "preview");
        const second = await runStack({ projectDir: ROOT, stack: "prod", mode: "preview" });
        assert.strictEqual(JSON.stringify(second.resources), JSON.stringify(first.resources));
    });

    it("the URN snapshot covers every stack (update it deliberately with npm run snapshot:urns)", () => {
        const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT_FILE, "utf8")) as UrnSnapshot;
        assert.deepStrictEqual(Object.keys(snapshot.stacks).sort(), [...STACKS].sort());
    });

    for (const stack of STACKS) {
        it(`${stack}: no stateful URN in the snapshot is gone without an alias (a changed URN is a delete and a create)`, async () => {
            const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT_FILE, "utf8")) as UrnSnapshot;
            const recorded = snapshot.stacks[stack] ?? [];
            const result = await run(stack, "preview");
            const current = new Set(result.resources.map((r) => r.urn));
            const aliases = new Set(result.resources.flatMap((r) => r.options.aliases));
            const typeOf = (urn: string) => urn.split("::")[2].split("$").pop()!;
            const lost = recorded.filter((urn) => STATEFUL.has(typeOf(urn)) && !current.has(urn) && !aliases.has(urn));
            assert.deepStrictEqual(lost, [], "stateful resources whose URN changed with no alias: add `aliases` to keep them, or update the snapshot if the deletion is intended");
            const added = result.resources.filter((r) => STATEFUL.has(r.type) && !recorded.includes(r.urn) && !r.options.aliases.some((a) => recorded.includes(a))).map((r) => r.urn);
            assert.deepStrictEqual(added, [], "new stateful resources are not in the snapshot yet: run npm run snapshot:urns and commit the file");
        });
    }
});
