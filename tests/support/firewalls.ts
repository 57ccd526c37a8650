/** The stack's shared web ACLs (programs/firewalls.ts) in a run's records. */
import * as assert from "assert";
import type { ResourceRecord, RunResult } from "../../engine/run";
import { inputs, one } from "./records";

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
