/**
 * AWS managed policies that hand out administrator-level power: full access to everything, to
 * everything but IAM (PowerUserAccess, which still reaches every data store), or to IAM itself (which
 * grants the rest), and where each type names the managed policies it attaches.
 */
export const ADMIN_MANAGED_POLICIES = new Set([
    "AdministratorAccess",
    "PowerUserAccess",
    "IAMFullAccess",
    "AWSOrganizationsFullAccess",
    "AdministratorAccess-Amplify",
    "AdministratorAccess-AWSElasticBeanstalk",
    "job-function/SystemAdministrator",
]);

/** The managed policy's name when `arn` is an admin-level AWS managed policy (any partition). */
export function adminManagedPolicyName(arn: string): string | undefined {
    const m = /^arn:aws(-[a-z-]+)?:iam::aws:policy\/(.+)$/.exec(arn);
    return m && ADMIN_MANAGED_POLICIES.has(m[2]) ? m[2] : undefined;
}

/** The property of each type that names the managed policies it attaches. */
export const MANAGED_POLICY_ARN_PROPS: Record<string, string> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": "policyArn",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "policyArn",
    "aws:iam/policyAttachment:PolicyAttachment": "policyArn",
    "aws:iam/role:Role": "managedPolicyArns",
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "policyArns",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": "policyArns",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": "policyArns",
};
