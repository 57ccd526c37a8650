import { describePolicy, res, UNKNOWN } from "../support/spec";

const managed = (name: string, partition = "aws") => `arn:${partition}:iam::aws:policy/${name}`;

describePolicy("aws-iam-attachment-disallow-admin-policies", {
    level: "mandatory",
    description: /administrator-level AWS managed policy/,
    compliant: [
        res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "fn-logs", { role: "fn", policyArn: managed("service-role/AWSLambdaBasicExecutionRole") }),
        res("aws:iam/userPolicyAttachment:UserPolicyAttachment", "ci-read", { user: "ci", policyArn: managed("ReadOnlyAccess") }),
        res("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "ops-read", { group: "ops", policyArn: "arn:aws:iam::123456789012:policy/ops" }),
        res("aws:iam/policyAttachment:PolicyAttachment", "shared", { policyArn: managed("AmazonS3ReadOnlyAccess"), roles: ["a"], users: [], groups: [] }),
        res("aws:iam/role:Role", "api", { assumeRolePolicy: "{}", managedPolicyArns: [managed("service-role/AWSLambdaBasicExecutionRole")] }),
        res("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "api-exclusive", { roleName: "api", policyArns: [managed("AWSXrayWriteOnlyAccess")] }),
    ],
    alsoCompliant: [{ title: "the attached policy is created in this deployment (its document is checked by the IAM policy rules)", change: (f) => { f.splice(1); f[0].props.policyArn = "arn:aws:iam::123456789012:policy/app-AdministratorAccess"; } }],
    cases: [
        { title: "AdministratorAccess on a role", break: (f) => (f[0].props.policyArn = managed("AdministratorAccess")), expect: /attaches the administrator-level AWS managed policy AdministratorAccess/, resource: "fn-logs" },
        { title: "PowerUserAccess on a user", break: (f) => (f[1].props.policyArn = managed("PowerUserAccess")), expect: /PowerUserAccess/, resource: "ci-read" },
        { title: "IAMFullAccess on a group (GovCloud partition)", break: (f) => (f[2].props.policyArn = managed("IAMFullAccess", "aws-us-gov")), expect: /IAMFullAccess/, resource: "ops-read" },
        { title: "the SystemAdministrator job function through a PolicyAttachment", break: (f) => (f[3].props.policyArn = managed("job-function/SystemAdministrator")), expect: /job-function\/SystemAdministrator/, resource: "shared" },
        { title: "AdministratorAccess in a role's managedPolicyArns", break: (f) => (f[4].props.managedPolicyArns = [managed("service-role/AWSLambdaBasicExecutionRole"), managed("AdministratorAccess")]), expect: /AdministratorAccess/, resource: "api" },
        { title: "AWSOrganizationsFullAccess in an exclusive attachment", break: (f) => (f[5].props.policyArns = [managed("AWSOrganizationsFullAccess")]), expect: /AWSOrganizationsFullAccess/, resource: "api-exclusive" },
    ],
    pending: [
        { title: "the policy ARN is unknown", break: (f) => (f[0].props.policyArn = UNKNOWN) },
        { title: "one of a role's managed policy ARNs is unknown", break: (f) => (f[4].props.managedPolicyArns = [UNKNOWN]) },
    ],
});
