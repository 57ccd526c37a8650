/**
 * The text report: a preview-like tree of each stack's resources (component nesting, type, name,
 * protected marker), counts per type, violations grouped by enforcement level with resource, message
 * and fix, exemptions, and a summary line per stack.
 */
import { ROOT_STACK_TYPE } from "../../monitor";
import { renderCostText } from "../../cost/render";
import type { GateReport, ReportResource, StackReport } from "../gate";

const SEVERITY_ORDER = ["critical", "high", "medium", "low"];

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

function shortUrn(urn: string | null): string {
    if (!urn) return "(stack)";
    const parts = urn.split("::");
    return `${parts[2]?.split("$").pop()}::${parts[3]}`;
}

export function renderStackText(s: StackReport, opts: { tree?: boolean } = {}): string {
    const out: string[] = [];
    out.push(`Stack ${s.stack} (environment ${s.environment ?? "unset"}, program ${s.program}${s.policyConfig ? `, policy config ${s.policyConfig}` : ""})`);
    if (opts.tree !== false && s.resources.length > 0) out.push(...tree(s.resources));
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
    if (s.error) {
        out.push("", `ERROR: ${s.error}`);
    }
    for (const level of ["mandatory", "advisory"] as const) {
        const vs = s.violations.filter((v) => v.enforcementLevel === level);
        if (vs.length === 0) continue;
        out.push("", `${level === "mandatory" ? "Mandatory" : "Advisory"} violations (${vs.length}):`);
        // Grouped by severity, most severe first.
        for (const severity of SEVERITY_ORDER) {
            const group = vs.filter((v) => (SEVERITY_ORDER.includes(v.severity) ? v.severity : "medium") === severity);
            if (group.length === 0) continue;
            out.push(`  ${severity} (${group.length}):`);
            for (const v of group) {
                out.push(`    ${v.policy}  ${shortUrn(v.urn)}${v.phase === "update" ? "  [update-time check, on simulated deployment values]" : ""}`);
                for (const line of v.message.split("\n")) out.push(`        ${line}`);
                // The pack's messages carry their own "Fix:"; other packs' get the policy's remediation steps.
                if (v.remediation && !/\bFix:/.test(v.message)) out.push(`        fix: ${v.remediation.split("\n").join(" ")}`);
            }
        }
    }
    if (s.unchecked.length > 0) {
        out.push("", `Unchecked components (${s.unchecked.length}; their children were never seen by a policy):`);
        for (const u of s.unchecked) out.push(`  ${u.type}  ${shortUrn(u.urn)}: ${u.reason}`);
    }
    if (s.updatePass.ran) {
        out.push("", `Update-time pass: ${s.updatePass.checked} check(s) deferred by preview ran on simulated deployment values; ${s.violations.filter((v) => v.phase === "update").length} violation(s) found there.`);
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
        for (const e of relevant) out.push(`  ${e.status.padEnd(9)} ${e.policy} ${e.resource} (until ${e.expires}; ${e.matched.length} matched): ${e.reason}`);
    }
    if (s.cost) out.push(...renderCostText(s.cost));
    const mandatory = s.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const advisory = s.violations.length - mandatory;
    const verdict = s.error ? "ERROR" : mandatory > 0 ? "FAIL" : "PASS";
    out.push("", `${verdict} ${s.stack}: ${s.resources.filter((r) => r.type !== ROOT_STACK_TYPE).length} resources, ${mandatory} mandatory, ${advisory} advisory violations${s.unchecked.length > 0 ? `, ${s.unchecked.length} unchecked component(s)` : ""}`);
    return out.join("\n") + "\n";
}

export function renderText(report: GateReport, opts: { tree?: boolean } = {}): string {
    const parts = report.stacks.map((s) => renderStackText(s, opts));
    const { summary } = report;
    parts.push(`Gate: ${summary.stacks} stacks, ${summary.resources} resources, ${summary.mandatory} mandatory and ${summary.advisory} advisory violations, ${summary.deferred} checks still deferred, ${summary.unchecked} unchecked components${report.strict && summary.unchecked > 0 ? " (--strict: fails)" : ""}, ${summary.errors} errors\n`);
    return parts.join("\n");
}
