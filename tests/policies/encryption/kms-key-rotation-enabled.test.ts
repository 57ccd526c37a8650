import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-kms-key-rotation-enabled", {
    level: "mandatory",
    description: /rotation/,
    compliant: [res("aws:kms/key:Key", "key", { enableKeyRotation: true })],
    alsoCompliant: [{ title: "the key is asymmetric", change: (f) => (f[0].props = { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }) }],
    cases: [
        { title: "rotation unset", break: (f) => delete f[0].props.enableKeyRotation, expect: /without automatic rotation/ },
        { title: "rotation off", break: (f) => (f[0].props.enableKeyRotation = false), expect: /without automatic rotation/ },
    ],
    pending: [{ title: "rotation is unknown", break: (f) => (f[0].props.enableKeyRotation = UNKNOWN) }],
});
