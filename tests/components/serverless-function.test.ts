import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessFunction, type ServerlessFunctionArgs } from "../../components/serverless-function";
import { runInline } from "../../engine/run";
import { inputs, ofType, one, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const FIXTURES = path.join(__dirname, "..", "fixtures", "functions");
const HELLO = path.join(FIXTURES, "hello.ts");
const FN = "aws:lambda/function:Function";

function fn(args: Partial<ServerlessFunctionArgs> = {}, name = "api"): () => void {
    return () => void new ServerlessFunction(name, { entry: HELLO, ...args });
}

/** The bundled index.js inside a recorded asset archive input. */
function bundledCode(code: unknown): string {
    const assets = (code as { assets: Record<string, { text: string }> }).assets;
    return assets["index.js"].text;
}

describe("ServerlessFunction", () => {
    it("bundles the entry with esbuild into index.js and deploys it on nodejs22.x, arm64, index.handler, with X-Ray", async () => {
        const result = await runInline(fn());
        const f = inputs(one(result, FN));
        assert.strictEqual(f.runtime, "nodejs22.x", "runtime");
        assert.deepStrictEqual(f.architectures, ["arm64"], "architectures");
        assert.strictEqual(f.handler, "index.handler", "handler");
        assert.deepStrictEqual(f.tracingConfig, { mode: "Active" }, "tracingConfig");
        assert.strictEqual(f.timeout, 10, "timeout");
        assert.strictEqual(f.memorySize, 256, "memorySize");
        const code = bundledCode(f.code);
        assert.match(code, /hello, /, "the imported module is inlined into the bundle");
        assert.match(code, /module\.exports|exports/, "CommonJS output");
        assert.doesNotMatch(code, /sourceMappingURL/, "no sourcemap shipped");
    });

    it("gives the function an explicit physical name and logs JSON to a KMS-encrypted /aws/lambda/<name> group created first", async () => {
        const result = await runInline(fn());
        const record = one(result, FN);
        const f = inputs(record);
        assert.strictEqual(f.name, "platform-test-api", "name: <project>-<stack>-<component>");
        const group = one(result, "aws:cloudwatch/logGroup:LogGroup");
        assert.strictEqual(inputs(group).name, "/aws/lambda/platform-test-api", "log group name");
        assert.strictEqual(inputs(group).retentionInDays, 90, "retentionInDays");
        const key = one(result, "aws:kms/key:Key");
        assert.strictEqual(inputs(group).kmsKeyId, key.outputs.arn, "log group kmsKeyId is the created key");
        assert.deepStrictEqual(f.loggingConfig, { logFormat: "JSON", logGroup: "/aws/lambda/platform-test-api" }, "loggingConfig");
        assert.ok(record.options.dependsOn.includes(group.urn), "the function depends on its log group");
        assert.strictEqual(f.kmsKeyArn, key.outputs.arn, "environment encrypted with the CMK");
        const keyPolicy = policyDocument(key).Statement.map((s) => s.Principal);
        assert.deepStrictEqual(keyPolicy[1], { Service: "logs.us-east-1.amazonaws.com" }, "key allows CloudWatch Logs");
    });

    it("runs under a role trusted by lambda.amazonaws.com for this account only, allowed only its logs, X-Ray and its key", async () => {
        const result = await runInline(fn());
        const role = one(result, "aws:iam/role:Role");
        const trust = policyDocument(role, "assumeRolePolicy").Statement;
        assert.deepStrictEqual(trust, [{
            Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        }]);
        const statements = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy")).Statement;
        assert.deepStrictEqual(statements.map((s) => s.Sid), ["WriteOwnLogs", "WriteTraces", "DecryptEnvironment"]);
        const groupArn = one(result, "aws:cloudwatch/logGroup:LogGroup").outputs.arn;
        assert.deepStrictEqual(statements[0].Resource, [groupArn, `${groupArn}:log-stream:*`], "logs only on its own group");
        assert.deepStrictEqual(statements[0].Action, ["logs:CreateLogStream", "logs:PutLogEvents"], "no logs:CreateLogGroup");
        assert.strictEqual(statements[2].Resource, one(result, "aws:kms/key:Key").outputs.arn);
        assert.strictEqual(inputs(one(result, FN)).role, role.outputs.arn, "function role");
        assert.strictEqual(ofType(result, "aws:ec2/securityGroup:SecurityGroup").length, 0, "no security group outside a VPC");
    });

    it("appends caller policyStatements to the role policy, resolving Output resources", async () => {
        const result = await runInline(fn({ policyStatements: [{ Sid: "ReadTable", Action: ["dynamodb:GetItem"], Resource: pulumi.output("arn:aws:dynamodb:us-east-1:123456789012:table/t") }] }));
        const last = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy")).Statement.at(-1)!;
        assert.deepStrictEqual(last, { Effect: "Allow", Sid: "ReadTable", Action: ["dynamodb:GetItem"], Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/t" });
    });

    it("in a VPC: a security group with no ingress and only TCP 443 egress (plus extra rules), vpcConfig, scoped ENI permissions", async () => {
        const result = await runInline(fn({
            vpc: { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], egressRules: [{ description: "PostgreSQL", fromPort: 5432, securityGroupIds: ["sg-db"] }] },
        }));
        const sg = one(result, "aws:ec2/securityGroup:SecurityGroup");
        assert.deepStrictEqual(inputs(sg).ingress, [], "no ingress");
        assert.strictEqual(inputs(sg).vpcId, "vpc-1");
        const egress = inputs(sg).egress;
        assert.deepStrictEqual(egress[0], { description: "HTTPS to AWS APIs and external providers", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }, "HTTPS egress");
        assert.deepStrictEqual(egress[1], { description: "PostgreSQL", protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-db"] }, "extra egress");
        assert.strictEqual(egress.length, 2, "nothing else leaves");
        assert.deepStrictEqual(inputs(one(result, FN)).vpcConfig, { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: [sg.id] });
        const statements = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy")).Statement;
        const create = statements.find((s) => s.Sid === "CreateInterfacesInOwnSubnets")!;
        assert.deepStrictEqual(create.Resource, [
            "arn:aws:ec2:us-east-1:123456789012:network-interface/*",
            `arn:aws:ec2:us-east-1:123456789012:security-group/${sg.id}`,
            "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-a",
            "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-b",
        ], "CreateNetworkInterface limited to its subnets and security group");
        const describe = statements.find((s) => s.Sid === "DescribeNetwork")!;
        assert.deepStrictEqual(describe.Action, ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"], "only Describe* on *");
        assert.strictEqual(result.resources.find((r) => r.type === "platform:compute:ServerlessFunction")!.outputs.securityGroupId, sg.id, "securityGroupId output");
    });

    it("takes settings whose names only mention a secret word, as the policy pack does (MAX_TOKENS, PASSWORD_MIN_LENGTH)", async () => {
        const result = await runInline(fn({ environment: { MAX_TOKENS: "4096", PASSWORD_MIN_LENGTH: "12", SECRET_CACHE_TTL_SECONDS: "300" } }));
        assert.deepStrictEqual(inputs(one(result, FN)).environment.variables, { MAX_TOKENS: "4096", PASSWORD_MIN_LENGTH: "12", SECRET_CACHE_TTL_SECONDS: "300" });
    });

    it("passes plain environment variables and allows secret references by ARN", async () => {
        const result = await runInline(fn({ environment: { STAGE: "dev", CLIENT_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:x", TOKEN_TABLE_NAME: "tokens" } }));
        assert.deepStrictEqual(inputs(one(result, FN)).environment, { variables: { STAGE: "dev", CLIENT_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:x", TOKEN_TABLE_NAME: "tokens" } });
    });

    it("adds a KMS-encrypted dead-letter queue the role may send to", async () => {
        const result = await runInline(fn({ deadLetterQueue: true }));
        const queue = one(result, "aws:sqs/queue:Queue");
        const key = one(result, "aws:kms/key:Key");
        assert.strictEqual(inputs(queue).kmsMasterKeyId, key.outputs.arn, "queue SSE with the CMK");
        assert.deepStrictEqual(inputs(one(result, FN)).deadLetterConfig, { targetArn: queue.outputs.arn });
        const send = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy")).Statement.find((s) => s.Sid === "SendDeadLetters")!;
        assert.strictEqual(send.Resource, queue.outputs.arn);
    });

    it("invokes on a schedule through an EventBridge rule whose ARN is the permission's sourceArn", async () => {
        const result = await runInline(fn({ schedule: "rate(5 minutes)" }));
        const rule = one(result, "aws:cloudwatch/eventRule:EventRule");
        assert.strictEqual(inputs(rule).scheduleExpression, "rate(5 minutes)");
        const target = one(result, "aws:cloudwatch/eventTarget:EventTarget");
        assert.strictEqual(inputs(target).arn, one(result, FN).outputs.arn, "target is the function");
        const permission = inputs(one(result, "aws:lambda/permission:Permission"));
        assert.strictEqual(permission.principal, "events.amazonaws.com");
        assert.strictEqual(permission.sourceArn, rule.outputs.arn, "sourceArn is the rule");
    });

    it("uses a given kmsKeyArn and creates no key; honours runtime, timeout, memory, reserved concurrency and an archive", async () => {
        const result = await runInline(() => void new ServerlessFunction("given", {
            code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;") }),
            kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", runtime: "nodejs20.x", timeout: 30, memorySize: 1024, reservedConcurrentExecutions: 5, architecture: "x86_64",
        }));
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created");
        const f = inputs(one(result, FN));
        assert.strictEqual(f.kmsKeyArn, "arn:aws:kms:us-east-1:123456789012:key/k");
        assert.strictEqual(inputs(one(result, "aws:cloudwatch/logGroup:LogGroup")).kmsKeyId, "arn:aws:kms:us-east-1:123456789012:key/k");
        assert.deepStrictEqual([f.runtime, f.timeout, f.memorySize, f.reservedConcurrentExecutions, f.architectures], ["nodejs20.x", 30, 1024, 5, ["x86_64"]]);
        assert.strictEqual(bundledCode(f.code), "exports.handler = async () => 1;");
    });

    it("dev and prod differ only by inputs: dev outside the VPC with an unprotected key, prod in private subnets with a protected key", async () => {
        const dev = await runInline(fn({ protectData: false }), { stack: "dev" });
        const prod = await runInline(fn({ protectData: true, vpc: { vpcId: "vpc-1", subnetIds: ["subnet-a"] } }), { stack: "prod" });
        assert.strictEqual(one(dev, "aws:kms/key:Key").options.protect, false, "dev key unprotected");
        assert.strictEqual(one(prod, "aws:kms/key:Key").options.protect, true, "prod key protected");
        assert.strictEqual(inputs(one(dev, FN)).vpcConfig, undefined, "dev: no vpcConfig");
        assert.deepStrictEqual(inputs(one(prod, FN)).vpcConfig.subnetIds, ["subnet-a"], "prod: private subnets");
        assert.strictEqual(inputs(one(prod, FN)).name, "platform-prod-api", "stack in the physical name");
    });

    it("registers its outputs", async () => {
        const result = await runInline(fn());
        const outputs = result.resources.find((r) => r.type === "platform:compute:ServerlessFunction")!.outputs;
        assert.strictEqual(outputs.functionName, "platform-test-api");
        assert.strictEqual(outputs.functionArn, "arn:aws:lambda:us-east-1:123456789012:function:platform-test-api");
        assert.match(String(outputs.invokeArn), /^arn:aws:apigateway:us-east-1:lambda:path\/2015-03-31\/functions\/.*platform-test-api\/invocations$/);
        assert.strictEqual(outputs.roleArn, one(result, "aws:iam/role:Role").outputs.arn);
        assert.strictEqual(outputs.roleName, one(result, "aws:iam/role:Role").outputs.name);
        assert.strictEqual(outputs.logGroupName, "/aws/lambda/platform-test-api");
    });

    describe("rejects bad arguments, naming the component and the argument", () => {
        const cases: [string, Partial<ServerlessFunctionArgs>, RegExp][] = [
            ["an old runtime", { runtime: "nodejs18.x" }, /ServerlessFunction "bad": argument runtime: got "nodejs18.x"; allowed: nodejs20.x or newer/],
            ["a non-Node runtime", { runtime: "python3.12" }, /argument runtime: got "python3.12"/],
            ["a timeout of 0", { timeout: 0 }, /ServerlessFunction "bad": argument timeout: got 0/],
            ["a timeout above 900", { timeout: 901 }, /argument timeout: got 901/],
            ["too little memory", { memorySize: 64 }, /argument memorySize: got 64/],
            ["an unknown retention", { logRetentionInDays: 10 }, /argument logRetentionInDays: got 10/],
            ["zero reserved concurrency", { reservedConcurrentExecutions: 0 }, /argument reservedConcurrentExecutions: got 0/],
            ["a bad schedule", { schedule: "every 5 minutes" }, /argument schedule: got "every 5 minutes"/],
            ["both entry and code", { code: new pulumi.asset.AssetArchive({}) }, /argument entry\/code/],
            ["a secret in the environment", { environment: { CLIENT_SECRET: "hunter2" } }, /ServerlessFunction "bad": argument environment.CLIENT_SECRET: got "CLIENT_SECRET"; allowed: non-secret names only.*ARN/],
            ["a token from config in the environment", { environment: { SPOTIFY_API_KEY: pulumi.secret("k") } }, /argument environment.SPOTIFY_API_KEY/],
            ["a credential's shape under any name", { environment: { UPSTREAM: "AKIAIOSFODNN7EXAMPLE" } }, /argument environment.UPSTREAM: got "\(a value withheld here\)"; allowed: no credential in plain text: the value looks like an AWS access key id/],
            ["a database URI with its password", { environment: { DATABASE_URL: "postgres://app:s3cr3t@db.internal:5432/app" } }, /environment.DATABASE_URL.*a URI with an embedded password/],
            ["Action * on Resource *", { policyStatements: [{ Action: "*", Resource: "*" }] }, /ServerlessFunction "bad": argument policyStatements\[0\]: got "\*"; allowed: least-privilege statements \(not Action "\*" on Resource "\*"\)/],
            ["iam:PassRole on *", { policyStatements: [{ Action: ["s3:GetObject", "iam:PassRole"], Resource: ["*"] }] }, /argument policyStatements\[0\].*iam:PassRole/],
            ["iam:* on * (includes PassRole)", { policyStatements: [{ Action: "iam:*", Resource: "*" }] }, /argument policyStatements\[0\].*iam:PassRole/],
            ["no subnets", { vpc: { vpcId: "vpc-1", subnetIds: [] } }, /argument vpc.subnetIds/],
            ["an egress rule without destination", { vpc: { vpcId: "v", subnetIds: ["s"], egressRules: [{ description: "x", fromPort: 5432 }] } }, /argument vpc.egressRules\[0\]/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(fn(args, "bad")), message);
            });
        }

        it("an entry esbuild cannot bundle (the error names the entry)", async () => {
            await assert.rejects(runInline(fn({ entry: path.join(FIXTURES, "broken.js") }, "bad")),
                /ServerlessFunction "bad": argument entry: got ".*broken\.js"; allowed: .*esbuild: .*Could not resolve "\.\/does-not-exist"/);
        });

        it("a Resource Output that resolves to * with Action * fails the deployment", async () => {
            // The component is exported so the run waits on its children's inputs, where the check fails.
            await assert.rejects(runInline(() => new ServerlessFunction("bad", { entry: HELLO, policyStatements: [{ Action: "*", Resource: pulumi.output("*") }] })),
                /ServerlessFunction "bad": policy statement "\*" grants Action "\*" on Resource "\*"/);
        });

        it("registers nothing when an argument is bad", async () => {
            let thrown = false;
            const result = await runInline(() => {
                try { fn({ timeout: 0 }, "bad")(); } catch { thrown = true; }
            });
            assert.ok(thrown, "the constructor threw");
            assert.deepStrictEqual(result.resources.map((r) => r.type), ["pulumi:pulumi:Stack"], "nothing but the stack");
        });
    });

    it("documents every argument in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("serverless-function"), interfaceProperties("serverless-function", "ServerlessFunctionArgs"));
    });
});

describe("ServerlessFunction code managed by an app pipeline", () => {
    it("ignores later code changes only when codeManagedExternally is set", async () => {
        const entry = path.join(__dirname, "..", "fixtures", "functions", "hello.ts");
        const result = await runInline(() => {
            new ServerlessFunction("owned", { entry, codeManagedExternally: true });
            new ServerlessFunction("platform", { entry });
        });
        const fns = ofType(result, "aws:lambda/function:Function");
        assert.deepStrictEqual(fns.find((f) => f.name === "owned")!.options.ignoreChanges, ["code", "sourceCodeHash"]);
        assert.deepStrictEqual(fns.find((f) => f.name === "platform")!.options.ignoreChanges, []);
    });
});
