import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-ec2-securitygroup-disallow-public-ingress", {
    level: "mandatory",
    description: /0\.0\.0\.0\/0/,
    compliant: [
        res("aws:ec2/securityGroup:SecurityGroup", "web-sg", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }] }),
        res("aws:ec2/securityGroupRule:SecurityGroupRule", "http-rule", { type: "ingress", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"], securityGroupId: UNKNOWN }),
        res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "https-v6", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0", securityGroupId: UNKNOWN }),
    ],
    alsoCompliant: [{ title: "an egress rule is open", change: (f) => Object.assign(f[1].props, { type: "egress", protocol: "-1", fromPort: 0, toPort: 0 }) }],
    cases: [
        { title: "inline SSH from anywhere", break: (f) => (f[0].props.ingress as unknown[]).push({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }), expect: /ingress rule #3 admits tcp 22 from 0\.0\.0\.0\/0/ },
        { title: "rule resource for all traffic", break: (f) => Object.assign(f[1].props, { protocol: "-1", fromPort: 0, toPort: 0 }), expect: /admits all traffic/, resource: "http-rule" },
        { title: "ingress rule resource with a port range from ::/0", break: (f) => Object.assign(f[2].props, { fromPort: 0, toPort: 65535 }), expect: /tcp 0-65535 from ::\/0/, resource: "https-v6" },
    ],
});
