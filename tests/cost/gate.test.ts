/**
 * Cost in the gate, as users run it (`npm run plan`): each stack's estimate in the reports, the budget
 * guardrail's exit code under a mandatory level and the baseline rise, a broken usage file, and the
 * same figures whether the gate's report or the policy pack (as under `pulumi preview --policy-pack`)
 * computes them.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import type { StackValidationPolicy } from "@pulumi/policy";
import { plan } from "../support/plan";
import { scaffoldTeam } from "../../engine/cli/new-team";
import { tempProject } from "../../engine/cli/team-bench";
import { describeDrivers } from "../../engine/cost/budget";
import { estimateRecords } from "../../engine/cost/stack-estimate";
import type { StackCost } from "../../engine/cost/model";
import { analyzeStack } from "../../engine/gate/analyzer";
import { runStack } from "../../engine/run";
import { estimateOf } from "../../policies/cost/estimate";

const ROOT = path.join(__dirname, "..", "..");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");


interface JsonReport {
    stacks: { stack: string; error: string | null; violations: { policy: string; enforcementLevel: string; urn: string | null; message: string }[]; cost: StackCost | null }[];
    summary: { mandatory: number; advisory: number; cost: { monthly: number; stacks: Record<string, { monthly: number; baseline: number | null }> } };
}

describe("cost in the gate", function () {
    this.timeout(300_000);

    it("prod: a system over its budget and risen past the baseline fails the gate (exit 1, mandatory), naming estimate, budget, baseline and drivers", async () => {
        // Vibe alone, with twice the committed minimum of tasks: $36.04 more than prod's baseline for Vibe.
        const { code, stdout } = await plan("--project-dir", ROOT, "--stack", "prod", "--preview-only", "--format", "json",
            "--config", 'platform:systems=["vibe"]', "--config", 'platform:containers={"cpu":512,"memory":1024,"minTasks":4,"maxTasks":4}');
        assert.strictEqual(code, 1);
        const report = JSON.parse(stdout) as JsonReport;
        const [prod] = report.stacks;
        const vibe = prod.cost!.systems.find((s) => s.system === "vibe")!;
        assert.ok(vibe.monthly > vibe.budget!.monthlyUsd!, `vibe ${vibe.monthly} over ${vibe.budget!.monthlyUsd}`);
        const budget = prod.violations.find((v) => v.policy === "aws-stack-cost-within-budget")!;
        assert.strictEqual(budget.enforcementLevel, "mandatory");
        assert.strictEqual(budget.urn, "urn:pulumi:prod::platform::platform:core:System::vibe");
        const drivers = escape(describeDrivers(vibe.drivers.slice(0, 3)));
        assert.match(vibe.drivers.map((d) => d.name).join(","), /vibe-api-service/, "the doubled tasks are among the drivers");
        assert.match(budget.message, new RegExp(`system vibe: estimated \\$${vibe.monthly.toFixed(2)}/month .* is over its budget of \\$${vibe.budget!.monthlyUsd!.toFixed(2)}; top drivers: ${drivers}`));
        const rise = prod.violations.find((v) => v.policy === "aws-stack-cost-rise-within-limit")!;
        assert.strictEqual(rise.enforcementLevel, "mandatory");
        const risePercent = ((vibe.monthly - vibe.baseline!.monthly) / vibe.baseline!.monthly * 100).toFixed(1);
        assert.ok(Number(risePercent) > 10);
        assert.match(rise.message, new RegExp(`system vibe: .* is ${escape(risePercent)} % above the committed baseline of \\$${vibe.baseline!.monthly.toFixed(2)} \\(allowed: 10 %\\)`));
        assert.strictEqual(report.summary.cost.stacks.prod.monthly, prod.cost!.monthly);
    });

    it("dev: the same kind of rise is advisory (exit 0), the budget is not exceeded", async () => {
        const { code, stdout } = await plan("--project-dir", ROOT, "--stack", "dev", "--preview-only", "--format", "json",
            "--config", 'platform:systems=["vibe"]', "--config", 'platform:containers={"cpu":256,"memory":512,"minTasks":2,"maxTasks":2}',
            "--config", 'platform:cost={"maxRisePercent":5,"systems":{"vibe":{"budgetMonthlyUsd":200}}}');
        assert.strictEqual(code, 0);
        const report = JSON.parse(stdout) as JsonReport;
        const rise = report.stacks[0].violations.filter((v) => v.policy.startsWith("aws-stack-cost"));
        assert.deepStrictEqual(rise.map((v) => [v.policy, v.enforcementLevel]), [["aws-stack-cost-rise-within-limit", "advisory"]]);
        const vibe = report.stacks[0].cost!.systems.find((x) => x.system === "vibe")!;
        const risePercent = ((vibe.monthly - vibe.baseline!.monthly) / vibe.baseline!.monthly * 100).toFixed(1);
        assert.ok(Number(risePercent) > 5 && vibe.monthly < 200, `a rise of ${risePercent} %, under the budget`);
        assert.match(rise[0].message, new RegExp(`system vibe: estimated \\$${vibe.monthly.toFixed(2)}/month .* is ${escape(risePercent)} % above the committed baseline of \\$${vibe.baseline!.monthly.toFixed(2)} \\(allowed: 5 %\\)`));
    });

    it("the text report shows each stack's and system's fixed and estimated cost, budget, change against the baseline and drivers", async () => {
        const { code, stdout } = await plan("--project-dir", ROOT, "--stack", "dev", "--preview-only", "--no-tree", "--config", 'platform:systems=["vidverse"]');
        assert.strictEqual(code, 0);
        const section = stdout.split("Cost estimate")[1] ?? "";
        assert.match(section, /^ \(USD per month, list prices as of \d{4}-\d{2}-\d{2}, no usage file: usage costs are 0, no free tier\):/);
        assert.match(section, /\n {2}system +fixed +usage +total +budget +vs baseline\n/);
        const budget = (YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, { systems: Record<string, { budgetMonthlyUsd: number }> }> }).config["platform:cost"].systems.vidverse.budgetMonthlyUsd;
        const json = JSON.parse((await plan("--project-dir", ROOT, "--stack", "dev", "--preview-only", "--format", "json", "--config", 'platform:systems=["vidverse"]')).stdout) as JsonReport;
        const vidverse = json.stacks[0].cost!.systems.find((x) => x.system === "vidverse")!;
        const money = (n: number) => escape(`$${n.toFixed(2)}`);
        assert.match(section, new RegExp(`\\n {2}vidverse +${money(vidverse.fixed)} +\\$0\\.00 +${money(vidverse.monthly)} +\\$${budget}\\.00 +\\+\\$0\\.00 \\(\\+0\\.0 %\\)\\n`));
        assert.match(section, new RegExp(`\\n {4}vidverse: ${escape(describeDrivers(vidverse.drivers.slice(0, 3)))}\\n`));
    });

    it("a usage file with a wrong key stops the stack (exit 2), naming the file and the key", async () => {
        const dir = tempProject(ROOT, "cost-gate-");
        try {
            fs.symlinkSync(path.join(ROOT, "policies"), path.join(dir, "policies"), "dir");
            scaffoldTeam({ team: "ledger", env: "dev", from: "storage-only", dir });
            fs.writeFileSync(path.join(dir, "Pulumi.ledger-dev.usage.yaml"), "version: 1\nresources:\n  ledger-data: { storageGB: 10 }\n");
            const { code, stderr } = await plan("--project-dir", dir, "--stack", "ledger-dev", "--preview-only", "--format", "json");
            assert.strictEqual(code, 2);
            assert.match(stderr, /stack ledger-dev: Invalid usage file Pulumi\.ledger-dev\.usage\.yaml \(1 problem\):\n {2}- resources\.ledger-data\.storageGB: no such usage key for aws:s3\/bucket:Bucket; allowed: storageGb, glacierIrStorageGb/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("the policy pack's estimate (what pulumi preview --policy-pack sees) equals the gate's report, resource by resource", async () => {
        const result = await runStack({ projectDir: ROOT, stack: "prod", mode: "preview" });
        assert.strictEqual(result.error, undefined);
        const gate = estimateRecords(result.resources, { projectDir: ROOT, stack: "prod", projectStack: true });
        let seen: StackCost | undefined;
        const capture: StackValidationPolicy = { name: "capture", description: "captures the cost policies' estimate", enforcementLevel: "advisory", validateStack: (args) => { seen = estimateOf(args.resources); } };
        await analyzeStack(result.resources, { packName: "p", packVersion: "1", policies: [capture], config: new Map() });
        assert.ok(seen);
        const strip = (c: StackCost) => c.resources.map((r) => [r.urn, r.status, r.region, r.monthly]);
        assert.deepStrictEqual(strip(seen!), strip(gate));
        assert.deepStrictEqual(seen!.systems, gate.systems);
        assert.ok(gate.resources.some((r) => r.region === "us-west-2"), "replica-region resources are priced in their own region in both");
    });
});
