/**
 * Anchors: cdk-nag AwsSolutions-IAM5 (wildcard permissions need evidence).
 * Less than it: IAM5 flags every wildcard in actions and resources; here only iam:PassRole (or a pattern
 * matching it) on Resource "*". Action "*" and NotAction are aws-iam-policy-disallow-admin-access's.
 */
import { resourceRule } from "../lib/define";
import { actionMatches, statementLabel } from "../lib/policy-document";
import { forEachIamStatement, IAM_POLICY_TYPES } from "./documents";

export const iamPolicyDisallowPassRoleWildcard = resourceRule({
    name: "aws-iam-policy-disallow-passrole-wildcard",
    description: 'No IAM policy allows iam:PassRole on Resource "*".',
    area: "iam",
    severity: "high",
    remediation: "scope iam:PassRole to the ARNs of the roles the workload hands to services (and add an iam:PassedToService condition)",
    cdkNag: ["AwsSolutions-IAM5"],
    types: IAM_POLICY_TYPES,
    check(subject, report) {
        forEachIamStatement(subject, (where, s) => {
            if (s.effect !== "Allow" || !s.resources.includes("*")) return;
            // Action "*" is reported by aws-iam-policy-disallow-admin-access; here only iam:* patterns count.
            const passRole = s.actions.filter((a) => a.toLowerCase().startsWith("iam:") && actionMatches(a, "iam:PassRole"));
            if (passRole.length > 0) report(`${where}${statementLabel(s)} allows ${passRole.join(", ")} (iam:PassRole) on Resource "*"`);
        });
    },
});
