/**
 * The CI definitions do what the README says: every workflow and .ci/run runs the gate with flags it
 * accepts, once per job, never with its verdict hidden; reports reach code scanning, the job summary
 * and the pull request even when the gate fails; the stack matrices come from the Pulumi.<stack>.yaml
 * files; prod is previewed before its approval gate; Node comes from .nvmrc (22); jobs that comment
 * on a pull request may do so.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { parsePlanArgs } from "../../engine/cli/plan";

const ROOT = path.join(__dirname, "..", "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");

interface Step { uses?: string; run?: string; if?: string; with?: Record<string, unknown>; "continue-on-error"?: unknown; name?: string; id?: string }
interface Job { needs?: string | string[]; if?: string; environment?: string; permissions?: Record<string, string>; strategy?: { matrix?: Record<string, unknown> }; steps: Step[]; outputs?: Record<string, string> }
interface Workflow { permissions?: Record<string, string>; jobs: Record<string, Job> }

const workflows: Record<string, Workflow> = Object.fromEntries(fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f))
    .map((f) => [f, YAML.parse(fs.readFileSync(path.join(WORKFLOWS, f), "utf8"), { strict: true, uniqueKeys: true }) as Workflow]));
const jobs = Object.entries(workflows).flatMap(([file, w]) => Object.entries(w.jobs).map(([name, job]) => ({ file, name, job, workflow: w })));
const steps = jobs.flatMap((j) => j.job.steps.map((step) => ({ ...j, step })));
const needs = (job: Job) => (Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : []);
const permission = (j: { job: Job; workflow: Workflow }, scope: string) => (j.job.permissions ?? j.workflow.permissions ?? {})[scope];

/** The `npm run plan` command lines of a shell script, continuation lines joined, comments dropped. */
function planCommands(script: string): string[] {
    return script.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.trim()).filter((l) => !l.startsWith("#") && /\bnpm run (-s )?plan\b/.test(l));
}

/** The command's arguments, with GitHub expressions given sample values, parsed as the CLI parses them. */
function parsedPlanArgs(command: string) {
    const args = command.replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, "1").replace(/\$\{\{\s*strategy\.job-total\s*\}\}/g, "4")
        .replace(/^.*?npm run (-s )?plan(\s+--)?/, "").replace(/\s*[>|].*$/, "").replace(/\)"$/, "").trim();
    return parsePlanArgs(args === "" ? [] : args.split(/\s+/));
}

describe("CI definitions", () => {
    it("are valid YAML with jobs and steps", () => {
        assert.deepStrictEqual(Object.keys(workflows).sort(), ["deploy.yml", "pull-request.yml"]);
        for (const j of jobs) assert.ok(Array.isArray(j.job.steps) && j.job.steps.length > 0, `${j.file} ${j.name}`);
    });

    it("run the gate only with flags it accepts", () => {
        const commands = [...steps.flatMap((s) => planCommands(s.step.run ?? "")), ...planCommands(fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8"))];
        assert.ok(commands.length >= 6, commands.join("\n"));
        for (const c of commands) assert.doesNotThrow(() => parsedPlanArgs(c), c);
    });

    it("never hide the gate's verdict: no `|| true`, no continue-on-error", () => {
        for (const s of steps) {
            assert.ok(!/\|\|\s*(true|:|exit 0)/.test(s.step.run ?? ""), `${s.file} ${s.name}: ${s.step.run}`);
            assert.strictEqual(s.step["continue-on-error"], undefined, `${s.file} ${s.name}`);
        }
        for (const j of jobs) assert.strictEqual((j.job as { "continue-on-error"?: unknown })["continue-on-error"], undefined);
        assert.ok(!/\|\|\s*true|set \+e/.test(fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8")));
    });

    it("upload SARIF, write the summary and comment even when the gate failed (if: always()), with the permissions they need", () => {
        const uploads = steps.filter((s) => s.step.uses?.startsWith("github/codeql-action/upload-sarif"));
        assert.deepStrictEqual(uploads.map((s) => s.file).sort(), ["deploy.yml", "pull-request.yml"]);
        for (const s of uploads) {
            assert.match(s.step.if ?? "", /always\(\)/, `${s.file} ${s.name}`);
            assert.strictEqual(permission(s, "security-events"), "write", `${s.file} ${s.name}`);
        }
        const summaries = steps.filter((s) => /GITHUB_STEP_SUMMARY/.test(s.step.run ?? "") && /gate\.md/.test(s.step.run ?? ""));
        assert.ok(summaries.length >= 2);
        for (const s of summaries) assert.match(s.step.if ?? "", /always\(\)/);
    });

    it("give pull-requests: write to every job that comments on a pull request", () => {
        const commenting = steps.filter((s) => (s.step.uses?.startsWith("pulumi/actions") && s.step.with?.["comment-on-pr"] === true)
            || (s.step.uses?.startsWith("actions/github-script") && /createComment|updateComment/.test(String(s.step.with?.script))));
        assert.ok(commenting.length >= 2, "the gate's comment and the previews'");
        for (const s of commenting) assert.strictEqual(permission(s, "pull-requests"), "write", `${s.file} ${s.name}`);
        for (const j of jobs.filter((x) => permission(x, "pull-requests") === "write")) {
            assert.ok(commenting.some((c) => c.file === j.file && c.name === j.name), `${j.file} ${j.name} has pull-requests: write but posts no comment`);
        }
    });

    it("use Node from .nvmrc, which says 22", () => {
        assert.strictEqual(fs.readFileSync(path.join(ROOT, ".nvmrc"), "utf8").trim(), "22");
        const setups = steps.filter((s) => s.step.uses?.startsWith("actions/setup-node"));
        assert.ok(setups.length > 0);
        for (const s of setups) assert.strictEqual(s.step.with?.["node-version-file"], ".nvmrc", `${s.file} ${s.name}`);
    });

    describe("pull-request.yml", () => {
        const w = workflows["pull-request.yml"];

        it("fans the gate out over a matrix of shards and merges them into one report that fails the check", () => {
            const shards = w.jobs.gate.strategy?.matrix?.shard as number[];
            assert.ok(Array.isArray(shards) && shards.length > 1);
            assert.deepStrictEqual(shards, shards.map((_, i) => i + 1));
            const gateRun = w.jobs.gate.steps.find((s) => /npm run plan/.test(s.run ?? ""))!;
            const args = parsedPlanArgs(planCommands(gateRun.run!)[0]);
            assert.ok(args.shard && args.reports.some((r) => r.format === "json"), "each shard writes its JSON");
            assert.ok(w.jobs.gate.steps.some((s) => s.uses?.startsWith("actions/upload-artifact") && /always\(\)/.test(s.if ?? "")));
            assert.deepStrictEqual(needs(w.jobs.report), ["gate"]);
            assert.match(w.jobs.report.if ?? "", /!cancelled\(\)/, "merges after a failed shard too");
            const merge = parsedPlanArgs(planCommands(w.jobs.report.steps.find((s) => /--merge/.test(s.run ?? ""))!.run!)[0]);
            assert.deepStrictEqual(merge.reports.map((r) => r.format).sort(), ["json", "junit", "markdown", "sarif"]);
        });

        it("previews every stack from the Pulumi.<stack>.yaml files (team stacks included), with its environment's policy config", () => {
            const list = w.jobs.stacks.steps.find((s) => s.id === "list")!;
            assert.ok(parsedPlanArgs(planCommands(list.run!)[0]).list, "the stacks job asks the gate for the stack list");
            assert.match(w.jobs.preview.strategy?.matrix?.include as string, /fromJSON\(needs\.stacks\.outputs\.stacks\)/);
            const preview = w.jobs.preview.steps.find((s) => s.uses?.startsWith("pulumi/actions"))!;
            assert.strictEqual(preview.with?.command, "preview");
            assert.strictEqual(preview.with?.["policyPackConfigs"], "policies/config/${{ matrix.environment }}.json");
        });
    });

    describe("deploy.yml", () => {
        const w = workflows["deploy.yml"];

        it("previews every prod stack before the approval gate, then deploys it behind the production environment", () => {
            assert.ok(needs(w.jobs["up-prod"]).includes("preview-prod"));
            assert.strictEqual(w.jobs["up-prod"].environment, "production");
            assert.strictEqual(w.jobs["preview-prod"].environment, undefined, "the preview runs before anyone approves");
            assert.strictEqual(w.jobs["preview-prod"].steps.find((s) => s.uses?.startsWith("pulumi/actions"))?.with?.command, "preview");
            for (const job of ["up-nonprod", "preview-prod", "up-prod"]) assert.match(w.jobs[job].strategy?.matrix?.include as string, /fromJSON\(needs\.stacks\.outputs\.(prod|nonprod)\)/, job);
            assert.ok(needs(w.jobs["up-nonprod"]).includes("gate"), "nothing deploys before the gate passes");
        });

        it("runs the gate once with every report", () => {
            const runs = w.jobs.gate.steps.flatMap((s) => planCommands(s.run ?? ""));
            assert.strictEqual(runs.length, 1);
            assert.deepStrictEqual(parsedPlanArgs(runs[0]).reports.map((r) => r.format).sort(), ["json", "junit", "markdown", "sarif"]);
        });
    });

    it(".ci/run runs the gate once, with every report", () => {
        const runs = planCommands(fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8"));
        assert.strictEqual(runs.length, 1, runs.join("\n"));
        assert.deepStrictEqual(parsedPlanArgs(runs[0]).reports.map((r) => r.format).sort(), ["json", "junit", "markdown", "sarif"]);
    });
});
