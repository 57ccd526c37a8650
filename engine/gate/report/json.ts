/**
 * The JSON report: a stable contract (documented in the README). Fields are only ever added, never
 * renamed or removed; `formatVersion` changes if that promise is ever broken. It carries everything
 * the other reports are made from, so `--merge` rebuilds any format from the JSON of sharded runs.
 */
import { costSummary } from "../../cost/render";
import type { GateReport } from "../gate";

export const JSON_FORMAT_VERSION = 1;

export function renderJson(report: GateReport): string {
    return JSON.stringify({
        formatVersion: JSON_FORMAT_VERSION,
        stacks: report.stacks.map((s) => ({
            stack: s.stack,
            environment: s.environment,
            program: s.program,
            policyConfig: s.policyConfig,
            error: s.error,
            resources: s.resources,
            violations: s.violations,
            deferred: s.deferred,
            unchecked: s.unchecked,
            updatePass: s.updatePass,
            exemptions: s.exemptions,
            remediations: s.remediations,
            diagnostics: s.diagnostics,
            cost: s.cost ?? null,
            changes: s.changes ?? null,
        })),
        summary: {
            mandatory: report.summary.mandatory,
            advisory: report.summary.advisory,
            deferred: report.summary.deferred,
            unchecked: report.summary.unchecked,
            resources: report.summary.resources,
            stacks: report.summary.stacks,
            errors: report.summary.errors,
            exempted: report.summary.exempted,
            create: report.summary.create,
            delete: report.summary.delete,
            replace: report.summary.replace,
            cost: costSummary(report),
        },
        warnings: report.warnings,
        ...(report.shard ? { shard: report.shard } : {}),
    }, null, 2) + "\n";
}
