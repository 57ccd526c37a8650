/**
 * Anchors: checkov CKV_AWS_24 (no 0.0.0.0/0 to port 22), CKV_AWS_25 (3389), CKV_AWS_277 (all ports),
 * cdk-nag NIST.800.53.R5-EC2RestrictedSSH and -EC2RestrictedCommonPorts (20, 21, 3389, 3306, 3309, 4333).
 * Less than cdk-nag AwsSolutions-EC23, which refuses every 0.0.0.0/0 or ::/0 inbound rule: TCP 80 and 443
 * from the world pass here (a public load balancer needs them). checkov CKV_AWS_260 (no 0.0.0.0/0 to
 * port 80) is not an anchor for the same reason.
 */
import { resourceRule } from "../lib/define";
import { at, isUnknown, list } from "../lib/values";

const OPEN = ["0.0.0.0/0", "::/0"];
const WEB_PORTS = [80, 443];

function num(v: unknown): number | undefined {
    if (typeof v === "number") return v;
    if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
    return undefined;
}

/** "tcp 443", "all traffic", "tcp 0-65535": how a rule is named in messages. */
function describe(protocol: unknown, from: unknown, to: unknown): string {
    const p = String(protocol);
    if (p === "-1" || p === "all") return "all traffic";
    const f = num(from);
    const t = num(to);
    return `${p} ${f === t ? String(f) : `${String(f)}-${String(t)}`}`;
}

/** Open to the world is allowed only for a single web port over TCP. */
function allowedOpen(protocol: unknown, from: unknown, to: unknown): boolean {
    const p = String(protocol).toLowerCase();
    if (p !== "tcp" && p !== "6") return false;
    const f = num(from);
    const t = num(to);
    return f !== undefined && f === t && WEB_PORTS.includes(f);
}

export const ec2SecurityGroupDisallowPublicIngress = resourceRule({
    name: "aws-ec2-securitygroup-disallow-public-ingress",
    description: "Security groups admit nothing from 0.0.0.0/0 or ::/0 except TCP ports 80 and 443 (inline ingress and separate rule resources).",
    area: "public-access",
    severity: "critical",
    remediation: "restrict the source to known CIDRs, a prefix list or a security group (put public traffic behind a load balancer on 80/443)",
    cdkNag: ["AwsSolutions-EC23", "NIST.800.53.R5-EC2RestrictedSSH", "NIST.800.53.R5-EC2RestrictedCommonPorts"],
    checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277"],
    types: ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/securityGroupRule:SecurityGroupRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
    check({ type, props }, report) {
        const flag = (cidrs: unknown[], protocol: unknown, from: unknown, to: unknown, where: string) => {
            const open = cidrs.filter((c) => typeof c === "string" && OPEN.includes(c));
            if (open.length === 0 || isUnknown(protocol) || isUnknown(from) || isUnknown(to)) return;
            if (allowedOpen(protocol, from, to)) return;
            report(`${where}admits ${describe(protocol, from, to)} from ${open.join(" and ")}`);
        };
        if (type === "aws:ec2/securityGroup:SecurityGroup") {
            list(at(props, "ingress")).forEach((rule, i) => {
                const cidrs = [...list(at(rule, "cidrBlocks")), ...list(at(rule, "ipv6CidrBlocks"))];
                flag(cidrs, at(rule, "protocol"), at(rule, "fromPort"), at(rule, "toPort"), `ingress rule #${i + 1} `);
            });
        } else if (type === "aws:ec2/securityGroupRule:SecurityGroupRule") {
            if (at(props, "type") !== "ingress") return;
            const cidrs = [...list(at(props, "cidrBlocks")), ...list(at(props, "ipv6CidrBlocks"))];
            flag(cidrs, at(props, "protocol"), at(props, "fromPort"), at(props, "toPort"), "");
        } else {
            flag([at(props, "cidrIpv4"), at(props, "cidrIpv6")], at(props, "ipProtocol"), at(props, "fromPort"), at(props, "toPort"), "");
        }
    },
});
