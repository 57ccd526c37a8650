import { describePolicy, res, UNKNOWN } from "../support/spec";

const PERMISSION = "aws:ec2/amiLaunchPermission:AmiLaunchPermission";

describePolicy("aws-ec2-ami-disallow-public", {
    level: "mandatory",
    description: /group `all`/,
    compliant: [
        res(PERMISSION, "share-prod", { imageId: UNKNOWN, accountId: "210987654321" }),
        res(PERMISSION, "share-org", { imageId: "ami-0123456789abcdef0", organizationArn: "arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5" }),
    ],
    cases: [
        { title: "launch permission for group all", break: (f) => (f[0].props = { imageId: UNKNOWN, group: "all" }), expect: /grants launch permission to group "all": the AMI is public/, resource: "share-prod" },
        { title: "group all next to an organization", break: (f) => (f[1].props.group = "all"), expect: /group "all"/, resource: "share-org" },
    ],
    pending: [{ title: "the group is unknown", break: (f) => (f[0].props.group = UNKNOWN) }],
});
