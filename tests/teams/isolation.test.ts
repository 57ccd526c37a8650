/**
 * Two teams cannot reach each other's resources: in the recorded inputs of team A's IAM policies,
 * every resource is one of A's own (by ARN or id), none is B's, and none is a wildcard except where
 * AWS offers no resource-level permission (X-Ray, EC2 Describe*, ENIs not created yet).
 */
import * as assert from "assert";
import { scaffoldTeam } from "../../engine/cli/new-team";
import { declaredResources, plain, runStack, type ResourceRecord, type RunResult } from "../../engine/run";
import { removeProject, tempTeamProject } from "./support";

/** Actions with no resource-level permissions in IAM: `*` is the only possible resource. */
const NO_RESOURCE_LEVEL = new Set(["xray:PutTraceSegments", "xray:PutTelemetryRecords", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"]);
/** ENI actions: the interfaces Lambda creates do not exist yet, so EC2 scopes them by type (this account and region). */
const ENI_ACTIONS = new Set(["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"]);

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** Every ARN and id a stack's resources have (what "its own resources" means). */
function ownership(run: RunResult): { arns: Set<string>; ids: Set<string> } {
    const arns = new Set<string>();
    const ids = new Set<string>();
    const walk = (v: unknown) => {
        if (typeof v === "string") {
            if (v.startsWith("arn:")) arns.add(v);
            else if (/^[a-z]+-[0-9a-f]{8,}$/.test(v)) ids.add(v); // ids a resource reports, e.g. the VPC's subnet ids
            return;
        }
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    for (const r of declaredResources(run)) {
        walk(plain(r.outputs));
        if (r.id && r.custom) ids.add(r.id);
    }
    return { arns, ids };
}

/** The resource a policy names, without the sub-resource suffix (objects, indexes, log streams). */
function base(resource: string): string {
    return resource.replace(/(:log-stream:\*|:\*|\/index\/\*|\/\*)$/, "");
}

interface Statement { Effect?: string; Action: string | string[]; Resource: string | string[] }

function policies(run: RunResult): { record: ResourceRecord; statements: Statement[] }[] {
    return declaredResources(run)
        .filter((r) => ["aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy"].includes(r.type))
        .map((record) => ({ record, statements: list((JSON.parse((plain(record.inputs) as { policy: string }).policy) as { Statement: Statement | Statement[] }).Statement) }));
}

describe("team isolation (IAM)", function () {
    this.timeout(300_000);
    let dir: string;
    const runs: Record<string, RunResult> = {};

    before(async () => {
        dir = tempTeamProject("team-isolation-");
        // Both shapes with a function: a table and a bucket (api-table), a database in a VPC (api-database).
        scaffoldTeam({ team: "alpha", env: "dev", from: "api-table", dir });
        scaffoldTeam({ team: "beta", env: "dev", from: "api-table", dir });
        scaffoldTeam({ team: "gamma", env: "prod", from: "api-database", dir });
        for (const stack of ["alpha-dev", "beta-dev", "gamma-prod"]) {
            runs[stack] = await runStack({ projectDir: dir, stack, mode: "apply" });
            assert.strictEqual(runs[stack].error, undefined);
        }
    });
    after(() => removeProject(dir));

    const pairs: [string, string[]][] = [["alpha-dev", ["beta-dev", "gamma-prod"]], ["beta-dev", ["alpha-dev", "gamma-prod"]], ["gamma-prod", ["alpha-dev", "beta-dev"]]];
    for (const [own, others] of pairs) {
        it(`${own}: the function's and every role's policies name only the team's own resources`, () => {
            const mine = ownership(runs[own]);
            const theirs = others.map((o) => ownership(runs[o]));
            const all = policies(runs[own]);
            assert.ok(all.some((p) => p.record.name.endsWith("-handler-policy")), "the function's role policy is recorded");
            const problems: string[] = [];
            let checked = 0;
            for (const { record, statements } of all) {
                for (const s of statements) {
                    if ((s.Effect ?? "Allow") !== "Allow") continue;
                    const actions = list(s.Action);
                    for (const resource of list(s.Resource)) {
                        checked++;
                        const at = `${record.name}: ${actions.join(",")} on ${resource}`;
                        if (theirs.some((t) => t.arns.has(base(resource)) || [...t.ids].some((id) => id.length > 8 && resource.includes(id)))) problems.push(`${at}: another team's resource`);
                        if (resource === "*") {
                            if (!actions.every((a) => NO_RESOURCE_LEVEL.has(a))) problems.push(`${at}: wildcard resource`);
                            continue;
                        }
                        if (/:network-interface\/\*$/.test(resource) && actions.every((a) => ENI_ACTIONS.has(a))) continue;
                        if (resource.includes("*") && base(resource).includes("*")) problems.push(`${at}: wildcard in the resource`);
                        const isMine = mine.arns.has(base(resource)) || [...mine.ids].some((id) => resource.endsWith(`/${id}`));
                        if (!isMine) problems.push(`${at}: not a resource of ${own}`);
                    }
                }
            }
            assert.ok(checked > 10, `${checked} resources checked`);
            assert.deepStrictEqual(problems, []);
        });
    }

    it("the function of a team with a table, bucket and secret is granted exactly those", () => {
        const run = runs["alpha-dev"];
        const arnOf = (type: string, name: string) => (plain(declaredResources(run).find((r) => r.type === type && r.name === name)!.outputs) as { arn: string }).arn;
        const granted = new Set(policies(run).filter((p) => /^alpha-(handler-policy|table-handler)$/.test(p.record.name))
            .flatMap((p) => p.statements.flatMap((s) => list(s.Resource).map(base))));
        for (const arn of [arnOf("aws:dynamodb/table:Table", "alpha-table"), arnOf("aws:s3/bucket:Bucket", "alpha-uploads"), arnOf("aws:secretsmanager/secret:Secret", "alpha-signing-key")]) {
            assert.ok(granted.has(arn), `${arn} granted; granted: ${[...granted].join(", ")}`);
        }
        assert.ok(!granted.has(arnOf("aws:s3/bucket:Bucket", "alpha-access-logs")), "the log bucket is not the function's");
    });

    it("rotates a team's generated secret on a schedule with a rotator that may touch that secret only", () => {
        const run = runs["alpha-dev"];
        const secret = declaredResources(run).find((r) => r.type === "aws:secretsmanager/secret:Secret" && r.name === "alpha-signing-key")!;
        const rotation = declaredResources(run).find((r) => r.type === "aws:secretsmanager/secretRotation:SecretRotation")!;
        assert.ok(rotation, "a rotation schedule");
        assert.strictEqual((plain(rotation.inputs) as { secretId: string }).secretId, secret.id);
        assert.strictEqual((plain(rotation.inputs) as { rotationRules: { automaticallyAfterDays: number } }).rotationRules.automaticallyAfterDays, 30);
        const rotator = policies(run).find((p) => /alpha-signing-key-rotator/.test(p.record.name))!;
        const secretArn = (plain(secret.outputs) as { arn: string }).arn;
        const touched = rotator.statements.filter((s) => list(s.Action).some((a) => a.startsWith("secretsmanager:"))).flatMap((s) => list(s.Resource));
        assert.deepStrictEqual([...new Set(touched)], [secretArn]);
    });
});
