import { byName, describePolicy, res, UNKNOWN } from "../support/spec";

const ACL = "aws:ec2/networkAcl:NetworkAcl";
const RULE = "aws:ec2/networkAclRule:NetworkAclRule";
const entry = (ruleNo: number, action: string, protocol: string, fromPort: number, toPort: number, cidrBlock = "0.0.0.0/0") => ({ ruleNo, action, protocol, fromPort, toPort, cidrBlock });

describePolicy("aws-ec2-networkacl-disallow-public-admin-ports", {
    level: "mandatory",
    description: /administration port \(20, 21, 22, 23, 3389, 5985, 5986\)/,
    compliant: [
        res(ACL, "public-acl", {
            vpcId: UNKNOWN,
            ingress: [entry(100, "allow", "tcp", 443, 443), entry(110, "allow", "tcp", 80, 80), entry(120, "allow", "tcp", 1024, 65535), entry(130, "allow", "-1", 0, 0, "10.0.0.0/16")],
            egress: [entry(100, "allow", "-1", 0, 0)],
        }),
        res(RULE, "ssh-from-office", { networkAclId: UNKNOWN, ruleNumber: 140, egress: false, protocol: "tcp", ruleAction: "allow", cidrBlock: "203.0.113.0/24", fromPort: 22, toPort: 22 }, { networkAclId: ["public-acl"] }),
        res(RULE, "all-out", { networkAclId: UNKNOWN, ruleNumber: 200, egress: true, protocol: "-1", ruleAction: "allow", cidrBlock: "0.0.0.0/0" }, { networkAclId: ["public-acl"] }),
    ],
    alsoCompliant: [
        { title: "a lower-numbered deny shuts SSH before an allow-all", change: (f) => (byName(f, "public-acl").props.ingress = [entry(90, "deny", "-1", 0, 0), entry(100, "allow", "tcp", 443, 443)]) },
        {
            title: "a deny rule resource precedes an inline allow of all traffic",
            change: (f) => {
                byName(f, "public-acl").props.ingress = [entry(200, "allow", "-1", 0, 0)];
                for (const [i, port] of [20, 21, 22, 23, 3389, 5985, 5986].entries()) f.push(res(RULE, `deny-${port}`, { networkAclId: UNKNOWN, ruleNumber: 100 + i, egress: false, protocol: "6", ruleAction: "deny", cidrBlock: "0.0.0.0/0", fromPort: port, toPort: port }, { networkAclId: ["public-acl"] }));
                for (const [i, port] of [20, 21, 22, 23, 3389, 5985, 5986].entries()) f.push(res(RULE, `deny6-${port}`, { networkAclId: UNKNOWN, ruleNumber: 150 + i, egress: false, protocol: "6", ruleAction: "deny", ipv6CidrBlock: "::/0", fromPort: port, toPort: port }, { networkAclId: ["public-acl"] }));
            },
        },
    ],
    cases: [
        { title: "inline SSH from anywhere", break: (f) => (byName(f, "public-acl").props.ingress as unknown[]).push(entry(150, "allow", "tcp", 22, 22)), expect: /ingress entry #5 \(rule 150\) allows tcp 22 from 0\.0\.0\.0\/0, which opens administration port\(s\) 22 to the world/, resource: "public-acl" },
        { title: "a rule resource opens RDP to ::/0", break: (f) => Object.assign(byName(f, "ssh-from-office").props, { cidrBlock: undefined, ipv6CidrBlock: "::/0", fromPort: 3389, toPort: 3389 }), expect: /\(rule 140\) allows tcp 3389 from ::\/0/, resource: "ssh-from-office" },
        { title: "all traffic from the world", break: (f) => (byName(f, "public-acl").props.ingress = [entry(100, "allow", "-1", 0, 0)]), expect: /allows all traffic from 0\.0\.0\.0\/0, which opens administration port\(s\) 20, 21, 22, 23, 3389, 5985, 5986/, resource: "public-acl" },
        { title: "a low range covering FTP and SSH", break: (f) => (byName(f, "public-acl").props.ingress = [entry(100, "allow", "6", 0, 1023)]), expect: /tcp 0-1023 .* 20, 21, 22, 23/, resource: "public-acl" },
        { title: "the default network ACL allows all", break: (f) => f.push(res("aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", "default-acl", { defaultNetworkAclId: UNKNOWN, ingress: [entry(100, "allow", "-1", 0, 0)] })), expect: /allows all traffic from 0\.0\.0\.0\/0/, resource: "default-acl" },
        { title: "the deny comes after the allow", break: (f) => (byName(f, "public-acl").props.ingress = [entry(100, "allow", "tcp", 22, 22), entry(110, "deny", "tcp", 22, 22)]), expect: /\(rule 100\) allows tcp 22/, resource: "public-acl" },
    ],
    pending: [
        { title: "an inline entry's port is unknown", break: (f) => ((byName(f, "public-acl").props.ingress as Record<string, unknown>[])[0].fromPort = UNKNOWN) },
        { title: "a rule's cidr is unknown", break: (f) => (byName(f, "ssh-from-office").props.cidrBlock = UNKNOWN) },
    ],
});
