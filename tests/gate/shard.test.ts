/**
 * Many stacks across CI runners: `--shard K/N` gates a deterministic, balanced share of the stacks, and
 * `--merge` joins the shards' JSON reports into exactly the report (and the SARIF) one run over every
 * stack gives. Checked on 300 scaffolded team stacks split into 4 shards.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { scaffoldTeam } from "../../engine/cli/new-team";
import { assignShards, parseShard, stacksOfShard } from "../../engine/gate/shard";
import { removeProject, tempTeamProject } from "../teams/support";
import { plan, tempDir } from "./support";

const TEAMS = 150; // x dev and prod = 300 stacks
const SHARDS = 4;

describe("--shard and --merge", function () {
    this.timeout(300_000);

    describe("the assignment", () => {
        it("parses K/N and refuses anything else", () => {
            assert.deepStrictEqual(parseShard("2/4"), { index: 2, count: 4 });
            for (const bad of ["0/4", "5/4", "4", "a/b", "1/0", "1/300"]) assert.throws(() => parseShard(bad), /--shard .*: allowed: K\/N with 1 <= K <= N <= 256/, bad);
        });

        it("puts every stack in exactly one shard, the same way on every runner, balanced by weight", () => {
            const stacks = Array.from({ length: 57 }, (_, i) => `s${i}`);
            const weights = Object.fromEntries(stacks.map((s, i) => [s, ((i * 37) % 11) * 10 + 1]));
            const a = assignShards(stacks, 5, weights);
            const entries = (m: Map<string, number>) => [...m].sort((x, y) => x[0].localeCompare(y[0]));
            assert.deepStrictEqual(entries(assignShards([...stacks].reverse(), 5, weights)), entries(a), "independent of the input order");
            const shards = [1, 2, 3, 4, 5].map((k) => stacksOfShard(stacks, { index: k, count: 5 }, weights));
            assert.deepStrictEqual(shards.flat().sort(), [...stacks].sort());
            const loads = shards.map((s) => s.reduce((n, x) => n + weights[x], 0));
            assert.ok(Math.max(...loads) - Math.min(...loads) <= Math.max(...Object.values(weights)), `loads ${loads}`);
            // Unknown stacks weigh the mean of the known ones.
            const withNew = assignShards([...stacks, "brand-new"], 5, weights);
            assert.ok(withNew.get("brand-new")! >= 1 && withNew.get("brand-new")! <= 5);
        });
    });

    describe(`${TEAMS * 2} scaffolded team stacks in ${SHARDS} shards`, () => {
        let dir: string;
        let out: string;
        let baseline: string;
        let weights: Record<string, number>;
        const stacks: string[] = [];

        before(() => {
            dir = tempTeamProject("shard-");
            out = tempDir("shard-reports-");
            for (let i = 0; i < TEAMS; i++) {
                const team = `team${String(i).padStart(3, "0")}`;
                for (const env of ["dev", "prod"]) {
                    scaffoldTeam({ team, env, from: "storage-only", owner: `${team}@example.com`, costCenter: "CC-4242", dir });
                    stacks.push(`${team}-${env}`);
                }
                // Cheap stacks of different sizes: no bucket, one or two.
                const file = path.join(dir, "programs", "teams", `${team}.yaml`);
                const spec = YAML.parse(fs.readFileSync(file, "utf8"));
                spec.buckets = spec.buckets.slice(0, i % 5 === 0 ? 2 : i % 5 === 1 ? 1 : 0);
                fs.writeFileSync(file, YAML.stringify(spec));
            }
            // The baseline's URN counts are the stacks' last measured sizes (made up here: the test is about the split).
            weights = Object.fromEntries(stacks.map((s, i) => [s, 2 + (i % 10) * 5]));
            baseline = path.join(out, "baseline.json");
            fs.writeFileSync(baseline, JSON.stringify({ stacks: Object.fromEntries(stacks.map((s) => [s, Array.from({ length: weights[s] }, (_, j) => `urn:pulumi:${s}::platform::fixture:weight:Unit::u${j}`)])) }));
        });
        after(() => removeProject(dir));

        const run = (...args: string[]) => plan("--project-dir", dir, "--baseline", baseline, "--preview-only", "--quiet", ...args);

        it("lists each shard's stacks: disjoint, together all of them, balanced by the baseline's counts", async () => {
            const shards: { stack: string; weight: number; shard: number }[][] = [];
            for (let k = 1; k <= SHARDS; k++) {
                const r = await run("--list", "--shard", `${k}/${SHARDS}`, "--format", "json");
                assert.strictEqual(r.code, 0, r.stderr);
                shards.push(JSON.parse(r.stdout));
            }
            assert.deepStrictEqual(shards.flat().map((t) => t.stack).sort(), [...stacks].sort());
            assert.ok(shards.every((s, i) => s.every((t) => t.shard === i + 1)));
            const loads = shards.map((s) => s.reduce((n, t) => n + t.weight, 0));
            assert.ok(Math.max(...loads) - Math.min(...loads) <= Math.max(...Object.values(weights)), `loads ${loads}`);
        });

        it("merged shard reports are the JSON and the SARIF of one run over every stack", async () => {
            const single = await run("--format", "json", "--out", path.join(out, "single.json"), "--report", `sarif=${path.join(out, "single.sarif")}`);
            assert.strictEqual(single.code, 0, single.stderr);
            const shardFiles: string[] = [];
            for (let k = 1; k <= SHARDS; k++) {
                const file = path.join(out, `shard-${k}.json`);
                const r = await run("--shard", `${k}/${SHARDS}`, "--format", "json", "--out", file);
                assert.strictEqual(r.code, 0, r.stderr);
                const report = JSON.parse(fs.readFileSync(file, "utf8"));
                assert.deepStrictEqual([report.shard.index, report.shard.count, report.shard.of.length], [k, SHARDS, stacks.length]);
                assert.ok(report.stacks.length > 0 && report.stacks.length < stacks.length);
                shardFiles.push(file);
            }
            // As a workflow passes them: whatever order the artifacts come in.
            const merged = await plan("--project-dir", dir, "--quiet", "--merge", ...[...shardFiles].reverse(), "--format", "json", "--out", path.join(out, "merged.json"), "--report", `sarif=${path.join(out, "merged.sarif")}`);
            assert.strictEqual(merged.code, single.code, merged.stderr);
            const singleJson = fs.readFileSync(path.join(out, "single.json"), "utf8");
            assert.strictEqual(JSON.parse(singleJson).stacks.length, stacks.length);
            assert.ok(fs.readFileSync(path.join(out, "merged.json"), "utf8") === singleJson, "the merged JSON is the single run's");
            assert.ok(fs.readFileSync(path.join(out, "merged.sarif"), "utf8") === fs.readFileSync(path.join(out, "single.sarif"), "utf8"), "so is the SARIF");
        });

        it("refuses to merge when a shard is missing, given twice, or from another run", async () => {
            const files = [1, 2, 3, 4].map((k) => path.join(out, `shard-${k}.json`));
            const missing = await plan("--project-dir", dir, "--merge", files[0], files[1], files[3]);
            assert.strictEqual(missing.code, 2);
            assert.match(missing.stderr, /^error: --merge: shard 3\/4 missing \(its runner may have failed before writing its report\); allowed: every shard's report$/m);
            const twice = await plan("--project-dir", dir, "--merge", files[0], files[0], files[2], files[3]);
            assert.match(twice.stderr, /are both shard 1\/4/);
            const other = JSON.parse(fs.readFileSync(files[1], "utf8"));
            other.shard.of = other.shard.of.slice(1);
            const otherFile = path.join(out, "other.json");
            fs.writeFileSync(otherFile, JSON.stringify(other));
            const mixed = await plan("--project-dir", dir, "--merge", files[0], otherFile, files[2], files[3]);
            assert.match(mixed.stderr, /is shard 2\/4 of another run/);
            const notJson = await plan("--project-dir", dir, "--merge", path.join(out, "single.sarif"));
            assert.match(notJson.stderr, /--merge .*single\.sarif: got no "stacks" list/);
        });
    });
});
