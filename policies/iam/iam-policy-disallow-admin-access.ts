import { resourceRule } from "../lib/define";
import { statementLabel } from "../lib/policy-document";
import { forEachIamStatement, IAM_POLICY_TYPES } from "./documents";

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
        forEachIamStatement(subject, (where, s) => {
            if (s.effect === "Allow" && s.actions.some((a) => a === "*" || a === "*:*") && s.resources.includes("*")) {
                report(`${where}${statementLabel(s)} allows Action "*" on Resource "*"`);
            }
        });
    },
});
