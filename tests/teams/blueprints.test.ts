/**
 * Every blueprint scaffolds team stacks (dev and prod) that pass the gate with zero mandatory
 * violations, are named and tagged after the team, and are protected in prod.
 */
import * as assert from "assert";
import { scaffoldTeam } from "../../engine/cli/new-team";
import { runGate, type GateReport } from "../../engine/gate/gate";
import { declaredResources, plain, runStack } from "../../engine/run";
import { STATEFUL } from "../../engine/tools/urn-snapshot";
import { isTaggable } from "../../components/shared/tags";
import { BLUEPRINT_NAMES } from "../../programs/team/blueprints";
import { removeProject, tempTeamProject } from "./support";

const teamOf = (blueprint: string) => `bp-${blueprint}`;

describe("team blueprints through the gate", function () {
    this.timeout(300_000);
    let dir: string;
    let report: GateReport;

    before(async () => {
        dir = tempTeamProject("team-blueprints-");
        for (const blueprint of BLUEPRINT_NAMES) {
            scaffoldTeam({ team: teamOf(blueprint), env: "dev", from: blueprint, owner: "owner@example.com", costCenter: "CC-2001", dir });
            scaffoldTeam({ team: teamOf(blueprint), env: "prod", dir });
        }
        report = await runGate({ projectDir: dir });
    });
    after(() => removeProject(dir));

    it("gates all eight scaffolded stacks (the gate picks team stack files up by itself)", () => {
        assert.deepStrictEqual(report.stacks.map((s) => s.stack).sort(), BLUEPRINT_NAMES.flatMap((b) => [`${teamOf(b)}-dev`, `${teamOf(b)}-prod`]).sort());
    });

    for (const blueprint of BLUEPRINT_NAMES) {
        for (const env of ["dev", "prod"]) {
            it(`${blueprint} in ${env}: runs and has zero mandatory violations`, () => {
                const s = report.stacks.find((x) => x.stack === `${teamOf(blueprint)}-${env}`)!;
                assert.strictEqual(s.error, null);
                assert.strictEqual(s.environment, env);
                assert.ok(s.resources.length > 10, `${s.resources.length} resources`);
                const mandatory = s.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy} ${v.urn}: ${v.message}`);
                assert.deepStrictEqual(mandatory, []);
            });
        }
    }

    it("every resource is named after its team and tagged with it (System, Team, CostCenter from the spec)", async () => {
        const team = teamOf("api-database");
        const result = await runStack({ projectDir: dir, stack: `${team}-dev`, mode: "apply" });
        assert.strictEqual(result.error, undefined);
        const resources = declaredResources(result);
        assert.deepStrictEqual(resources.filter((r) => !r.name.startsWith(`${team}`)).map((r) => r.urn), []);
        const system = resources.find((r) => r.type === "platform:core:System")!;
        assert.strictEqual(system.name, team);
        for (const r of resources.filter((x) => isTaggable(x.type))) {
            const tags = (plain(r.inputs) as { tags?: Record<string, string> }).tags;
            assert.deepStrictEqual({ System: tags?.System, Team: tags?.Team, CostCenter: tags?.CostCenter, Environment: tags?.Environment },
                { System: team, Team: team, CostCenter: "CC-2001", Environment: "dev" }, r.urn);
        }
    });

    it("prod protects every stateful resource; dev (protectData false) does not", async () => {
        const team = teamOf("api-table");
        const prod = await runStack({ projectDir: dir, stack: `${team}-prod`, mode: "preview" });
        const dev = await runStack({ projectDir: dir, stack: `${team}-dev`, mode: "preview" });
        const statefulProd = declaredResources(prod).filter((r) => STATEFUL.has(r.type));
        assert.ok(statefulProd.some((r) => r.type === "aws:dynamodb/table:Table"));
        assert.deepStrictEqual(statefulProd.filter((r) => !r.options.protect || !r.options.retainOnDelete).map((r) => r.urn), []);
        assert.ok(declaredResources(dev).filter((r) => STATEFUL.has(r.type)).every((r) => !r.options.protect));
        const table = (run: typeof prod) => plain(declaredResources(run).find((r) => r.type === "aws:dynamodb/table:Table")!.inputs) as Record<string, unknown>;
        assert.strictEqual(table(prod).deletionProtectionEnabled, true);
        assert.strictEqual(table(dev).deletionProtectionEnabled, false);
    });
});
