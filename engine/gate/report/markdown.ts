/**
 * The markdown summary, for a pull request: written to GITHUB_STEP_SUMMARY and posted (and updated in
 * place: the first line is a marker the workflow looks for) as the PR comment. A verdict line, one row
 * per stack (failing stacks first; passing ones are folded when there are many), the
 * violations-by-policy table, each failing policy with its fix once and its findings at their source
 * lines (linked to the commit when `linkBase` is given), the cost estimate per stack and system
 * against its baseline, stateful replacements and input warnings.
 * It stays under GitHub's comment size limit: beyond it the rest is cut with a pointer to the artifacts.
 */
import { renderCostMarkdown } from "../../cost/render";
import type { GateReport, ReportResource, StackReport } from "../gate";
import { formatLocation, isInProject } from "../locations";
import { atLeast, type Severity } from "../triage";
import { detailOf, groupByPolicy, policyTable, resourceCount, shortUrn, verdictOfStack, whereOf } from "./view";

export const MARKDOWN_MARKER = "<!-- platform-policy-gate -->";
/** GitHub refuses comments over 65,536 characters. */
const MAX_LENGTH = 60_000;
const LISTED = 10;
const STACK_ROWS = 30;

export interface MarkdownOptions {
    /** e.g. https://github.com/org/repo/blob/<sha>/ : file links point there. */
    linkBase?: string;
    minSeverity?: Severity;
}

function esc(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function code(text: string): string {
    return `\`${text.replace(/`/g, "'")}\``;
}

export function renderMarkdown(report: GateReport, opts: MarkdownOptions = {}): string {
    const indexes = new Map<StackReport, Map<string, ReportResource>>();
    const resourcesOf = (s: StackReport) => {
        if (!indexes.has(s)) indexes.set(s, new Map(s.resources.map((r) => [r.urn, r])));
        return indexes.get(s)!;
    };
    const { summary } = report;
    const icon = { PASS: "✅", FAIL: "❌", ERROR: "💥" } as const;
    const verdicts = report.stacks.map((s) => ({ s, verdict: verdictOfStack(s, report) }));
    const overall = summary.errors > 0 ? "ERROR" : verdicts.some((v) => v.verdict === "FAIL") ? "FAIL" : "PASS";
    const out: string[] = [MARKDOWN_MARKER];
    out.push(`### ${icon[overall]} Policy gate: ${overall === "PASS" ? "passed" : overall === "FAIL" ? "failed" : "a stack could not be gated"}`);
    out.push("", `${summary.stacks} stack(s), ${summary.resources} resources: **${summary.mandatory} mandatory**, ${summary.advisory} advisory violation(s), ${summary.exempted} exempted, ${summary.deferred} check(s) deferred to update time, ${summary.unchecked} unchecked component(s), ${summary.errors} error(s).`
        + (report.stacks.some((s) => s.changes) ? ` Against the baseline: \`+ ${summary.create} to create, - ${summary.delete} to delete, +- ${summary.replace} to replace\`.` : ""));

    const link = (r: ReportResource | undefined) => {
        const pos = r?.sourcePosition;
        if (!pos) return null;
        const text = code(formatLocation(pos));
        return opts.linkBase && isInProject(pos) ? `[${text}](${opts.linkBase}${pos.file}#L${pos.line})` : text;
    };

    const ordered = [...verdicts].sort((a, b) => (a.verdict === "PASS" ? 1 : 0) - (b.verdict === "PASS" ? 1 : 0));
    const shownRows = ordered.filter((v, i) => v.verdict !== "PASS" || i < STACK_ROWS);
    out.push("", "| | stack | environment | resources | against the baseline | mandatory | advisory | exempted | deferred | unchecked |", "|---|---|---|---:|---|---:|---:|---:|---:|---:|");
    for (const { s, verdict } of shownRows) {
        const mandatory = s.violations.filter((v) => v.enforcementLevel === "mandatory").length;
        const exempted = s.exemptions.reduce((n, e) => n + (e.suppressed?.length ?? 0), 0);
        const changes = s.changes ? `+${s.changes.create} -${s.changes.delete} +-${s.changes.replace}${s.changes.recorded ? "" : " (new stack)"}` : "";
        out.push(`| ${icon[verdict]} | ${esc(s.stack)} | ${esc(s.environment ?? "unset")} | ${resourceCount(s)} | ${changes} | ${mandatory} | ${s.violations.length - mandatory} | ${exempted} | ${s.deferred.length} | ${s.unchecked.length} |`);
    }
    if (shownRows.length < ordered.length) out.push("", `… and ${ordered.length - shownRows.length} more stack(s) that passed.`);

    const errors = report.stacks.filter((s) => s.error);
    if (errors.length > 0) {
        out.push("", "#### Stacks that could not be gated");
        for (const s of errors) out.push(`- **${esc(s.stack)}**: ${esc(s.error!.split("\n")[0])}`);
    }

    const rows = policyTable(report);
    if (rows.length > 0) {
        out.push("", "#### Violations by policy", "", "| count | level | severity | policy | stacks |", "|---:|---|---|---|---|");
        for (const r of rows) out.push(`| ${r.count} | ${r.enforcementLevel} | ${r.severity} | ${code(r.policy)} | ${esc(r.stacks.slice(0, 5).join(", "))}${r.stacks.length > 5 ? ` and ${r.stacks.length - 5} more` : ""} |`);
    }

    for (const level of ["mandatory", "advisory"] as const) {
        const all = report.stacks.flatMap((s) => s.violations.filter((v) => v.enforcementLevel === level).map((v) => ({ v, s })));
        const shown = all.filter(({ v }) => atLeast(v.severity, opts.minSeverity));
        if (shown.length === 0) continue;
        out.push("", `#### ${level === "mandatory" ? "Mandatory" : "Advisory"} violations (${all.length})`);
        for (const g of groupByPolicy(shown.map(({ v }) => v))) {
            out.push("", `<details${level === "mandatory" ? " open" : ""}><summary><b>${esc(g.policy)}</b> (${g.severity}, ${g.violations.length}): ${esc(g.description ?? "")}</summary>`, "");
            if (g.remediation) out.push(`**Fix:** ${esc(g.remediation)}`, "");
            const items = shown.filter(({ v }) => g.violations.includes(v));
            for (const { v, s } of items.slice(0, LISTED)) {
                const byUrn = resourcesOf(s);
                const where = link(v.urn ? byUrn.get(v.urn) : undefined) ?? code(shortUrn(v.urn));
                const { via } = whereOf(v.urn, byUrn);
                out.push(`- ${code(s.stack)} ${where}: ${esc(detailOf(v))}${v.phase === "update" ? " _(update-time check)_" : ""}${via ? ` _(in ${esc(via)})_` : ""}`);
            }
            if (items.length > LISTED) out.push(`- … and ${items.length - LISTED} more (the JSON report lists every one)`);
            out.push("", "</details>");
        }
        if (shown.length < all.length) out.push("", `_${all.length - shown.length} finding(s) below --min-severity ${opts.minSeverity} not listed._`);
    }

    // What the change costs: per stack and system, against the committed cost baseline (infracost-style).
    if (report.stacks.some((s) => s.cost)) out.push("", renderCostMarkdown(report).trimEnd());

    const replaced = report.stacks.flatMap((s) => (s.changes?.replaced ?? []).map((r) => ({ r, s })));
    if (replaced.length > 0) {
        out.push("", "#### Stateful resources that would be replaced (URN changed without an alias)");
        for (const { r, s } of replaced.slice(0, LISTED)) out.push(`- ${code(s.stack)} ${code(shortUrn(r.urn))} was ${code(r.previous)}`);
    }
    if (report.warnings.length > 0) {
        out.push("", "#### Warnings");
        for (const w of report.warnings) out.push(`- ${esc(w)}`);
    }
    out.push("", `<sub>Offline plan and policy gate (\`npm run plan\`); reproduce a stack locally with \`npm run plan -- --stack <name>\`. Full reports: the workflow's artifacts and code scanning.</sub>`);
    let text = out.join("\n") + "\n";
    if (text.length > MAX_LENGTH) {
        text = text.slice(0, MAX_LENGTH).replace(/\n[^\n]*$/, "");
        if ((text.match(/<details/g) ?? []).length > (text.match(/<\/details>/g) ?? []).length) text += "\n\n</details>";
        text += "\n\n… (cut to fit a pull-request comment; the full report is in the workflow's artifacts)\n";
    }
    return text;
}
