/** MultiMusic in the dev and prod stacks: the OAuth broker with its dev/prod differences. */
import * as assert from "assert";
import type { RunResult } from "../../engine/run";
import { dashboardBody, ungraphedAlarmMetrics, unlistedAlarms } from "../support/dashboards";
import { NO_WAF, sharedAcl, systemRules, wafFootprint } from "../support/firewalls";
import { keyCoverage, systemKeys } from "../support/keys";
import { inputs, ofType, one } from "../support/records";
import { readStackFile } from "../../engine/stack-file";
import { devWithFirewall, PROJECT_DIR, runSystem, stackRun } from "../support/stacks";

describe("MultiMusic program", function () {
    this.timeout(120_000);
    const runs: Record<string, RunResult> = {};
    before(async () => {
        for (const stack of ["dev", "prod"]) {
            runs[stack] = await runSystem("multimusic", stack, "apply");
            assert.strictEqual(runs[stack].error?.message, undefined);
        }
    });

    it("builds the broker under the system scope and exports its URL, tables and secret ARNs", () => {
        for (const stack of ["dev", "prod"]) {
            const broker = one(runs[stack], "platform:oauth:OAuthBroker");
            assert.match(String(broker.parent), /platform:core:System::multimusic$/);
            const out = runs[stack].outputs.multimusic as Record<string, unknown>;
            assert.match(String(out.url), /^https:\/\//);
            assert.ok(out.tokenTableName && out.stateTableName && out.sessionKeySecretArn);
            assert.ok(!JSON.stringify(out).includes("clientSecret"), "no secret values exported");
        }
    });

    it("takes the session lifetime and key rotation period from platform:multimusic", async () => {
        const stackMultimusic = JSON.parse(readStackFile(PROJECT_DIR, "platform", "prod").config["platform:multimusic"]);
        const tuned = await runSystem("multimusic", "prod", "preview", {
            "platform:multimusic": JSON.stringify({ ...stackMultimusic, sessionMaxLifetimeDays: 7, sessionKeyRotationDays: 14 }),
        });
        assert.ifError(tuned.error);
        assert.strictEqual(inputs(one(tuned, "aws:secretsmanager/secretRotation:SecretRotation", /session-key/)).rotationRules.automaticallyAfterDays, 14);
        const env = (fn: string) => inputs(one(tuned, "aws:lambda/function:Function", `multimusic-${fn}`)).environment.variables;
        assert.strictEqual(env("refresh").SESSION_MAX_LIFETIME_SECONDS, String(7 * 86400));
    });

    it("keeps the API private behind CloudFront and WAF in both stacks", () => {
        for (const stack of ["dev", "prod"]) {
            const api = one(runs[stack], "aws:apigateway/restApi:RestApi");
            assert.deepStrictEqual(inputs(api).endpointConfiguration.types, "PRIVATE");
            assert.ok(ofType(runs[stack], "aws:cloudfront/vpcOrigin:VpcOrigin").length === 1);
            assert.strictEqual(inputs(one(runs[stack], "aws:wafv2/webAcl:WebAcl", "multimusic-waf")).scope, "CLOUDFRONT");
        }
    });

    it("keeps its own CloudFront web ACL beside the stack's shared one (its limits cannot be scoped to its distribution), logging on the broker's logs key, and keeps it where the stack turns the shared ones off", async () => {
        const committed = await stackRun("dev");
        const withFirewall = await stackRun("dev", devWithFirewall());
        for (const whole of [committed, withFirewall]) {
            const label = whole === committed ? "committed dev" : "dev with the firewall on";
            const broker = one(whole, "aws:wafv2/webAcl:WebAcl", "multimusic-waf");
            assert.strictEqual(inputs(one(whole, "aws:cloudfront/distribution:Distribution", "multimusic-cdn")).webAclId, broker.outputs.arn, `${label}: the broker's distribution on its own ACL`);
            assert.strictEqual(inputs(one(whole, "aws:cloudwatch/logGroup:LogGroup", "multimusic-waf-logs")).kmsKeyId, one(whole, "aws:kms/key:Key", "multimusic-logs-key").outputs.arn, label);
            assert.deepStrictEqual(keyCoverage(whole).problems, [], `${label}: every key of the whole dev stack allows the services that use it`);
            assert.deepStrictEqual(systemKeys(whole, "multimusic"), ["multimusic-data-key", "multimusic-logs-key", "multimusic-token-key"], label);
        }
        assert.deepStrictEqual(systemRules(sharedAcl(withFirewall, "CLOUDFRONT"), "multimusic"), [], "no broker rule in the shared ACL");
        assert.deepStrictEqual(systemKeys(withFirewall, "platform"), ["platform-logs-key"], "the shared ACLs' logs: one key (the stack's region is us-east-1)");
        assert.deepStrictEqual(systemKeys(committed, "platform"), [], "committed dev: no shared ACL, no key for its logs");
        assert.deepStrictEqual(ofType(committed, "aws:wafv2/webAcl:WebAcl").map((a) => a.name), ["multimusic-waf"], "committed dev: the broker's is the stack's only web ACL");
    });

    it("has its web ACL, block-rate alarm and dashboard graph in both stacks (the seed's only entry point), whatever platform:firewall.enabled says", () => {
        const broker = { ...NO_WAF, acls: ["multimusic-waf"], protectedDistributions: ["multimusic-cdn"], alarms: ["multimusic-alarms-waf-block-rate: multimusic-waf"], graphs: ["multimusic-dashboard: multimusic-waf"] };
        for (const stack of ["dev", "prod"]) assert.deepStrictEqual(wafFootprint(runs[stack]), broker, stack);
    });

    it("runs the functions in private subnets in prod and outside the VPC in dev (the seed's cost option)", () => {
        const fns = (stack: string) => ofType(runs[stack], "aws:lambda/function:Function").filter((f) => /multimusic-(login|callback|refresh)$/.test(f.name));
        assert.strictEqual(fns("prod").length, 3);
        for (const f of fns("prod")) assert.ok(inputs(f).vpcConfig?.subnetIds?.length > 0, `${f.name} in the VPC`);
        for (const f of fns("dev")) assert.strictEqual(inputs(f).vpcConfig, undefined, `${f.name} outside the VPC`);
    });

    it("turns Bot Control on in prod only, from platform:firewall.botControl", () => {
        const hasBotControl = (stack: string) => JSON.stringify(inputs(one(runs[stack], "aws:wafv2/webAcl:WebAcl")).rules).includes("AWSManagedRulesBotControlRuleSet");
        assert.strictEqual(hasBotControl("prod"), true);
        assert.strictEqual(hasBotControl("dev"), false);
    });

    it("protects the token tables in prod (deletion protection, Pulumi protect) and not in dev; PITR in both", () => {
        for (const stack of ["dev", "prod"]) {
            const tables = ofType(runs[stack], "aws:dynamodb/table:Table");
            assert.strictEqual(tables.length, 2);
            for (const t of tables) {
                assert.strictEqual(inputs(t).pointInTimeRecovery.enabled, true);
                assert.strictEqual(inputs(t).deletionProtectionEnabled, stack === "prod");
                assert.strictEqual(t.options.protect, stack === "prod");
            }
        }
    });

    it("watches the age of the provider client secrets (set in each provider's console, rotated by hand)", () => {
        const prod = runs.prod;
        const targets = JSON.parse(inputs(one(prod, "aws:lambda/function:Function", "multimusic-secret-age")).environment.variables.TARGETS);
        const out = prod.outputs.multimusic as { providerSecretArns: Record<string, string> };
        assert.deepStrictEqual(targets, Object.fromEntries(Object.entries(out.providerSecretArns).map(([p, arn]) => [`${p}-client`, arn])));
        assert.ok(Object.keys(targets).includes("spotify-client"));
        for (const label of Object.keys(targets)) one(prod, "aws:cloudwatch/metricAlarm:MetricAlarm", `multimusic-alarms-multimusic-secret-age-${label}-age`);
        assert.strictEqual(ofType(prod, "aws:kms/key:Key").filter((k) => k.name.startsWith("multimusic-secret-age")).length, 0, "the broker's log key, no new key");
    });

    it("has a dashboard graphing every metric the broker's alarms read (NAT gateways in prod) and listing every alarm", () => {
        for (const stack of ["dev", "prod"]) {
            assert.deepStrictEqual(ungraphedAlarmMetrics(runs[stack], "multimusic-dashboard"), [], stack);
            assert.deepStrictEqual(unlistedAlarms(runs[stack], "multimusic-dashboard"), [], stack);
        }
        const headers = (stack: string) => dashboardBody(runs[stack], "multimusic-dashboard").widgets.filter((w) => w.type === "text").map((w) => w.properties.markdown);
        assert.ok(headers("prod").includes("## NAT gateways (outbound OAuth calls)"));
        assert.ok(!headers("dev").includes("## NAT gateways (outbound OAuth calls)"), "dev: functions outside the VPC, no NAT alarms");
    });

    it("rejects a stack that deploys multimusic without an origin certificate, naming the key", async () => {
        const result = await runSystem("multimusic", "dev", "preview", { "platform:multimusic": '{"frontendUrl":"https://x.example.com"}' });
        assert.match(String(result.error?.message), /platform:multimusic\.originCertificateArn: got nothing; allowed: the ACM certificate ARN/);
    });
});
