/**
 * The stack's shared web ACLs (programs/firewalls.ts): one REGIONAL and one CLOUDFRONT ACL per stack
 * for every seed system's internet-facing entry points (MultiMusic's OAuth broker keeps its own),
 * built once under the platform system, only when some system uses them, within WAF's capacity.
 */
import * as assert from "assert";
import { runStack, type RunResult } from "../../engine/run";
import { SHARED_ACL, sharedAcl } from "../support/firewalls";
import { inputs, ofType, one } from "../support/records";
import { PROJECT_DIR, runSystem } from "../support/stacks";

const ACL = "aws:wafv2/webAcl:WebAcl";
const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

describe("shared web ACLs", function () {
    this.timeout(300_000);
    const stacks: Record<string, RunResult> = {};

    before(async () => {
        for (const stack of ["dev", "prod"]) {
            stacks[stack] = await runStack({ projectDir: PROJECT_DIR, stack, mode: "apply" });
            assert.ifError(stacks[stack].error);
        }
    });

    it("puts every regional entry point and every distribution behind one of the stack's two ACLs (the broker's distribution behind its own)", () => {
        for (const result of Object.values(stacks)) {
            const regional = sharedAcl(result, "REGIONAL");
            const edge = sharedAcl(result, "CLOUDFRONT");
            assert.deepStrictEqual(ofType(result, ACL).map((a) => a.name).sort(), ["multimusic-waf", SHARED_ACL.CLOUDFRONT, SHARED_ACL.REGIONAL], `${result.stack}: three web ACLs`);
            const associations = ofType(result, ASSOCIATION).map(inputs);
            assert.deepStrictEqual(associations.map((a) => a.webAclArn === regional.outputs.arn), associations.map(() => true), `${result.stack}: every association on the regional ACL`);
            // The stages of the three regional APIs and Vibe's load balancer.
            assert.strictEqual(associations.length, 4, `${result.stack}: dn-api, DistroFM, Padmakara's API, Vibe's load balancer`);
            for (const d of ofType(result, DISTRIBUTION)) {
                assert.strictEqual(inputs(d).webAclId, d.name === "multimusic-cdn" ? one(result, ACL, "multimusic-waf").outputs.arn : edge.outputs.arn, `${result.stack}: ${d.name}`);
            }
            assert.match(inputs(regional).description, /^Stack \w+, regional entry points of distro-nation, padmakara, vibe$/);
            assert.match(inputs(edge).description, /^Stack \w+, CloudFront distributions of distro-nation, padmakara, vidverse, vibe$/);
        }
    });

    it("carries the stack's firewall settings: global limit, managed groups in order, Bot Control in prod only, logs on the platform's key", () => {
        for (const [result, bot] of [[stacks.dev, false], [stacks.prod, true]] as const) {
            for (const scope of ["REGIONAL", "CLOUDFRONT"] as const) {
                const acl = inputs(sharedAcl(result, scope));
                const names = (acl.rules as { name: string }[]).map((r) => r.name).filter((n) => !n.startsWith("padmakara-"));
                assert.deepStrictEqual(names, ["AWSManagedRulesAmazonIpReputationList", "rate-limit-per-ip", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet",
                    "AWSManagedRulesSQLiRuleSet", ...(bot ? ["AWSManagedRulesBotControlRuleSet"] : [])], `${result.stack} ${scope}`);
                assert.strictEqual(acl.rules[1].statement.rateBasedStatement.limit, 1000, "platform:firewall.rateLimitPer5Minutes");
                const group = one(result, "aws:cloudwatch/logGroup:LogGroup", `${SHARED_ACL[scope]}-logs`);
                assert.strictEqual(inputs(group).kmsKeyId, one(result, "aws:kms/key:Key", "platform-logs-key").outputs.arn, `${result.stack} ${scope}: logs on the platform's key`);
            }
        }
    });

    it("stays within WAF's web ACL capacity of 1,500 WCU with every system's rules and Bot Control", () => {
        const capacity = (result: RunResult, name: string) => result.resources.find((r) => r.type === "platform:security:WebFirewall" && r.name === name)!.outputs.capacity as number;
        // Managed groups 25 + 700 + 200 + 200 (+ 50 Bot Control), the global rule 2, Padmakara's three host-scoped limits 28 each.
        assert.strictEqual(capacity(stacks.dev, SHARED_ACL.REGIONAL), 1211);
        assert.strictEqual(capacity(stacks.prod, SHARED_ACL.REGIONAL), 1261);
        assert.strictEqual(capacity(stacks.prod, SHARED_ACL.CLOUDFRONT), 1177);
        for (const result of Object.values(stacks)) for (const name of Object.values(SHARED_ACL)) assert.ok(capacity(result, name) <= 1500, `${result.stack} ${name}`);
    });

    it("builds only the ACLs some system uses, and none when platform:firewall.enabled is false", async () => {
        const vidverse = await runSystem("vidverse", "dev", "apply");
        assert.ifError(vidverse.error);
        assert.deepStrictEqual(ofType(vidverse, ACL).map((a) => a.name), [SHARED_ACL.CLOUDFRONT], "VidVerse has only a distribution");
        const off = await runSystem("padmakara", "dev", "apply", { "platform:firewall": '{"enabled":false}' });
        assert.ifError(off.error);
        assert.deepStrictEqual(ofType(off, ACL), []);
        assert.deepStrictEqual(ofType(off, "aws:kms/key:Key").filter((k) => k.name.startsWith("platform-")), [], "no key for logs nobody writes");
    });

    it("keeps a CloudFront ACL's logs in us-east-1 on a key of their own when the stack lives elsewhere", async () => {
        const result = await runSystem("vidverse", "dev", "apply", { "aws:region": "eu-west-1" });
        assert.ifError(result.error);
        const keys = ofType(result, "aws:kms/key:Key").filter((k) => k.name.startsWith("platform-"));
        assert.deepStrictEqual(keys.map((k) => k.name), ["platform-edge-logs-key"], "no key in the stack's region: no regional ACL");
        assert.match(String(keys[0].provider), /::platform-us-east-1::/);
        assert.strictEqual(inputs(one(result, "aws:cloudwatch/logGroup:LogGroup", `${SHARED_ACL.CLOUDFRONT}-logs`)).kmsKeyId, keys[0].outputs.arn);
    });
});
