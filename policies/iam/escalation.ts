/**
 * Actions that let a principal grant itself more than it was given, when allowed on every resource:
 * rewrite or attach policies (CreatePolicyVersion, SetDefaultPolicyVersion, Attach*Policy, Put*Policy),
 * join a group, change who may assume a role (UpdateAssumeRolePolicy), mint credentials for other users
 * (CreateAccessKey, Create/UpdateLoginProfile), drop permissions boundaries, run code as another role
 * (lambda:UpdateFunctionCode / UpdateFunctionConfiguration, glue:UpdateDevEndpoint, ssm:SendCommand),
 * or assume any role that trusts the account (sts:AssumeRole).
 */
import { actionMatches, type Statement } from "../lib/policy-document";

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

/**
 * "On every resource": Resource "*", NotResource, or an ARN pattern covering every resource of a kind
 * (`arn:aws:iam::123456789012:role/*`, `arn:aws:lambda:*:*:function:*`).
 */
export function coversEveryResource(resource: string): boolean {
    if (resource === "*") return true;
    const parts = resource.split(":");
    if (parts.length < 6 || parts[0] !== "arn") return false;
    const rest = parts.slice(5).join(":");
    return rest === "*" || /^[A-Za-z-]+[/:]\*$/.test(rest);
}

/** The escalation actions an Allow grants on every resource, and where, or undefined. */
export function escalationOf(s: Statement): { actions: string[]; on: string } | undefined {
    if (s.effect !== "Allow" || !(s.notResources.length > 0 || s.resources.some(coversEveryResource))) return undefined;
    const actions = ESCALATION_ACTIONS.filter((e) => s.actions.some((a) => actionMatches(a, e)));
    if (actions.length === 0) return undefined;
    const on = s.notResources.length > 0 ? `every resource except ${s.notResources.join(", ")}` : s.resources.filter(coversEveryResource).map((r) => `"${r}"`).join(", ");
    return { actions, on };
}
