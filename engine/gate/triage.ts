/**
 * Triage: which findings fail the gate (`--fail-on`) and which the console shows (`--min-severity`).
 *
 * `--fail-on LEVEL` (default `mandatory`): the gate exits 1 when
 *   - mandatory: a mandatory violation exists (what `pulumi preview`/`pulumi up` refuse);
 *   - advisory: any violation exists, mandatory or advisory;
 *   - critical | high | medium | low: a mandatory violation exists, or an advisory one of that severity
 *     or above.
 * A mandatory violation always fails: `pulumi up` would refuse it, so no flag makes the gate more
 * lenient than the deployment. `--strict` adds unchecked remote components; a failed program is exit 2
 * whatever the flags.
 *
 * `--min-severity S` only filters what the text and markdown reports list (findings below S are
 * counted, not listed); the machine reports (json, sarif, junit) always carry every finding.
 */
import type { GateReport, ReportViolation } from "./gate";

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const FAIL_ON = ["mandatory", "advisory", ...SEVERITIES] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** 0 for critical ... 3 for low; an unknown severity counts as medium. */
export function severityRank(severity: string): number {
    const i = SEVERITIES.indexOf(severity as Severity);
    return i < 0 ? SEVERITIES.indexOf("medium") : i;
}

export function atLeast(severity: string, min: Severity | undefined): boolean {
    return min === undefined || severityRank(severity) <= severityRank(min);
}

/** Does this violation fail the gate under `--fail-on`? */
export function fails(v: Pick<ReportViolation, "enforcementLevel" | "severity">, failOn: FailOn = "mandatory"): boolean {
    if (v.enforcementLevel === "mandatory") return true;
    if (failOn === "mandatory") return false;
    if (failOn === "advisory") return true;
    return atLeast(v.severity, failOn);
}

/** 0: nothing fails; 1: a failing violation (or, with --strict, an unchecked component); 2: a program or configuration failed. */
export function verdictOf(report: Pick<GateReport, "stacks" | "summary" | "strict"> & { failOn?: FailOn }): 0 | 1 | 2 {
    if (report.summary.errors > 0) return 2;
    if (report.stacks.some((s) => s.violations.some((v) => fails(v, report.failOn)))) return 1;
    return report.strict && report.summary.unchecked > 0 ? 1 : 0;
}
