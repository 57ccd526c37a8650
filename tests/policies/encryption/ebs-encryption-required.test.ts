import { describePolicy, res } from "../support/spec";

describePolicy("aws-ebs-encryption-required", {
    level: "mandatory",
    description: /EBS volumes/,
    compliant: [
        res("aws:ebs/volume:Volume", "data-vol", { encrypted: true, availabilityZone: "us-east-1a", size: 10 }),
        res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 20 } }] }),
    ],
    cases: [
        { title: "volume not encrypted", break: (f) => (f[0].props.encrypted = false), expect: /is not encrypted/ },
        { title: "launch template device not encrypted", break: (f) => ((f[1].props.blockDeviceMappings as { ebs: { encrypted: string } }[])[0].ebs.encrypted = "false"), expect: /unencrypted EBS block device \/dev\/xvda/, resource: "lt" },
    ],
});
