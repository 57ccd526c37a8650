import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown, pendingUntilUpdate } from "../lib/values";

export const kmsKeyRotationEnabled = resourceRule({
    name: "aws-kms-key-rotation-enabled",
    description: "Symmetric KMS keys have automatic rotation enabled.",
    area: "encryption",
    severity: "medium",
    remediation: "set enableKeyRotation: true",
    cdkNag: ["AwsSolutions-KMS5"],
    checkov: ["CKV_AWS_7"],
    types: ["aws:kms/key:Key"],
    check({ props }, report) {
        const spec = at(props, "customerMasterKeySpec");
        const usage = at(props, "keyUsage");
        // Rotation exists only for symmetric encryption keys.
        if (typeof spec === "string" && spec !== "SYMMETRIC_DEFAULT") return;
        if (typeof usage === "string" && usage !== "ENCRYPT_DECRYPT") return;
        const rotation = at(props, "enableKeyRotation");
        if (isUnknown(rotation)) pendingUntilUpdate("enableKeyRotation");
        if (!isTrue(rotation)) report("is a symmetric key without automatic rotation");
    },
});
