/**
 * Inputs checked before any program runs: the policy configuration (unknown policy names with a
 * did-you-mean, unknown properties, wrong types, bad levels) and the exemptions file (schema, owner,
 * ticket, lifetime, no catch-all in prod, expiry warnings). Each mistake: one message naming the file,
 * the key, what was given and what is allowed; exit 2; no stack previewed.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import YAML from "yaml";
import { checkExemptionsFile, exemptionsJsonSchemaText } from "../../engine/gate/exemptions-file";
import { runGate } from "../../engine/gate/gate";
import { EXEMPTIONS_SCHEMA_FILE } from "../../engine/tools/gen-exemptions-schema";
import { policies } from "../../policies/policies";
import { fixture, plan, ROOT, tempDir } from "./support";

const CLEAN = fixture("clean", "index.ts");
/** Passes in prod with an advisory finding only, and needs none of the committed exemptions. */
const ADVISORY = fixture("triage", "advisory-only.ts");
const DAY = 24 * 3600 * 1000;
const inDays = (n: number, from = new Date()) => new Date(from.getTime() + n * DAY).toISOString().slice(0, 10);
const POLICY_NAMES = policies.map((p) => p.name);

function file(name: string, text: string): string {
    const f = path.join(tempDir(), name);
    fs.writeFileSync(f, text);
    return f;
}

/** Runs the gate on a clean program with the given input; asserts exit 2 before any program ran and returns stderr. */
async function refused(args: string[]): Promise<string> {
    const r = await plan("--program", CLEAN, "--env", "prod", ...args);
    assert.strictEqual(r.code, 2, r.stderr + r.stdout);
    assert.doesNotMatch(r.stderr, /previewing stack/, "no program ran");
    assert.strictEqual(r.stdout, "", "no report");
    return r.stderr;
}

const exemption = (over: Record<string, unknown> = {}) => ({
    policy: "aws-s3-bucket-versioning-enabled", resource: "*-scratch", reason: "Scratch buckets hold regenerated build output only",
    owner: "build-team@example.com", ticket: "BUILD-7", expires: inDays(30), ...over,
});
const exemptionsFile = (entries: Record<string, unknown>[], top: Record<string, unknown> = {}) => file("exemptions.yaml", YAML.stringify({ ...top, exemptions: entries }));

describe("inputs checked before any program runs", function () {
    this.timeout(120_000);

    describe("policy configuration", () => {
        const cases: [string, unknown, RegExp][] = [
            ["a mistyped policy name, with the name it probably meant",
                { "aws-s3-bucket-encrypton-required": "mandatory" },
                /^error: .*config\.json: policy name: got "aws-s3-bucket-encrypton-required"; allowed: the name of a policy of this pack \(\d+ policies, listed in policies\/README\.md\) or "all"; did you mean "aws-s3-bucket-encryption-required"\?$/],
            ["an unknown property of a policy",
                { "aws-s3-bucket-encryption-required": { enforcementLevel: "mandatory", requireKMS: true } },
                /^error: .*config\.json: aws-s3-bucket-encryption-required\.requireKMS: got true; allowed: the policy's properties: enforcementLevel, requireKms; did you mean "requireKms"\?$/],
            ["a property of the wrong type",
                { "aws-rds-backup-and-deletion-protection": { minBackupRetentionDays: "seven" } },
                /^error: .*config\.json: aws-rds-backup-and-deletion-protection\.minBackupRetentionDays: got "seven"; allowed: an integer >= 1$/],
            ["an unknown enforcement level",
                { "aws-s3-bucket-versioning-enabled": "blocking" },
                /^error: .*config\.json: aws-s3-bucket-versioning-enabled: got "blocking"; allowed: an enforcement level: advisory, mandatory, remediate, disabled$/],
            ["a property for a policy that takes none",
                { "aws-s3-bucket-versioning-enabled": { enforcementLevel: "advisory", mfaDelete: true } },
                /^error: .*config\.json: aws-s3-bucket-versioning-enabled\.mfaDelete: got true; allowed: the policy's properties: enforcementLevel \(it takes no other\)$/],
        ];
        for (const [what, config, message] of cases) {
            it(`refuses ${what}: one line, not the list of every policy`, async () => {
                const stderr = await refused(["--policy-config", file("config.json", JSON.stringify(config))]);
                assert.match(stderr.trimEnd(), message);
                assert.strictEqual(stderr.trimEnd().split("\n").length, 1, stderr);
                const others = POLICY_NAMES.filter((n) => !stderr.includes(n));
                assert.ok(others.length >= POLICY_NAMES.length - 2, "the pack's policies are not listed");
            });
        }

        it("says each mistake once, however many stacks use the file, and lists several mistakes one per line", async () => {
            const f = file("config.json", JSON.stringify({ "aws-s3-bucket-versioning-enabled": "blocking", "aws-s3-bucket-encryption-required": { requireKMS: true } }));
            const r = await plan("--stack", "dev", "--stack", "prod", "--policy-config", f);
            assert.strictEqual(r.code, 2);
            assert.doesNotMatch(r.stderr, /previewing stack/);
            assert.strictEqual((r.stderr.match(/blocking/g) ?? []).length, 1);
            assert.match(r.stderr, /config\.json: 2 problems:\n {2}- aws-s3-bucket-versioning-enabled: got "blocking"[^\n]*\n {2}- aws-s3-bucket-encryption-required\.requireKMS: got true/);
        });

        it("refuses a file that is not JSON, and an environment without a configuration", async () => {
            assert.match(await refused(["--policy-config", file("config.json", "{ not json")]), /config\.json: not valid policy configuration JSON/);
            const r = await plan("--program", CLEAN, "--env", "qa");
            assert.strictEqual(r.code, 2);
            assert.match(r.stderr, /^error: stack qa: its environment has no policy configuration \(policies\/config\/qa\.json does not exist\); environments with one: dev, prod, staging$/m);
            assert.doesNotMatch(r.stderr, /previewing stack/);
        });
    });

    describe("exemptions file", () => {
        const cases: [string, () => string, RegExp][] = [
            ["an exemption without an owner", () => { const { owner: _o, ...e } = exemption(); return exemptionsFile([e]); },
                /exemptions\.yaml: exemption #1 \(policy "aws-s3-bucket-versioning-enabled", resource "\*-scratch"\): owner: got nothing; allowed: who answers for the exemption: an email address or a team handle such as @acme\/payments \(required\)$/],
            ["an exemption without a ticket", () => { const { ticket: _t, ...e } = exemption(); return exemptionsFile([e]); },
                /exemption #1 \([^)]*\): ticket: got nothing; allowed: where its removal is tracked: an issue key such as PLAT-123, a #123 issue number, or an https:\/\/ link \(required\)$/],
            ["a ticket that points nowhere", () => exemptionsFile([exemption({ ticket: "soon" })]),
                /exemption #1 \([^)]*\): ticket: got "soon"; allowed: where its removal is tracked/],
            ["an expiry beyond the maximum lifetime", () => exemptionsFile([exemption({ expires: inDays(400) })]),
                /exemption #1 \([^)]*\): expires: got "\d{4}-\d{2}-\d{2}"; allowed: a date at most 180 days ahead \(by \d{4}-\d{2}-\d{2}; it is 400 days ahead\); renew it when it expires, or raise maxLifetimeDays at the top of the file$/],
            ["a pattern covering every resource of a prod stack", () => exemptionsFile([exemption({ resource: "*" })]),
                /exemption #1 \(policy "aws-s3-bucket-versioning-enabled", resource "\*"\): resource: got "\*"; allowed: a pattern naming the resources it exempts \(e\.g\. "\*-replica" or a URN\); this one covers every resource of prod stack prod, which is refused in prod$/],
            ["a prod-wide URN pattern", () => exemptionsFile([exemption({ resource: "urn:pulumi:prod::*" })]),
                /resource: got "urn:pulumi:prod::\*"; allowed: a pattern naming the resources it exempts/],
            ["a mistyped policy name", () => exemptionsFile([exemption({ policy: "aws-s3-bucket-versoning-enabled" })]),
                /policy: got "aws-s3-bucket-versoning-enabled"; allowed: the name of a policy of the pack \(\d+ policies, listed in policies\/README\.md\); did you mean "aws-s3-bucket-versioning-enabled"\?$/],
            ["an unknown field", () => exemptionsFile([exemption({ approvedBy: "cto" })]),
                /exemption #1 \([^)]*\): approvedBy: got "cto"; allowed: no field "approvedBy"; the fields are policy, resource, reason, owner, ticket, expires$/],
            ["a reason too short to explain anything", () => exemptionsFile([exemption({ reason: "legacy" })]),
                /reason: got "legacy"; allowed: at least 20 characters saying why the policy does not apply to these resources$/],
            ["a date that is not a date", () => exemptionsFile([exemption({ expires: "next year" })]),
                /expires: got "next year"; allowed: an ISO date YYYY-MM-DD/],
            ["a file that is not YAML", () => file("exemptions.yaml", "exemptions: [\n"),
                /exemptions\.yaml: <file>: got nothing; allowed: valid YAML/],
        ];
        for (const [what, make, message] of cases) {
            it(`refuses ${what}`, async () => {
                const stderr = await refused(["--exemptions", make()]);
                assert.match(stderr.trimEnd(), message);
            });
        }

        it("lists every problem of the file in one message", async () => {
            const stderr = await refused(["--exemptions", exemptionsFile([exemption({ ticket: "soon" }), exemption({ resource: "*", owner: "" })])]);
            assert.match(stderr, /exemptions\.yaml: 3 problems:\n {2}- exemption #1 [^\n]*ticket[^\n]*\n {2}- exemption #2 [^\n]*owner[^\n]*\n {2}- exemption #2 [^\n]*resource/);
        });

        it("accepts a longer lifetime when maxLifetimeDays says so, and a catch-all outside prod", async () => {
            const longer = await plan("--program", ADVISORY, "--env", "prod", "--quiet", "--preview-only", "--exemptions", exemptionsFile([exemption({ expires: inDays(300) })], { maxLifetimeDays: 365 }));
            assert.strictEqual(longer.code, 0, longer.stderr);
            const dev = await plan("--program", ADVISORY, "--env", "dev", "--quiet", "--preview-only", "--exemptions", exemptionsFile([exemption({ resource: "*" })]));
            assert.strictEqual(dev.code, 0, dev.stderr);
        });

        it("warns about exemptions expiring within 14 days (fixed clock), in the report and on stderr", async () => {
            const now = new Date("2026-06-01T12:00:00Z");
            const ctx = { policies: POLICY_NAMES, stacks: [{ stack: "prod", environment: "prod" }], project: "platform", now };
            const doc = (expires: string, top: Record<string, unknown> = {}) => ({ ...top, exemptions: [exemption({ expires })] });
            assert.deepStrictEqual(checkExemptionsFile(doc("2026-06-10"), ctx, "policies/exemptions.yaml").warnings, [
                `policies/exemptions.yaml: exemption #1 (policy "aws-s3-bucket-versioning-enabled", resource "*-scratch") (owner build-team@example.com, ticket BUILD-7) expires on 2026-06-10, in 9 days; after that its violations count again: fix the resources, or renew it with an up-to-date reason`,
            ]);
            assert.match(checkExemptionsFile(doc("2026-06-01"), ctx).warnings[0], /expires on 2026-06-01, today;/);
            assert.deepStrictEqual(checkExemptionsFile(doc("2026-06-16"), ctx).warnings, [], "15 days ahead: no warning");
            assert.strictEqual(checkExemptionsFile(doc("2026-06-16", { expiryWarningDays: 30 }), ctx).warnings.length, 1, "the window is configurable");
            assert.throws(() => checkExemptionsFile(doc("2026-11-29"), ctx), /181 days ahead/, "day 181 is over the limit");
            checkExemptionsFile(doc("2026-11-28"), ctx); // day 180 is allowed

            const f = exemptionsFile([exemption({ expires: "2026-06-05" })]);
            const report = await runGate({ projectDir: ROOT, program: { file: CLEAN, env: "prod" }, exemptionsFile: f, now, previewOnly: true });
            assert.deepStrictEqual(report.warnings.map((w) => /in (\d+) days/.exec(w)?.[1]), ["4"]);
            const cli = await plan("--program", ADVISORY, "--env", "prod", "--preview-only", "--no-tree", "--exemptions", exemptionsFile([exemption({ expires: inDays(3) })]));
            assert.strictEqual(cli.code, 0);
            assert.match(cli.stderr, /^warning: .*exemptions\.yaml: exemption #1 [^\n]* expires on \d{4}-\d{2}-\d{2}, in 3 days;/m);
            assert.match(cli.stdout, /^Warnings:\n {2}.*in 3 days/m);
        });

        it("the committed file passes for the project's stacks today", () => {
            const stacks = [{ stack: "dev", environment: "dev" }, { stack: "prod", environment: "prod" }];
            const checked = checkExemptionsFile(path.join(ROOT, "policies", "exemptions.yaml"), { policies: POLICY_NAMES, stacks, project: "platform", now: new Date() });
            assert.ok(checked.file.exemptions.length > 0);
            for (const e of checked.file.exemptions) assert.ok(e.owner && e.ticket, `${e.policy}: owner and ticket`);
        });

        describe("JSON Schema (policies/exemptions.schema.json)", () => {
            it("is up to date with the zod schema (regenerate with npm run gen:exemptions-schema)", () => {
                assert.strictEqual(fs.readFileSync(EXEMPTIONS_SCHEMA_FILE, "utf8"), exemptionsJsonSchemaText());
            });

            it("accepts the committed file and rejects an entry without an owner, as the gate does", () => {
                const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(JSON.parse(fs.readFileSync(EXEMPTIONS_SCHEMA_FILE, "utf8")));
                const committed = YAML.parse(fs.readFileSync(path.join(ROOT, "policies", "exemptions.yaml"), "utf8"));
                assert.ok(validate(committed), JSON.stringify(validate.errors));
                const { owner: _o, ...noOwner } = exemption();
                assert.ok(!validate({ exemptions: [noOwner] }));
                assert.ok(!validate({ exemptions: [exemption({ extra: 1 })] }));
            });

            it("is what editors find: the committed YAML names it", () => {
                assert.match(fs.readFileSync(path.join(ROOT, "policies", "exemptions.yaml"), "utf8"), /^# yaml-language-server: \$schema=\.\/exemptions\.schema\.json$/m);
            });
        });
    });
});
