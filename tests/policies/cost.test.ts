/**
 * The cost policies (policies/cost/): budget and baseline-rise findings on a System or the stack, and
 * the advisory cost smells, on stacks built by hand as the analyzer hands them to a stack policy
 * (parents, property dependencies, providers linked).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DEFAULT_PRICE_TABLE } from "../../engine/cost/price-table";
import { ec2NatGatewayUsedByWorkloads } from "../../policies/cost/ec2-natgateway-used-by-workloads";
import { ec2VpcEndpointUsedByWorkloads } from "../../policies/cost/ec2-vpcendpoint-used-by-workloads";
import { estimateOf, useCostContext } from "../../policies/cost/estimate";
import { kmsKeyCountPerSystemLimited } from "../../policies/cost/kms-key-count-per-system-limited";
import { stackCostRiseWithinLimit } from "../../policies/cost/stack-cost-rise-within-limit";
import { stackCostWithinBudget } from "../../policies/cost/stack-cost-within-budget";
import { UNKNOWN } from "../../policies/testing";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(v: T): T };

interface R { type: string; name: string; props?: Record<string, unknown>; parent?: string; deps?: Record<string, string[]>; provider?: string }

const STACK = "shop-dev";
const urn = (type: string, name: string) => `urn:pulumi:${STACK}::platform::${type}::${name}`;

/** Stack resources as the analyzer builds them: proxied props, parent, dependencies and provider as resource objects. */
function stack(fixture: R[]): PolicyResource[] {
    const byName = new Map<string, PolicyResource>();
    const out = fixture.map((r) => {
        const p = {
            type: r.type, name: r.name, urn: urn(r.type, r.name), props: unknownCheckingProxy(r.props ?? {}),
            opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
            dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined,
        } as unknown as PolicyResource;
        if (!byName.has(r.name)) byName.set(r.name, p);
        return p;
    });
    fixture.forEach((r, i) => {
        const me = out[i] as PolicyResource & { parent?: PolicyResource; provider?: PolicyResource };
        if (r.parent) me.parent = byName.get(r.parent);
        if (r.provider) me.provider = byName.get(r.provider);
        for (const [k, names] of Object.entries(r.deps ?? {})) me.propertyDependencies[k] = names.map((n) => byName.get(n)!);
    });
    return out;
}

async function run(policy: StackValidationPolicy, resources: PolicyResource[], config: Record<string, unknown> = {}): Promise<{ message: string; urn?: string }[]> {
    const out: { message: string; urn?: string }[] = [];
    await policy.validateStack({ resources, getConfig: <T>() => config as T, stackTags: new Map(), notApplicable: () => { throw new Error("n/a"); } } as never,
        (message: unknown, u?: string) => out.push({ message: String(message), urn: u }));
    return out;
}

/** A project with this stack's usage file and cost baseline. */
function project(files: Record<string, unknown>): { dir: string; ctx: { projectDir: string; priceTableFile: string } } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cost-policy-"));
    for (const [name, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
    }
    return { dir, ctx: { projectDir: dir, priceTableFile: DEFAULT_PRICE_TABLE } };
}

const SYSTEM = "platform:core:System";
const shop = (budget: Record<string, number>, stackBudget?: Record<string, number>): R[] => [
    { type: SYSTEM, name: "shop", props: { region: "us-east-1", budget, ...(stackBudget ? { stackBudget } : {}) } },
    { type: "aws:ec2/natGateway:NatGateway", name: "shop-nat", parent: "shop" },
    { type: "aws:ec2/eip:Eip", name: "shop-nat", parent: "shop" },
    { type: "aws:lb/loadBalancer:LoadBalancer", name: "shop-alb", parent: "shop", props: { loadBalancerType: "application" } },
    { type: "aws:kms/key:Key", name: "shop-key", parent: "shop" },
];

describe("cost policies", () => {
    const dirs: string[] = [];
    afterEach(() => {
        useCostContext();
        for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    });
    /** The cost policies read this project's usage file and baseline from now on. */
    const ctxOf = (files: Record<string, unknown> = {}) => {
        const p = project(files);
        dirs.push(p.dir);
        useCostContext(p.ctx);
        return p.ctx;
    };
    /** The budget and rise policies, reading a project with these files. */
    const budgetPolicy = (files: Record<string, unknown> = {}) => { ctxOf(files); return stackCostWithinBudget; };
    const risePolicy = (files: Record<string, unknown> = {}) => { ctxOf(files); return stackCostRiseWithinLimit; };

    describe("aws-stack-cost-within-budget", () => {
        it("reports a system over its budget on the System, naming the estimate, the budget and the top three drivers", async () => {
            const policy = budgetPolicy();
            const found = await run(policy, stack(shop({ monthlyUsd: 40 })));
            assert.strictEqual(found.length, 1);
            assert.strictEqual(found[0].urn, urn(SYSTEM, "shop"));
            assert.strictEqual(found[0].message,
                "platform:core:System \"shop\": system shop: estimated $53.93/month (fixed $53.93 + usage $0.00) is over its budget of $40.00; " +
                "top drivers: shop-nat $32.85 (NAT gateway hours), shop-alb $16.43 (ALB hours), shop-nat $3.65 (public IPv4 address hours). " +
                "Fix: bring the cost down (the message names the top three drivers) or, if the spend is intended, raise the budget in the stack file's platform:cost (a team: the spec's budget)");
        });

        it("passes a system within its budget, and counts usage from the stack's usage file", async () => {
            assert.deepStrictEqual(await run(budgetPolicy(), stack(shop({ monthlyUsd: 60 }))), []);
            const busy = budgetPolicy({ [`Pulumi.${STACK}.usage.yaml`]: "version: 1\nresources:\n  shop-alb: { averageLcus: 2 }\n" });
            const found = await run(busy, stack(shop({ monthlyUsd: 60 })));
            assert.match(found[0]?.message ?? "", /estimated \$65\.61\/month \(fixed \$53\.93 \+ usage \$11\.68\) is over its budget of \$60\.00/);
        });

        it("reports the stack over its own budget on the root stack", async () => {
            const found = await run(budgetPolicy(), stack(shop({}, { monthlyUsd: 50 })));
            assert.strictEqual(found[0].urn, `urn:pulumi:${STACK}::platform::pulumi:pulumi:Stack::platform-${STACK}`);
            assert.match(found[0].message, /stack shop-dev: estimated \$53\.93\/month .* is over its budget of \$50\.00; top drivers: shop-nat \$32\.85/);
        });

        it("reads nothing unknown through the proxy (preview): an unknown task count leaves the service unpriced, not the policy deferred", async () => {
            const r = stack([...shop({ monthlyUsd: 1000 }), { type: "aws:ecs/service:Service", name: "svc", parent: "shop", props: { desiredCount: UNKNOWN } }]);
            assert.deepStrictEqual(await run(budgetPolicy(), r), []);
            assert.deepStrictEqual(estimateOf(r, ctxOf())!.unpriced.map((u) => u.name), ["svc"]);
        });

        it("prices a resource in its provider's region (the CLI links every resource to its provider)", async () => {
            const r = stack([
                { type: SYSTEM, name: "shop", props: { region: "us-east-1" } },
                { type: "pulumi:providers:aws", name: "eu", props: { region: "eu-west-1" } },
                { type: "aws:kms/key:Key", name: "eu-key", parent: "shop", provider: "eu" },
            ]);
            assert.deepStrictEqual(estimateOf(r, ctxOf())!.unpriced.map((u) => u.reason), ["no price kms.key for eu-west-1 in the price table"]);
        });
    });

    describe("aws-stack-cost-rise-within-limit", () => {
        const baseline = (monthly: number) => ({ "tests/programs/cost-baseline.json": { priceTable: "2025-05-01", stacks: { [STACK]: { fixed: monthly, usage: 0, monthly, systems: { shop: { fixed: monthly, usage: 0, monthly } } } } } });

        it("reports a system that rose more than maxRisePercent above the committed baseline", async () => {
            const found = await run(risePolicy(baseline(40)), stack(shop({ maxRisePercent: 10 })));
            assert.strictEqual(found.length, 1);
            assert.strictEqual(found[0].urn, urn(SYSTEM, "shop"));
            assert.match(found[0].message, /system shop: estimated \$53\.93\/month .* is 34\.8 % above the committed baseline of \$40\.00 \(allowed: 10 %\); top drivers: shop-nat \$32\.85/);
        });

        it("passes a rise within the limit, a fall, and a system without a baseline (a new system)", async () => {
            assert.deepStrictEqual(await run(risePolicy(baseline(50)), stack(shop({ maxRisePercent: 10 }))), []);
            assert.deepStrictEqual(await run(risePolicy(baseline(80)), stack(shop({ maxRisePercent: 0 }))), []);
            assert.deepStrictEqual(await run(risePolicy(), stack(shop({ maxRisePercent: 0 }))), []);
        });
    });

    describe("aws-ec2-natgateway-used-by-workloads (advisory)", () => {
        const net = (fnSubnet?: string): R[] => [
            { type: "aws:ec2/natGateway:NatGateway", name: "nat-1" },
            { type: "aws:ec2/routeTable:RouteTable", name: "private-1" },
            { type: "aws:ec2/route:Route", name: "private-1-default", deps: { natGatewayId: ["nat-1"], routeTableId: ["private-1"] } },
            { type: "aws:ec2/subnet:Subnet", name: "private-1-subnet" },
            { type: "aws:ec2/subnet:Subnet", name: "other-subnet" },
            { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: "private-1-assoc", deps: { routeTableId: ["private-1"], subnetId: ["private-1-subnet"] } },
            ...(fnSubnet ? [{ type: "aws:lambda/function:Function", name: "fn", deps: { vpcConfig: [fnSubnet] } }] : []),
        ];

        it("reports a NAT gateway whose routed subnets run no function or task", async () => {
            const found = await run(ec2NatGatewayUsedByWorkloads, stack(net("other-subnet")));
            assert.strictEqual(found.length, 1);
            assert.match(found[0].message, /aws:ec2\/natGateway:NatGateway "nat-1": no function or task runs in the subnets that route through it \(private-1-subnet\)/);
            assert.match((await run(ec2NatGatewayUsedByWorkloads, stack(net().slice(0, 1))))[0].message, /no route sends traffic to it/);
        });

        it("passes a NAT gateway with a function in a subnet routed through it", async () => {
            assert.deepStrictEqual(await run(ec2NatGatewayUsedByWorkloads, stack(net("private-1-subnet"))), []);
        });
    });

    describe("aws-ec2-vpcendpoint-used-by-workloads (advisory)", () => {
        const vpc = (service: string, workload?: "fn" | "task", referenced = false): R[] => [
            { type: "aws:ec2/vpc:Vpc", name: "vpc" },
            { type: "aws:ec2/subnet:Subnet", name: "private-1", deps: { vpcId: ["vpc"] } },
            { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: `ep-${service}`, props: { vpcEndpointType: "Interface", serviceName: `com.amazonaws.us-east-1.${service}` }, deps: { vpcId: ["vpc"], subnetIds: ["private-1"] } },
            ...(workload === "fn" ? [{ type: "aws:lambda/function:Function", name: "fn", deps: { vpcConfig: ["private-1"] } }] : []),
            ...(workload === "task" ? [{ type: "aws:ecs/service:Service", name: "svc", deps: { networkConfiguration: ["private-1"] } }] : []),
            ...(referenced ? [{ type: "aws:apigateway/restApi:RestApi", name: "api", deps: { policy: [`ep-${service}`] } }] : []),
        ];

        it("reports an endpoint with no workload in its VPC, and a logs endpoint only functions could use", async () => {
            assert.match((await run(ec2VpcEndpointUsedByWorkloads, stack(vpc("secretsmanager"))))[0].message, /"ep-secretsmanager": no function or task runs in its VPC and no resource refers to it/);
            assert.match((await run(ec2VpcEndpointUsedByWorkloads, stack(vpc("logs", "fn"))))[0].message, /"ep-logs": no task runs in its VPC, and functions do not use a logs endpoint \(Lambda delivers its own logs/);
        });

        it("passes an endpoint a function or task in its VPC can use, or that a resource refers to", async () => {
            assert.deepStrictEqual(await run(ec2VpcEndpointUsedByWorkloads, stack(vpc("secretsmanager", "fn"))), []);
            assert.deepStrictEqual(await run(ec2VpcEndpointUsedByWorkloads, stack(vpc("logs", "task"))), []);
            assert.deepStrictEqual(await run(ec2VpcEndpointUsedByWorkloads, stack(vpc("execute-api", undefined, true))), []);
        });
    });

    describe("aws-kms-key-count-per-system-limited (advisory)", () => {
        const keys = (n: number): R[] => [{ type: SYSTEM, name: "shop" }, ...Array.from({ length: n }, (_, i) => ({ type: "aws:kms/key:Key", name: `key-${i + 1}`, parent: "shop" }))];

        it("reports a system with more keys than maxKeysPerSystem, listing them", async () => {
            const found = await run(kmsKeyCountPerSystemLimited, stack(keys(7)), { maxKeysPerSystem: 6 });
            assert.strictEqual(found[0].urn, urn(SYSTEM, "shop"));
            assert.match(found[0].message, /platform:core:System "shop": has 7 customer managed KMS keys \(more than 6; each costs \$1\/month\): key-1, .*key-7/);
            assert.deepStrictEqual(await run(kmsKeyCountPerSystemLimited, stack(keys(7)), { maxKeysPerSystem: 7 }), []);
            assert.deepStrictEqual(await run(kmsKeyCountPerSystemLimited, stack(keys(6)), { maxKeysPerSystem: 6 }), []);
        });
    });
});
