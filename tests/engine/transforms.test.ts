/**
 * Transforms, applied by the engine as the Pulumi engine applies them: the resource's own transforms,
 * then each ancestor's (nearest first), then the stack transforms, each seeing the previous result;
 * what the last one returns is what is registered, recorded and checked. And what the engine refuses:
 * duplicate URNs (naming both declaring lines) and parents that were never registered.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SystemScope } from "../../components/system";
import { runInline, runProgram, UNKNOWN, type RunResult } from "../../engine/run";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { CarriedMessage, inProcessCallbackServer, invokeCallback } from "../../engine/transforms";
import { inputs, one } from "../support/records";

const TAGS = { environment: "prod", system: "demo", team: "payments", costCenter: "CC-1" };

class Holder extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    constructor(name: string, opts: pulumi.ComponentResourceOptions = {}) {
        super("test:index:Holder", name, {}, opts);
        this.bucket = new aws.s3.Bucket(`${name}-data`, { tags: { Given: "kept" } }, { parent: this });
        new aws.s3.BucketPolicy(`${name}-policy`, { bucket: this.bucket.id, policy: this.bucket.arn.apply((arn) => JSON.stringify({ Resource: arn })) }, { parent: this });
        this.registerOutputs({});
    }
}

/** A transform that appends a marker to a string input, so the order of a chain is visible. */
const mark = (marker: string): pulumi.ResourceTransform => (args) => args.type === "aws:sqs/queue:Queue"
    ? { props: { ...args.props, name: `${args.props.name ?? ""}${marker}` }, opts: args.opts }
    : undefined;

async function runFailing(fn: () => unknown): Promise<RunResult> {
    return runProgram({ program: fn, project: "platform", stack: "test", config: { "aws:region": "us-east-1" }, mode: "preview" });
}

describe("offline engine: transforms", () => {
    it("a root component's transform tags every taggable descendant, grandchildren included, in their own inputs", async () => {
        const result = await runInline(() => {
            const scope = new SystemScope("demo", TAGS);
            new Holder("holder", { parent: scope });
            new aws.sns.Topic("alerts", {}, { parent: scope });
        }, { mode: "preview" });
        const bucket = one(result, "aws:s3/bucket:Bucket");
        assert.deepStrictEqual(inputs(bucket).tags, { Given: "kept", Environment: "prod", System: "demo", Team: "payments", CostCenter: "CC-1", ManagedBy: "pulumi" });
        assert.deepStrictEqual(inputs(one(result, "aws:sns/topic:Topic")).tags?.System, "demo");
        // What the engine answered (the resource's outputs) carries the transformed inputs too.
        assert.strictEqual((bucket.outputs.tags as Record<string, string>).Team, "payments");
        assert.strictEqual(inputs(one(result, "aws:s3/bucketPolicy:BucketPolicy")).tags, undefined, "a type without tags is left alone");
    });

    it("a stack transform (registerResourceTransform) changes what every later registration records", async () => {
        const result = await runInline(() => {
            pulumi.runtime.registerResourceTransform((args) => args.type === "aws:s3/bucket:Bucket"
                ? { props: { ...args.props, forceDestroy: false, objectLockEnabled: true }, opts: { ...args.opts, protect: true, retainOnDelete: true } }
                : undefined);
            new Holder("holder");
        }, { mode: "apply" });
        const bucket = one(result, "aws:s3/bucket:Bucket");
        assert.strictEqual(inputs(bucket).objectLockEnabled, true);
        assert.strictEqual(bucket.options.protect, true, "options a transform sets are recorded");
        assert.strictEqual(bucket.options.retainOnDelete, true);
        // The dependency of the policy on the bucket survives a stack transform that does not touch it.
        const policy = one(result, "aws:s3/bucketPolicy:BucketPolicy");
        assert.deepStrictEqual(policy.propertyDependencies.bucket, [bucket.urn]);
    });

    it("runs the resource's own transforms, then its ancestors' (nearest first), then the stack's, each on the previous result", async () => {
        const result = await runInline(() => {
            pulumi.runtime.registerResourceTransform(mark("-stack"));
            const outer = new pulumi.ComponentResource("test:index:Outer", "outer", {}, { transforms: [mark("-outer")] });
            const inner = new pulumi.ComponentResource("test:index:Inner", "inner", {}, { parent: outer, transforms: [mark("-inner")] });
            new aws.sqs.Queue("q", { name: "q" }, { parent: inner, transforms: [mark("-own1"), mark("-own2")] });
        }, { mode: "preview" });
        assert.strictEqual(inputs(one(result, "aws:sqs/queue:Queue")).name, "q-own1-own2-inner-outer-stack");
    });

    it("hands a transform unknown values as unknown and secrets as secrets, and records what comes back", async () => {
        let seen: { unknown?: boolean; secret?: boolean } = {};
        const result = await runInline(() => {
            const key = new aws.kms.Key("key", {});
            new aws.secretsmanager.Secret("s", { kmsKeyId: key.arn, description: pulumi.secret("hidden") }, {
                transforms: [async (args) => {
                    // Output's isKnown/isSecret are SDK internals, the only way to see what a transform was handed.
                    const internals = (o: unknown) => o as { isKnown: Promise<boolean>; isSecret: Promise<boolean> };
                    seen = { unknown: !(await internals(args.props.kmsKeyId).isKnown), secret: await internals(args.props.description).isSecret };
                    return { props: { ...args.props, name: "renamed" }, opts: args.opts };
                }],
            });
        }, { mode: "preview" });
        assert.deepStrictEqual(seen, { unknown: true, secret: true });
        const secret = one(result, "aws:secretsmanager/secret:Secret");
        assert.strictEqual(secret.inputs.kmsKeyId, UNKNOWN);
        assert.strictEqual(inputs(secret).description, "hidden");
        assert.strictEqual(inputs(secret).name, "renamed");
    });

    it("applies stack invoke transforms to data source arguments", async () => {
        const result = await runInline(() => {
            pulumi.runtime.registerInvokeTransform((args) => args.token === "aws:index/getAvailabilityZones:getAvailabilityZones"
                ? { args: { ...args.args, state: "available" }, opts: args.opts } : undefined);
            void aws.getAvailabilityZonesOutput({});
        }, { mode: "preview" });
        const call = result.invokes.find((i) => i.token === "aws:index/getAvailabilityZones:getAvailabilityZones");
        assert.strictEqual(call?.args.state, "available");
    });

    it("fails the run when a transform throws, naming the transform failure", async () => {
        const result = await runFailing(() => {
            new aws.s3.Bucket("b", {}, { transforms: [() => { throw new Error("no buckets here"); }] });
        });
        assert.match(String(result.error?.message), /transform failed: Error: no buckets here/);
        assert.strictEqual(result.resources.filter((r) => r.type === "aws:s3/bucket:Bucket").length, 0, "nothing registered for it");
    });

    it("relies only on SDK internals it checks: a CallbackServer that registers transforms in-process", async () => {
        const server = inProcessCallbackServer({});
        const registered = await (server.registerTransform as (t: pulumi.ResourceTransform) => Promise<{ getToken(): string; getTarget(): string }>).call(server, () => undefined);
        assert.ok(server._callbacks.has(registered.getToken()), "the callback is kept for the engine to call");
        assert.strictEqual(registered.getTarget(), "in-process", "no gRPC listener is started");
    });

    it("hands the SDK's callback the request message itself; an encoded request still decodes to the same call", async () => {
        const server = inProcessCallbackServer({});
        const seen: unknown[] = [];
        const registered = await (server.registerTransform as (t: pulumi.ResourceTransform) => Promise<{ getToken(): string }>)
            .call(server, (args) => { seen.push({ type: args.type, name: args.name, custom: args.custom, props: args.props, protect: args.opts.protect }); return undefined; });
        const request = new resproto.TransformRequest();
        request.setType("aws:s3/bucket:Bucket");
        request.setName("b");
        request.setCustom(true);
        request.setProperties(structproto.Struct.fromJavaScript({ bucketPrefix: "data-", tags: { Team: "payments" }, versions: [1, 2] }));
        const options = new resproto.TransformResourceOptions();
        options.setProtect(true);
        request.setOptions(options);
        type Response = resproto.TransformResponse;
        const fromBytes = await invokeCallback<Response>(server, registered.getToken(), request.serializeBinary());
        const fromMessage = await invokeCallback<Response>(server, registered.getToken(), new CarriedMessage(request));
        assert.strictEqual(seen.length, 2);
        assert.deepStrictEqual(seen[1], seen[0]);
        assert.deepStrictEqual(seen[0], { type: "aws:s3/bucket:Bucket", name: "b", custom: true, props: { bucketPrefix: "data-", tags: { Team: "payments" }, versions: [1, 2] }, protect: true });
        assert.deepStrictEqual(fromMessage.getProperties()?.toJavaScript(), fromBytes.getProperties()?.toJavaScript());
        assert.strictEqual(fromMessage.getOptions()?.getProtect(), true);
    });
});

describe("offline engine: what the Pulumi engine refuses", () => {
    it("a duplicate URN fails the run, naming the lines that declared both registrations", async () => {
        const result = await runFailing(() => {
            new aws.s3.Bucket("twice", {});
            new aws.s3.Bucket("twice", {});
        });
        const message = String(result.error?.message);
        assert.match(message, /Duplicate resource URN 'urn:pulumi:test::platform::aws:s3\/bucket:Bucket::twice'; try giving it a unique name/);
        const lines = [...message.matchAll(/transforms\.test\.ts:(\d+):\d+/g)].map((m) => Number(m[1]));
        assert.strictEqual(lines.length, 2, `both declarations named: ${message}`);
        assert.strictEqual(lines[1], lines[0] + 1, "the first and the second declaration, in order");
    });

    it("a resource whose parent was never registered fails the run", async () => {
        const result = await runFailing(() => {
            const ghost = new pulumi.DependencyResource("urn:pulumi:test::platform::test:index:Ghost::ghost") as unknown as pulumi.Resource;
            new aws.s3.Bucket("orphan", {}, { parent: ghost });
        });
        assert.match(String(result.error?.message), /could not find parent resource urn:pulumi:test::platform::test:index:Ghost::ghost \(of aws:s3\/bucket:Bucket "orphan" at tests\/engine\/transforms\.test\.ts:\d+:\d+\)/);
    });

    it("records where each resource was declared: the line in a program or in a component", async () => {
        const result = await runInline(() => { new Holder("holder"); }, { mode: "preview" });
        const holder = one(result, "test:index:Holder");
        const bucket = one(result, "aws:s3/bucket:Bucket");
        assert.match(holder.sourcePosition?.file ?? "", /tests\/engine\/transforms\.test\.ts$/);
        assert.match(bucket.sourcePosition?.file ?? "", /tests\/engine\/transforms\.test\.ts$/);
        // The bucket is declared inside Holder's constructor, the Holder where the program creates it.
        assert.ok(bucket.sourcePosition!.line < holder.sourcePosition!.line, "the component's child points at the component's line");
        const source = fs.readFileSync(bucket.sourcePosition!.file, "utf8").split("\n");
        assert.match(source[bucket.sourcePosition!.line - 1], /new aws\.s3\.Bucket\(`\$\{name\}-data`/);
        assert.match(source[holder.sourcePosition!.line - 1], /new Holder\("holder"\)/);
    });
});
