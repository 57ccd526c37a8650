/** The usage file: it changes usage costs, a resource entry wins over its type's default, and errors name the file and the key. */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { ESTIMATORS } from "../../engine/cost/estimators";
import { loadUsageFile, parseUsageFile, UsageFileError } from "../../engine/cost/usage";
import { estimate, type Fixture } from "./support";

const NAT = "aws:ec2/natGateway:NatGateway";
const FN = "aws:lambda/function:Function";
const fixtures: Fixture[] = [
    { type: "platform:core:System", name: "app" },
    { type: NAT, name: "app-nat", parent: "app" },
    { type: FN, name: "app-fn", parent: "app", props: { memorySize: 1024 } },
    { type: FN, name: "app-worker", parent: "app", props: { memorySize: 1024 } },
];
const usage = (doc: unknown) => parseUsageFile(YAML.stringify(doc), "Pulumi.test.usage.yaml");

describe("cost usage files", () => {
    it("add usage costs to the fixed ones: the same stack costs more with traffic", () => {
        const before = estimate(fixtures);
        const after = estimate(fixtures, usage({ version: 1, resources: { "app-nat": { dataProcessedGb: 200 } }, defaults: { [FN]: { requestsPerMonth: 1_000_000, averageDurationMs: 200 } } }));
        assert.deepStrictEqual([before.fixed, before.usage], [32.85, 0]);
        assert.strictEqual(after.fixed, 32.85, "usage never changes fixed costs");
        // NAT: 200 GB x $0.045 = $9; each function: 1M requests $0.20 + 200,000 GB-s x $0.0000166667,
        // $3.53 to the cent (each resource is rounded as a bill line is).
        assert.strictEqual(after.usage, 16.06);
        assert.strictEqual(after.systems[0].monthly, 48.91);
    });

    it("takes a resource's own entry over its type's default, and <type>::<name> entries too", () => {
        const c = estimate(fixtures, usage({ version: 1, defaults: { [FN]: { requestsPerMonth: 1_000_000, averageDurationMs: 100 } }, resources: { [`${FN}::app-worker`]: { requestsPerMonth: 0 } } }));
        const fn = c.resources.find((r) => r.name === "app-fn")!;
        const worker = c.resources.find((r) => r.name === "app-worker")!;
        assert.ok(fn.usage > 0);
        assert.deepStrictEqual(worker.components.map((x) => x.name), [], "its own 0 requests win over the default");
    });

    it("applies AWS's free allowances only when settings.applyFreeTier asks for them, once per stack", () => {
        const doc = (applyFreeTier: boolean) => ({ version: 1, settings: { applyFreeTier }, defaults: { [FN]: { requestsPerMonth: 1_000_000 } } });
        const paid = estimate(fixtures, usage(doc(false)));
        const free = estimate(fixtures, usage(doc(true)));
        assert.strictEqual(paid.usage, 0.4, "2M requests at $0.20 per million");
        assert.strictEqual(free.usage, 0.2, "the first 1M requests a month are free, once for the stack, not per function");
        assert.strictEqual(free.freeTierApplied, true);
    });

    it("names the file and the key of each problem, and what is allowed", () => {
        assert.throws(() => usage({ version: 2 }), (e: Error) => e instanceof UsageFileError && /Invalid usage file Pulumi\.test\.usage\.yaml/.test(e.message) && /version: got 2; allowed: 1/.test(e.message));
        assert.throws(() => usage({ version: 1, defaults: { [NAT]: { gigabytes: 3 } } }), /defaults\.aws:ec2\/natGateway:NatGateway\.gigabytes: no such usage key for aws:ec2\/natGateway:NatGateway; allowed: dataProcessedGb/);
        assert.throws(() => usage({ version: 1, defaults: { "aws:iam/role:Role": {} } }), /defaults\.aws:iam\/role:Role: no usage applies to this type/);
        assert.throws(() => usage({ version: 1, resources: { "app-nat": { dataProcessedGb: -1 } } }), /resources\.app-nat\.dataProcessedGb: got -1; allowed: .*0 or more/);
        assert.throws(() => usage({ version: 1, extra: true }), /no key "extra"; allowed: version, settings, defaults, resources/);
        assert.throws(() => estimate(fixtures, usage({ version: 1, resources: { "app-nat": { requests: 5 } } })), /Pulumi\.test\.usage\.yaml.*\n {2}- resources\.app-nat\.requests: no such usage key for aws:ec2\/natGateway:NatGateway; allowed: dataProcessedGb/);
    });

    it("warns about an entry that matches no resource (a renamed resource), without failing", () => {
        const c = estimate(fixtures, usage({ version: 1, resources: { "old-nat": { dataProcessedGb: 5 } } }));
        assert.deepStrictEqual(c.warnings, ["Pulumi.test.usage.yaml: resources.old-nat matches no resource of stack test"]);
    });

    it("is read from Pulumi.<stack>.usage.yaml beside the stack file, and is optional", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usage-"));
        try {
            assert.strictEqual(loadUsageFile(dir, "dev"), undefined);
            fs.writeFileSync(path.join(dir, "Pulumi.dev.usage.yaml"), "version: 1\nresources:\n  app-nat: { dataProcessedGb: 10 }\n");
            assert.deepStrictEqual(loadUsageFile(dir, "dev")!.resources.get("app-nat"), { dataProcessedGb: 10 });
            assert.strictEqual(loadUsageFile(dir, "dev")!.file, "Pulumi.dev.usage.yaml");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("the example usage file parses and shows every usage key of every type", () => {
        const file = path.join(__dirname, "..", "..", "engine", "cost", "usage.example.yaml");
        const example = parseUsageFile(fs.readFileSync(file, "utf8"), "usage.example.yaml");
        for (const [type, e] of Object.entries(ESTIMATORS)) {
            for (const key of Object.keys(e.usage)) assert.ok(example.defaults.get(type)?.[key] !== undefined, `usage.example.yaml lacks ${type}.${key}`);
        }
    });
});
