import { describePolicy, res, UNKNOWN } from "../support/spec";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });

const scoped = { Sid: "ReadOrders", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/orders" };

describePolicy("aws-iam-policy-disallow-admin-access", {
    level: "mandatory",
    description: /No IAM policy allows Action "\*" \(on any resource\), or every action but a few \(NotAction\) on Resource "\*"/,
    compliant: [
        res("aws:iam/policy:Policy", "app-policy", { policy: doc(scoped) }),
        res("aws:iam/role:Role", "app-role", { assumeRolePolicy: "{}", inlinePolicies: [{ name: "inline", policy: doc(scoped) }] }),
        res("aws:iam/rolePolicy:RolePolicy", "role-policy", { role: UNKNOWN, policy: { Statement: scoped } }),
        res("aws:iam/userPolicy:UserPolicy", "user-policy", { user: "ci", policy: doc(scoped) }),
        res("aws:iam/groupPolicy:GroupPolicy", "group-policy", { group: "ops", policy: doc(scoped) }),
    ],
    alsoCompliant: [
        { title: "a Deny statement uses wildcards", change: (f) => (f[0].props.policy = doc(scoped, { Effect: "Deny", Action: "*", Resource: "*" })) },
        { title: "NotAction is scoped to one resource", change: (f) => (f[0].props.policy = doc({ Effect: "Allow", NotAction: "s3:DeleteObject", Resource: "arn:aws:s3:::acme-data/*" })) },
    ],
    cases: [
        { title: 'Action "*" on "*"', break: (f) => (f[0].props.policy = doc({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" })), expect: /statement "Admin" allows Action "\*" on Resource "\*"/ },
        { title: 'Action "*" on one resource', break: (f) => (f[0].props.policy = doc({ Sid: "AllOnTable", Effect: "Allow", Action: "*", Resource: scoped.Resource })), expect: /statement "AllOnTable" allows Action "\*" on arn:aws:dynamodb/ },
        { title: "NotAction on every resource", break: (f) => (f[0].props.policy = doc({ Sid: "AllButIam", Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" })), expect: /statement "AllButIam" allows every action except iam:\*, organizations:\* \(NotAction\) on Resource "\*"/ },
        { title: 'Action "*" with NotResource', break: (f) => (f[0].props.policy = doc({ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::audit/*" })), expect: /allows Action "\*" on every resource except arn:aws:s3:::audit\/\*/ },
        { title: "in a role's inline policy", break: (f) => (f[1].props.inlinePolicies = [{ name: "admin", policy: doc({ Effect: "Allow", Action: ["*"], Resource: ["*"] }) }]), expect: /inline policy "admin" statement #1/, resource: "app-role" },
        { title: "in a role policy given as an object", break: (f) => (f[2].props.policy = { Statement: [{ Effect: "Allow", Action: "*:*", Resource: "*" }] }), expect: /allows Action/, resource: "role-policy" },
        { title: "in a user's inline policy", break: (f) => (f[3].props.policy = doc({ Effect: "Allow", Action: "*", Resource: "*" })), expect: /allows Action "\*"/, resource: "user-policy" },
        { title: "in a group's inline policy", break: (f) => (f[4].props.policy = doc({ Effect: "allow", NotAction: "iam:*", Resource: "*" })), expect: /NotAction/, resource: "group-policy" },
    ],
    pending: [{ title: "the document is unknown", break: (f) => (f[0].props.policy = UNKNOWN) }],
});
