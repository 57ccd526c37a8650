/**
 * What the human-facing reports (text, markdown) share: findings grouped by policy with the
 * description and the fix said once, where each finding is in the code, the violations-by-policy
 * table and the `pulumi preview`-like summary of changes against the baseline.
 */
import type { BaselineChanges } from "../baseline";
import type { GateReport, ReportResource, ReportViolation, StackReport } from "../gate";
import { declaredVia, formatLocation } from "../locations";
import { atLeast, fails, severityRank, type FailOn, type Severity } from "../triage";

/** Findings listed per policy and stack before the rest are only counted. */
export const LISTED_PER_POLICY = 5;
/** Above this many resources a stack's tree is left out unless --tree asks for it. */
export const TREE_LIMIT = 300;

/** The analyzer words a violation as the policy's description, a newline, then what the policy reported. */
export function splitMessage(message: string): { description: string | null; detail: string } {
    const i = message.indexOf("\n");
    return i < 0 ? { description: null, detail: message } : { description: message.slice(0, i), detail: message.slice(i + 1) };
}

/** The detail without a trailing fix that repeats the policy's remediation (said once per group). */
export function detailOf(v: Pick<ReportViolation, "message" | "remediation">): string {
    const { detail } = splitMessage(v.message);
    const fix = v.remediation ? ` Fix: ${v.remediation}` : undefined;
    return fix && detail.endsWith(fix) ? detail.slice(0, -fix.length) : detail;
}

export function shortUrn(urn: string | null): string {
    if (!urn) return "(stack)";
    const parts = urn.split("::");
    return `${parts[2]?.split("$").pop()}::${parts[3]}`;
}

/** `file:line:col`, and the lines that declared the enclosing components in other files. */
export function whereOf(urn: string | null, byUrn: ReadonlyMap<string, ReportResource>): { at: string | null; via: string | null } {
    const r = urn ? byUrn.get(urn) : undefined;
    if (!r?.sourcePosition) return { at: null, via: null };
    const via = declaredVia(r, byUrn).map((c) => `${c.type} "${c.name}" at ${formatLocation(c.sourcePosition!)}`);
    return { at: formatLocation(r.sourcePosition), via: via.length > 0 ? via.join(", in ") : null };
}

export interface PolicyGroup {
    policy: string;
    enforcementLevel: "mandatory" | "advisory";
    severity: string;
    description: string | null;
    remediation: string | null;
    violations: ReportViolation[];
}

/** One stack's violations at one level, grouped by policy, most severe first (then by policy name). */
export function groupByPolicy(violations: readonly ReportViolation[]): PolicyGroup[] {
    const groups = new Map<string, PolicyGroup>();
    for (const v of violations) {
        const key = `${v.enforcementLevel}\u0000${v.policy}`;
        if (!groups.has(key)) {
            groups.set(key, { policy: v.policy, enforcementLevel: v.enforcementLevel, severity: v.severity, description: splitMessage(v.message).description, remediation: v.remediation, violations: [] });
        }
        groups.get(key)!.violations.push(v);
    }
    return [...groups.values()].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.policy.localeCompare(b.policy));
}

export interface PolicyRow {
    policy: string;
    enforcementLevel: "mandatory" | "advisory";
    severity: string;
    count: number;
    stacks: string[];
}

/** Violations by policy over every stack: the table a reviewer reads first. */
export function policyTable(report: GateReport): PolicyRow[] {
    const rows = new Map<string, PolicyRow>();
    for (const s of report.stacks) {
        for (const v of s.violations) {
            const key = `${v.enforcementLevel}\u0000${v.policy}`;
            if (!rows.has(key)) rows.set(key, { policy: v.policy, enforcementLevel: v.enforcementLevel, severity: v.severity, count: 0, stacks: [] });
            const row = rows.get(key)!;
            row.count++;
            if (!row.stacks.includes(s.stack)) row.stacks.push(s.stack);
        }
    }
    return [...rows.values()].sort((a, b) => (a.enforcementLevel === b.enforcementLevel ? 0 : a.enforcementLevel === "mandatory" ? -1 : 1)
        || severityRank(a.severity) - severityRank(b.severity) || b.count - a.count || a.policy.localeCompare(b.policy));
}

/** `+ 12 to create, - 1 to delete, +- 1 to replace, 400 unchanged`, as `pulumi preview` sums a plan up. */
export function changesLine(c: BaselineChanges): string {
    return `+ ${c.create} to create, - ${c.delete} to delete, +- ${c.replace} to replace, ${c.same} unchanged`;
}

export function listed(violations: readonly ReportViolation[], min: Severity | undefined): ReportViolation[] {
    return violations.filter((v) => atLeast(v.severity, min));
}

/** The stack's verdict under the run's --fail-on and --strict. */
export function verdictOfStack(s: StackReport, run: { failOn?: FailOn; strict: boolean }): "PASS" | "FAIL" | "ERROR" {
    if (s.error) return "ERROR";
    return s.violations.some((v) => fails(v, run.failOn)) || (run.strict && s.unchecked.length > 0) ? "FAIL" : "PASS";
}

export function resourceCount(s: StackReport): number {
    return s.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
}
