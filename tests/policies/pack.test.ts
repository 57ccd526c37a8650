/**
 * The pack as a whole: what the offline gate and the CLI rely on (names, metadata, configs, types).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { basePolicies, packName, policies, policyMetadata } from "../../policies/policies";
import { typeRegistry } from "../../policies/lib/define";
import { resourceTypeTokens } from "../support/provider-types";

const root = path.join(__dirname, "..", "..");
const configs = ["dev", "staging", "prod"].map((env) => ({ env, config: JSON.parse(fs.readFileSync(path.join(root, "policies", "config", `${env}.json`), "utf8")) as Record<string, unknown> }));

describe("policy pack", () => {
    it("is named platform-guardrails and serves every policy once, exemption reports last", () => {
        assert.strictEqual(packName, "platform-guardrails");
        const names = policies.map((p) => p.name);
        assert.strictEqual(new Set(names).size, names.length);
        assert.deepStrictEqual(names.slice(-2), ["platform-exemptions-expired", "platform-exemptions-unmatched"]);
        assert.strictEqual(policies.length, basePolicies.length + 2);
    });

    it("names policies aws-<service>-<resource>-<verb-phrase>", () => {
        for (const p of basePolicies) assert.match(p.name, /^aws-[a-z0-9]+-[a-z0-9]+-[a-z0-9-]+$/, p.name);
    });

    it("has metadata (severity, area, remediation) for every policy", () => {
        for (const p of policies) {
            const m = policyMetadata[p.name];
            assert.ok(m, p.name);
            assert.ok(["critical", "high", "medium", "low"].includes(m.severity), p.name);
            assert.ok(m.area && m.remediation.length >= 10, p.name);
            assert.strictEqual(p.remediationSteps, m.remediation, p.name);
            for (const id of m.cdkNag ?? []) assert.match(id, /^(AwsSolutions|NIST\.800\.53\.R5|HIPAA\.Security|PCI\.DSS\.321)-[A-Za-z0-9]+$/, `${p.name}: ${id}`);
            for (const id of m.checkov ?? []) assert.match(id, /^CKV2?_AWS_\d+$/, `${p.name}: ${id}`);
        }
    });

    it("keeps one policy per file, in a folder per area, each with its spec file beside the others of its area", () => {
        for (const p of basePolicies) {
            const area = policyMetadata[p.name].area;
            const file = path.join(root, "policies", area, `${p.name.replace(/^aws-/, "")}.ts`);
            assert.ok(fs.existsSync(file), `${p.name} lives in ${path.relative(root, file)}`);
            const spec = path.join(root, "tests", "policies", area, `${p.name.replace(/^aws-/, "")}.test.ts`);
            assert.ok(fs.existsSync(spec), `${p.name} has its spec in ${path.relative(root, spec)}`);
            assert.ok(fs.readFileSync(spec, "utf8").includes(`describePolicy("${p.name}"`), `${path.relative(root, spec)} describes ${p.name}`);
        }
    });

    it("cites only cdk-nag and checkov ids read from the anchors' own sources", () => {
        const anchors = JSON.parse(fs.readFileSync(path.join(__dirname, "support", "anchors.json"), "utf8")) as { ids: Record<string, { title: string; file: string }> };
        const cited = new Set<string>();
        for (const [name, m] of Object.entries(policyMetadata)) {
            for (const id of [...(m.cdkNag ?? []), ...(m.checkov ?? [])]) {
                assert.ok(anchors.ids[id], `${name} cites ${id}, which is not in tests/policies/support/anchors.json`);
                cited.add(id);
            }
        }
        assert.deepStrictEqual(Object.keys(anchors.ids).filter((id) => !cited.has(id)), [], "anchors.json lists ids no policy cites");
    });

    it("does not cite the ids found wrong (issue 12) where they were wrong", () => {
        const ids = (name: string) => [...(policyMetadata[name].cdkNag ?? []), ...(policyMetadata[name].checkov ?? [])];
        const all = Object.keys(policyMetadata).flatMap(ids);
        assert.ok(!all.includes("AwsSolutions-SNS2"), "AwsSolutions-SNS2 was removed from cdk-nag");
        assert.ok(!all.includes("CKV_AWS_260"), "CKV_AWS_260 forbids port 80, which the security group rule allows");
        assert.ok(!ids("aws-s3-bucket-acl-disallow-public").includes("AwsSolutions-S2"), "AwsSolutions-S2 is the public access block");
        assert.ok(!ids("aws-cloudfront-distribution-origin-https-required").includes("CKV2_AWS_42"), "CKV2_AWS_42 is the custom viewer certificate");
    });

    it("checks only type tokens that exist in @pulumi/aws 7.48 (or the taggable list)", () => {
        const tokens = resourceTypeTokens("@pulumi/aws");
        for (const [name, types] of Object.entries(typeRegistry)) {
            if (name === "aws-resources-required-tags") continue;
            for (const t of types) assert.ok(tokens.has(t), `${name}: ${t} is not a @pulumi/aws resource type`);
        }
    });

    // What policies/package.json lists is checked in tests/ci/policy-pack-package.test.ts, which follows
    // the pack's imports through every module it loads (engine/cost included).

    it("ships dev, staging and prod configs naming only real policies with the CLI's levels", () => {
        const names = new Set(policies.map((p) => p.name));
        for (const { env, config } of configs) {
            for (const [name, value] of Object.entries(config)) {
                assert.ok(name === "all" || names.has(name), `${env}: unknown policy ${name}`);
                const level = typeof value === "string" ? value : (value as { enforcementLevel?: string }).enforcementLevel;
                assert.ok(["advisory", "mandatory", "disabled", "remediate"].includes(String(level)), `${env}: ${name}`);
                if (typeof value === "object") {
                    const schema = policies.find((p) => p.name === name)!.configSchema?.properties ?? {};
                    for (const key of Object.keys(value as object)) if (key !== "enforcementLevel") assert.ok(key in schema, `${env}: ${name}.${key} is not in the config schema`);
                }
            }
            assert.strictEqual((config["aws-resources-required-tags"] as { environment: string }).environment, env);
        }
    });

    it("makes data safety mandatory in prod and advisory in dev, and requires KMS and WAF in prod", () => {
        const dataSafety = basePolicies.filter((p) => policyMetadata[p.name].area === "data-safety").map((p) => p.name);
        assert.ok(dataSafety.length >= 5);
        const [dev, , prod] = configs.map((c) => c.config);
        for (const name of dataSafety) {
            assert.strictEqual(dev[name], "advisory", name);
            assert.strictEqual(prod[name], "mandatory", name);
        }
        assert.strictEqual((prod["aws-s3-bucket-encryption-required"] as { requireKms: boolean }).requireKms, true);
        assert.strictEqual(prod["aws-apigateway-restapi-private-or-waf"], "mandatory");
    });

    it("never crashes on a resource whose every input is unknown", async () => {
        const { runPolicy, UNKNOWN } = await import("../../policies/testing");
        const types = [...new Set(Object.values(typeRegistry).flat())].filter((t) => t.startsWith("aws:")).slice(0, 400);
        for (const p of policies) {
            const fixture = types.map((type, i) => ({ type, name: `r${i}`, props: { bucket: UNKNOWN, policy: UNKNOWN, tags: UNKNOWN, acl: UNKNOWN, rules: UNKNOWN, ingress: UNKNOWN, environment: UNKNOWN, containerDefinitions: UNKNOWN } }));
            const violations = await runPolicy(p, fixture, {});
            for (const v of violations) assert.ok(v.pending || v.enforcementLevel, `${p.name}: ${v.message}`);
        }
    });
});

describe("policies/README.md", () => {
    it("lists every policy with its level in dev, staging and prod", () => {
        const readme = fs.readFileSync(path.join(root, "policies", "README.md"), "utf8");
        for (const p of policies) {
            const row = readme.split("\n").find((l) => l.startsWith(`| \`${p.name}\` |`));
            assert.ok(row, `README has no row for ${p.name}`);
            const cells = row.split("|").map((c) => c.trim());
            configs.forEach(({ config }, i) => {
                const v = config[p.name];
                const expected = v === undefined ? p.enforcementLevel : typeof v === "string" ? v : (v as { enforcementLevel: string }).enforcementLevel;
                assert.ok(cells[4 + i].startsWith(String(expected)), `${p.name}: README says ${cells[4 + i]}, config says ${expected}`);
            });
            const m = policyMetadata[p.name];
            assert.strictEqual(cells[2], m.area, `${p.name}: README area`);
            assert.strictEqual(cells[3], m.severity, `${p.name}: README severity`);
            const ids = [...(m.cdkNag ?? []), ...(m.checkov ?? [])];
            assert.strictEqual(cells[8], ids.length > 0 ? ids.join(", ") : "—", `${p.name}: README anchors must be the metadata's ids`);
            assert.ok(cells[7].length > 10 && cells[9].length > 0, `${p.name}: README says what it checks and what it checks beyond / less than the anchors`);
        }
    });
});
