/** The stack's shared web ACLs (programs/firewalls.ts) in a run's records, and everything WAF a run holds. */
import * as assert from "assert";
import type { ResourceRecord, RunResult } from "../../engine/run";
import { alarmMetrics, graphedMetrics, type Metric } from "./dashboards";
import { inputs, ofType, one } from "./records";

export const SHARED_ACL = { REGIONAL: "platform-regional-waf", CLOUDFRONT: "platform-edge-waf" } as const;

/** The stack's shared web ACL of a scope: under the `platform` system, of that scope. */
export function sharedAcl(result: RunResult, scope: keyof typeof SHARED_ACL): ResourceRecord {
    const acl = one(result, "aws:wafv2/webAcl:WebAcl", SHARED_ACL[scope]);
    assert.strictEqual(inputs(acl).scope, scope, `${acl.name}: scope`);
    assert.match(acl.urn, /::platform:core:System\$platform:security:WebFirewall\$aws:wafv2\/webAcl:WebAcl::/, `${acl.name}: under the platform system`);
    return acl;
}

/** The rules of the shared ACL a system added (named `<system>-<limit>`). */
export function systemRules(acl: ResourceRecord, system: string): Record<string, any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
    return (inputs(acl).rules as { name: string }[]).filter((r) => r.name.startsWith(`${system}-`));
}

/** Everything WAF in a run, by resource name (sorted), so a stack without web ACLs can be shown to hold nothing that needs one. */
export interface WafFootprint {
    acls: string[];
    /** WAF associations (API stages, load balancers). */
    associations: string[];
    /** Distributions with a `webAclId`. */
    protectedDistributions: string[];
    /** Alarms on WAF metrics, as `<alarm>: <web ACL>`. */
    alarms: string[];
    /** Dashboards graphing WAF metrics, as `<dashboard>: <web ACL>`. */
    graphs: string[];
}

/** An empty footprint: no web ACL, nothing on one, nothing watching one. */
export const NO_WAF: WafFootprint = { acls: [], associations: [], protectedDistributions: [], alarms: [], graphs: [] };

/**
 * The run's WafFootprint. A WAF metric names its web ACL by the ACL's name (the WebACL dimension):
 * it is mapped back to the ACL's resource name, and one naming no ACL of the run shows as
 * `<name> (no such web ACL)`: an alarm or a graph left behind by a firewall that was not built.
 */
export function wafFootprint(result: RunResult): WafFootprint {
    const acls = ofType(result, "aws:wafv2/webAcl:WebAcl");
    const aclOf = (m: Metric) => acls.find((a) => a.outputs.name === m.dimensions.WebACL)?.name ?? `${m.dimensions.WebACL} (no such web ACL)`;
    const onWaf = (metrics: Metric[]) => [...new Set(metrics.filter((m) => m.namespace === "AWS/WAFV2").map(aclOf))];
    const sorted = (names: string[]) => [...new Set(names)].sort();
    return {
        acls: sorted(acls.map((a) => a.name)),
        associations: sorted(ofType(result, "aws:wafv2/webAclAssociation:WebAclAssociation").map((a) => a.name)),
        protectedDistributions: sorted(ofType(result, "aws:cloudfront/distribution:Distribution").filter((d) => inputs(d).webAclId !== undefined).map((d) => d.name)),
        alarms: sorted(ofType(result, "aws:cloudwatch/metricAlarm:MetricAlarm").flatMap((a) => onWaf(alarmMetrics(inputs(a))).map((acl) => `${a.name}: ${acl}`))),
        graphs: sorted(ofType(result, "aws:cloudwatch/dashboard:Dashboard").flatMap((d) => onWaf(graphedMetrics(result, d.name)).map((acl) => `${d.name}: ${acl}`))),
    };
}
