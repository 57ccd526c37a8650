/**
 * A launch permission for the group `all` makes an AMI public: anyone can launch it and read every
 * snapshot behind it (baked-in credentials, data on the root volume).
 *
 * Anchors: checkov CKV_AWS_205 ("limit AMI launch permissions").
 * Less than it: CKV_AWS_205 fails every launch permission; sharing with named accounts, an organization
 * or an organizational unit passes here, because that is how AMIs are meant to be shared.
 */
import { resourceRule } from "../lib/define";
import { at, isUnknown, pendingUntilUpdate } from "../lib/values";

export const ec2AmiDisallowPublic = resourceRule({
    name: "aws-ec2-ami-disallow-public",
    description: "No AMI launch permission grants the group `all` (a public AMI).",
    area: "public-access",
    severity: "critical",
    remediation: "share the AMI with account ids (accountId), an organization (organizationArn) or an organizational unit (organizationalUnitArn) instead of group \"all\"",
    checkov: ["CKV_AWS_205"],
    types: ["aws:ec2/amiLaunchPermission:AmiLaunchPermission"],
    check({ props }, report) {
        const group = at(props, "group");
        if (isUnknown(group)) pendingUntilUpdate("group");
        if (typeof group === "string" && group.toLowerCase() === "all") report('grants launch permission to group "all": the AMI is public');
    },
});
