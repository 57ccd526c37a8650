/**
 * The offline plan and policy gate as users run it: formats, exit codes, --program on user programs.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import Ajv04 from "ajv-draft-04";
import { plan } from "../support/plan";

const ROOT = path.join(__dirname, "..", "..");
const INSECURE = path.join(ROOT, "tests", "fixtures", "insecure", "index.ts");
const BROKEN = path.join(ROOT, "tests", "fixtures", "insecure", "broken-config.ts");
const CLEAN = path.join(ROOT, "tests", "fixtures", "clean", "index.ts");


describe("npm run plan", function () {
    this.timeout(120_000);

    it("--program on a small insecure program exits 1 and reports the public ACL in the JSON", async () => {
        const { code, stdout } = await plan("--program", INSECURE, "--env", "prod", "--format", "json");
        assert.strictEqual(code, 1);
        const report = JSON.parse(stdout);
        assert.strictEqual(report.stacks.length, 1);
        assert.strictEqual(report.stacks[0].environment, "prod");
        const acl = report.stacks[0].violations.find((v: { policy: string; urn: string }) => /acl/.test(v.policy) && /BucketAcl::public-site-acl$/.test(v.urn));
        assert.ok(acl, `no ACL violation in ${JSON.stringify(report.stacks[0].violations.map((v: { policy: string }) => v.policy))}`);
        assert.strictEqual(acl.enforcementLevel, "mandatory");
        assert.ok(report.summary.mandatory >= 1);
    });

    it("JSON follows the documented contract", async () => {
        const { stdout } = await plan("--program", INSECURE, "--env", "dev", "--format", "json");
        const report = JSON.parse(stdout);
        // Fields are only ever added: every documented field is there, and nothing else at the top level.
        assert.deepStrictEqual(Object.keys(report).sort(), ["formatVersion", "stacks", "summary", "warnings"]);
        assert.strictEqual(report.formatVersion, 1);
        const stack = report.stacks[0];
        for (const key of ["stack", "environment", "program", "policyConfig", "error", "resources", "violations", "deferred", "unchecked", "updatePass", "exemptions", "remediations", "diagnostics", "changes"]) assert.ok(key in stack, `stacks[].${key}`);
        for (const r of stack.resources) {
            for (const key of ["name", "parent", "protect", "type", "urn"]) assert.ok(key in r, `resources[].${key}`);
            assert.deepStrictEqual(Object.keys(r).filter((k) => !["name", "parent", "protect", "type", "urn", "sourcePosition", "aliases"].includes(k)), []);
        }
        assert.ok(stack.resources.filter((r: { type: string }) => r.type !== "pulumi:pulumi:Stack").every((r: { sourcePosition?: { file: string; line: number } }) => r.sourcePosition?.file === "tests/fixtures/insecure/index.ts" && r.sourcePosition.line > 0), "every resource at its declaring line, relative to the project");
        for (const v of stack.violations) {
            for (const key of ["policy", "enforcementLevel", "severity", "urn", "message", "remediation", "phase", "sourcePosition"]) assert.ok(key in v, `violations[].${key}`);
            assert.ok(["mandatory", "advisory"].includes(v.enforcementLevel));
        }
        for (const key of ["mandatory", "advisory", "deferred", "unchecked", "resources", "stacks", "errors", "exempted", "create", "delete", "replace"]) assert.strictEqual(typeof report.summary[key], "number", `summary.${key}`);
    });

    it("a program whose configuration is invalid exits 2 naming the stack and the key, with no stack trace", async () => {
        const { code, stderr } = await plan("--program", BROKEN, "--env", "prod", "--config", "platform:environment=qa");
        assert.strictEqual(code, 2);
        assert.match(stderr, /stack prod: Invalid configuration for stack "prod".*platform:environment: got "qa"/s);
        assert.doesNotMatch(stderr, /\n\s+at .*\.ts:\d+/, "no stack trace");
    });

    it("exits 0 for a program built from the components, and the text report shows tree, counts and summary", async () => {
        const { code, stdout, stderr } = await plan("--program", CLEAN, "--env", "prod");
        assert.match(stderr, /\[1\/1\] previewing stack prod/, "a progress line per stack");
        assert.match(stdout, /pulumi:pulumi:Stack/);
        assert.match(stdout, /Resources by type:/);
        assert.match(stdout, /^PASS prod: \d+ resources, 0 mandatory/m);
        assert.strictEqual(code, 0, stdout);
    });

    it("SARIF output is valid against the SARIF 2.1.0 schema", async () => {
        const { stdout } = await plan("--program", INSECURE, "--env", "prod", "--format", "sarif");
        const schema = JSON.parse(fs.readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
        // The schema's patterns are ECMA-262 without the u flag (one has a stray bracket that only unicode mode rejects).
        const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
        const validate = ajv.compile(schema);
        const sarif = JSON.parse(stdout) as { version: string; runs: { results: { level: string; ruleId: string }[] }[] };
        assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
        assert.strictEqual(sarif.version, "2.1.0");
        assert.ok(sarif.runs[0].results.some((r) => r.level === "error" && /acl/.test(r.ruleId)));
        // The schema check can fail: a result without a message is rejected.
        const broken = JSON.parse(stdout);
        delete broken.runs[0].results[0].message;
        assert.strictEqual(validate(broken), false, "the validator rejects an invalid log");
    });

    it("JUnit XML has one test case per stack and policy, failures for mandatory violations", async () => {
        const { stdout } = await plan("--program", INSECURE, "--env", "prod", "--format", "junit");
        assert.match(stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
        const cases = [...stdout.matchAll(/<testcase classname="gate\.prod" name="([^"]+)">/g)].map((m) => m[1]);
        const { policies } = await import("../../policies/policies");
        assert.deepStrictEqual(cases, [...policies.map((p) => p.name), "platform-baseline-stateful-replace"]);
        assert.match(stdout, /<failure message="\d+ mandatory violation\(s\)" type="mandatory">/);
        const opened = (stdout.match(/<testcase /g) ?? []).length;
        const closed = (stdout.match(/<\/testcase>/g) ?? []).length;
        assert.strictEqual(opened, closed, "well-formed test cases");
    });

    it("JUnit skips a policy's test case when its checks stay deferred to update time (nothing it could decide failed)", async () => {
        const fixture = path.join(ROOT, "tests", "fixtures", "fidelity", "apply-built-policies.ts");
        const { stdout } = await plan("--program", fixture, "--env", "prod", "--format", "junit", "--preview-only");
        const deferredCase = /<testcase classname="gate\.prod" name="aws-iam-policy-disallow-admin-access">(.*?)<\/testcase>/.exec(stdout);
        assert.ok(deferredCase, stdout.slice(0, 500));
        assert.match(deferredCase[1], /^<skipped message="1 check\(s\) deferred to update time: values unknown until a real deployment \(urn:pulumi:prod::platform::aws:iam\/rolePolicy:RolePolicy::worker-policy\)"\/>$/);
        assert.match(stdout, /<testsuite name="gate prod" tests="\d+" failures="\d+" errors="0" skipped="[1-9]\d*">/);
        // Without --preview-only the update-time pass decides them: nothing is skipped, the admin statement fails.
        const decided = await plan("--program", fixture, "--env", "prod", "--format", "junit");
        assert.match(decided.stdout, /<testcase classname="gate\.prod" name="aws-iam-policy-disallow-admin-access"><failure /);
        assert.match(decided.stdout, /skipped="0">/);
    });

    it("writes the report to --out", async () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gate-")), "r.json");
        const { code } = await plan("--program", INSECURE, "--env", "dev", "--format", "json", "--out", out);
        assert.ok([0, 1].includes(code));
        assert.ok(JSON.parse(fs.readFileSync(out, "utf8")).stacks);
    });

    it("rejects bad usage with exit 2: one line saying what is wrong and a pointer to --help, not the whole usage", async () => {
        const cases: [string[], RegExp][] = [
            [["--format", "xml"], /^error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are text, json, sarif, junit, markdown\.$/],
            [["--formt", "json"], /^error: unknown option '--formt' \(did you mean --format\?\)$/],
            [["--program", INSECURE], /^error: --program needs --env/],
            [["--stack", "nope"], /^error: no stack "nope": there is no Pulumi\.nope\.yaml; stacks here: dev, prod$/],
            [["--report", "pdf=r.pdf"], /^error: --report pdf=r\.pdf: allowed: FORMAT=FILE with FORMAT one of text, json, sarif, junit, markdown/],
            [["--fail-on", "warning"], /^error: option '--fail-on <level>' argument 'warning' is invalid/],
            [["--shard", "0/4"], /^error: --shard 0\/4: allowed: K\/N with 1 <= K <= N/],
            [["--merge", "a.json", "--stack", "dev"], /^error: --merge joins existing reports and runs no stack; it cannot be combined with --stack$/],
        ];
        for (const [argv, message] of cases) {
            const { code, stderr } = await plan(...argv);
            assert.strictEqual(code, 2, argv.join(" "));
            const lines = stderr.trimEnd().split("\n");
            assert.match(lines[0], message, argv.join(" "));
            if (!argv.includes("nope")) assert.deepStrictEqual(lines.slice(1), ["(npm run plan -- --help lists the options)"], argv.join(" "));
            assert.doesNotMatch(stderr, /--settle-timeout/, "the usage text is not repeated");
        }
        const help = await plan("--help");
        assert.strictEqual(help.code, 0);
        for (const flag of ["--report", "--quiet", "--min-severity", "--fail-on", "--tree", "--no-tree", "--shard", "--merge", "--baseline", "--list"]) assert.ok(help.stdout.includes(flag), flag);
    });

    it("runs as a real process through npm's entry point with the documented exit code", () => {
        const child = spawnSync(process.execPath, [path.join(ROOT, "engine", "cli", "run-ts.js"), path.join(ROOT, "engine", "cli", "plan.ts"), "--program", INSECURE, "--env", "prod", "--format", "json"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
        assert.strictEqual(child.status, 1, child.stderr);
        assert.ok(JSON.parse(child.stdout).summary.mandatory >= 1);
    });
});
