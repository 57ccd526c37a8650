/**
 * Triage as a reviewer needs it: --quiet, --min-severity, --fail-on (exactly as documented), the
 * violations-by-policy table, repeated findings collapsed with a count, colour on a terminal only,
 * the markdown summary, the resource tree above a few hundred resources, and one run writing every
 * report.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Log } from "sarif";
import { wantsColour } from "../../engine/cli/plan";
import type { GateReport, ReportResource, StackReport } from "../../engine/gate/gate";
import { MARKDOWN_MARKER, renderMarkdown } from "../../engine/gate/report/markdown";
import { renderText } from "../../engine/gate/report/text";
import { LISTED_PER_POLICY, TREE_LIMIT } from "../../engine/gate/report/view";
import { fails } from "../../engine/gate/triage";
import { fixture, plan, sarifValidator, tempDir } from "./support";

const MANY = fixture("triage", "many-findings.ts");
const ADVISORY = fixture("triage", "advisory-only.ts");
const LOCATIONS = fixture("locations", "index.ts");

function stackWith(resources: number): StackReport {
    const root: ReportResource = { urn: "urn:pulumi:big::platform::pulumi:pulumi:Stack::platform-big", type: "pulumi:pulumi:Stack", name: "platform-big", parent: null, protect: false };
    const children: ReportResource[] = Array.from({ length: resources }, (_, i) => ({ urn: `urn:pulumi:big::platform::aws:sns/topic:Topic::t${i}`, type: "aws:sns/topic:Topic", name: `t${i}`, parent: root.urn, protect: false }));
    return {
        stack: "big", environment: "dev", program: "programs/index.ts", policyConfig: null, resources: [root, ...children], violations: [], deferred: [], unchecked: [],
        exemptions: [], remediations: [], diagnostics: [], error: null, evaluations: 0, updatePass: { ran: false, checked: 0, onlyAtUpdate: 0, note: null }, timings: { programMs: 0, policyMs: 0, updateMs: 0 },
    };
}

const reportOf = (s: StackReport): GateReport => ({
    stacks: [s], strict: false, warnings: [],
    summary: { stacks: 1, mandatory: 0, advisory: 0, deferred: 0, unchecked: 0, resources: s.resources.length - 1, errors: 0, exempted: 0, create: 0, delete: 0, replace: 0 },
});

describe("triage", function () {
    this.timeout(180_000);

    let many: { code: number; stdout: string; stderr: string };
    before(async () => { many = await plan("--program", MANY, "--env", "prod", "--no-tree"); });

    it("collapses repeated findings of one policy: the description and fix once, a few findings, then a count", () => {
        assert.strictEqual(many.code, 1);
        const block = many.stdout.slice(many.stdout.indexOf("    aws-s3-bucket-versioning-enabled (7): Every S3 bucket has versioning enabled."));
        const lines = block.split("\n");
        assert.match(lines[1], /^ {6}fix: add an aws\.s3\.BucketVersioning/);
        assert.deepStrictEqual(lines.slice(2, 2 + LISTED_PER_POLICY).map((l) => /"(plain-\d)"/.exec(l)?.[1]), ["plain-1", "plain-2", "plain-3", "plain-4", "plain-5"]);
        assert.match(lines[2], /^ {6}tests\/fixtures\/triage\/many-findings\.ts:4:\d+ {2}aws:s3\/bucket:Bucket "plain-1": has no versioning\.$/);
        assert.strictEqual(lines[2 + LISTED_PER_POLICY], "      ... and 2 more aws-s3-bucket-versioning-enabled finding(s) in prod (the JSON report lists every one)");
        assert.strictEqual((many.stdout.match(/fix: add an aws\.s3\.BucketVersioning/g) ?? []).length, 1, "the fix is said once");
    });

    it("ends with a violations-by-policy table: count, level, severity, policy, stacks", () => {
        const table = many.stdout.slice(many.stdout.indexOf("Violations by policy:")).split("\n");
        assert.match(table[1], /^ {2}count {2}level {6}severity {2}policy +stacks$/);
        assert.match(table[2], /^ {6}7 {2}mandatory {2}critical {2}aws-s3-bucket-public-access-block-required +prod$/);
        assert.ok(table.some((l) => /^ {6}7 {2}advisory {3}low {7}aws-s3-bucket-access-logging-enabled +prod$/.test(l)), table.join("\n"));
    });

    it("--quiet keeps the violations, the verdicts and the summary; no counts, exemptions, update pass, cost table or progress", async () => {
        const q = await plan("--program", LOCATIONS, "--env", "prod", "--quiet");
        assert.strictEqual(q.code, 1);
        assert.match(q.stdout, /Mandatory violations \(3\):/);
        assert.match(q.stdout, /^FAIL prod: \d+ resources, 3 mandatory/m);
        assert.match(q.stdout, /^Gate: 1 stacks/m);
        for (const noise of ["Resources by type:", "pulumi:pulumi:Stack", "Exemptions:", "Update-time pass:", "Cost estimate"]) assert.ok(!q.stdout.includes(noise), noise);
        assert.strictEqual(q.stderr, "", "no progress lines");
    });

    it("--min-severity lists only findings at or above it in text and markdown, and counts the rest; JSON keeps them all", async () => {
        const dir = tempDir();
        const r = await plan("--program", MANY, "--env", "prod", "--no-tree", "--min-severity", "critical", "--report", `json=${dir}/r.json`, "--report", `markdown=${dir}/r.md`);
        assert.strictEqual(r.code, 1, "the verdict is --fail-on's, not the listing's");
        assert.match(r.stdout, /aws-s3-bucket-public-access-block-required \(7\)/);
        assert.ok(!r.stdout.includes("aws-s3-bucket-versioning-enabled (7)"), "medium is not listed");
        assert.match(r.stdout, /\(42 violation\(s\) below --min-severity critical not listed; they still count\)/);
        const md = fs.readFileSync(`${dir}/r.md`, "utf8");
        assert.ok(md.includes("<b>aws-s3-bucket-public-access-block-required</b>") && !md.includes("<b>aws-s3-bucket-versioning-enabled</b>"));
        const json = JSON.parse(fs.readFileSync(`${dir}/r.json`, "utf8"));
        assert.strictEqual(json.stacks[0].violations.length, 49);
    });

    describe("--fail-on", () => {
        it("is decided per violation exactly as documented; a mandatory violation always fails", () => {
            const v = (enforcementLevel: "mandatory" | "advisory", severity: string) => ({ enforcementLevel, severity });
            const table: [string, ReturnType<typeof v>, boolean][] = [
                ["mandatory", v("advisory", "critical"), false], ["mandatory", v("mandatory", "low"), true],
                ["advisory", v("advisory", "low"), true],
                ["high", v("advisory", "critical"), true], ["high", v("advisory", "high"), true], ["high", v("advisory", "medium"), false],
                ["critical", v("mandatory", "low"), true], ["low", v("advisory", "low"), true],
            ];
            for (const [failOn, violation, expected] of table) assert.strictEqual(fails(violation, failOn as never), expected, `${failOn} ${JSON.stringify(violation)}`);
        });

        it("exits 1 on an advisory low finding with advisory or low, 0 by default or with a higher severity", async () => {
            const codes: Record<string, number> = {};
            for (const failOn of [undefined, "advisory", "low", "medium", "critical"]) {
                const r = await plan("--program", ADVISORY, "--env", "prod", "--quiet", "--preview-only", ...(failOn ? ["--fail-on", failOn] : []));
                codes[failOn ?? "default"] = r.code;
                if (failOn === "advisory") assert.match(r.stdout, /^FAIL prod: \d+ resources, 0 mandatory, 1 advisory/m);
            }
            assert.deepStrictEqual(codes, { default: 0, advisory: 1, low: 1, medium: 0, critical: 0 });
        });
    });

    describe("colour", () => {
        it("only on a terminal, and never with NO_COLOR", () => {
            assert.strictEqual(wantsColour({ isTTY: true }, {}), true);
            assert.strictEqual(wantsColour({ isTTY: true }, { NO_COLOR: "1" }), false);
            assert.strictEqual(wantsColour({ isTTY: false }, {}), false);
            assert.strictEqual(wantsColour({}, {}), false);
        });

        it("the text report has escape codes only when colour is on; piped output and files have none", () => {
            assert.ok(!many.stdout.includes("\u001b["), "captured (not a terminal): plain");
            const report = reportOf(stackWith(3));
            assert.ok(renderText(report, { colour: true }).includes("\u001b[32mPASS\u001b[39m"));
            assert.ok(!renderText(report, { colour: false }).includes("\u001b["));
        });
    });

    it("shows the resource tree by default up to a few hundred resources, --tree above, --no-tree never", () => {
        const small = reportOf(stackWith(TREE_LIMIT - 1));
        const big = reportOf(stackWith(TREE_LIMIT + 1));
        assert.match(renderText(small), /├─ aws:sns\/topic:Topic/);
        assert.match(renderText(small, { tree: false }), /^[^├]*$/);
        const bigText = renderText(big);
        assert.doesNotMatch(bigText, /├─/);
        assert.match(bigText, new RegExp(`\\(resource tree of ${TREE_LIMIT + 1} resources left out above ${TREE_LIMIT}; --tree shows it\\)`));
        assert.match(renderText(big, { tree: true }), /├─ aws:sns\/topic:Topic/);
    });

    it("renders a markdown summary for the step summary and the PR comment: marker, verdict, stack table, policies, fixes, linked lines", async () => {
        const r = await plan("--program", LOCATIONS, "--env", "prod", "--format", "markdown");
        const md = r.stdout;
        assert.ok(md.startsWith(`${MARKDOWN_MARKER}\n### ❌ Policy gate: failed`), md.slice(0, 200));
        assert.match(md, /\| ❌ \| prod \| prod \| \d+ \| {2}\| 3 \| 0 \| 1 \| 0 \| 0 \|/);
        assert.match(md, /\| 2 \| mandatory \| high \| `aws-stateful-resource-protected` \| prod \|/);
        assert.match(md, /<details open><summary><b>aws-stateful-resource-protected<\/b> \(high, 2\)/);
        assert.match(md, /\*\*Fix:\*\* pass resource options/);
        assert.match(md, /- `prod` `components\/secure-bucket\/index\.ts:\d+:\d+`: aws:s3\/bucket:Bucket "reports": is neither protected nor retained on delete\./);
        assert.match(md, /\n#### Cost estimate\n\n\*\*prod\*\*: \$\d+\.\d\d\/month \(fixed/, "what the change costs, for the pull request");
        const linked = renderMarkdown(linkedReport(), { linkBase: "https://github.com/acme/platform/blob/abc123/" });
        assert.ok(linked.includes("](https://github.com/acme/platform/blob/abc123/components/secure-bucket/index.ts#L"), "lines link to the commit");
    });

    it("writes every --report from one run next to the console report, each valid and agreeing", async () => {
        const dir = tempDir();
        const r = await plan("--program", LOCATIONS, "--env", "prod", "--no-tree",
            "--report", `sarif=${dir}/gate.sarif`, "--report", `junit=${dir}/gate.junit.xml`, "--report", `json=${dir}/gate.json`, "--report", `markdown=${dir}/gate.md`, "--report", `text=${dir}/nested/gate.txt`);
        assert.strictEqual(r.code, 1);
        assert.strictEqual((r.stderr.match(/previewing stack/g) ?? []).length, 1, "the stack ran once");
        assert.match(r.stdout, /^FAIL prod:/m, "console: text");
        for (const f of ["gate.sarif", "gate.junit.xml", "gate.json", "gate.md", "nested/gate.txt"]) assert.match(r.stderr, new RegExp(`wrote \\w+ report to ${dir}/${f.replace(/\./g, "\\.")}`));
        const json = JSON.parse(fs.readFileSync(path.join(dir, "gate.json"), "utf8"));
        const sarif = JSON.parse(fs.readFileSync(path.join(dir, "gate.sarif"), "utf8")) as Log;
        assert.ok(sarifValidator()(sarif));
        assert.strictEqual(sarif.runs[0].results!.filter((x) => x.level === "error" && !x.suppressions).length, json.summary.mandatory);
        assert.match(fs.readFileSync(path.join(dir, "gate.junit.xml"), "utf8"), new RegExp(`failures="${new Set(json.stacks[0].violations.map((v: { policy: string }) => v.policy)).size}"`));
        assert.ok(fs.readFileSync(path.join(dir, "gate.md"), "utf8").startsWith(MARKDOWN_MARKER));
        assert.strictEqual(fs.readFileSync(path.join(dir, "nested/gate.txt"), "utf8"), r.stdout, "the text report file is the console's");
    });
});

/** A one-violation report whose resource has a declaring line, for the markdown links. */
function linkedReport(): GateReport {
    const s = stackWith(1);
    s.resources[1] = { ...s.resources[1], sourcePosition: { file: "components/secure-bucket/index.ts", line: 114, column: 23 } };
    s.violations = [{ policy: "aws-stateful-resource-protected", enforcementLevel: "mandatory", severity: "high", urn: s.resources[1].urn, message: "d\nx", remediation: null, phase: "preview", sourcePosition: s.resources[1].sourcePosition }];
    return reportOf(s);
}
