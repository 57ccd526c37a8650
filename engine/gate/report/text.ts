/**
 * The text report (the console's): per stack a preview-like resource tree (left out above a few
 * hundred resources unless --tree), counts per type, what the program logged, the changes against
 * the baseline, violations grouped by level, severity and policy (description and fix said once, each
 * finding at its declaring line, repeats beyond a few counted), unchecked components, the update-time
 * pass, deferred checks, exemptions and a verdict line; then the violations-by-policy table, warnings
 * about the inputs and the gate's summary line.
 *
 * --quiet keeps the violations and the verdict and summary lines; --min-severity leaves lower
 * severities out of the listing (counted). Colour only when asked (plan.ts: a terminal without NO_COLOR).
 */
import { ROOT_STACK_TYPE } from "../../monitor";
import { renderCostText } from "../../cost/render";
import type { GateReport, ReportResource, StackReport } from "../gate";
import { SEVERITIES, type Severity } from "../triage";
import {
    changesLine, detailOf, groupByPolicy, LISTED_PER_POLICY, listed, policyTable, resourceCount, shortUrn, TREE_LIMIT, verdictOfStack, whereOf,
} from "./view";

export interface TextOptions {
    /** true: always the tree; false: never; unset: for stacks of at most TREE_LIMIT resources. */
    tree?: boolean;
    /** Only violations, verdicts and the summary. */
    quiet?: boolean;
    /** List only violations of this severity or above. */
    minSeverity?: Severity;
    colour?: boolean;
}

type Paint = (text: string) => string;

function palette(on: boolean): Record<"red" | "yellow" | "green" | "cyan" | "dim" | "bold", Paint> {
    const sgr = (open: number, close: number): Paint => (t) => (on ? `\u001b[${open}m${t}\u001b[${close}m` : t);
    return { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), cyan: sgr(36, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
}

function tree(resources: ReportResource[]): string[] {
    const children = new Map<string | null, ReportResource[]>();
    for (const r of resources) {
        const key = r.parent ?? null;
        if (!children.has(key)) children.set(key, []);
        children.get(key)!.push(r);
    }
    const typeWidth = Math.min(70, Math.max(20, ...resources.map((r) => r.type.length + 8)));
    const lines: string[] = [`     ${"Type".padEnd(typeWidth)}Name`];
    const walk = (r: ReportResource, prefix: string, last: boolean, depth: number) => {
        const branch = depth === 0 ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
        const label = `${branch}${r.type}`;
        // Long type tokens overflow the column; keep at least two spaces before the name.
        const typeColumn = label.length + 2 > typeWidth ? `${label}  ` : label.padEnd(typeWidth);
        lines.push(` +   ${typeColumn}${r.name}${r.protect ? "  [protected]" : ""}`);
        const kids = children.get(r.urn) ?? [];
        const nextPrefix = depth === 0 ? "" : `${prefix}${last ? "   " : "│  "}`;
        kids.forEach((k, i) => walk(k, nextPrefix, i === kids.length - 1, depth + 1));
    };
    for (const root of children.get(null) ?? []) walk(root, "", true, 0);
    return lines;
}

function violationLines(s: StackReport, opts: TextOptions, p: ReturnType<typeof palette>): string[] {
    const out: string[] = [];
    const byUrn = new Map(s.resources.map((r) => [r.urn, r]));
    let hidden = 0;
    for (const level of ["mandatory", "advisory"] as const) {
        const all = s.violations.filter((v) => v.enforcementLevel === level);
        const shown = listed(all, opts.minSeverity);
        hidden += all.length - shown.length;
        if (shown.length === 0) continue;
        const paintLevel = level === "mandatory" ? p.red : p.yellow;
        out.push("", paintLevel(`${level === "mandatory" ? "Mandatory" : "Advisory"} violations (${all.length}):`));
        for (const severity of SEVERITIES) {
            const groups = groupByPolicy(shown.filter((v) => (SEVERITIES.includes(v.severity as Severity) ? v.severity : "medium") === severity));
            if (groups.length === 0) continue;
            out.push(`  ${severity} (${groups.reduce((n, g) => n + g.violations.length, 0)}):`);
            for (const g of groups) {
                out.push(`    ${p.bold(g.policy)}${g.violations.length > 1 ? ` (${g.violations.length})` : ""}${g.description ? `: ${g.description}` : ""}`);
                if (g.remediation) out.push(p.dim(`      fix: ${g.remediation.split("\n").join(" ")}`));
                for (const v of g.violations.slice(0, LISTED_PER_POLICY)) {
                    const { at, via } = whereOf(v.urn, byUrn);
                    const [first, ...rest] = detailOf(v).split("\n");
                    out.push(`      ${p.cyan(at ?? shortUrn(v.urn))}  ${first}${v.phase === "update" ? "  [update-time check, on simulated deployment values]" : ""}`);
                    for (const line of rest) out.push(`          ${line}`);
                    if (via) out.push(p.dim(`          in ${via}`));
                }
                if (g.violations.length > LISTED_PER_POLICY) {
                    out.push(`      ... and ${g.violations.length - LISTED_PER_POLICY} more ${g.policy} finding(s) in ${s.stack} (the JSON report lists every one)`);
                }
            }
        }
    }
    if (hidden > 0) out.push("", p.dim(`(${hidden} violation(s) below --min-severity ${opts.minSeverity} not listed; they still count)`));
    return out;
}

export function renderStackText(s: StackReport, opts: TextOptions = {}, run: Pick<GateReport, "failOn" | "strict"> = { strict: false }): string {
    const p = palette(opts.colour === true);
    const out: string[] = [];
    const count = resourceCount(s);
    out.push(p.bold(`Stack ${s.stack} (environment ${s.environment ?? "unset"}, program ${s.program}${s.policyConfig ? `, policy config ${s.policyConfig}` : ""})`));
    if (!opts.quiet) {
        const showTree = opts.tree ?? count <= TREE_LIMIT;
        if (showTree && s.resources.length > 0) out.push(...tree(s.resources));
        else if (s.resources.length > 0 && opts.tree === undefined) out.push(p.dim(`  (resource tree of ${count} resources left out above ${TREE_LIMIT}; --tree shows it)`));
        const counts = new Map<string, number>();
        for (const r of s.resources) if (r.type !== ROOT_STACK_TYPE) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
        if (counts.size > 0) {
            out.push("", "Resources by type:");
            for (const [type, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out.push(`  ${String(n).padStart(5)}  ${type}`);
        }
        const logged = s.diagnostics.filter((d) => d.severity !== "info");
        if (logged.length > 0) {
            out.push("", "Program diagnostics:");
            for (const d of logged) out.push(`  ${d.severity}: ${d.urn ? `${shortUrn(d.urn)}: ` : ""}${d.message}`);
        }
    }
    if (s.error) out.push("", p.red(`ERROR: ${s.error}`));
    if (s.changes && !opts.quiet) {
        const c = s.changes;
        out.push("", `Changes against the baseline ${c.baseline}${c.recorded ? "" : " (stack not recorded yet: npm run snapshot:urns adds it)"}: ${changesLine(c)}`);
        for (const r of c.replaced.slice(0, 10)) out.push(p.red(`  +- ${r.urn}  (was ${r.previous}; no alias)`));
        for (const u of c.deleted.slice(0, 10)) out.push(`  -  ${shortUrn(u)}`);
        if (c.recorded) for (const u of c.created.slice(0, 10)) out.push(`  +  ${shortUrn(u)}`);
        const more = c.replaced.length + c.deleted.length + (c.recorded ? c.created.length : 0) - Math.min(10, c.replaced.length) - Math.min(10, c.deleted.length) - (c.recorded ? Math.min(10, c.created.length) : 0);
        if (more > 0) out.push(`  ... and ${more} more (the JSON report lists every one)`);
    }
    out.push(...violationLines(s, opts, p));
    if (!opts.quiet) {
        if (s.unchecked.length > 0) {
            out.push("", `Unchecked components (${s.unchecked.length}; their children were never seen by a policy):`);
            for (const u of s.unchecked) out.push(`  ${u.type}  ${shortUrn(u.urn)}: ${u.reason}`);
        }
        if (s.updatePass.ran) {
            const onlyAtUpdate = s.updatePass.onlyAtUpdate > 0 ? `, and every check of ${s.updatePass.onlyAtUpdate} resource(s) only an update registers (declared inside an apply)` : "";
            out.push("", `Update-time pass: ${s.updatePass.checked} check(s) deferred by preview${onlyAtUpdate} ran on simulated deployment values; ${s.violations.filter((v) => v.phase === "update").length} violation(s) found there.`);
        } else if (s.updatePass.note) {
            out.push("", `Update-time pass: ${s.updatePass.note}`);
        }
        if (s.deferred.length > 0) {
            out.push("", `Checks still deferred (${s.deferred.length}; values unknown until a real deployment):`);
            const byPolicy = new Map<string, string[]>();
            for (const d of s.deferred) byPolicy.set(d.policy, [...(byPolicy.get(d.policy) ?? []), shortUrn(d.urn)]);
            for (const [policy, urns] of byPolicy) out.push(`  ${policy}: ${urns.length} resource(s): ${urns.slice(0, 3).join(", ")}${urns.length > 3 ? ", ..." : ""}`);
        }
        const relevant = s.exemptions.filter((e) => e.status !== "not-applicable");
        if (relevant.length > 0) {
            out.push("", "Exemptions:");
            for (const e of relevant) {
                const who = [e.owner, e.ticket].filter(Boolean).join(", ");
                out.push(`  ${e.status.padEnd(9)} ${e.policy} ${e.resource} (until ${e.expires}${who ? `; ${who}` : ""}; ${e.suppressed?.length ?? 0} finding(s) exempted): ${e.reason}`);
            }
        }
    }
    if (s.cost && !opts.quiet) out.push(...renderCostText(s.cost));
    const mandatory = s.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const advisory = s.violations.length - mandatory;
    const verdict = verdictOfStack(s, run);
    const paintVerdict = verdict === "PASS" ? p.green : p.red;
    out.push("", `${paintVerdict(verdict)} ${s.stack}: ${count} resources, ${mandatory} mandatory, ${advisory} advisory violations${s.unchecked.length > 0 ? `, ${s.unchecked.length} unchecked component(s)` : ""}${s.changes ? `; ${changesLine(s.changes)}` : ""}`);
    return out.join("\n") + "\n";
}

export function renderText(report: GateReport, opts: TextOptions = {}): string {
    const p = palette(opts.colour === true);
    const parts = report.stacks.map((s) => renderStackText(s, opts, report));
    const tail: string[] = [];
    const rows = policyTable(report);
    if (rows.length > 0) {
        const width = Math.max(6, ...rows.map((r) => r.policy.length));
        tail.push("Violations by policy:", `  ${"count".padStart(5)}  ${"level".padEnd(9)}  ${"severity".padEnd(8)}  ${"policy".padEnd(width)}  stacks`);
        for (const r of rows) {
            const stacks = r.stacks.length > 4 ? `${r.stacks.slice(0, 4).join(", ")} and ${r.stacks.length - 4} more` : r.stacks.join(", ");
            const line = `  ${String(r.count).padStart(5)}  ${r.enforcementLevel.padEnd(9)}  ${r.severity.padEnd(8)}  ${r.policy.padEnd(width)}  ${stacks}`;
            tail.push(r.enforcementLevel === "mandatory" ? p.red(line) : p.yellow(line));
        }
        tail.push("");
    }
    if (report.warnings.length > 0) {
        tail.push(p.yellow("Warnings:"), ...report.warnings.map((w) => `  ${w}`), "");
    }
    const { summary } = report;
    const changes = report.stacks.some((s) => s.changes) ? `; against the baseline: + ${summary.create} to create, - ${summary.delete} to delete, +- ${summary.replace} to replace` : "";
    tail.push(`Gate: ${summary.stacks} stacks, ${summary.resources} resources, ${summary.mandatory} mandatory and ${summary.advisory} advisory violations, ${summary.exempted} exempted, ${summary.deferred} checks still deferred, ${summary.unchecked} unchecked components${report.strict && summary.unchecked > 0 ? " (--strict: fails)" : ""}, ${summary.errors} errors${changes}${report.failOn && report.failOn !== "mandatory" ? ` (--fail-on ${report.failOn})` : ""}`);
    parts.push(tail.join("\n") + "\n");
    return parts.join("\n");
}
