/**
 * `npm run new-team`: scaffolds the spec and the stack file, reuses the spec for the second
 * environment, refuses malformed and taken names and unknown blueprints, and prints the next commands.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { main, NewTeamError, scaffoldTeam } from "../../engine/cli/new-team";
import { parseTeamSpec } from "../../programs/team/spec";
import { removeProject, tempTeamProject } from "./support";

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const w1 = process.stdout.write.bind(process.stdout);
    const w2 = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => { out.push(String(s)); return true; }) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => { err.push(String(s)); return true; }) as typeof process.stderr.write;
    try {
        return { code: await fn(), out: out.join(""), err: err.join("") };
    } finally {
        process.stdout.write = w1;
        process.stderr.write = w2;
    }
}

describe("npm run new-team", () => {
    let dir: string;
    beforeEach(() => { dir = tempTeamProject("new-team-"); });
    afterEach(() => removeProject(dir));

    const stackConfig = (stack: string) => (YAML.parse(fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> }).config;

    it("scaffolds the spec and a dev stack file, then prints the next commands", async () => {
        const r = await capture(() => main(["--team", "payments", "--env", "dev", "--from", "api-table", "--owner", "pay@example.com", "--cost-center", "CC-2001", "--dir", dir]));
        assert.strictEqual(r.code, 0, r.err);
        const spec = parseTeamSpec(fs.readFileSync(path.join(dir, "programs/teams/payments.yaml"), "utf8"), "payments.yaml");
        assert.deepStrictEqual([spec.team, spec.owner, spec.costCenter, spec.environments], ["payments", "pay@example.com", "CC-2001", ["dev"]]);
        assert.ok(spec.api && spec.table && spec.userPool);
        const config = stackConfig("payments-dev");
        assert.deepStrictEqual(
            [config["aws:region"], config["platform:environment"], config["platform:team"], config["platform:costCenter"], config["platform:teamSpec"], config["platform:protectData"]],
            ["us-east-1", "dev", "payments", "CC-2001", "programs/teams/payments.yaml", false]);
        assert.strictEqual((config["platform:storage"] as { forceDestroy: boolean }).forceDestroy, true);
        assert.strictEqual((config["platform:database"] as { auroraInstances: number }).auroraInstances, 1);
        assert.match(r.out, /npm run plan -- --stack payments-dev/);
        assert.match(r.out, /npm run snapshot:urns +# record the new stack's URNs in the baseline \(npm test checks every stack against it\)/);
        assert.match(r.out, /git add programs\/teams\/payments\.yaml Pulumi\.payments-dev\.yaml tests\/programs\/urn-snapshot\.json/);
        assert.match(r.out, /pulumi stack init payments-dev/);
        assert.match(r.out, /pulumi up --policy-pack policies --policy-pack-config policies\/config\/dev\.json/);
    });

    it("adds the prod environment by reusing the spec: protected prod settings, cost center from the spec", () => {
        scaffoldTeam({ team: "payments", env: "dev", from: "static-site", costCenter: "CC-2001", dir });
        const before = fs.readFileSync(path.join(dir, "programs/teams/payments.yaml"), "utf8");
        const result = scaffoldTeam({ team: "payments", env: "prod", from: "api-table", dir });
        assert.strictEqual(result.createdSpec, false);
        assert.ok(result.notes.some((n) => /--from api-table applies only to a new team/.test(n)));
        const after = fs.readFileSync(path.join(dir, "programs/teams/payments.yaml"), "utf8");
        assert.ok(after.startsWith("# yaml-language-server"), "comments kept");
        const spec = parseTeamSpec(after, "payments.yaml");
        assert.deepStrictEqual(spec.environments, ["dev", "prod"]);
        assert.deepStrictEqual(spec.cdn, parseTeamSpec(before, "x").cdn, "the static-site spec is kept");
        const config = stackConfig("payments-prod");
        assert.strictEqual(config["platform:protectData"], true);
        assert.strictEqual(config["platform:costCenter"], "CC-2001");
        assert.strictEqual((config["platform:storage"] as { forceDestroy: boolean }).forceDestroy, false);
        assert.throws(() => scaffoldTeam({ team: "payments", env: "prod", dir }), /stack payments-prod is taken: Pulumi\.payments-prod\.yaml exists/);
        assert.throws(() => scaffoldTeam({ team: "payments", env: "dev", costCenter: "CC-7", dir }), NewTeamError);
    });

    const refusals: [string, string[], RegExp][] = [
        ["a malformed name", ["--team", "Payments_1", "--env", "dev"], /--team "Payments_1": not a valid team name; allowed: lowercase letters, digits and single hyphens, 3 to 20 characters/],
        ["a name too long", ["--team", "a-very-long-team-name-indeed", "--env", "dev"], /not a valid team name/],
        ["a seed system's name", ["--team", "vibe", "--env", "dev"], /team name "vibe" is taken: it is a seed system/],
        ["the platform team's name", ["--team", "platform-engineering", "--env", "dev"], /is taken/],
        ["an unknown environment", ["--team", "payments", "--env", "qa"], /--env "qa": allowed: dev, prod/],
        ["an unknown blueprint", ["--team", "payments", "--env", "dev", "--from", "kitchen-sink"], /--from "kitchen-sink": no such blueprint; allowed: static-site, api-table, api-database, storage-only/],
        ["a bad owner", ["--team", "payments", "--env", "dev", "--owner", "nobody"], /--owner "nobody": allowed: an email address/],
        ["a bad cost center", ["--team", "payments", "--env", "dev", "--cost-center", "cc 1"], /--cost-center "cc 1": allowed: letters, digits and hyphens/],
    ];
    for (const [what, args, message] of refusals) {
        it(`refuses ${what} (exit 2, nothing written)`, async () => {
            const r = await capture(() => main([...args, "--dir", dir]));
            assert.strictEqual(r.code, 2);
            assert.match(r.err, message);
            assert.deepStrictEqual(fs.readdirSync(dir).sort(), ["Pulumi.yaml", "policies"]);
        });
    }

    it("answers a usage mistake with one line and a pointer to --help, with a did-you-mean for a mistyped flag", async () => {
        const typo = await capture(() => main(["--tem", "payments", "--env", "dev", "--dir", dir]));
        assert.strictEqual(typo.code, 2);
        assert.strictEqual(typo.err, "error: unknown option '--tem' (did you mean --team?)\n(npm run new-team -- --help lists the options)\n");
        const missing = await capture(() => main(["--env", "dev", "--dir", dir]));
        assert.strictEqual(missing.err, "error: --team and --env are required\n(npm run new-team -- --help lists the options)\n");
        const help = await capture(() => main(["--help"]));
        assert.strictEqual(help.code, 0);
        assert.match(help.out, /^usage: npm run new-team -- --team NAME --env dev\|prod/);
    });

    it("refuses a name another team already uses (another spec file or another stack's team)", () => {
        fs.mkdirSync(path.join(dir, "programs/teams"), { recursive: true });
        fs.writeFileSync(path.join(dir, "programs/teams/billing-old.yaml"), "team: billing\n");
        assert.throws(() => scaffoldTeam({ team: "billing", env: "dev", dir }), /team name "billing" is taken: it is the team of programs\/teams\/billing-old\.yaml/);
        fs.writeFileSync(path.join(dir, "Pulumi.legacy.yaml"), "config:\n  platform:team: ledger\n  platform:systems: [vibe]\n");
        assert.throws(() => scaffoldTeam({ team: "ledger", env: "dev", dir }), /team name "ledger" is taken: it is the team of stack legacy/);
        assert.ok(!fs.existsSync(path.join(dir, "Pulumi.ledger-dev.yaml")));
    });

    it("refuses a stack name that is taken", () => {
        fs.writeFileSync(path.join(dir, "Pulumi.orders-dev.yaml"), "config: {}\n");
        assert.throws(() => scaffoldTeam({ team: "orders", env: "dev", dir }), /stack orders-dev is taken/);
    });
});
