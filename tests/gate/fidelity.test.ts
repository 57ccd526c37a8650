/**
 * The gate's verdict is the Pulumi CLI's verdict: remote components are never a silent PASS, checks
 * that preview defers run at update time on simulated deployment values, and every way a program can
 * fail ends in exit 2 with a message naming the stack and the problem (never a hang, never a trace).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { plan, ROOT } from "../support/plan";

const FIXTURES = path.join(ROOT, "tests", "fixtures", "fidelity");
const fixture = (name: string) => path.join(FIXTURES, name);

/** The CLI as a separate process, as CI runs it. */
function planProcess(args: string[], timeoutMs = 60_000) {
    const started = Date.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, "engine", "cli", "run-ts.js"), path.join(ROOT, "engine", "cli", "plan.ts"), ...args], {
        cwd: ROOT, encoding: "utf8", timeout: timeoutMs,
    });
    return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

interface JsonViolation { policy: string; urn: string | null; enforcementLevel: string; phase: string; message: string }

describe("gate fidelity: what pulumi preview and pulumi up would refuse", function () {
    this.timeout(120_000);

    describe("remote (multi-language) components", () => {
        it("lists an awsx Vpc under --program as unchecked, in the JSON and the text report", async () => {
            const json = await plan("--program", fixture("awsx-vpc.ts"), "--env", "prod", "--format", "json");
            assert.strictEqual(json.code, 0, json.stderr);
            const report = JSON.parse(json.stdout);
            assert.deepStrictEqual(report.stacks[0].unchecked.map((u: { type: string }) => u.type), ["awsx:ec2:Vpc"]);
            assert.match(report.stacks[0].unchecked[0].urn, /::awsx:ec2:Vpc::net$/);
            assert.match(report.stacks[0].unchecked[0].reason, /provider plugin/);
            assert.strictEqual(report.summary.unchecked, 1);
            const text = await plan("--program", fixture("awsx-vpc.ts"), "--env", "prod", "--no-tree");
            assert.match(text.stdout, /Unchecked components \(1; their children were never seen by a policy\):\n {2}awsx:ec2:Vpc/);
        });

        it("--strict makes an unchecked component exit 1, and SARIF carries it as an error", async () => {
            const strict = await plan("--program", fixture("awsx-vpc.ts"), "--env", "prod", "--strict", "--format", "sarif");
            assert.strictEqual(strict.code, 1);
            const results = JSON.parse(strict.stdout).runs[0].results as { ruleId: string; level: string }[];
            assert.deepStrictEqual(results.filter((r) => r.ruleId === "platform-unchecked-component").map((r) => r.level), ["error"]);
            const lenient = await plan("--program", fixture("awsx-vpc.ts"), "--env", "prod", "--format", "sarif");
            assert.deepStrictEqual((JSON.parse(lenient.stdout).runs[0].results as { ruleId: string; level: string }[])
                .filter((r) => r.ruleId === "platform-unchecked-component").map((r) => r.level), ["note"]);
        });
    });

    describe("update-time checks", () => {
        let report: { stacks: { violations: JsonViolation[]; deferred: { policy: string; urn: string }[]; updatePass: { ran: boolean } }[] };
        let code: number;
        before(async () => {
            const r = await plan("--program", fixture("apply-built-policies.ts"), "--env", "prod", "--format", "json");
            code = r.code;
            report = JSON.parse(r.stdout);
        });

        it("finds a public bucket policy built inside apply: mandatory in prod, phase update", () => {
            const v = report.stacks[0].violations.find((x) => x.policy === "aws-s3-bucket-policy-disallow-public-principal");
            assert.ok(v, JSON.stringify(report.stacks[0].violations.map((x) => [x.policy, x.phase])));
            assert.strictEqual(v.phase, "update");
            assert.strictEqual(v.enforcementLevel, "mandatory");
            assert.match(String(v.urn), /BucketPolicy::uploads-policy$/);
            assert.strictEqual(code, 1);
        });

        it("finds an admin (*/*) IAM statement built inside apply: mandatory in prod, phase update", () => {
            const v = report.stacks[0].violations.find((x) => x.policy === "aws-iam-policy-disallow-admin-access");
            assert.ok(v);
            assert.strictEqual(v.phase, "update");
            assert.strictEqual(v.enforcementLevel, "mandatory");
            assert.match(String(v.urn), /RolePolicy::worker-policy$/);
        });

        it("leaves nothing it could check deferred, and --preview-only keeps both checks deferred instead", async () => {
            assert.strictEqual(report.stacks[0].updatePass.ran, true);
            assert.ok(!report.stacks[0].deferred.some((d) => /uploads-policy|worker-policy/.test(d.urn ?? "")));
            const previewOnly = JSON.parse((await plan("--program", fixture("apply-built-policies.ts"), "--env", "prod", "--format", "json", "--preview-only")).stdout);
            const deferred = previewOnly.stacks[0].deferred.map((d: { policy: string; urn: string | null }) => `${d.policy} ${d.urn?.split("::").pop() ?? "(stack)"}`);
            assert.ok(deferred.includes("aws-s3-bucket-policy-disallow-public-principal uploads-policy"), deferred.join("\n"));
            assert.ok(deferred.includes("aws-iam-policy-disallow-admin-access worker-policy"));
            assert.ok(!previewOnly.stacks[0].violations.some((v: JsonViolation) => v.phase === "update"));
            assert.strictEqual(previewOnly.stacks[0].updatePass.ran, false);
        });

        it("checks a resource declared inside an apply, which only an update registers, even with nothing deferred", async () => {
            const r = await plan("--program", fixture("apply-created-resources.ts"), "--env", "prod", "--format", "json");
            const stack = JSON.parse(r.stdout).stacks[0] as { violations: JsonViolation[]; resources: { urn: string }[]; updatePass: { ran: boolean; onlyAtUpdate: number } };
            assert.ok(!stack.resources.some((x) => x.urn.endsWith("::reports-policy")), "preview never registers it");
            const v = stack.violations.find((x) => x.policy === "aws-s3-bucket-policy-disallow-public-principal");
            assert.ok(v, JSON.stringify(stack.violations.map((x) => [x.policy, x.phase])));
            assert.strictEqual(v.phase, "update");
            assert.match(String(v.urn), /BucketPolicy::reports-policy$/);
            assert.deepStrictEqual([stack.updatePass.ran, stack.updatePass.onlyAtUpdate], [true, 1]);
            assert.strictEqual(r.code, 1);
        });

        it("judges the stack's policies again when an update registers resources preview never saw (a budget they push over)", async () => {
            const r = await plan("--program", fixture("apply-created-over-budget.ts"), "--env", "prod", "--format", "json");
            const stack = JSON.parse(r.stdout).stacks[0] as { violations: JsonViolation[]; updatePass: { ran: boolean; onlyAtUpdate: number }; cost: { monthly: number } };
            assert.strictEqual(stack.updatePass.onlyAtUpdate, 4, "two NAT gateways and their addresses, only at update");
            assert.strictEqual(stack.cost.monthly, 73, "the report's estimate counts what only the update registers");
            const over = stack.violations.filter((x) => x.policy === "aws-stack-cost-within-budget");
            assert.strictEqual(over.length, 1, JSON.stringify(stack.violations.map((x) => [x.policy, x.phase, x.message])));
            assert.strictEqual(over[0].phase, "update");
            assert.match(over[0].message, /over its budget of \$40/);
            assert.strictEqual(r.code, 1);
        });

        it("keeps a stack policy's preview finding once when the update's resources would report it again", async () => {
            const r = await plan("--program", fixture("over-budget-in-preview-and-more-at-update.ts"), "--env", "prod", "--format", "json");
            const stack = JSON.parse(r.stdout).stacks[0] as { violations: JsonViolation[]; updatePass: { onlyAtUpdate: number } };
            assert.strictEqual(stack.updatePass.onlyAtUpdate, 1);
            const over = stack.violations.filter((x) => x.policy === "aws-stack-cost-within-budget");
            assert.deepStrictEqual(over.map((x) => x.phase), ["preview"], JSON.stringify(over.map((x) => x.message)));
            assert.strictEqual(r.code, 1);
        });

        it("marks update-time findings in the text report as found on simulated values", async () => {
            const text = await plan("--program", fixture("apply-built-policies.ts"), "--env", "prod", "--no-tree");
            assert.match(text.stdout, /aws-s3-bucket-policy-disallow-public-principal: [^\n]*\n {6}fix: [^\n]*\n {6}tests\/fixtures\/fidelity\/apply-built-policies\.ts:\d+:\d+ {2}aws:s3\/bucketPolicy:BucketPolicy "uploads-policy": [^\n]* {2}\[update-time check, on simulated deployment values\]/);
        });
    });

    describe("exit codes to trust", () => {
        it("a program whose work never settles exits 2 after the bounded wait, naming the stack", () => {
            const r = planProcess(["--program", fixture("never-settles.ts"), "--env", "dev", "--settle-timeout", "1"]);
            assert.strictEqual(r.code, 2, r.stderr);
            assert.match(r.stderr, /error: stack dev: the program never settled: it registered \d+ resource\(s\), then made no progress for 1 s/);
            assert.ok(r.ms < 30_000, `took ${r.ms} ms`);
        });

        it("a timer the program leaves running does not keep the gate alive after its report", () => {
            const r = planProcess(["--program", fixture("leftover-timer.ts"), "--env", "dev", "--no-tree"], 60_000);
            assert.strictEqual(r.signal, null, "the process ended by itself");
            assert.strictEqual(r.code, 0, r.stderr);
            assert.match(r.stdout, /PASS dev: 1 resources/);
        });

        it("an unknown data source fails the stack with its token", async () => {
            const r = await plan("--program", fixture("unknown-data-source.ts"), "--env", "dev", "--no-tree");
            assert.strictEqual(r.code, 2);
            assert.match(r.stderr, /error: stack dev: the offline engine does not answer the data source aws:ec2\/getAmi:getAmi/);
        });

        it("a --program with a type error exits 2 before running, each error with file:line:col", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gate-typecheck-"));
            const file = path.join(dir, "index.ts");
            fs.writeFileSync(file, "const retries: number = \"three\";\nexport const doubled: string = retries * 2;\n");
            const r = await plan("--program", file, "--env", "dev", "--no-tree");
            assert.strictEqual(r.code, 2);
            assert.match(r.stderr, /does not type-check \(2 error\(s\)/);
            assert.match(r.stderr, /index\.ts:1:7: error TS2322: Type 'string' is not assignable to type 'number'\./);
            assert.match(r.stderr, /index\.ts:2:14: error TS2322: Type 'number' is not assignable to type 'string'\./);
            assert.ok(!/^\s+at /m.test(r.stderr), "no stack trace");
        });

        it("a missing module is one line naming the module and the file importing it", async () => {
            const r = await plan("--program", fixture("missing-module.js"), "--env", "dev", "--no-tree");
            assert.strictEqual(r.code, 2);
            const line = r.stderr.split("\n").find((l) => l.startsWith("error: stack dev:"));
            assert.strictEqual(line, "error: stack dev: cannot find module '@acme/not-installed' imported by tests/fixtures/fidelity/missing-module.js (is it in package.json and installed with npm ci?)");
        });
    });
});
