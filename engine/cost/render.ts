/**
 * The cost section of the gate's reports: per stack and per system the fixed and estimated monthly
 * cost, the budget, the change against the committed baseline and the top drivers (text), a
 * Markdown table a pull request can show, and the JSON summary.
 */
import type { GateReport, StackReport } from "../gate/gate";
import { describeDrivers, usd } from "./budget";
import { round2, type StackCost } from "./model";

function change(now: number, before: number | undefined): string {
    if (before === undefined) return "new";
    const d = round2(now - before);
    const pct = before > 0 ? ` (${d >= 0 ? "+" : ""}${((d / before) * 100).toFixed(1)} %)` : "";
    return `${d >= 0 ? "+" : "-"}${usd(Math.abs(d))}${pct}`;
}

function costHeader(c: StackCost): string {
    return `Cost estimate (USD per month, list prices as of ${c.priceTable.asOf}${c.usageFile ? `, usage from ${c.usageFile}` : ", no usage file: usage costs are 0"}${c.freeTierApplied ? ", free tier applied" : ", no free tier"}):`;
}

/** The text report's cost section for one stack (lines, indented like the rest of the report). */
export function renderCostText(c: StackCost): string[] {
    const out = ["", costHeader(c)];
    const rows = [
        ...c.systems.map((s) => [s.system, usd(s.fixed), usd(s.usage), usd(s.monthly), s.budget?.monthlyUsd !== undefined ? usd(s.budget.monthlyUsd) : "-", c.baseline ? change(s.monthly, s.baseline?.monthly) : "-"]),
        [`stack ${c.stack}`, usd(c.fixed), usd(c.usage), usd(c.monthly), c.budget?.monthlyUsd !== undefined ? usd(c.budget.monthlyUsd) : "-", c.baseline ? change(c.monthly, c.baseline.monthly) : "-"],
    ];
    const head = ["system", "fixed", "usage", "total", "budget", "vs baseline"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")}`;
    out.push(line(head), ...rows.map(line));
    const withDrivers = c.systems.filter((s) => s.drivers.length > 0);
    if (withDrivers.length > 0) {
        out.push("  top drivers:");
        for (const s of withDrivers) out.push(`    ${s.system}: ${describeDrivers(s.drivers)}`);
    }
    if (c.unpriced.length > 0) {
        out.push(`  unpriced (${c.unpriced.length}; not in the totals):`);
        for (const u of c.unpriced) out.push(`    ${u.type} "${u.name}": ${u.reason}`);
    }
    for (const w of c.warnings) out.push(`  warning: ${w}`);
    return out;
}

/** Markdown for a pull request comment: one table per stack, with the change against the baseline. */
export function renderCostMarkdown(report: Pick<GateReport, "stacks">): string {
    const out: string[] = ["#### Cost estimate", ""];
    for (const s of report.stacks as StackReport[]) {
        const c = s.cost;
        if (!c) continue;
        out.push(`**${s.stack}**: ${usd(c.monthly)}/month (fixed ${usd(c.fixed)}, usage ${usd(c.usage)})${c.baseline ? `, ${change(c.monthly, c.baseline.monthly)} against the baseline` : ""}${c.budget?.monthlyUsd !== undefined ? `, budget ${usd(c.budget.monthlyUsd)}` : ""}`, "");
        out.push("| system | fixed | usage | total | budget | vs baseline | top drivers |", "|---|---:|---:|---:|---:|---:|---|");
        for (const sys of c.systems) {
            out.push(`| ${sys.system} | ${usd(sys.fixed)} | ${usd(sys.usage)} | ${usd(sys.monthly)} | ${sys.budget?.monthlyUsd !== undefined ? usd(sys.budget.monthlyUsd) : "-"} | ${c.baseline ? change(sys.monthly, sys.baseline?.monthly) : "-"} | ${describeDrivers(sys.drivers).replace(/\|/g, "\\|")} |`);
        }
        if (c.unpriced.length > 0) out.push("", `Unpriced (not in the totals): ${c.unpriced.map((u) => `\`${u.type}\` ${u.name}`).join(", ")}`);
        for (const w of c.warnings) out.push("", `> warning: ${w}`);
        out.push("", `<sub>List prices as of ${c.priceTable.asOf}, no discounts${c.freeTierApplied ? "" : ", no free tier"}; usage ${c.usageFile ? `from ${c.usageFile}` : "not given (0)"}.</sub>`, "");
    }
    return out.join("\n");
}

/** `summary.cost` of the JSON report. */
export function costSummary(report: Pick<GateReport, "stacks">) {
    const costs = report.stacks.map((s) => s.cost).filter((c): c is StackCost => Boolean(c));
    return {
        currency: "USD",
        priceTableAsOf: costs[0]?.priceTable.asOf ?? null,
        priceTableStale: costs.some((c) => c.priceTable.stale),
        fixed: round2(costs.reduce((n, c) => n + c.fixed, 0)),
        usage: round2(costs.reduce((n, c) => n + c.usage, 0)),
        monthly: round2(costs.reduce((n, c) => n + c.monthly, 0)),
        unpriced: costs.reduce((n, c) => n + c.unpriced.length, 0),
        stacks: Object.fromEntries(costs.map((c) => [c.stack, { fixed: c.fixed, usage: c.usage, monthly: c.monthly, baseline: c.baseline?.monthly ?? null }])),
    };
}
