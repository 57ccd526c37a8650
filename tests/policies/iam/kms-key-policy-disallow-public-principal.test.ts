import { describePolicy, res, UNKNOWN } from "../support/spec";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describePolicy("aws-kms-key-policy-disallow-public-principal", {
    level: "mandatory",
    description: /"\*" principal without a condition/,
    compliant: [
        res("aws:kms/key:Key", "key", {
            enableKeyRotation: true,
            policy: doc(
                { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
                { Sid: "Logs", Effect: "Allow", Principal: "*", Action: ["kms:Decrypt"], Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "logs.us-east-1.amazonaws.com" } } },
            ),
        }),
    ],
    cases: [
        { title: "unconditioned * principal", break: (f) => (f[0].props.policy = doc({ Sid: "Open", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" })), expect: /statement "Open" allows principal "\*" without a condition/ },
        { title: "on a separate KeyPolicy", break: (f) => (f[0] = res("aws:kms/keyPolicy:KeyPolicy", "key-policy", { keyId: UNKNOWN, policy: doc({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }) })), expect: /allows principal/, resource: "key-policy" },
    ],
});
