/**
 * Where budgets come from: platform:cost in a stack file (validated, with errors naming the key) and a
 * team spec's budget, both carried by each system's SystemScope for the cost policies; and what
 * `npm run new-team` prints about the stack it scaffolded.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { main as newTeam, scaffoldTeam } from "../../engine/cli/new-team";
import { tempProject } from "../../engine/cli/team-bench";
import { runStack } from "../../engine/run";
import { ConfigError, validateConfig } from "../../programs/config/load";
import { validateTeamSpec } from "../../programs/team/spec";

const ROOT = path.join(__dirname, "..", "..");
const BASE = { environment: "dev", team: "platform-engineering", costCenter: "CC-1042", systems: ["vidverse"] };

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => { out.push(String(s)); return true; }) as typeof process.stdout.write;
    try {
        return { code: await fn(), out: out.join("") };
    } finally {
        process.stdout.write = write;
    }
}

describe("cost budgets", function () {
    this.timeout(120_000);

    it("platform:cost: the stack's and each system's budget; the stack's rise limit applies to systems without their own", () => {
        const cfg = validateConfig("dev", "platform", "us-east-1", { ...BASE, cost: { budgetMonthlyUsd: 100, maxRisePercent: 10, systems: { vidverse: { budgetMonthlyUsd: 20 }, platform: { maxRisePercent: 50 } } } });
        assert.deepStrictEqual(cfg.cost, { budgetMonthlyUsd: 100, maxRisePercent: 10, systems: { vidverse: { budgetMonthlyUsd: 20 }, platform: { maxRisePercent: 50 } } });
        assert.deepStrictEqual(validateConfig("dev", "platform", "us-east-1", BASE).cost, { systems: {} }, "no budget unless configured");
    });

    it("platform:cost errors name the key, the value and what is allowed", () => {
        const problems = (cost: unknown) => {
            try {
                validateConfig("dev", "platform", "us-east-1", { ...BASE, cost });
                return "";
            } catch (e) {
                assert.ok(e instanceof ConfigError);
                return e.message;
            }
        };
        assert.match(problems({ budgetMonthlyUsd: -5 }), /platform:cost\.budgetMonthlyUsd: got -5; allowed:/);
        assert.match(problems({ systems: { vidvers: { budgetMonthlyUsd: 5 } } }), /platform:cost\.systems\.vidvers: got \{"budgetMonthlyUsd":5\}; allowed: a system name \(distro-nation, padmakara, vidverse, vibe, multimusic, platform\)/);
        assert.match(problems({ systems: { vibe: { budget: 5 } } }), /platform:cost\.systems\.vibe\.budget: got 5; allowed: no such key/);
    });

    it("each SystemScope carries its budget, the stack's budget and the region, as inputs (the gate) and outputs (the CLI)", async () => {
        const result = await runStack({ projectDir: ROOT, stack: "dev", mode: "preview", configOverrides: { "platform:systems": '["vidverse"]' } });
        assert.strictEqual(result.error, undefined);
        const scope = result.resources.find((r) => r.type === "platform:core:System" && r.name === "vidverse")!;
        const dev = (YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, { budgetMonthlyUsd: number; maxRisePercent: number; systems: Record<string, { budgetMonthlyUsd: number }> }> }).config["platform:cost"];
        const expected = { region: "us-east-1", budget: { monthlyUsd: dev.systems.vidverse.budgetMonthlyUsd, maxRisePercent: dev.maxRisePercent }, stackBudget: { monthlyUsd: dev.budgetMonthlyUsd, maxRisePercent: dev.maxRisePercent } };
        assert.deepStrictEqual(scope.inputs, expected);
        const { tags, ...outputs } = scope.outputs as Record<string, unknown>;
        assert.ok(tags);
        assert.deepStrictEqual(outputs, expected);
    });

    it("a team spec's budget per environment is its system's budget", () => {
        const spec = validateTeamSpec({ team: "ledger", owner: "l@example.com", costCenter: "CC-1", environments: ["dev"], budget: { dev: 30, prod: 90, maxRisePercent: 15 } }, "ledger.yaml");
        assert.deepStrictEqual(spec.budget, { dev: 30, prod: 90, maxRisePercent: 15 });
        assert.throws(() => validateTeamSpec({ team: "ledger", owner: "l@example.com", costCenter: "CC-1", environments: ["dev"], budget: { staging: 3 } }, "ledger.yaml"), /budget\.staging/);
    });

    it("npm run new-team prints the new stack's estimate, its drivers and its budget from the spec", async () => {
        const dir = tempProject(ROOT, "new-team-cost-");
        try {
            fs.symlinkSync(path.join(ROOT, "policies"), path.join(dir, "policies"), "dir");
            const first = await capture(() => newTeam(["--team", "ledger", "--env", "dev", "--from", "api-database", "--dir", dir]));
            assert.strictEqual(first.code, 0);
            assert.match(first.out, /estimated cost of ledger-dev \(USD per month, list prices as of \d{4}-\d{2}-\d{2}, no discounts, no free tier\): \$\d+\.\d\d fixed \+ \$0\.00 usage = \$\d+\.\d\d/);
            assert.match(first.out, /\n {2}top drivers: ledger-network-nat-1 \$32\.85 \(NAT gateway hours\)/);
            assert.match(first.out, /\n {2}budget: none; set one in programs\/teams\/ledger\.yaml, e\.g\. budget: \{ dev: \d+ \}/);
            const specFile = path.join(dir, "programs", "teams", "ledger.yaml");
            fs.writeFileSync(specFile, fs.readFileSync(specFile, "utf8") + "budget:\n  prod: 100\n");
            const second = await capture(() => newTeam(["--team", "ledger", "--env", "prod", "--dir", dir]));
            assert.match(second.out, /estimated cost of ledger-prod .*: \$\d+\.\d\d fixed/);
            assert.match(second.out, /\n {2}budget: \$100\.00 \(programs\/teams\/ledger\.yaml budget\.prod\): the estimate is OVER it, npm run plan will fail/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a team stack under its budget passes and over it fails the gate's budget policy", async () => {
        const dir = tempProject(ROOT, "team-budget-");
        try {
            fs.symlinkSync(path.join(ROOT, "policies"), path.join(dir, "policies"), "dir");
            scaffoldTeam({ team: "ledger", env: "dev", from: "static-site", dir });
            const specFile = path.join(dir, "programs", "teams", "ledger.yaml");
            fs.writeFileSync(specFile, fs.readFileSync(specFile, "utf8") + "budget:\n  dev: 5\n");
            const { main: plan } = await import("../../engine/cli/plan");
            const over = await capture(() => plan(["--project-dir", dir, "--stack", "ledger-dev", "--preview-only", "--no-tree"]));
            assert.strictEqual(over.code, 1);
            assert.match(over.out, /aws-stack-cost-within-budget: The estimated monthly cost[^\n]*\n[^\n]*fix: [^\n]*\n +\S+:\d+:\d+ +platform:core:System "ledger": system ledger: estimated \$\d+\.\d\d\/month .* is over its budget of \$5\.00; top drivers: ledger-edge \$10\.00 \(web ACL/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
