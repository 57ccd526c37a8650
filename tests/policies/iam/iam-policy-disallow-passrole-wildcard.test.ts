import { describePolicy, res } from "../support/spec";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describePolicy("aws-iam-policy-disallow-passrole-wildcard", {
    level: "mandatory",
    description: /iam:PassRole on Resource "\*"/,
    compliant: [res("aws:iam/policy:Policy", "deployer", { policy: doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::1:role/app" }) })],
    cases: [
        { title: "PassRole on *", break: (f) => (f[0].props.policy = doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" })), expect: /allows iam:PassRole \(iam:PassRole\) on Resource "\*"/ },
        { title: "iam:* on *", break: (f) => (f[0].props.policy = doc({ Effect: "Allow", Action: ["s3:GetObject", "iam:*"], Resource: ["*"] })), expect: /allows iam:\*/ },
        { title: "in a group policy", break: (f) => (f[0] = res("aws:iam/groupPolicy:GroupPolicy", "ops", { group: "g", policy: doc({ Effect: "Allow", Action: "iam:Pass*", Resource: "*" }) })), expect: /iam:Pass\*/, resource: "ops" },
    ],
});
