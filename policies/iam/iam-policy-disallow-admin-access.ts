import { resourceRule } from "../lib/define";
import { parseDocument, statementLabel } from "../lib/policy-document";
import { pendingUntilUpdate } from "../lib/values";
import { IAM_POLICY_TYPES, iamDocuments } from "./documents";

export const iamPolicyDisallowAdminAccess = resourceRule({
    name: "aws-iam-policy-disallow-admin-access",
    description: 'No IAM policy allows Action "*" on Resource "*".',
    area: "iam",
    severity: "critical",
    remediation: "list the actions the workload needs and scope Resource to the ARNs it uses",
    cdkNag: ["AwsSolutions-IAM5"],
    checkov: ["CKV_AWS_62", "CKV_AWS_63"],
    types: IAM_POLICY_TYPES,
    check(subject, report) {
        const unknown: string[] = [];
        for (const [where, value] of iamDocuments(subject)) {
            const doc = parseDocument(value);
            if (doc.kind === "unknown") unknown.push(`${where}policy`.trim());
            if (doc.kind !== "known") continue;
            for (const s of doc.statements) {
                if (s.effect !== "Allow") continue;
                if (s.actions.some((a) => a === "*" || a === "*:*") && s.resources.includes("*")) {
                    report(`${where}${statementLabel(s)} allows Action "*" on Resource "*"`);
                }
            }
        }
        if (unknown.length > 0) pendingUntilUpdate(unknown.join(", "));
    },
});
