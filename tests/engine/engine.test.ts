/**
 * The offline engine: what it records, its preview and apply semantics, the data sources it answers,
 * and that it is deterministic.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { declaredResources, isUnknown, plain, runProgram, UNKNOWN, type RunResult } from "../../engine/run";
import { flattenConfig, programOf } from "../../engine/stack-file";
import { renderPolicyDocument } from "../../engine/aws-fakes";

const DEPS = path.join(__dirname, "..", "fixtures", "deps", "index.ts");
const OPTIONS = path.join(__dirname, "..", "fixtures", "options", "index.ts");

function run(program: string, mode: "preview" | "apply", region = "us-west-2"): Promise<RunResult> {
    return runProgram({ program, project: "fx", stack: "dev", config: { "aws:region": region }, mode });
}

function byName(result: RunResult, name: string) {
    const r = declaredResources(result).find((x) => x.name === name);
    assert.ok(r, `no resource named ${name}`);
    return r;
}

describe("offline engine", () => {
    it("records the dependencies and property dependencies the SDK sends", async () => {
        const result = await run(DEPS, "preview");
        const bucket = byName(result, "data");
        const pab = byName(result, "data-pab");
        assert.deepStrictEqual(pab.propertyDependencies.bucket, [bucket.urn], "the block's bucket input depends on the bucket");
        assert.deepStrictEqual(pab.propertyDependencies.blockPublicAcls, [], "a literal input has no dependency");
        assert.ok(pab.dependencies.includes(bucket.urn), "the bucket is among the block's dependencies");
        assert.strictEqual(pab.inputs.bucket, UNKNOWN, "in preview the bucket id is unknown, as in pulumi preview");
    });

    it("builds URNs as the engine does: root stack type left out, parent component types chained", async () => {
        const result = await run(OPTIONS, "preview");
        assert.strictEqual(result.resources[0].urn, "urn:pulumi:dev::fx::pulumi:pulumi:Stack::fx-dev");
        assert.strictEqual(byName(result, "holder").urn, "urn:pulumi:dev::fx::fixture:index:Holder::holder");
        assert.strictEqual(byName(result, "orders").urn, "urn:pulumi:dev::fx::fixture:index:Holder$aws:dynamodb/table:Table::orders");
        assert.strictEqual(byName(result, "orders").parent, "urn:pulumi:dev::fx::fixture:index:Holder::holder");
    });

    it("records resource options: protect, retainOnDelete, ignoreChanges, dependsOn and aliases as URNs", async () => {
        const result = await run(OPTIONS, "preview");
        const table = byName(result, "orders");
        assert.strictEqual(table.options.protect, true);
        assert.strictEqual(table.options.retainOnDelete, true);
        assert.deepStrictEqual(table.options.ignoreChanges, ["readCapacity"]);
        assert.deepStrictEqual(table.options.aliases, ["urn:pulumi:dev::fx::aws:dynamodb/table:Table::orders"], "the alias resolves to the URN before the move under the component");
        const queue = byName(result, "events");
        assert.deepStrictEqual(queue.options.dependsOn, [table.urn]);
        assert.strictEqual(queue.options.protect, false);
    });

    it("answers awsx's remote VPC with subnets consistent with its AZ count and subnet specs", async () => {
        const result = await run(OPTIONS, "apply");
        const vpc = byName(result, "net");
        assert.strictEqual(vpc.remote, true);
        assert.match(String(result.outputs.vpcId), /^vpc-[0-9a-f]{17}$/);
        assert.strictEqual((result.outputs.privateSubnetIds as string[]).length, 3);
        assert.strictEqual((result.outputs.isolatedSubnetIds as string[]).length, 3);
        assert.ok((result.outputs.privateSubnetIds as string[]).every((id) => /^subnet-[0-9a-f]{17}$/.test(id)));
        assert.strictEqual((vpc.outputs.natGateways as unknown[]).length, 1, "Single NAT strategy: one gateway");
    });

    it("preview leaves computed values unknown; apply computes them in the right format for the region", async () => {
        const preview = await run(DEPS, "preview");
        assert.deepStrictEqual(preview.outputs, {}, "stack outputs that AWS computes are unknown in preview");
        assert.ok(isUnknown(byName(preview, "data-pab").inputs.bucket));
        const apply = await run(DEPS, "apply");
        assert.match(String(apply.outputs.bucketName), /^data-[0-9a-f]{7}$/);
        assert.match(String(apply.outputs.keyArn), /^arn:aws:kms:us-west-2:123456789012:key\/[0-9a-f-]{36}$/);
        assert.deepStrictEqual(apply.outputs.az, ["us-west-2a", "us-west-2b", "us-west-2c"]);
        const bucket = byName(apply, "data");
        assert.strictEqual(bucket.outputs.bucketRegionalDomainName, `${String(apply.outputs.bucketName)}.s3.us-west-2.amazonaws.com`);
    });

    it("renders IAM policy documents to the JSON AWS produces", async () => {
        const apply = await run(DEPS, "apply");
        const doc = JSON.parse(String(apply.outputs.policy));
        assert.deepStrictEqual(doc, {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${String(apply.outputs.bucketName)}/*` }],
        });
        const rendered = JSON.parse(renderPolicyDocument({ statements: [{
            sid: "Cf", actions: ["s3:GetObject", "s3:ListBucket"], resources: ["*"],
            principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
            conditions: [{ test: "StringEquals", variable: "aws:SourceArn", values: ["arn:x"] }],
        }] }).json);
        assert.deepStrictEqual(rendered.Statement[0], {
            Sid: "Cf", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*",
            Principal: { Service: "cloudfront.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceArn": "arn:x" } },
        });
    });

    it("is deterministic: two runs of the same program give JSON-equal records", async () => {
        for (const mode of ["preview", "apply"] as const) {
            const a = await run(OPTIONS, mode);
            const b = await run(OPTIONS, mode);
            assert.deepStrictEqual(JSON.parse(JSON.stringify(a.resources)), JSON.parse(JSON.stringify(b.resources)), `${mode} records differ`);
            assert.deepStrictEqual(a.invokes, b.invokes);
        }
    });

    it("sets configuration exactly as the CLI does: namespaced keys, JSON text for structured values, secrets marked", () => {
        const flat = flattenConfig("platform", {
            "aws:region": "us-east-1", environment: "dev", "platform:network": { cidr: "10.0.0.0/16" }, "platform:systems": ["vibe"],
            "platform:flag": true, "platform:token": { secure: "AAABAxyz" },
        });
        assert.deepStrictEqual(flat.config, {
            "aws:region": "us-east-1", "platform:environment": "dev", "platform:network": "{\"cidr\":\"10.0.0.0/16\"}",
            "platform:systems": "[\"vibe\"]", "platform:flag": "true", "platform:token": "offline-placeholder-secret",
        });
        assert.deepStrictEqual(flat.secretKeys, ["platform:token"]);
    });

    it("reports a program's failure with the program's error and keeps what was registered", async () => {
        const result = await runProgram({ program: () => { throw new Error("boom in program"); }, project: "fx", stack: "dev", config: {} });
        assert.match(String(result.error?.message), /boom in program/);
        assert.deepStrictEqual(declaredResources(result), []);
    });

    it("keeps secrets marked in recorded inputs", async () => {
        const result = await runProgram({
            project: "fx", stack: "dev", config: {}, mode: "apply",
            program: async () => {
                const pulumi = await import("@pulumi/pulumi");
                const aws = await import("@pulumi/aws");
                new aws.ssm.Parameter("p", { type: "SecureString", value: pulumi.secret("s3cr3t") });
            },
        });
        const param = byName(result, "p");
        assert.notStrictEqual(param.inputs.value, "s3cr3t", "the raw record keeps the secret wrapper");
        assert.strictEqual((plain(param.inputs) as Record<string, unknown>).value, "s3cr3t");
    });
});

describe("offline engine: programs that cannot finish", function () {
    this.timeout(20_000);
    it("fails a run whose deferred output is never resolved, naming the stuck registration, instead of hanging", async () => {
        const result = await runProgram({
            project: "fx", stack: "dev", config: {}, mode: "preview",
            program: async () => {
                const pulumi = await import("@pulumi/pulumi");
                const aws = await import("@pulumi/aws");
                const [never] = pulumi.deferredOutput<string>();
                new aws.sqs.Queue("stuck", { name: never, sqsManagedSseEnabled: true });
            },
        });
        assert.ok(result.error, "the run fails");
        assert.match(result.error.message, /registrations could complete:[\s\S]*stuck[\s\S]*deferred output that was never resolved/);
    });
});

describe("offline engine: errors inside apply", () => {
    it("fails the run when an apply feeding a resource input throws, as the CLI would", async () => {
        const result = await runProgram({
            project: "fx", stack: "dev", config: {}, mode: "apply",
            program: async () => {
                const aws = await import("@pulumi/aws");
                const first = new aws.sqs.Queue("first", { sqsManagedSseEnabled: true });
                new aws.sqs.Queue("second", { name: first.arn.apply((arn) => { if (arn) throw new Error("bad apply in second"); return "x"; }) });
            },
        });
        assert.match(String(result.error?.message), /bad apply in second/);
    });

    it("answers the network-interface data source with a stable private address", async () => {
        const result = await runProgram({
            project: "fx", stack: "dev", config: {}, mode: "apply",
            program: async () => {
                const aws = await import("@pulumi/aws");
                return { ip: aws.ec2.getNetworkInterfaceOutput({ id: "eni-0123456789abcdef0" }).privateIp };
            },
        });
        assert.match(String(result.outputs.ip), /^10\.0\.\d+\.\d+$/);
    });
});

describe("offline engine: @pulumi/random", () => {
    it("gives generated passwords a deterministic value of the requested length in apply mode", async () => {
        const program = async () => {
            const random = await import("@pulumi/random");
            const pw = new random.RandomPassword("pw", { length: 40, special: false });
            return { pw: pw.result };
        };
        const a = await runProgram({ project: "fx", stack: "dev", config: {}, mode: "apply", program });
        const b = await runProgram({ project: "fx", stack: "dev", config: {}, mode: "apply", program });
        assert.strictEqual(String(a.outputs.pw).length, 40);
        assert.match(String(a.outputs.pw), /^[A-Za-z0-9]+$/);
        assert.strictEqual(a.outputs.pw, b.outputs.pw);
    });
});

describe("offline engine: program diagnostics", () => {
    it("records what the program logs, and fails the run on a logged error, as the CLI does", async () => {
        const result = await runProgram({
            project: "fx", stack: "dev", config: {}, mode: "preview",
            program: async () => {
                const pulumi = await import("@pulumi/pulumi");
                const aws = await import("@pulumi/aws");
                const queue = new aws.sqs.Queue("q", { sqsManagedSseEnabled: true });
                await pulumi.log.info("starting");
                await pulumi.log.warn("queue without a dead-letter queue", queue);
                await pulumi.log.error("refusing to continue");
            },
        });
        assert.deepStrictEqual(result.diagnostics.map((d) => [d.severity, d.message]), [
            ["info", "starting"], ["warning", "queue without a dead-letter queue"], ["error", "refusing to continue"],
        ]);
        assert.strictEqual(result.diagnostics[1].urn, "urn:pulumi:dev::fx::aws:sqs/queue:Queue::q");
        assert.match(String(result.error?.message), /refusing to continue/);
    });
});

describe("offline engine: finding a project's program", () => {
    it("resolves a project folder through its package.json main, never a sibling file named like the folder", () => {
        const base = fs.mkdtempSync(path.join(os.tmpdir(), "program-of-"));
        try {
            const dir = path.join(base, "project");
            fs.mkdirSync(path.join(dir, "src"), { recursive: true });
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ main: "src/index.js" }));
            fs.writeFileSync(path.join(dir, "src", "index.js"), "module.exports = {};\n");
            // What Node's resolution of the bare folder path would pick first.
            fs.writeFileSync(path.join(base, "project.json"), "{}\n");
            assert.strictEqual(programOf({ name: "p", dir }), path.join(dir, "src", "index.js"));
        } finally {
            fs.rmSync(base, { recursive: true, force: true });
        }
    });
});
