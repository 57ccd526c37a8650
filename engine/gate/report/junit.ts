/**
 * JUnit XML for CI test reports: one test suite per stack, one test case per policy (and per gate
 * rule, such as the baseline's stateful-replace check). A case fails when its policy has a mandatory
 * violation in that stack (advisory violations are its system-out); it is skipped when its checks were
 * deferred to update time (values unknown until a real deployment) and found nothing, or when the
 * stack's program failed.
 */
import type { GateReport } from "../gate";

function xml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;")
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

export function renderJunit(report: GateReport, policyNames: readonly string[]): string {
    let totalSkipped = 0;
    const suites = report.stacks.map((s) => {
        const cases: string[] = [];
        let failures = 0;
        let errors = 0;
        let skipped = 0;
        if (s.error) {
            errors++;
            cases.push(`    <testcase classname="${xml(`gate.${s.stack}`)}" name="program"><error message="${xml(s.error)}">${xml(s.error)}</error></testcase>`);
        }
        for (const policy of policyNames) {
            const vs = s.violations.filter((v) => v.policy === policy);
            const mandatory = vs.filter((v) => v.enforcementLevel === "mandatory");
            const body: string[] = [];
            if (mandatory.length > 0) {
                failures++;
                const text = mandatory.map((v) => `${v.urn ?? "(stack)"}: ${v.message}`).join("\n");
                body.push(`<failure message="${xml(`${mandatory.length} mandatory violation(s)`)}" type="mandatory">${xml(text)}</failure>`);
            }
            const advisory = vs.filter((v) => v.enforcementLevel === "advisory");
            if (advisory.length > 0) body.push(`<system-out>${xml(advisory.map((v) => `advisory: ${v.urn ?? "(stack)"}: ${v.message}`).join("\n"))}</system-out>`);
            const deferred = s.deferred.filter((d) => d.policy === policy);
            if (s.error) {
                body.push(`<skipped message="the program failed"/>`);
                skipped++;
            } else if (mandatory.length === 0 && deferred.length > 0) {
                body.push(`<skipped message="${xml(`${deferred.length} check(s) deferred to update time: values unknown until a real deployment (${deferred.slice(0, 3).map((d) => d.urn ?? "(stack)").join(", ")}${deferred.length > 3 ? ", ..." : ""})`)}"/>`);
                skipped++;
            }
            cases.push(`    <testcase classname="${xml(`gate.${s.stack}`)}" name="${xml(policy)}">${body.join("")}</testcase>`);
        }
        totalSkipped += skipped;
        return `  <testsuite name="${xml(`gate ${s.stack}`)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${cases.join("\n")}\n  </testsuite>`;
    });
    const tests = report.stacks.length * policyNames.length + report.summary.errors;
    const failures = report.stacks.reduce((n, s) => n + new Set(s.violations.filter((v) => v.enforcementLevel === "mandatory" && policyNames.includes(v.policy)).map((v) => v.policy)).size, 0);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="policy gate" tests="${tests}" failures="${failures}" errors="${report.summary.errors}" skipped="${totalSkipped}">\n${suites.join("\n")}\n</testsuites>\n`;
}
