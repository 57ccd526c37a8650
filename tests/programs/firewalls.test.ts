/**
 * The stack's shared web ACLs (programs/firewalls.ts): one REGIONAL and one CLOUDFRONT ACL per stack
 * for every seed system's internet-facing entry points (MultiMusic's OAuth broker keeps its own),
 * built once under the platform system, only when some system uses them, within WAF's capacity.
 * The committed dev stack turns them off (`platform:firewall.enabled: false`, issue 17): what they
 * do is tested on prod and on dev with the firewall turned on (devWithFirewall), and the committed
 * dev stack is shown to hold nothing of them.
 */
import * as assert from "assert";
import type { ResourceRecord, RunResult } from "../../engine/run";
import { readProject, readStackFile } from "../../engine/stack-file";
import { NO_WAF, SHARED_ACL, sharedAcl, wafFootprint, type WafFootprint } from "../support/firewalls";
import { inputs, ofType, one } from "../support/records";
import { devWithFirewall, PROJECT_DIR, runSystem, stackRun } from "../support/stacks";

const ACL = "aws:wafv2/webAcl:WebAcl";
const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

/** The broker's own web ACL, in every stack: its distribution, its block-rate alarm and its dashboard's graph. */
const BROKER_WAF: WafFootprint = {
    ...NO_WAF,
    acls: ["multimusic-waf"],
    protectedDistributions: ["multimusic-cdn"],
    alarms: ["multimusic-alarms-waf-block-rate: multimusic-waf"],
    graphs: ["multimusic-dashboard: multimusic-waf"],
};

describe("shared web ACLs", function () {
    this.timeout(300_000);
    /** dev with the firewall on, and the committed prod stack: the stacks that have the shared ACLs. */
    const stacks: Record<string, RunResult> = {};
    let committedDev: RunResult;

    before(async () => {
        stacks.dev = await stackRun("dev", devWithFirewall());
        stacks.prod = await stackRun("prod");
        committedDev = await stackRun("dev");
    });

    it("differs between dev and prod by configuration only: the committed dev stack turns platform:firewall.enabled off, and dev with it on gets prod's ACLs, associations, alarms and graphs", () => {
        const enabled = (stack: string) => (JSON.parse(readStackFile(PROJECT_DIR, readProject(PROJECT_DIR).name, stack).config["platform:firewall"]) as { enabled: boolean }).enabled;
        assert.deepStrictEqual([enabled("dev"), enabled("prod")], [false, true], "the committed stack files");
        const distributions = ofType(stacks.prod, DISTRIBUTION).map((d) => d.name).sort();
        assert.deepStrictEqual(wafFootprint(stacks.prod), {
            acls: ["multimusic-waf", SHARED_ACL.CLOUDFRONT, SHARED_ACL.REGIONAL],
            associations: ["distro-nation-distrofm-api-waf", "distro-nation-dn-api-waf", "padmakara-api-waf", "vibe-api-waf"],
            protectedDistributions: distributions,
            alarms: [`distro-nation-alarms-api-waf-blocks: ${SHARED_ACL.REGIONAL}`, "multimusic-alarms-waf-block-rate: multimusic-waf", `padmakara-alarms-api-waf-blocks: ${SHARED_ACL.REGIONAL}`],
            graphs: [`distro-nation-dashboard: ${SHARED_ACL.REGIONAL}`, "multimusic-dashboard: multimusic-waf", `padmakara-dashboard: ${SHARED_ACL.REGIONAL}`,
                `vibe-dashboard: ${SHARED_ACL.REGIONAL}`, `vidverse-dashboard: ${SHARED_ACL.CLOUDFRONT}`],
        }, "prod: every internet-facing entry point behind a web ACL, every ACL a system alarms on or graphs built");
        assert.deepStrictEqual(wafFootprint(stacks.dev), wafFootprint(stacks.prod), "dev with the firewall on: the same as prod");
        assert.deepStrictEqual(wafFootprint(committedDev), BROKER_WAF, "the committed dev stack: the broker's ACL only, nothing on or watching a shared one");
        assert.ok(ofType(committedDev, DISTRIBUTION).length > 1, "the other distributions exist, without a web ACL");
    });

    it("leaves nothing of the shared ACLs in the committed dev stack: the platform system holds the API Gateway account logging only (no ACL, log group, key or us-east-1 provider)", () => {
        const underPlatform = (result: RunResult) => {
            const system = one(result, "platform:core:System", "platform");
            const under = (r: ResourceRecord): boolean => r.parent === system.urn || result.resources.some((p) => p.urn === r.parent && under(p));
            return result.resources.filter(under).map((r) => r.type);
        };
        assert.deepStrictEqual([...new Set(underPlatform(committedDev))].sort(),
            ["aws:apigateway/account:Account", "aws:iam/role:Role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "platform:api:AccountLogging"]);
        assert.deepStrictEqual(committedDev.resources.filter((r) => r.name.startsWith("platform-") && r.type !== "pulumi:pulumi:Stack").map((r) => `${r.type} ${r.name}`), [], "no platform-* resource");
        assert.deepStrictEqual(ofType(committedDev, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration").map((l) => l.name), ["multimusic-waf-logging"], "WAF logging: the broker's only");
        // The same code with the firewall on builds them there.
        const on = underPlatform(stacks.dev);
        for (const type of ["platform:security:WebFirewall", "aws:wafv2/webAcl:WebAcl", "aws:kms/key:Key", "pulumi:providers:aws"]) assert.ok(on.includes(type), `dev with the firewall on: ${type} under the platform system`);
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
        const vidverse = await runSystem("vidverse", "dev", "apply", devWithFirewall());
        assert.ifError(vidverse.error);
        assert.deepStrictEqual(ofType(vidverse, ACL).map((a) => a.name), [SHARED_ACL.CLOUDFRONT], "VidVerse has only a distribution");
        const off = await runSystem("padmakara", "dev", "apply", { "platform:firewall": '{"enabled":false}' });
        assert.ifError(off.error);
        assert.deepStrictEqual(ofType(off, ACL), []);
        assert.deepStrictEqual(ofType(off, "aws:kms/key:Key").filter((k) => k.name.startsWith("platform-")), [], "no key for logs nobody writes");
        assert.deepStrictEqual(wafFootprint(off), NO_WAF, "nothing on, alarming on or graphing a web ACL");
    });

    it("keeps a CloudFront ACL's logs in us-east-1 on a key of their own when the stack lives elsewhere", async () => {
        const result = await runSystem("vidverse", "dev", "apply", { "aws:region": "eu-west-1", ...devWithFirewall() });
        assert.ifError(result.error);
        const keys = ofType(result, "aws:kms/key:Key").filter((k) => k.name.startsWith("platform-"));
        assert.deepStrictEqual(keys.map((k) => k.name), ["platform-edge-logs-key"], "no key in the stack's region: no regional ACL");
        assert.match(String(keys[0].provider), /::platform-us-east-1::/);
        assert.strictEqual(inputs(one(result, "aws:cloudwatch/logGroup:LogGroup", `${SHARED_ACL.CLOUDFRONT}-logs`)).kmsKeyId, keys[0].outputs.arn);
    });
});
