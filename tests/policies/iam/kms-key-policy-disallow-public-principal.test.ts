import { describePolicy, res, UNKNOWN } from "../support/spec";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" };
const LOGS = { Sid: "Logs", Effect: "Allow", Principal: "*", Action: ["kms:Decrypt"], Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "logs.us-east-1.amazonaws.com" } } };

describePolicy("aws-kms-key-policy-disallow-public-principal", {
    level: "mandatory",
    description: /No KMS key policy allows a public principal .* unless a condition really narrows the caller/,
    compliant: [
        res("aws:kms/key:Key", "key", { enableKeyRotation: true, policy: doc(ROOT, LOGS) }),
        res("aws:kms/keyPolicy:KeyPolicy", "key-policy", { keyId: UNKNOWN, policy: doc(ROOT) }),
    ],
    cases: [
        { title: "unconditioned { AWS: \"*\" } principal", break: (f) => (f[0].props.policy = doc(ROOT, { Sid: "Open", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" })), expect: /statement "Open" allows principal "\*" without a condition/ },
        { title: "kms:ViaService alone does not narrow the caller", break: (f) => (f[0].props.policy = doc(ROOT, { ...LOGS, Condition: { StringEquals: { "kms:ViaService": "logs.us-east-1.amazonaws.com" } } })), expect: /statement "Logs" allows principal "\*" without a condition that narrows it/ },
        { title: "kms:CallerAccount is a wildcard", break: (f) => (f[0].props.policy = doc(ROOT, { ...LOGS, Condition: { StringLike: { "kms:CallerAccount": "*" } } })), expect: /kms:calleraccount "\*" does not narrow it/ },
        { title: "an Allow with NotPrincipal", break: (f) => (f[0].props.policy = doc({ Sid: "AllButOne", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:role/x" }, Action: "kms:*", Resource: "*" })), expect: /everyone outside its NotPrincipal/ },
        { title: "on a separate KeyPolicy", break: (f) => (f[1].props.policy = doc({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" })), expect: /statement #1 allows principal "\*"/, resource: "key-policy" },
    ],
    pending: [{ title: "the key policy is unknown", break: (f) => (f[1].props.policy = UNKNOWN) }],
});
