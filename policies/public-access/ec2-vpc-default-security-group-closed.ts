/**
 * Every VPC has a default security group, which AWS creates allowing all traffic between its members
 * and all egress. Anything launched without a security group lands in it. CIS AWS 5.4 asks for it to
 * restrict all traffic; with Pulumi that means managing it as an `aws.ec2.DefaultSecurityGroup` with no
 * ingress and no egress (which removes AWS's rules), and attaching no rule resources to it.
 *
 * A stack rule: a VPC's default group is linked to the VPC through the group's `vpcId` dependency (no
 * vpcId: the default VPC's), and a rule resource targets it when its `securityGroupId` depends on the
 * DefaultSecurityGroup, or on a VPC and no security group (that is `vpc.defaultSecurityGroupId`).
 *
 * Anchors: checkov CKV2_AWS_12 (the default security group of every VPC restricts all traffic), cdk-nag
 * NIST.800.53.R5-VPCDefaultSecurityGroupClosed.
 * Beyond them: rule resources attached to the default group.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../lib/define";
import { linksTo, ofTypes, propsOf } from "../lib/links";
import { at, isUnknown, list, pendingUntilUpdate, raw } from "../lib/values";

const VPC = "aws:ec2/vpc:Vpc";
const DEFAULT_VPC = "aws:ec2/defaultVpc:DefaultVpc";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE_TYPES = ["aws:ec2/securityGroupRule:SecurityGroupRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"];

function dependenciesOf(r: PolicyResource, prop: string): PolicyResource[] {
    const all = raw(r.propertyDependencies) as Record<string, PolicyResource[]> | undefined;
    return (all?.[prop] ?? []).filter((d) => d);
}

export const ec2VpcDefaultSecurityGroupClosed = stackRule({
    name: "aws-ec2-vpc-default-security-group-closed",
    description: "Every VPC manages its default security group as an aws.ec2.DefaultSecurityGroup with no ingress and no egress, and no rule resource targets it.",
    area: "public-access",
    severity: "high",
    remediation: "declare new aws.ec2.DefaultSecurityGroup(..., { vpcId: vpc.id }) with no ingress and no egress, and give workloads their own security groups",
    cdkNag: ["NIST.800.53.R5-VPCDefaultSecurityGroupClosed"],
    checkov: ["CKV2_AWS_12"],
    types: [VPC, DEFAULT_VPC, DEFAULT_SG, SG, ...RULE_TYPES],
    check(resources, report) {
        const defaultGroups = ofTypes(resources, [DEFAULT_SG]);
        const pending: string[] = [];
        for (const g of defaultGroups) {
            for (const direction of ["ingress", "egress"]) {
                const rules = at(propsOf(g), direction);
                if (isUnknown(rules)) pending.push(`the ${direction} of ${g.name}`);
                else if (list(rules).length > 0) report(g, `keeps ${list(rules).length} ${direction} rule(s): the default security group must restrict all traffic`, `remove every ${direction} block (an empty DefaultSecurityGroup revokes AWS's default rules)`);
            }
        }
        for (const vpc of ofTypes(resources, [VPC, DEFAULT_VPC])) {
            let undecided = false;
            const managed = defaultGroups.some((g) => {
                const vpcId = at(propsOf(g), "vpcId");
                if ((vpcId === undefined || vpcId === null) && dependenciesOf(g, "vpcId").length === 0) return vpc.type === DEFAULT_VPC;
                const link = linksTo(g, "vpcId", vpc, ["id"]);
                if (link === "unknown") undecided = true;
                return link === "yes";
            });
            if (managed) continue;
            if (undecided) pending.push(`the default security group of ${vpc.name}`);
            else report(vpc, "does not manage its default security group, which AWS creates allowing all traffic between its members and all egress");
        }
        const defaultUrns = new Set(defaultGroups.map((g) => g.urn));
        for (const rule of ofTypes(resources, RULE_TYPES)) {
            const deps = dependenciesOf(rule, "securityGroupId");
            const onDefault = deps.some((d) => defaultUrns.has(d.urn)) || (deps.some((d) => d.type === VPC || d.type === DEFAULT_VPC) && !deps.some((d) => d.type === SG));
            if (onDefault) report(rule, "adds a rule to the VPC's default security group, which must restrict all traffic", "attach the rule to the workload's own security group");
        }
        if (pending.length > 0) pendingUntilUpdate(pending.join(", "));
    },
});
