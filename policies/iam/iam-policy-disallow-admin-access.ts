/**
 * Administrator-level access in every form a program can grant it:
 * - a policy statement allowing Action "*" (on any resource), or NotAction ("everything except ...")
 *   on every resource;
 * - a statement allowing a privilege-escalation action on every resource (escalation.ts): whoever holds
 *   iam:PutRolePolicy or iam:CreatePolicyVersion on "*" can make themselves administrator;
 * - an administrator-level AWS managed policy attached to a user, group or role (admin-managed-policies.ts),
 *   by an attachment resource, a role's managedPolicyArns or a *PolicyAttachmentsExclusive resource.
 * Documents are read on aws.iam.Policy and the inline policies of roles, users and groups.
 *
 * Anchors: checkov CKV_AWS_62 (Action "*" on Resource "*"), CKV_AWS_63 (Action "*" at all), CKV_AWS_286
 * (privilege escalation), CKV2_AWS_40 (full IAM access), CKV_AWS_274 (AdministratorAccess attached),
 * CKV2_AWS_56 (IAMFullAccess attached), cdk-nag NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess.
 * Beyond them: NotAction and NotResource, escalation on ARN patterns covering every resource of a kind,
 * PowerUserAccess and the other admin-level managed policies in every partition, exclusive attachments.
 * Less than them: CKV_AWS_286's list (cloudsplaining's) also counts iam:PassRole combinations, which are
 * aws-iam-policy-disallow-passrole-wildcard's; cdk-nag AwsSolutions-IAM4 flags every AWS managed policy
 * and AwsSolutions-IAM5 every wildcard, where scoped managed policies and scoped wildcards pass here.
 */
import { resourceRule } from "../lib/define";
import { statementLabel } from "../lib/policy-document";
import { at, isUnknown, list, pendingUntilUpdate } from "../lib/values";
import { adminManagedPolicyName, MANAGED_POLICY_ARN_PROPS } from "./admin-managed-policies";
import { IAM_POLICY_TYPES, visitIamStatements } from "./documents";
import { escalationOf } from "./escalation";

const DOCUMENT_TYPES = new Set(IAM_POLICY_TYPES);
const FIX_ACTIONS = "list the actions the workload needs and scope Resource to the ARNs it uses (an Allow with NotAction grants everything not listed)";
const FIX_ESCALATION = "scope the action to the ARNs the workload manages (a path like role/app-*, one function), or give it to a deployment role constrained by a permissions boundary";
const FIX_MANAGED = "attach a customer managed (or inline) policy listing what the principal needs; people get administrator access through SSO permission sets, not attached policies";

export const iamPolicyDisallowAdminAccess = resourceRule({
    name: "aws-iam-policy-disallow-admin-access",
    description:
        'No IAM principal gets administrator-level access: no policy allows Action "*", NotAction on every resource, or a privilege-escalation action (iam:CreatePolicyVersion, iam:Put*/Attach*Policy, iam:UpdateAssumeRolePolicy, iam:CreateAccessKey, lambda:UpdateFunctionCode, ...) on every resource, and no administrator-level AWS managed policy (AdministratorAccess, PowerUserAccess, IAMFullAccess...) is attached.',
    area: "iam",
    severity: "critical",
    remediation: FIX_ACTIONS,
    cdkNag: ["NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess"],
    checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_286", "CKV2_AWS_40", "CKV_AWS_274", "CKV2_AWS_56"],
    types: [...new Set([...IAM_POLICY_TYPES, ...Object.keys(MANAGED_POLICY_ARN_PROPS)])],
    check(subject, report) {
        const pending: string[] = [];
        const arnProp = MANAGED_POLICY_ARN_PROPS[subject.type];
        if (arnProp) {
            const value = at(subject.props, arnProp);
            if (isUnknown(value) || list(value).some(isUnknown)) pending.push(arnProp);
            for (const arn of list(value)) {
                const name = typeof arn === "string" ? adminManagedPolicyName(arn) : undefined;
                if (name) report(`attaches the administrator-level AWS managed policy ${name}`, FIX_MANAGED);
            }
        }
        if (DOCUMENT_TYPES.has(subject.type)) {
            pending.push(...visitIamStatements(subject, (where, s) => {
                if (s.effect !== "Allow") return;
                if (s.actions.some((a) => a === "*" || a === "*:*")) {
                    const on = s.resources.includes("*") ? 'Resource "*"' : s.notResources.length > 0 ? `every resource except ${s.notResources.join(", ")}` : s.resources.join(", ");
                    report(`${where}${statementLabel(s)} allows Action "*" on ${on}`);
                    return;
                }
                if (s.hasNotAction && (s.resources.includes("*") || s.notResources.length > 0)) {
                    report(`${where}${statementLabel(s)} allows every action except ${s.notActions.join(", ") || "none"} (NotAction) on Resource "*"`);
                    return;
                }
                const escalation = escalationOf(s);
                if (escalation) report(`${where}${statementLabel(s)} allows privilege escalation (${escalation.actions.join(", ")}) on ${escalation.on}`, FIX_ESCALATION);
            }));
        }
        if (pending.length > 0) pendingUntilUpdate(pending.join(", "));
    },
});
