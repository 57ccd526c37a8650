import { describePolicy, res, UNKNOWN } from "../support/spec";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });

const scoped = { Sid: "ReadOrders", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: "arn:aws:dynamodb:us-east-1:1:table/orders" };

describePolicy("aws-iam-policy-disallow-admin-access", {
    level: "mandatory",
    description: /Action "\*" on Resource "\*"/,
    compliant: [
        res("aws:iam/policy:Policy", "app-policy", { policy: doc(scoped) }),
        res("aws:iam/role:Role", "app-role", { assumeRolePolicy: "{}", inlinePolicies: [{ name: "inline", policy: doc(scoped) }] }),
        res("aws:iam/rolePolicy:RolePolicy", "role-policy", { role: UNKNOWN, policy: { Statement: scoped } }),
    ],
    alsoCompliant: [{ title: "a Deny statement uses wildcards", change: (f) => (f[0].props.policy = doc(scoped, { Effect: "Deny", Action: "*", Resource: "*" })) }],
    cases: [
        { title: 'Action "*" on "*"', break: (f) => (f[0].props.policy = doc({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" })), expect: /statement "Admin" allows Action "\*" on Resource "\*"/ },
        { title: "in a role's inline policy", break: (f) => (f[1].props.inlinePolicies = [{ name: "admin", policy: doc({ Effect: "Allow", Action: ["*"], Resource: ["*"] }) }]), expect: /inline policy "admin" statement #1/, resource: "app-role" },
        { title: "in a role policy given as an object", break: (f) => (f[2].props.policy = { Statement: [{ Effect: "Allow", Action: "*:*", Resource: "*" }] }), expect: /allows Action/, resource: "role-policy" },
        { title: "in a user policy", break: (f) => (f[0] = res("aws:iam/userPolicy:UserPolicy", "user-policy", { user: "u", policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) })), expect: /allows Action/, resource: "user-policy" },
    ],
    pending: [{ title: "the document is unknown", break: (f) => (f[0].props.policy = UNKNOWN) }],
});
