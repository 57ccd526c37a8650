import { resourceRule } from "../lib/define";
import { actionMatches, parseDocument, statementLabel } from "../lib/policy-document";
import { pendingUntilUpdate } from "../lib/values";
import { IAM_POLICY_TYPES, iamDocuments } from "./documents";

export const iamPolicyDisallowPassRoleWildcard = resourceRule({
    name: "aws-iam-policy-disallow-passrole-wildcard",
    description: 'No IAM policy allows iam:PassRole on Resource "*".',
    area: "iam",
    severity: "high",
    remediation: "scope iam:PassRole to the ARNs of the roles the workload hands to services (and add an iam:PassedToService condition)",
    cdkNag: ["AwsSolutions-IAM5"],
    types: IAM_POLICY_TYPES,
    check(subject, report) {
        const unknown: string[] = [];
        for (const [where, value] of iamDocuments(subject)) {
            const doc = parseDocument(value);
            if (doc.kind === "unknown") unknown.push(`${where}policy`.trim());
            if (doc.kind !== "known") continue;
            for (const s of doc.statements) {
                if (s.effect !== "Allow" || !s.resources.includes("*")) continue;
                // Action "*" is reported by aws-iam-policy-disallow-admin-access; here only iam:* patterns count.
                const passRole = s.actions.filter((a) => a.toLowerCase().startsWith("iam:") && actionMatches(a, "iam:PassRole"));
                if (passRole.length > 0) report(`${where}${statementLabel(s)} allows ${passRole.join(", ")} (iam:PassRole) on Resource "*"`);
            }
        }
        if (unknown.length > 0) pendingUntilUpdate(unknown.join(", "));
    },
});
