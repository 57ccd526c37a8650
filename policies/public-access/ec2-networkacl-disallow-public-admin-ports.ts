/**
 * Network ACLs open to the world on administration ports (FTP 20/21, SSH 22, Telnet 23, RDP 3389,
 * WinRM 5985/5986). ACL entries are evaluated in rule-number order and the first one that matches
 * decides, and an ACL's entries may be inline (`ingress`) or separate `aws.ec2.NetworkAclRule`
 * resources, so this is a stack rule: it gathers each ACL's ingress entries and asks, per port and for
 * 0.0.0.0/0 and ::/0, whether the first matching entry allows.
 * An allow for the ephemeral range (from 1024 or above up to 65535) is return traffic for connections
 * the subnet opened (ACLs are stateless) and does not count, even though RDP and WinRM fall inside it:
 * the security groups behind the ACL are the stateful gate for those ports.
 *
 * Anchors: checkov CKV_AWS_230 (port 20), CKV_AWS_229 (21), CKV_AWS_232 (22), CKV_AWS_231 (3389),
 * CKV_AWS_352 (no rule allowing all ports).
 * Beyond them: Telnet and WinRM, ::/0, the default network ACL, and the rule-number order across inline
 * entries and rule resources. Less than them: the ephemeral return range passes (see above), and
 * CKV_AWS_352 fails every all-ports ingress rule resource whatever its source, where this rule fails
 * one only when it admits 0.0.0.0/0 or ::/0.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../lib/define";
import { ofTypes, propsOf } from "../lib/links";
import { at, isTrue, isUnknown, list, pendingUntilUpdate, raw } from "../lib/values";

const ACL_TYPES = ["aws:ec2/networkAcl:NetworkAcl", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"];
const RULE = "aws:ec2/networkAclRule:NetworkAclRule";
const ADMIN_PORTS = [20, 21, 22, 23, 3389, 5985, 5986];
const WORLD = ["0.0.0.0/0", "::/0"];

interface Entry {
    owner: PolicyResource;
    where: string;
    ruleNo: number;
    allow: boolean;
    protocol: string;
    from: number;
    to: number;
    cidr: string;
}

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : undefined);

/** An ingress entry, or "unknown" when a field that decides it is unknown during preview. */
function entryOf(owner: PolicyResource, where: string, e: unknown, actionKey: string): Entry[] | "unknown" {
    const fields = ["ruleNo", "ruleNumber", actionKey, "protocol", "fromPort", "toPort", "cidrBlock", "ipv6CidrBlock"].map((k) => at(e, k));
    if (fields.some(isUnknown)) return "unknown";
    const cidrs = [at(e, "cidrBlock"), at(e, "ipv6CidrBlock")].filter((c): c is string => typeof c === "string" && WORLD.includes(c));
    const protocol = String(at(e, "protocol")).toLowerCase();
    return cidrs.map((cidr) => ({
        owner, where, cidr,
        ruleNo: num(at(e, "ruleNo") ?? at(e, "ruleNumber")) ?? 0,
        allow: String(at(e, actionKey)).toLowerCase() === "allow",
        protocol: protocol === "6" ? "tcp" : protocol === "17" ? "udp" : protocol === "all" ? "-1" : protocol,
        from: num(at(e, "fromPort")) ?? 0,
        to: num(at(e, "toPort")) ?? 0,
    }));
}

const matchesTcpPort = (e: Entry, port: number) => e.protocol === "-1" || (e.protocol === "tcp" && e.from <= port && port <= e.to);
const isEphemeralReturn = (e: Entry) => e.protocol !== "-1" && e.from >= 1024 && e.to === 65535;

export const ec2NetworkAclDisallowPublicAdminPorts = stackRule({
    name: "aws-ec2-networkacl-disallow-public-admin-ports",
    description: "No network ACL (inline entries, rule resources or the default ACL) lets 0.0.0.0/0 or ::/0 in on an administration port (20, 21, 22, 23, 3389, 5985, 5986).",
    area: "public-access",
    severity: "high",
    remediation: "narrow the entry's cidrBlock to your admin network, or add a lower-numbered deny for the port from 0.0.0.0/0 and ::/0 (reach instances through SSM Session Manager instead of SSH/RDP)",
    checkov: ["CKV_AWS_230", "CKV_AWS_229", "CKV_AWS_232", "CKV_AWS_231", "CKV_AWS_352"],
    types: [...ACL_TYPES, RULE],
    check(resources, report) {
        const acls = ofTypes(resources, ACL_TYPES);
        const byAcl = new Map<string, Entry[]>();
        const pending: string[] = [];
        const add = (key: string, entries: Entry[]) => byAcl.set(key, [...(byAcl.get(key) ?? []), ...entries]);
        for (const acl of acls) {
            const ingress = at(propsOf(acl), "ingress");
            if (isUnknown(ingress)) {
                pending.push(`the ingress of ${acl.name}`);
                continue;
            }
            list(ingress).forEach((e, i) => {
                const entries = entryOf(acl, `ingress entry #${i + 1} `, e, "action");
                if (entries === "unknown") pending.push(`ingress entry #${i + 1} of ${acl.name}`);
                else add(acl.urn, entries);
            });
        }
        const aclUrns = new Set(acls.map((a) => a.urn));
        for (const rule of ofTypes(resources, [RULE])) {
            const props = propsOf(rule);
            const egress = at(props, "egress");
            if (isUnknown(egress)) {
                pending.push(`the direction of ${rule.name}`);
                continue;
            }
            if (isTrue(egress)) continue;
            const entries = entryOf(rule, "", props, "ruleAction");
            if (entries === "unknown") {
                pending.push(rule.name);
                continue;
            }
            // The ACL it belongs to: through the dependency recorded for networkAclId, or its known id.
            const deps = (raw(rule.propertyDependencies) as Record<string, PolicyResource[]> | undefined)?.["networkAclId"] ?? [];
            const owner = deps.find((d) => d && aclUrns.has(d.urn));
            const id = at(props, "networkAclId");
            add(owner ? owner.urn : typeof id === "string" && !isUnknown(id) ? `id:${id}` : `rule:${rule.urn}`, entries);
        }
        for (const entries of byAcl.values()) {
            const ordered = [...entries].sort((a, b) => a.ruleNo - b.ruleNo);
            const open = new Map<Entry, number[]>();
            for (const cidr of WORLD) {
                for (const port of ADMIN_PORTS) {
                    const first = ordered.find((e) => e.cidr === cidr && matchesTcpPort(e, port));
                    if (first && first.allow && !isEphemeralReturn(first)) open.set(first, [...(open.get(first) ?? []), port]);
                }
            }
            for (const [e, ports] of open) {
                const what = e.protocol === "-1" ? "all traffic" : `tcp ${e.from === e.to ? e.from : `${e.from}-${e.to}`}`;
                report(e.owner, `${e.where}(rule ${e.ruleNo}) allows ${what} from ${e.cidr}, which opens administration port(s) ${[...new Set(ports)].join(", ")} to the world`);
            }
        }
        if (pending.length > 0) pendingUntilUpdate(pending.join(", "));
    },
});
