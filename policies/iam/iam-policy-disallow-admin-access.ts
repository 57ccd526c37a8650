/**
 * Anchors: checkov CKV_AWS_62 (Action "*" on Resource "*"), CKV_AWS_63 (Action "*" at all), cdk-nag
 * NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess.
 * Beyond them: an Allow with NotAction on every resource ("everything except ..." is admin-level too),
 * Action "*" with NotResource, and inline policies of users and groups as well as roles.
 * Less than cdk-nag AwsSolutions-IAM5, which flags every wildcard in actions or resources: scoped
 * wildcards (`s3:Get*` on one bucket) pass here; iam:PassRole and privilege-escalation actions on "*"
 * have their own rules.
 */
import { resourceRule } from "../lib/define";
import { statementLabel } from "../lib/policy-document";
import { forEachIamStatement, IAM_POLICY_TYPES } from "./documents";

export const iamPolicyDisallowAdminAccess = resourceRule({
    name: "aws-iam-policy-disallow-admin-access",
    description: 'No IAM policy allows Action "*" (on any resource), or every action but a few (NotAction) on Resource "*".',
    area: "iam",
    severity: "critical",
    remediation: "list the actions the workload needs and scope Resource to the ARNs it uses (an Allow with NotAction grants everything not listed)",
    cdkNag: ["NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess"],
    checkov: ["CKV_AWS_62", "CKV_AWS_63"],
    types: IAM_POLICY_TYPES,
    check(subject, report) {
        forEachIamStatement(subject, (where, s) => {
            if (s.effect !== "Allow") return;
            const everywhere = s.resources.includes("*") || s.notResources.length > 0;
            if (s.actions.some((a) => a === "*" || a === "*:*")) {
                const on = s.resources.includes("*") ? 'Resource "*"' : s.notResources.length > 0 ? `every resource except ${s.notResources.join(", ")}` : s.resources.join(", ");
                report(`${where}${statementLabel(s)} allows Action "*" on ${on}`);
            } else if (s.hasNotAction && everywhere) {
                report(`${where}${statementLabel(s)} allows every action except ${s.notActions.join(", ") || "none"} (NotAction) on Resource "*"`);
            }
        });
    },
});
