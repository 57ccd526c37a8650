import { byName, describePolicy, res, UNKNOWN, type Fixture } from "../support/spec";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const managed = (name: string, partition = "aws") => `arn:${partition}:iam::aws:policy/${name}`;
const setPolicy = (f: Fixture, name: string, ...statements: Record<string, unknown>[]) => (byName(f, name).props.policy = doc(...statements));

const scoped = { Sid: "ReadOrders", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/orders" };
const deploy = { Sid: "DeployOwnFunction", Effect: "Allow", Action: ["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"], Resource: "arn:aws:lambda:us-east-1:123456789012:function:orders-api" };
const ownRoles = { Sid: "ManageAppRoles", Effect: "Allow", Action: ["iam:PutRolePolicy", "iam:AttachRolePolicy"], Resource: "arn:aws:iam::123456789012:role/app/orders-*" };

describePolicy("aws-iam-policy-disallow-admin-access", {
    level: "mandatory",
    description: /No IAM principal gets administrator-level access: no policy allows Action "\*", NotAction on every resource, or a privilege-escalation action .* and no administrator-level AWS managed policy .* is attached/,
    compliant: [
        res("aws:iam/policy:Policy", "app-policy", { policy: doc(scoped, deploy, ownRoles) }),
        res("aws:iam/role:Role", "app-role", { assumeRolePolicy: "{}", inlinePolicies: [{ name: "inline", policy: doc(scoped) }], managedPolicyArns: [managed("service-role/AWSLambdaBasicExecutionRole")] }),
        res("aws:iam/rolePolicy:RolePolicy", "role-policy", { role: UNKNOWN, policy: { Statement: scoped } }),
        res("aws:iam/userPolicy:UserPolicy", "user-policy", { user: "ci", policy: doc(scoped, { Effect: "Allow", Action: "iam:GetRole", Resource: "*" }) }),
        res("aws:iam/groupPolicy:GroupPolicy", "group-policy", { group: "ops", policy: doc(scoped) }),
        res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "fn-logs", { role: "fn", policyArn: managed("service-role/AWSLambdaBasicExecutionRole") }),
        res("aws:iam/userPolicyAttachment:UserPolicyAttachment", "ci-read", { user: "ci", policyArn: managed("ReadOnlyAccess") }),
        res("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "ops-own", { group: "ops", policyArn: "arn:aws:iam::123456789012:policy/ops-AdministratorAccess" }),
        res("aws:iam/policyAttachment:PolicyAttachment", "shared", { policyArn: managed("AmazonS3ReadOnlyAccess"), roles: ["a"], users: [], groups: [] }),
        res("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "api-exclusive", { roleName: "api", policyArns: [managed("AWSXrayWriteOnlyAccess")] }),
    ],
    alsoCompliant: [
        { title: "a Deny statement uses wildcards", change: (f) => setPolicy(f, "app-policy", scoped, { Effect: "Deny", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "iam:*", Resource: "*" }) },
        { title: "NotAction is scoped to one resource", change: (f) => setPolicy(f, "app-policy", { Effect: "Allow", NotAction: "s3:DeleteObject", Resource: "arn:aws:s3:::acme-data/*" }) },
    ],
    cases: [
        { title: 'Action "*" on "*"', break: (f) => setPolicy(f, "app-policy", { Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }), expect: /statement "Admin" allows Action "\*" on Resource "\*"/ },
        { title: 'Action "*" on one resource', break: (f) => setPolicy(f, "app-policy", { Sid: "AllOnTable", Effect: "Allow", Action: "*", Resource: scoped.Resource }), expect: /statement "AllOnTable" allows Action "\*" on arn:aws:dynamodb/ },
        { title: "NotAction on every resource", break: (f) => setPolicy(f, "app-policy", { Sid: "AllButIam", Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }), expect: /statement "AllButIam" allows every action except iam:\*, organizations:\* \(NotAction\) on Resource "\*"/ },
        { title: 'Action "*" with NotResource', break: (f) => setPolicy(f, "app-policy", { Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::audit/*" }), expect: /allows Action "\*" on every resource except arn:aws:s3:::audit\/\*/ },
        { title: "in a role's inline policy", break: (f) => (byName(f, "app-role").props.inlinePolicies = [{ name: "admin", policy: doc({ Effect: "Allow", Action: ["*"], Resource: ["*"] }) }]), expect: /inline policy "admin" statement #1/, resource: "app-role" },
        { title: "in a role policy given as an object", break: (f) => (byName(f, "role-policy").props.policy = { Statement: [{ Effect: "Allow", Action: "*:*", Resource: "*" }] }), expect: /allows Action/, resource: "role-policy" },
        { title: "in a user's inline policy", break: (f) => setPolicy(f, "user-policy", { Effect: "Allow", Action: "*", Resource: "*" }), expect: /allows Action "\*"/, resource: "user-policy" },
        { title: "NotAction in a group's inline policy", break: (f) => setPolicy(f, "group-policy", { Effect: "allow", NotAction: "iam:*", Resource: "*" }), expect: /NotAction/, resource: "group-policy" },
        { title: "iam:CreatePolicyVersion on *", break: (f) => setPolicy(f, "app-policy", { Sid: "Versions", Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }), expect: /statement "Versions" allows privilege escalation \(iam:CreatePolicyVersion\) on "\*"/ },
        { title: "iam:Put* on every role", break: (f) => setPolicy(f, "app-policy", { ...ownRoles, Action: "iam:Put*", Resource: "arn:aws:iam::123456789012:role/*" }), expect: /iam:PutUserPolicy, iam:PutGroupPolicy, iam:PutRolePolicy, iam:PutUserPermissionsBoundary, iam:PutRolePermissionsBoundary\) on "arn:aws:iam::123456789012:role\/\*"/ },
        { title: "iam:UpdateAssumeRolePolicy on *", break: (f) => setPolicy(f, "app-policy", { Effect: "Allow", Action: ["iam:UpdateAssumeRolePolicy"], Resource: ["*"] }), expect: /iam:UpdateAssumeRolePolicy/ },
        { title: "iam:CreateAccessKey for every user", break: (f) => setPolicy(f, "app-policy", { Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::123456789012:user/*" }), expect: /iam:CreateAccessKey/ },
        { title: "lambda:UpdateFunctionCode on every function, in a role's inline policy", break: (f) => (byName(f, "app-role").props.inlinePolicies = [{ name: "deploy", policy: doc({ ...deploy, Resource: "arn:aws:lambda:us-east-1:123456789012:function:*" }) }]), expect: /inline policy "deploy" statement "DeployOwnFunction" allows privilege escalation \(lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration\)/, resource: "app-role" },
        { title: "iam:AttachRolePolicy with NotResource", break: (f) => setPolicy(f, "app-policy", { Effect: "Allow", Action: "iam:AttachRolePolicy", NotResource: "arn:aws:iam::123456789012:role/admin" }), expect: /on every resource except arn:aws:iam::123456789012:role\/admin/ },
        { title: "iam:* on * in a user policy", break: (f) => setPolicy(f, "user-policy", { Effect: "Allow", Action: "iam:*", Resource: "*" }), expect: /iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion/, resource: "user-policy" },
        { title: "AdministratorAccess attached to a role", break: (f) => (byName(f, "fn-logs").props.policyArn = managed("AdministratorAccess")), expect: /attaches the administrator-level AWS managed policy AdministratorAccess/, resource: "fn-logs" },
        { title: "PowerUserAccess attached to a user", break: (f) => (byName(f, "ci-read").props.policyArn = managed("PowerUserAccess")), expect: /PowerUserAccess/, resource: "ci-read" },
        { title: "IAMFullAccess attached to a group (GovCloud partition)", break: (f) => (byName(f, "ops-own").props.policyArn = managed("IAMFullAccess", "aws-us-gov")), expect: /IAMFullAccess/, resource: "ops-own" },
        { title: "the SystemAdministrator job function through a PolicyAttachment", break: (f) => (byName(f, "shared").props.policyArn = managed("job-function/SystemAdministrator")), expect: /job-function\/SystemAdministrator/, resource: "shared" },
        { title: "AdministratorAccess in a role's managedPolicyArns", break: (f) => (byName(f, "app-role").props.managedPolicyArns = [managed("service-role/AWSLambdaBasicExecutionRole"), managed("AdministratorAccess")]), expect: /AdministratorAccess/, resource: "app-role" },
        { title: "AWSOrganizationsFullAccess in an exclusive attachment", break: (f) => (byName(f, "api-exclusive").props.policyArns = [managed("AWSOrganizationsFullAccess")]), expect: /AWSOrganizationsFullAccess/, resource: "api-exclusive" },
    ],
    pending: [
        { title: "the document is unknown", break: (f) => (byName(f, "app-policy").props.policy = UNKNOWN) },
        { title: "an attached policy ARN is unknown", break: (f) => (byName(f, "fn-logs").props.policyArn = UNKNOWN) },
        { title: "one of a role's managed policy ARNs is unknown", break: (f) => (byName(f, "app-role").props.managedPolicyArns = [UNKNOWN]) },
    ],
});
