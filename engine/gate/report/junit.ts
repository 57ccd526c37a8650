/**
 * JUnit XML for CI test reports: one test suite per stack, one test case per policy (failed when the
 * policy has a mandatory violation in that stack; advisory violations are reported as system-out).
 */
import type { GateReport } from "../gate";

function xml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;")
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

export function renderJunit(report: GateReport, policyNames: readonly string[]): string {
    const suites = report.stacks.map((s) => {
        const cases: string[] = [];
        let failures = 0;
        let errors = 0;
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
            if (s.error) body.push(`<skipped message="the program failed"/>`);
            cases.push(`    <testcase classname="${xml(`gate.${s.stack}`)}" name="${xml(policy)}">${body.join("")}</testcase>`);
        }
        return `  <testsuite name="${xml(`gate ${s.stack}`)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${s.error ? policyNames.length : 0}">\n${cases.join("\n")}\n  </testsuite>`;
    });
    const tests = report.stacks.length * policyNames.length + report.summary.errors;
    const failures = report.stacks.reduce((n, s) => n + new Set(s.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy)).size, 0);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="policy gate" tests="${tests}" failures="${failures}" errors="${report.summary.errors}">\n${suites.join("\n")}\n</testsuites>\n`;
}
