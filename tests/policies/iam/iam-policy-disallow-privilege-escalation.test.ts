import { describePolicy, res, UNKNOWN } from "../support/spec";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const deploy = { Sid: "DeployOwnFunction", Effect: "Allow", Action: ["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"], Resource: "arn:aws:lambda:us-east-1:123456789012:function:orders-api" };
const ownRoles = { Sid: "ManageAppRoles", Effect: "Allow", Action: ["iam:PutRolePolicy", "iam:AttachRolePolicy"], Resource: "arn:aws:iam::123456789012:role/app/orders-*" };

describePolicy("aws-iam-policy-disallow-privilege-escalation", {
    level: "mandatory",
    description: /privilege-escalation action .* on every resource/,
    compliant: [
        res("aws:iam/policy:Policy", "deployer", { policy: doc(deploy, ownRoles) }),
        res("aws:iam/role:Role", "ci", { assumeRolePolicy: "{}", inlinePolicies: [{ name: "deploy", policy: doc(deploy) }] }),
        res("aws:iam/userPolicy:UserPolicy", "ops-user", { user: "ops", policy: doc({ Effect: "Allow", Action: "iam:GetRole", Resource: "*" }) }),
    ],
    alsoCompliant: [{ title: "a Deny names escalation actions on *", change: (f) => (f[0].props.policy = doc(deploy, { Effect: "Deny", Action: "iam:*", Resource: "*" })) }],
    cases: [
        { title: "iam:CreatePolicyVersion on *", break: (f) => (f[0].props.policy = doc({ Sid: "Versions", Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" })), expect: /statement "Versions" allows privilege escalation \(iam:CreatePolicyVersion\) on "\*"/ },
        { title: "iam:Put* on every role", break: (f) => (f[0].props.policy = doc({ ...ownRoles, Action: "iam:Put*", Resource: "arn:aws:iam::123456789012:role/*" })), expect: /iam:PutUserPolicy, iam:PutGroupPolicy, iam:PutRolePolicy, iam:PutUserPermissionsBoundary, iam:PutRolePermissionsBoundary\) on "arn:aws:iam::123456789012:role\/\*"/ },
        { title: "iam:UpdateAssumeRolePolicy on *", break: (f) => (f[0].props.policy = doc({ Effect: "Allow", Action: ["iam:UpdateAssumeRolePolicy"], Resource: ["*"] })), expect: /iam:UpdateAssumeRolePolicy/ },
        { title: "iam:CreateAccessKey for every user", break: (f) => (f[0].props.policy = doc({ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::123456789012:user/*" })), expect: /iam:CreateAccessKey/ },
        { title: "lambda:UpdateFunctionCode on every function", break: (f) => (f[1].props.inlinePolicies = [{ name: "deploy", policy: doc({ ...deploy, Resource: "arn:aws:lambda:us-east-1:123456789012:function:*" }) }]), expect: /inline policy "deploy" statement "DeployOwnFunction" allows privilege escalation \(lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration\)/, resource: "ci" },
        { title: "iam:AttachRolePolicy with NotResource", break: (f) => (f[0].props.policy = doc({ Effect: "Allow", Action: "iam:AttachRolePolicy", NotResource: "arn:aws:iam::123456789012:role/admin" })), expect: /on every resource except arn:aws:iam::123456789012:role\/admin/ },
        { title: "a user policy allows iam:* on *", break: (f) => (f[2].props.policy = doc({ Effect: "Allow", Action: "iam:*", Resource: "*" })), expect: /iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion/, resource: "ops-user" },
    ],
    pending: [{ title: "the document is unknown", break: (f) => (f[0].props.policy = UNKNOWN) }],
});
