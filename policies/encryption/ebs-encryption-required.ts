import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown, list } from "../lib/values";

export const ebsEncryptionRequired = resourceRule({
    name: "aws-ebs-encryption-required",
    description: "EBS volumes and the EBS block devices of launch templates are encrypted.",
    area: "encryption",
    severity: "high",
    remediation: "set encrypted: true (launch templates: blockDeviceMappings[].ebs.encrypted \"true\"), with kmsKeyId for a customer managed key",
    cdkNag: ["AwsSolutions-EC26"],
    checkov: ["CKV_AWS_3"],
    types: ["aws:ebs/volume:Volume", "aws:ec2/launchTemplate:LaunchTemplate"],
    check({ type, props }, report) {
        if (type === "aws:ebs/volume:Volume") {
            const encrypted = at(props, "encrypted");
            if (!isUnknown(encrypted) && !isTrue(encrypted)) report("is not encrypted");
            return;
        }
        list(at(props, "blockDeviceMappings")).forEach((mapping, i) => {
            const ebs = at(mapping, "ebs");
            if (ebs === undefined || ebs === null || isUnknown(ebs)) return;
            const encrypted = at(ebs, "encrypted");
            if (!isUnknown(encrypted) && !isTrue(encrypted)) {
                const device = at(mapping, "deviceName");
                report(`has an unencrypted EBS block device ${typeof device === "string" ? device : `#${i + 1}`}`);
            }
        });
    },
});
