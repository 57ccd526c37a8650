/**
 * Actions that let a principal grant itself more than it was given, when allowed on every resource:
 * rewrite or attach policies (CreatePolicyVersion, SetDefaultPolicyVersion, Attach*Policy, Put*Policy),
 * join a group, change who may assume a role (UpdateAssumeRolePolicy), mint credentials for other users
 * (CreateAccessKey, Create/UpdateLoginProfile), drop permissions boundaries, run code as another role
 * (lambda:UpdateFunctionCode / UpdateFunctionConfiguration, glue:UpdateDevEndpoint, ssm:SendCommand),
 * or assume any role that trusts the account (sts:AssumeRole).
 * "On every resource" is Resource "*", NotResource, or an ARN pattern covering every resource of a kind
 * (`arn:aws:iam::123456789012:role/*`, `arn:aws:lambda:*:*:function:*`).
 *
 * Anchors: checkov CKV_AWS_286 (IAM policies allow no privilege escalation), CKV2_AWS_40 (no full IAM
 * access).
 * Less than CKV_AWS_286, whose list (cloudsplaining's) also counts iam:PassRole combinations: PassRole on
 * "*" is aws-iam-policy-disallow-passrole-wildcard's, and Action "*" / NotAction are
 * aws-iam-policy-disallow-admin-access's.
 */
import { resourceRule } from "../lib/define";
import { actionMatches, statementLabel } from "../lib/policy-document";
import { forEachIamStatement, IAM_POLICY_TYPES } from "./documents";

export const ESCALATION_ACTIONS = [
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:PutRolePolicy",
    "iam:AddUserToGroup",
    "iam:UpdateAssumeRolePolicy",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:DeleteUserPermissionsBoundary",
    "iam:DeleteRolePermissionsBoundary",
    "iam:PutUserPermissionsBoundary",
    "iam:PutRolePermissionsBoundary",
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
    "glue:UpdateDevEndpoint",
    "ssm:SendCommand",
    "sts:AssumeRole",
];

/** Resource "*" or an ARN whose resource part covers every resource of a kind. */
export function coversEveryResource(resource: string): boolean {
    if (resource === "*") return true;
    const parts = resource.split(":");
    if (parts.length < 6 || parts[0] !== "arn") return false;
    const rest = parts.slice(5).join(":");
    return rest === "*" || /^[A-Za-z-]+[/:]\*$/.test(rest);
}

export const iamPolicyDisallowPrivilegeEscalation = resourceRule({
    name: "aws-iam-policy-disallow-privilege-escalation",
    description: "No IAM policy allows a privilege-escalation action (iam:CreatePolicyVersion, iam:Attach*/Put*Policy, iam:UpdateAssumeRolePolicy, iam:CreateAccessKey, lambda:UpdateFunctionCode, ...) on every resource.",
    area: "iam",
    severity: "critical",
    remediation: "scope the action to the ARNs the workload manages (a path like role/app-*, one function), or move it to a deployment role that a permissions boundary constrains",
    checkov: ["CKV_AWS_286", "CKV2_AWS_40"],
    types: IAM_POLICY_TYPES,
    check(subject, report) {
        forEachIamStatement(subject, (where, s) => {
            if (s.effect !== "Allow" || s.actions.some((a) => a === "*" || a === "*:*")) return;
            if (!(s.notResources.length > 0 || s.resources.some(coversEveryResource))) return;
            const allowed = ESCALATION_ACTIONS.filter((e) => s.actions.some((a) => actionMatches(a, e)));
            if (allowed.length === 0) return;
            const on = s.notResources.length > 0 ? `every resource except ${s.notResources.join(", ")}` : s.resources.filter(coversEveryResource).map((r) => `"${r}"`).join(", ");
            report(`${where}${statementLabel(s)} allows privilege escalation (${allowed.join(", ")}) on ${on}`);
        });
    },
});
