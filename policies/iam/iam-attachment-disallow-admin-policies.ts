/**
 * AWS managed policies that hand out administrator-level power: full access to everything, to
 * everything but IAM (PowerUserAccess, which still reaches every data store), or to IAM itself (which
 * grants the rest). Attached to a user, group or role by any of the attachment resources, a role's
 * `managedPolicyArns`, or the `*PolicyAttachmentsExclusive` resources.
 *
 * Anchors: checkov CKV_AWS_274 (AdministratorAccess), CKV2_AWS_56 (IAMFullAccess).
 * Beyond them: PowerUserAccess, AWSOrganizationsFullAccess, the AdministratorAccess-* variants and the
 * SystemAdministrator job function, every partition, and the exclusive attachment resources.
 * Less than cdk-nag AwsSolutions-IAM4, which flags every AWS managed policy: scoped managed policies
 * (AWSLambdaBasicExecutionRole, AmazonAPIGatewayPushToCloudWatchLogs...) pass here.
 * Admin-level inline and customer-managed documents are aws-iam-policy-disallow-admin-access's.
 */
import { resourceRule } from "../lib/define";
import { at, isUnknown, list, pendingUntilUpdate } from "../lib/values";

const ADMIN_POLICIES = new Set([
    "AdministratorAccess",
    "PowerUserAccess",
    "IAMFullAccess",
    "AWSOrganizationsFullAccess",
    "AdministratorAccess-Amplify",
    "AdministratorAccess-AWSElasticBeanstalk",
    "job-function/SystemAdministrator",
]);

/** The managed policy's name when `arn` is an admin-level AWS managed policy. */
function adminPolicyName(arn: string): string | undefined {
    const m = /^arn:aws(-[a-z-]+)?:iam::aws:policy\/(.+)$/.exec(arn);
    return m && ADMIN_POLICIES.has(m[2]) ? m[2] : undefined;
}

/** Where each type names the policies it attaches. */
const ARN_PROPS: Record<string, string> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": "policyArn",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "policyArn",
    "aws:iam/policyAttachment:PolicyAttachment": "policyArn",
    "aws:iam/role:Role": "managedPolicyArns",
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "policyArns",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": "policyArns",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": "policyArns",
};

export const iamAttachmentDisallowAdminPolicies = resourceRule({
    name: "aws-iam-attachment-disallow-admin-policies",
    description: "No user, group or role gets an administrator-level AWS managed policy (AdministratorAccess, PowerUserAccess, IAMFullAccess and the like).",
    area: "iam",
    severity: "critical",
    remediation: "attach a customer managed policy (or an inline one) listing the actions the principal needs on the resources it uses; humans get admin through SSO permission sets, not attached policies",
    checkov: ["CKV_AWS_274", "CKV2_AWS_56"],
    types: Object.keys(ARN_PROPS),
    check({ type, props }, report) {
        const prop = ARN_PROPS[type];
        const value = at(props, prop);
        if (isUnknown(value)) pendingUntilUpdate(prop);
        let unknown = false;
        for (const arn of list(value)) {
            if (isUnknown(arn)) unknown = true;
            else if (typeof arn === "string") {
                const name = adminPolicyName(arn);
                if (name) report(`attaches the administrator-level AWS managed policy ${name}`);
            }
        }
        if (unknown) pendingUntilUpdate(prop);
    },
});
