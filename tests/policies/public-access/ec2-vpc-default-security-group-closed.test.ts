import { byName, describePolicy, res, UNKNOWN } from "../support/spec";

const VPC = "aws:ec2/vpc:Vpc";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const allFromSelf = { protocol: "-1", fromPort: 0, toPort: 0, self: true };

describePolicy("aws-ec2-vpc-default-security-group-closed", {
    level: "mandatory",
    description: /manages its default security group .* with no ingress and no egress/,
    compliant: [
        res(VPC, "net", { cidrBlock: "10.0.0.0/16" }),
        res(DEFAULT_SG, "net-default-sg", { vpcId: UNKNOWN }, { vpcId: ["net"] }),
        res(SG, "app-sg", { vpcId: UNKNOWN, description: "app" }, { vpcId: ["net"] }),
        res(INGRESS, "app-https", { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16" }, { securityGroupId: ["app-sg"] }),
    ],
    alsoCompliant: [
        { title: "the default VPC's group is managed without a vpcId", change: (f) => { f[0].type = "aws:ec2/defaultVpc:DefaultVpc"; byName(f, "net-default-sg").props = {}; delete byName(f, "net-default-sg").deps; } },
        { title: "an app rule's source is another security group of the VPC", change: (f) => (byName(f, "app-https").deps = { securityGroupId: ["app-sg"], referencedSecurityGroupId: ["net"] }) },
    ],
    cases: [
        { title: "the VPC's default security group is not managed", break: (f) => f.splice(1, 1), expect: /does not manage its default security group, which AWS creates allowing all traffic/, resource: "net" },
        { title: "the default security group keeps an ingress rule", break: (f) => (byName(f, "net-default-sg").props.ingress = [allFromSelf]), expect: /keeps 1 ingress rule\(s\): the default security group must restrict all traffic/, resource: "net-default-sg" },
        { title: "the default security group keeps egress", break: (f) => (byName(f, "net-default-sg").props.egress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]), expect: /keeps 1 egress rule/, resource: "net-default-sg" },
        { title: "the managed group belongs to another VPC", break: (f) => { f.push(res(VPC, "other", {})); byName(f, "net-default-sg").deps = { vpcId: ["other"] }; }, expect: /does not manage its default security group/, resource: "net" },
        { title: "a rule resource targets the DefaultSecurityGroup", break: (f) => (byName(f, "app-https").deps = { securityGroupId: ["net-default-sg"] }), expect: /adds a rule to the VPC's default security group/, resource: "app-https" },
        { title: "a rule resource targets vpc.defaultSecurityGroupId", break: (f) => f.push(res("aws:ec2/securityGroupRule:SecurityGroupRule", "open-default", { type: "ingress", securityGroupId: UNKNOWN, protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, { securityGroupId: ["net"] })), expect: /adds a rule to the VPC's default security group/, resource: "open-default" },
    ],
    pending: [
        { title: "the group's vpcId is unknown and carries no dependencies", break: (f) => delete byName(f, "net-default-sg").deps },
        { title: "the group's ingress is unknown", break: (f) => (byName(f, "net-default-sg").props.ingress = UNKNOWN) },
    ],
});
