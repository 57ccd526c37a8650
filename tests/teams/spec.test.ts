/**
 * The team spec: strict validation whose errors name the file, the field and what is allowed; no
 * field can switch a guardrail off; the committed JSON Schema is the zod schema's and behaves alike.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { BLUEPRINT_NAMES, BLUEPRINTS } from "../../programs/team/blueprints";
import { SCHEMA_FILE } from "../../programs/team/gen-schema";
import { checkStackAgainstSpec } from "../../programs/team";
import { loadTeamSpec, parseTeamSpec, teamSpecJsonSchemaText, TeamSpecError, validateTeamSpec } from "../../programs/team/spec";
import type { PlatformConfig } from "../../programs/config/schema";

const FILE = "programs/teams/payments.yaml";
const BASE = { team: "payments", owner: "payments-team@example.com", costCenter: "CC-2001", environments: ["dev"] };

function problemsOf(raw: unknown): TeamSpecError {
    try {
        validateTeamSpec(raw, FILE);
    } catch (e) {
        assert.ok(e instanceof TeamSpecError, String(e));
        assert.ok(e.message.startsWith(`Invalid team spec ${FILE}`), e.message);
        return e;
    }
    assert.fail("the spec was accepted");
}

function problem(raw: unknown, field: string) {
    const e = problemsOf(raw);
    const p = e.problems.find((x) => x.field === field);
    assert.ok(p, `no problem for ${field}: ${e.message}`);
    assert.ok(e.message.includes(`  - ${field}: got `), e.message);
    return p;
}

describe("team spec", () => {
    it("accepts every blueprint's spec", () => {
        for (const b of BLUEPRINT_NAMES) validateTeamSpec(BLUEPRINTS[b].spec({ ...BASE, environments: ["dev"] }), FILE);
    });

    it("rejects an unknown field, naming it and the allowed fields", () => {
        const p = problem({ ...BASE, bukets: [] }, "bukets");
        assert.match(p.allowed, /unknown field/);
        assert.match(p.allowed, /allowed fields: team, owner, costCenter, environments, buckets, cdn, api, table, database, userPool, secrets, alarms/);
    });

    it("rejects a missing owner, saying what is required", () => {
        const { owner: _owner, ...noOwner } = BASE;
        const p = problem(noOwner, "owner");
        assert.strictEqual(p.given, undefined);
        assert.match(p.allowed, /contact email.*required/);
        assert.match(problemsOf(noOwner).message, /owner: got nothing; allowed: /);
        assert.match(problem({ ...BASE, owner: "not-an-email" }, "owner").allowed, /email address/);
    });

    it("rejects bad routes: path, method, authorization, duplicates, cognito without a user pool", () => {
        const api = (routes: unknown[]) => ({ ...BASE, api: { routes } });
        for (const bad of ["items", "/items/", "/items//x", "/{proxy+}/x", "/items/*", "/"]) {
            const p = problem(api([{ method: "GET", path: bad, authorization: "none" }]), "api.routes[0].path");
            assert.match(p.allowed, /path starting with \/|other than \//, bad);
        }
        assert.match(problem(api([{ method: "FETCH", path: "/a", authorization: "none" }]), "api.routes[0].method").allowed, /"GET".*"ANY"/);
        assert.match(problem(api([{ method: "GET", path: "/a", authorization: "public" }]), "api.routes[0].authorization").allowed, /"cognito", "apiKey", "iam", "none"/);
        assert.match(problem(api([{ method: "GET", path: "/a", authorization: "none" }, { method: "GET", path: "/a", authorization: "iam" }]), "api.routes[1]").allowed, /one route per method and path/);
        assert.match(problem(api([{ method: "GET", path: "/a", authorization: "cognito" }]), "api.routes[0].authorization").allowed, /userPool/);
        validateTeamSpec(api([{ method: "ANY", path: "/a/{id}/{proxy+}", authorization: "iam" }]), FILE);
    });

    const guardrailAttempts: [string, Record<string, unknown>, string][] = [
        ["public bucket", { buckets: [{ name: "site", purpose: "web site", public: true }] }, "buckets[0].public"],
        ["unencrypted bucket", { buckets: [{ name: "site", purpose: "web site", encryption: "none" }] }, "buckets[0].encryption"],
        ["force destroy", { buckets: [{ name: "site", purpose: "web site", forceDestroy: true }] }, "buckets[0].forceDestroy"],
        ["tags override", { tags: { Team: "someone-else" } }, "tags"],
        ["table without protection", { table: { partitionKey: { name: "pk" }, deletionProtection: false } }, "table.deletionProtection"],
        ["database without final snapshot", { database: { skipFinalSnapshot: true } }, "database.skipFinalSnapshot"],
        ["API without WAF", { api: { routes: [{ method: "GET", path: "/a", authorization: "none" }], waf: false } }, "api.waf"],
    ];
    for (const [what, extra, field] of guardrailAttempts) {
        it(`has no field to switch a guardrail off (${what}): ${field} fails, pointing at the reasoned exemptions`, () => {
            const p = problem({ ...BASE, ...extra }, field);
            assert.match(p.allowed, /unknown field/);
            assert.match(p.allowed, /policies\/exemptions\.yaml/);
        });
    }

    it("checks fields against each other: the CDN's bucket, table or database, names once", () => {
        assert.match(problem({ ...BASE, buckets: [{ name: "files", purpose: "the files" }], cdn: { bucket: "site" } }, "cdn.bucket").allowed, /one of the spec's buckets: files/);
        assert.match(problem({ ...BASE, table: { partitionKey: { name: "pk" } }, database: {} }, "database").allowed, /either table .* or database/);
        assert.match(problem({ ...BASE, secrets: [{ name: "a1", value: "generated" }, { name: "a1", value: "placeholder" }] }, "secrets[1].name").allowed, /not used by another/);
        assert.match(problem({ ...BASE, secrets: [{ name: "a1", value: "placeholder", rotationDays: 30 }] }, "secrets[0].rotationDays").allowed, /only for a generated secret/);
        assert.match(problem({ ...BASE, secrets: [{ name: "a1", value: "generated", rotationDays: 0 }] }, "secrets[0].rotationDays").allowed, />=\s*1|1/);
        assert.match(problem({ ...BASE, table: { partitionKey: { name: "pk" }, ttlAttribute: "pk" } }, "table.ttlAttribute").allowed, /not a table key/);
        assert.match(problem({ ...BASE, team: "Payments_Team" }, "team").allowed, /lowercase letters/);
    });

    it("names the file for YAML and file errors", () => {
        assert.throws(() => parseTeamSpec("team: [", FILE), (e: Error) => e instanceof TeamSpecError && e.message.includes(FILE) && /valid YAML/.test(e.message));
        assert.throws(() => loadTeamSpec(os.tmpdir(), "programs/teams/nobody.yaml"), /programs\/teams\/nobody\.yaml[\s\S]*<file>[\s\S]*npm run new-team/);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spec-"));
        fs.mkdirSync(path.join(dir, "programs/teams"), { recursive: true });
        fs.writeFileSync(path.join(dir, FILE), "team: payments\nowner: a@example.com\ncostCenter: CC-1\nenvironments: [dev]\nbuckets:\n  - name: raw\n    purpose: raw files\n    public: true\n");
        assert.throws(() => loadTeamSpec(dir, FILE), /Invalid team spec programs\/teams\/payments\.yaml[\s\S]*buckets\[0\]\.public: got true; allowed: no field "public"/);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("must agree with its stack: team, cost center and environment", () => {
        const spec = validateTeamSpec(BASE, FILE);
        const config = { team: "payments", costCenter: "CC-2001", environment: "dev", stack: "payments-dev" } as PlatformConfig;
        checkStackAgainstSpec(spec, config, FILE);
        assert.throws(() => checkStackAgainstSpec(spec, { ...config, team: "billing" }, FILE), /payments\.yaml[\s\S]*- team: got "payments"; allowed: the stack's platform:team \("billing"/);
        assert.throws(() => checkStackAgainstSpec(spec, { ...config, costCenter: "CC-9" }, FILE), /costCenter: got "CC-2001"/);
        assert.throws(() => checkStackAgainstSpec(spec, { ...config, environment: "prod" }, FILE), /environments: got \["dev"\]; allowed: a list including the stack's environment "prod"/);
    });

    describe("JSON Schema (programs/teams/team-spec.schema.json)", () => {
        it("is up to date with the zod schema (regenerate with npm run gen:team-schema)", () => {
            assert.strictEqual(fs.readFileSync(SCHEMA_FILE, "utf8"), teamSpecJsonSchemaText());
        });

        it("accepts the blueprints and rejects unknown and guardrail fields, as the zod schema does", () => {
            const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
            const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")));
            for (const b of BLUEPRINT_NAMES) assert.ok(validate(BLUEPRINTS[b].spec({ ...BASE, environments: ["dev", "prod"] })), `${b}: ${ajv.errorsText(validate.errors)}`);
            assert.ok(!validate({ ...BASE, buckets: [{ name: "site", purpose: "web site", public: true }] }));
            assert.ok(!validate({ ...BASE, tags: {} }));
            const { owner: _owner, ...noOwner } = BASE;
            assert.ok(!validate(noOwner));
        });
    });
});
