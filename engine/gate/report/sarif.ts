/**
 * SARIF 2.1.0 report so code-scanning tools show violations. Each violation is a result located at
 * the stack file (the code a user changes) with the resource URN as its logical location.
 */
import type { GateReport } from "../gate";
import type { LoadedPack } from "../pack";

const LEVEL = { mandatory: "error", advisory: "warning" } as const;

export function renderSarif(report: GateReport, pack: Pick<LoadedPack, "name" | "version" | "policies" | "metadata">): string {
    const rules = pack.policies.map((p) => {
        const meta = pack.metadata[p.name] ?? {};
        const remediation = meta.remediation ?? (p as { remediationSteps?: string }).remediationSteps;
        return {
            id: p.name,
            name: p.name,
            shortDescription: { text: p.description.split("\n")[0] },
            fullDescription: { text: p.description },
            ...(remediation ? { help: { text: remediation } } : {}),
            properties: {
                severity: meta.severity ?? p.severity ?? "medium",
                tags: [meta.area, ...(meta.cdkNag ?? []), ...(meta.checkov ?? [])].filter((t): t is string => Boolean(t)),
            },
        };
    });
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const results = report.stacks.flatMap((s) => {
        const uri = s.program.endsWith(".ts") && !s.program.startsWith("programs/") ? s.program : `Pulumi.${s.stack}.yaml`;
        const located = (urn: string | null) => ({
            physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } },
            ...(urn ? { logicalLocations: [{ fullyQualifiedName: urn, kind: "resource" }] } : {}),
        });
        const violations = s.violations.map((v) => ({
            ruleId: v.policy,
            ...(ruleIndex.has(v.policy) ? { ruleIndex: ruleIndex.get(v.policy) } : {}),
            level: v.enforcementLevel === "mandatory" ? LEVEL.mandatory : LEVEL.advisory,
            message: { text: `${s.stack}: ${v.message}${v.remediation ? `\nFix: ${v.remediation}` : ""}${v.phase === "update" ? "\n(update-time check: found on the values the engine simulates for a deployment)" : ""}` },
            locations: [located(v.urn)],
            properties: { stack: s.stack, environment: s.environment, severity: v.severity, phase: v.phase },
        }));
        const errors = s.error ? [{
            ruleId: "platform-program-error", level: "error" as const, message: { text: s.error }, locations: [located(null)],
            properties: { stack: s.stack, environment: s.environment, severity: "critical" },
        }] : [];
        const deferred = s.deferred.map((d) => ({
            ruleId: d.policy,
            ...(ruleIndex.has(d.policy) ? { ruleIndex: ruleIndex.get(d.policy) } : {}),
            level: "note" as const,
            message: { text: `${s.stack}: ${d.message}` },
            locations: [located(d.urn)],
            properties: { stack: s.stack, environment: s.environment, deferredToUpdate: true },
        }));
        const unchecked = s.unchecked.map((u) => ({
            ruleId: "platform-unchecked-component",
            level: (report.strict ? "error" : "note") as "error" | "note",
            message: { text: `${s.stack}: ${u.type} ${u.urn}: ${u.reason}` },
            locations: [located(u.urn)],
            properties: { stack: s.stack, environment: s.environment, unchecked: true },
        }));
        return [...violations, ...deferred, ...unchecked, ...errors];
    });
    const sarif = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [{
            tool: { driver: { name: pack.name, version: pack.version, informationUri: "https://www.pulumi.com/docs/using-pulumi/crossguard/", rules } },
            results,
        }],
    };
    return JSON.stringify(sarif, null, 2) + "\n";
}
