/**
 * What the gate adds to a stack's report once the stack has run: each finding's declaring line, the
 * changes against the baseline (and the stateful-replace findings they imply), and the findings the
 * exemptions suppressed, told as completely as the violations they would have been. It reads only the
 * StackReport, so it works the same however the stack was executed.
 */
import type { Policy } from "@pulumi/policy";
import type { StackReport } from "./gate";
import { compareWithBaseline, statefulReplaceViolations, type Baseline } from "./baseline";
import type { LoadedPack } from "./pack";
import type { ResolvedPolicyConfig } from "./policy-config";

export interface PostProcessContext {
    pack: Pick<LoadedPack, "policies" | "metadata">;
    baseline: Baseline | null;
    /** The resolved policy configuration of a report's `policyConfig` file. */
    configFor(file: string): ReadonlyMap<string, ResolvedPolicyConfig> | undefined;
}

export function severityOf(pack: Pick<LoadedPack, "policies" | "metadata">, policy: string): string {
    return pack.metadata[policy]?.severity ?? (pack.policies.find((p) => p.name === policy) as Policy | undefined)?.severity ?? "medium";
}

export function postProcessStack(report: StackReport, ctx: PostProcessContext): void {
    const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
    // A failed program registered only part of the stack: comparing that with the baseline would list deletions that are not real.
    report.changes = ctx.baseline && report.error === null ? compareWithBaseline(report.resources, ctx.baseline.stacks[report.stack], ctx.baseline.file) : null;
    if (report.changes) report.violations.push(...statefulReplaceViolations(report, report.changes));
    for (const v of report.violations) v.sourcePosition = (v.urn ? byUrn.get(v.urn)?.sourcePosition : undefined) ?? null;

    const config = report.policyConfig ? ctx.configFor(report.policyConfig) : undefined;
    const description = new Map(ctx.pack.policies.map((p) => [p.name, p.description]));
    for (const e of report.exemptions) {
        e.suppressed = (e.suppressed ?? []).map((s) => {
            const level = config?.get(e.policy)?.enforcementLevel;
            return {
                ...s,
                // As the analyzer words a violation: the policy's description, then what it reported.
                message: description.has(e.policy) && !s.message.startsWith(description.get(e.policy)!) ? `${description.get(e.policy)}\n${s.message}` : s.message,
                enforcementLevel: level === "advisory" ? "advisory" : "mandatory",
                severity: severityOf(ctx.pack, e.policy),
                sourcePosition: (s.urn ? byUrn.get(s.urn)?.sourcePosition : undefined) ?? null,
            };
        });
    }
}
