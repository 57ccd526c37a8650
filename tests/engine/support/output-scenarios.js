// Exercises @pulumi/pulumi Outputs (values, knownness, secrecy, resources, lifting, failures) and prints
// what each member gave, as one JSON line: tests/engine/lean-sdk.test.ts runs it with the SDK's own
// Output class and with the offline engine's lean one, and expects the same line.
"use strict";
const lean = process.argv[2] === "lean";
if (lean) require("../../../engine/lean-sdk");
const pulumi = require("@pulumi/pulumi");

const unhandled = [];
process.on("unhandledRejection", (reason) => unhandled.push(reason instanceof Error ? reason.message : String(reason)));
const ticks = (n) => new Promise((resolve) => { const step = (i) => (i === 0 ? resolve() : setImmediate(() => step(i - 1))); step(n); });

async function describe(o) {
    const result = {};
    for (const [key, read] of [["value", () => o.promise(true)], ["known", () => o.isKnown], ["secret", () => o.isSecret], ["resources", async () => (await o.allResources()).size]]) {
        try {
            result[key] = await read();
        } catch (e) {
            result[key] = `rejected: ${e.message}`;
        }
    }
    result.syncResources = o.resources().size;
    return result;
}

/** What an Output looks like as an object: its own keys, their kinds, and what assigning isKnown does. */
async function shapeOf(fake) {
    const o = pulumi.output(1);
    const kinds = Object.keys(o).map((k) => `${k}:${typeof o[k]}`);
    const input = new Set([fake]);
    const fromSet = new pulumi.Output(input, Promise.resolve(2), Promise.resolve(true), Promise.resolve(false), undefined);
    input.add(new pulumi.DependencyResource("urn:pulumi:s::p::t::b"));
    const single = new pulumi.Output(fake, Promise.resolve(3), Promise.resolve(true), Promise.resolve(false), undefined);
    const assigned = pulumi.output(4);
    assigned.isKnown = Promise.resolve(false);
    const descriptor = Object.getOwnPropertyDescriptor(assigned, "isKnown");
    return {
        kinds, copiedAtConstruction: fromSet.resources().size, sameSetEachCall: single.resources() === single.resources(), single: single.resources().size,
        assignedKnown: await assigned.isKnown, assignedIsData: "value" in descriptor && descriptor.writable, assignedKeys: Object.keys(assigned),
    };
}

/** Resources registered with the SDK's mocks (their properties are transferred, then resolved): what their Outputs give, failures included. */
async function registeredResources() {
    await pulumi.runtime.setMocks({
        newResource: (args) => {
            if (args.name.startsWith("fails")) throw new Error(`mock refused ${args.name}`);
            return { id: `${args.name}-id`, state: { ...args.inputs, computed: `${args.name}-computed` } };
        },
        call: () => ({}),
    }, "p", "s", false);
    const made = {};
    class R extends pulumi.CustomResource {
        constructor(name, props) { super("t:m:R", name, { a: undefined, s: undefined, computed: undefined, never: undefined, ...props }); }
    }
    const ok = new R("r1", { a: 1, s: pulumi.secret("x") });
    const dependent = new R("r2", { a: ok.computed });
    const failed = new R("fails1", { a: 2 });
    const outputs = { a: ok.a, s: ok.s, computed: ok.computed, never: ok.never, dependent: dependent.a, urn: ok.urn, id: ok.id, failedA: failed.a, failedComputed: failed.computed, failedUrn: failed.urn, failedId: failed.id };
    for (const [name, o] of Object.entries(outputs)) {
        made[name] = await describe(o);
    }
    unhandled.length = 0;
    new R("fails2", { a: 3 });
    await ticks(10);
    made.unreadFailure = [...new Set(unhandled)].sort();
    return made;
}

async function main() {
    const fake = new pulumi.DependencyResource("urn:pulumi:s::p::t::a");
    const unknown = new pulumi.Output(new Set([fake]), Promise.resolve(undefined), Promise.resolve(false), Promise.resolve(false), Promise.resolve(new Set([fake])));
    const scenarios = {
        plain: () => pulumi.output(1),
        secret: () => pulumi.secret("s").apply((s) => `${s}!`),
        nested: () => pulumi.output(Promise.resolve({ a: pulumi.output(2), b: [pulumi.secret(3)] })),
        all: () => pulumi.all([pulumi.output(1), pulumi.secret(2), Promise.resolve(3)]),
        outputOfOutput: () => pulumi.output(pulumi.output(pulumi.secret(4))),
        applyReturningOutput: () => pulumi.output(5).apply((v) => pulumi.secret(v + 1)),
        lifted: () => pulumi.output({ a: { b: 5 } }).a.b,
        interpolated: () => pulumi.interpolate`x-${pulumi.secret("y")}-${pulumi.output(1)}`,
        unknown: () => unknown,
        unknownApplied: () => unknown.apply((v) => `never ${v}`),
        withResources: () => new pulumi.Output(new Set([fake]), Promise.resolve("r"), Promise.resolve(true), Promise.resolve(false), Promise.resolve(new Set([fake]))),
        failedApply: () => pulumi.output(1).apply(() => { throw new Error("apply failed"); }),
        failedThenApplied: () => pulumi.output(1).apply(() => { throw new Error("failed upstream"); }).apply((v) => v),
        rejectedInput: () => pulumi.output(Promise.reject(new Error("input rejected"))),
    };
    const described = {};
    for (const [name, make] of Object.entries(scenarios)) described[name] = await describe(make());
    described.shape = await shapeOf(fake);
    described.registered = await registeredResources();
    // Outputs nobody reads: what goes unhandled is what the SDK lets go unhandled.
    const unread = {};
    for (const [name, make] of Object.entries({
        failedApply: () => pulumi.output(1).apply(() => { throw new Error("unread apply failed"); }),
        failedThenApplied: () => pulumi.output(1).apply(() => { throw new Error("unread upstream failed"); }).apply((v) => v),
        rejectedInput: () => pulumi.output(Promise.reject(new Error("unread input rejected"))),
        rejectedIsKnown: () => new pulumi.Output(new Set(), Promise.resolve(1), Promise.reject(new Error("unread isKnown rejected")), Promise.resolve(false), undefined),
        rejectedButHandledElsewhere: () => { const p = Promise.reject(new Error("unread handled elsewhere")); p.catch(() => undefined); return new pulumi.Output(new Set(), p, Promise.resolve(true), Promise.resolve(false), undefined); },
    })) {
        unhandled.length = 0;
        make();
        await ticks(5);
        // The distinct reasons: a failure goes unhandled or not (how many derived promises report it may differ).
        unread[name] = [...new Set(unhandled)].sort();
    }
    process.stdout.write(`${JSON.stringify({ described, unread })}\n`);
}

main().catch((e) => { process.stderr.write(`${e.stack}\n`); process.exit(1); });
