/**
 * SARIF 2.1.0 for code scanning (GitHub uploads it with github/codeql-action/upload-sarif).
 *
 * - Each result sits at the line that declared its resource (the engine's source position), so the
 *   alert annotates that line; a resource declared inside a component also links (related locations)
 *   the lines that declared the component and its enclosing ones. Without a line: the stack file (or
 *   the --program file).
 * - `partialFingerprints` identify a finding across runs by what it is, not where: rule, stack, URN
 *   (and an ordinal for repeats), so an edit that moves the line keeps the same alert open.
 * - Each rule carries `security-severity` (the pack's severity as GitHub's 0-10 score) and the
 *   remediation once, as its help; results say only what is wrong with their resource.
 * - Exempted findings are results with an external, accepted suppression whose justification is the
 *   exemption's reason (owner, ticket and expiry in its properties), so code scanning shows them as
 *   dismissed rather than forgetting them.
 * - Deferred checks and unchecked components are notes (`--strict`: unchecked ones are errors).
 */
import { createHash } from "crypto";
import type { Location, Log, ReportingDescriptor, Result } from "sarif";
import type { GateReport, ReportResource, StackReport } from "../gate";
import { declaredVia, formatLocation, isInProject, type SourceLocation } from "../locations";
import type { LoadedPack } from "../pack";
import { GATE_RULES, PROGRAM_ERROR_RULE, UNCHECKED_RULE } from "../rules";

/** GitHub's bands: critical above 9.0, high 7.0 to 8.9, medium 4.0 to 6.9, low below 4.0. */
export const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };
export const FINGERPRINT_KEY = "platformGateFinding/v1";

type SarifPack = Pick<LoadedPack, "name" | "version" | "policies" | "metadata">;

function rulesOf(pack: SarifPack): ReportingDescriptor[] {
    const rule = (id: string, description: string, severity: string, remediation: string | undefined, tags: string[]): ReportingDescriptor => ({
        id,
        name: id,
        shortDescription: { text: description.split("\n")[0] },
        fullDescription: { text: description },
        ...(remediation ? { help: { text: `Fix: ${remediation}`, markdown: `**Fix:** ${remediation}\n\nSeverity: ${severity}.` } } : {}),
        properties: { severity, "security-severity": SECURITY_SEVERITY[severity] ?? SECURITY_SEVERITY.medium, tags: ["security", ...tags] },
    });
    return [
        ...pack.policies.map((p) => {
            const meta = pack.metadata[p.name] ?? {};
            const remediation = meta.remediation ?? (p as { remediationSteps?: string }).remediationSteps;
            const tags = [meta.area, ...(meta.cdkNag ?? []), ...(meta.checkov ?? [])].filter((t): t is string => Boolean(t));
            return rule(p.name, p.description, meta.severity ?? p.severity ?? "medium", remediation, tags);
        }),
        ...Object.entries(GATE_RULES).map(([id, r]) => rule(id, r.description, r.severity, r.remediation, ["platform-gate"])),
    ];
}

/** What a result says about its resource: the policy's description and a fix its rule's help repeats are left out. */
export function resultText(message: string, description: string | undefined, remediation: string | undefined): string {
    let text = description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
    if (remediation && text.endsWith(` Fix: ${remediation}`)) text = `${text.slice(0, -(` Fix: ${remediation}`.length))}`;
    return text;
}

function fingerprint(parts: (string | number | null)[]): string {
    return createHash("sha256").update(parts.map((p) => String(p ?? "")).join("\u0000")).digest("hex").slice(0, 32);
}

function stackFallback(s: StackReport): string {
    return s.program.endsWith(".ts") && !s.program.startsWith("programs/") ? s.program : `Pulumi.${s.stack}.yaml`;
}

function physical(loc: SourceLocation) {
    return { artifactLocation: { uri: loc.file }, region: { startLine: loc.line, startColumn: loc.column } };
}

export function renderSarif(report: GateReport, pack: SarifPack): string {
    const rules = rulesOf(pack);
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const ruleRef = (id: string) => (ruleIndex.has(id) ? { ruleIndex: ruleIndex.get(id)! } : {});
    const descriptions = new Map(rules.map((r) => [r.id, r.fullDescription?.text]));
    const remediations = new Map([
        ...pack.policies.map((p) => [p.name, pack.metadata[p.name]?.remediation ?? (p as { remediationSteps?: string }).remediationSteps] as const),
        ...Object.entries(GATE_RULES).map(([id, r]) => [id, r.remediation] as const),
    ]);

    const results = report.stacks.flatMap((s) => {
        const byUrn = new Map<string, ReportResource>(s.resources.map((r) => [r.urn, r]));
        const ordinals = new Map<string, number>();
        const fingerprints = (kind: string, ruleId: string, urn: string | null) => {
            const key = `${kind}\u0000${ruleId}\u0000${urn ?? ""}`;
            const n = ordinals.get(key) ?? 0;
            ordinals.set(key, n + 1);
            return { [FINGERPRINT_KEY]: fingerprint([kind, ruleId, s.stack, urn, n]) };
        };
        /** The result's location, and the text that links the enclosing components' declaring lines (related locations 1...). */
        const located = (urn: string | null): { locations: Location[]; relatedLocations?: Location[]; via: string } => {
            const r = urn ? byUrn.get(urn) : undefined;
            const logical = urn ? { logicalLocations: [{ fullyQualifiedName: urn, name: r?.name, kind: "resource" }] } : {};
            const own = r?.sourcePosition && isInProject(r.sourcePosition) ? r.sourcePosition : undefined;
            const primary: Location = { physicalLocation: own ? physical(own) : { artifactLocation: { uri: stackFallback(s) }, region: { startLine: 1 } }, ...logical };
            const via = own && r ? declaredVia(r, byUrn).filter((c) => isInProject(c.sourcePosition!)) : [];
            if (via.length === 0) return { locations: [primary], via: "" };
            return {
                locations: [primary],
                relatedLocations: via.map((c, i) => ({ id: i + 1, physicalLocation: physical(c.sourcePosition!), message: { text: `${c.type} "${c.name}"` } })),
                via: ` (${via.map((c, i) => `in ${c.type} "${c.name}", declared at [${formatLocation(c.sourcePosition!)}](${i + 1})`).join("; ")})`,
            };
        };
        const finding = (ruleId: string, urn: string | null, message: string) => {
            const { via, ...where } = located(urn);
            return { ruleId, ...ruleRef(ruleId), message: { text: `${s.stack}: ${resultText(message, descriptions.get(ruleId), remediations.get(ruleId))}${via}` }, ...where };
        };
        const base = { stack: s.stack, environment: s.environment };

        const violations: Result[] = s.violations.map((v) => ({
            ...finding(v.policy, v.urn, `${v.message}${v.phase === "update" ? "\n(update-time check: found on the values the engine simulates for a deployment)" : ""}`),
            level: v.enforcementLevel === "mandatory" ? "error" : "warning",
            partialFingerprints: fingerprints("violation", v.policy, v.urn),
            properties: { ...base, severity: v.severity, phase: v.phase, enforcementLevel: v.enforcementLevel },
        }));
        const exempted: Result[] = s.exemptions.flatMap((e) => (e.suppressed ?? []).map((x) => ({
            ...finding(e.policy, x.urn, x.message),
            level: x.enforcementLevel === "advisory" ? "warning" as const : "error" as const,
            partialFingerprints: fingerprints("violation", e.policy, x.urn),
            suppressions: [{
                kind: "external" as const, status: "accepted" as const, justification: e.reason,
                properties: { owner: e.owner ?? null, ticket: e.ticket ?? null, expires: e.expires, resource: e.resource },
            }],
            properties: { ...base, severity: x.severity ?? "medium", enforcementLevel: x.enforcementLevel ?? "mandatory" },
        })));
        const deferred: Result[] = s.deferred.map((d) => ({
            ...finding(d.policy, d.urn, d.message),
            level: "note",
            partialFingerprints: fingerprints("deferred", d.policy, d.urn),
            properties: { ...base, deferredToUpdate: true },
        }));
        const unchecked: Result[] = s.unchecked.map((u) => ({
            ...finding(UNCHECKED_RULE, u.urn, `${u.type} ${u.urn}: ${u.reason}`),
            level: report.strict ? "error" : "note",
            partialFingerprints: fingerprints("unchecked", UNCHECKED_RULE, u.urn),
            properties: { ...base, unchecked: true },
        }));
        const errors: Result[] = s.error ? [{
            ...finding(PROGRAM_ERROR_RULE, null, s.error),
            level: "error",
            partialFingerprints: fingerprints("error", PROGRAM_ERROR_RULE, null),
            properties: { ...base, severity: "critical" },
        }] : [];
        return [...violations, ...exempted, ...deferred, ...unchecked, ...errors];
    });
    const sarif: Log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [{
            tool: { driver: { name: pack.name, version: pack.version, informationUri: "https://www.pulumi.com/docs/using-pulumi/crossguard/", rules } },
            results,
        }],
    };
    return JSON.stringify(sarif, null, 2) + "\n";
}
