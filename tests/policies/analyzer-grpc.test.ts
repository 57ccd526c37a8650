/**
 * The pack as the Pulumi CLI runs it: `run-policy-pack <engine-address> <pack dir>` in the pack's
 * directory (ts-node type-checks the pack with policies/tsconfig.json on load), the analyzer prints
 * its port, and the engine talks to it over the Analyzer gRPC service.
 */
import * as assert from "assert";
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";

const root = path.join(__dirname, "..", "..");
const protoDir = path.join(root, "node_modules", "@pulumi", "pulumi", "proto");
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const analyzerRpc = require(path.join(protoDir, "analyzer_grpc_pb.js"));
const analyzerPb = require(path.join(protoDir, "analyzer_pb.js"));
const engineRpc = require(path.join(protoDir, "engine_grpc_pb.js"));
const structPb = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [protoDir] }));
const emptyPb = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [protoDir] }));
/* eslint-enable @typescript-eslint/no-require-imports */

const STACK = "urn:pulumi:prod::platform::";
const urn = (type: string, name: string) => `${STACK}${type}::${name}`;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function call<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
        client[method](request, { deadline: Date.now() + 30_000 }, (err: Error | null, res: T) => (err ? reject(err) : resolve(res)));
    });
}

function options(): any {
    const o = new analyzerPb.AnalyzerResourceOptions();
    o.setProtect(false);
    return o;
}

function analyzerResource(type: string, name: string, props: Record<string, unknown>, propertyDeps: Record<string, string[]> = {}): any {
    const r = new analyzerPb.AnalyzerResource();
    r.setType(type);
    r.setName(name);
    r.setUrn(urn(type, name));
    r.setProperties(structPb.Struct.fromJavaScript(props));
    r.setOptions(options());
    const deps = new Set<string>();
    for (const [prop, urns] of Object.entries(propertyDeps)) {
        const d = new analyzerPb.AnalyzerPropertyDependencies();
        d.setUrnsList(urns);
        r.getPropertydependenciesMap().set(prop, d);
        urns.forEach((u) => deps.add(u));
    }
    r.setDependenciesList([...deps]);
    return r;
}

describe("the pack over the Analyzer gRPC service (as the Pulumi CLI runs it)", function () {
    this.timeout(180_000);
    let engine: grpc.Server;
    let child: ChildProcess | undefined;
    let client: any;
    const logs: string[] = [];
    let stderr = "";

    before(async () => {
        // A minimal Engine service: the policy pack's logging goes here.
        engine = new grpc.Server();
        engine.addService(engineRpc.EngineService, {
            log: (c: any, cb: any) => {
                logs.push(c.request.getMessage());
                cb(null, new emptyPb.Empty());
            },
        });
        const enginePort = await new Promise<number>((resolve, reject) =>
            engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
        );
        const proc = spawn(process.execPath, [path.join(root, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack"), `127.0.0.1:${enginePort}`, "."], {
            cwd: path.join(root, "policies"),
            stdio: ["ignore", "pipe", "pipe"],
        });
        child = proc;
        proc.stderr!.on("data", (d) => (stderr += String(d)));
        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            const timer = setTimeout(() => reject(new Error(`no port printed within 150s; stderr:\n${stderr}`)), 150_000);
            proc.stdout!.on("data", (d) => {
                out += String(d);
                const m = /^(\d+)\s*$/m.exec(out);
                if (m) {
                    clearTimeout(timer);
                    resolve(Number(m[1]));
                }
            });
            proc.on("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`policy pack exited with ${code}; stderr:\n${stderr}`));
            });
        });
        client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(async () => {
        client?.close();
        if (child && child.exitCode === null) {
            const exited = new Promise((r) => child!.once("exit", r));
            child.kill("SIGTERM");
            await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
            if (child.exitCode === null) child.kill("SIGKILL");
        }
        await new Promise<void>((r) => engine.tryShutdown(() => r()));
    });

    it("GetAnalyzerInfo lists the pack, every policy and their config schemas", async () => {
        const { policies } = await import("../../policies/policies");
        const info: any = await call(client, "getAnalyzerInfo", new emptyPb.Empty());
        assert.strictEqual(info.getName(), "platform-guardrails");
        assert.strictEqual(info.getVersion(), JSON.parse(fs.readFileSync(path.join(root, "policies", "package.json"), "utf8")).version);
        const served = info.getPoliciesList();
        assert.deepStrictEqual(served.map((p: any) => p.getName()).sort(), policies.map((p) => p.name).sort());
        const byName = new Map(served.map((p: any) => [p.getName(), p]));
        const encryption: any = byName.get("aws-s3-bucket-encryption-required");
        assert.deepStrictEqual(Object.keys(encryption.getConfigschema().getProperties().toJavaScript()), ["requireKms"]);
        const tags: any = byName.get("aws-resources-required-tags");
        assert.deepStrictEqual(Object.keys(tags.getConfigschema().getProperties().toJavaScript()).sort(), ["environment", "requiredTags"]);
        assert.strictEqual(encryption.getEnforcementlevel(), analyzerPb.EnforcementLevel.MANDATORY);
        assert.ok(encryption.getRemediationSteps().length > 10);
    });

    it("Configure accepts the prod config file, as --policy-pack-config passes it", async () => {
        const config = JSON.parse(fs.readFileSync(path.join(root, "policies", "config", "prod.json"), "utf8")) as Record<string, unknown>;
        const req = new analyzerPb.ConfigureAnalyzerRequest();
        const levels: Record<string, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
        for (const [name, value] of Object.entries(config)) {
            const { enforcementLevel, ...props } = typeof value === "string" ? { enforcementLevel: value } : (value as { enforcementLevel: string });
            const pc = new analyzerPb.PolicyConfig();
            pc.setEnforcementlevel(levels[enforcementLevel]);
            pc.setProperties(structPb.Struct.fromJavaScript(props));
            req.getPolicyconfigMap().set(name, pc);
        }
        await call(client, "configure", req);
    });

    it("Analyze: a bucket ACL public-read gives a mandatory diagnostic naming the resource", async () => {
        const req = new analyzerPb.AnalyzeRequest();
        const type = "aws:s3/bucketAcl:BucketAcl";
        req.setType(type);
        req.setName("site-acl");
        req.setUrn(urn(type, "site-acl"));
        req.setProperties(structPb.Struct.fromJavaScript({ bucket: UNKNOWN, acl: "public-read" }));
        req.setOptions(options());
        const res: any = await call(client, "analyze", req);
        const diags = res.getDiagnosticsList();
        const d = diags.find((x: any) => x.getPolicyname() === "aws-s3-bucket-acl-disallow-public");
        assert.ok(d, `diagnostics: ${diags.map((x: any) => x.getPolicyname()).join(", ")}`);
        assert.strictEqual(d.getEnforcementlevel(), analyzerPb.EnforcementLevel.MANDATORY);
        assert.match(d.getMessage(), /aws:s3\/bucketAcl:BucketAcl "site-acl": uses the public canned ACL "public-read"\. Fix:/);
    });

    it("AnalyzeStack: a bucket without a public access block is reported; the one linked by property dependencies is not", async () => {
        const bucket = "aws:s3/bucket:Bucket";
        const pab = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
        const req = new analyzerPb.AnalyzeStackRequest();
        const flags = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
        req.setResourcesList([
            analyzerResource(bucket, "guarded", { bucket: UNKNOWN }),
            analyzerResource(pab, "guarded-pab", { bucket: UNKNOWN, ...flags }, { bucket: [urn(bucket, "guarded")] }),
            analyzerResource(bucket, "naked", { bucket: UNKNOWN }),
        ]);
        const res: any = await call(client, "analyzeStack", req);
        const diags = res.getDiagnosticsList().filter((x: any) => x.getPolicyname() === "aws-s3-bucket-public-access-block-required");
        assert.deepStrictEqual(diags.map((d: any) => d.getUrn()), [urn(bucket, "naked")]);
        assert.strictEqual(diags[0].getEnforcementlevel(), analyzerPb.EnforcementLevel.MANDATORY);
        assert.match(diags[0].getMessage(), /"naked": has no public access block\. Fix:/);
    });
});
