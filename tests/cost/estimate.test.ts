/**
 * The estimator as a whole: unpriced and free resources are listed (never silently zero), resources
 * are attributed to their system, totals and drivers, regions, unknown inputs, and the type lists
 * stay consistent with @pulumi/aws.
 */
import * as assert from "assert";
import * as fs from "fs";
import { ESTIMATORS } from "../../engine/cost/estimators";
import { estimateStack } from "../../engine/cost/estimate";
import { parsePriceTable } from "../../engine/cost/price-table";
import { resourceTypeTokens } from "../support/provider-types";
import { estimate, resources, table, UNKNOWN, type Fixture } from "./support";

const SYSTEM = "platform:core:System";

describe("cost estimate of a stack", () => {
    const stack: Fixture[] = [
        { type: SYSTEM, name: "shop", props: { region: "us-east-1", budget: { monthlyUsd: 50 } } },
        { type: "platform:network:Network", name: "shop-net", parent: "shop" },
        { type: "aws:ec2/natGateway:NatGateway", name: "shop-nat", parent: "shop-net" },
        { type: "aws:iam/role:Role", name: "shop-role", parent: "shop" },
        { type: "aws:ec2/instance:Instance", name: "shop-vm", parent: "shop", props: { instanceType: "t3.micro" } },
        { type: "aws:kms/key:Key", name: "shop-key", parent: "shop" },
        { type: SYSTEM, name: "blog", props: { region: "us-east-1" } },
        { type: "aws:secretsmanager/secret:Secret", name: "blog-secret", parent: "blog" },
        { type: "aws:kms/key:Key", name: "loose-key" },
    ];

    it("lists a type the table cannot price as unpriced, with the reason, and leaves it out of the totals", () => {
        const c = estimate(stack);
        assert.deepStrictEqual(c.unpriced.map((u) => [u.type, u.name, u.system, u.reason]), [["aws:ec2/instance:Instance", "shop-vm", "shop", "no price for this type in the price table"]]);
        const vm = c.resources.find((r) => r.name === "shop-vm")!;
        assert.deepStrictEqual([vm.status, vm.monthly], ["unpriced", 0]);
        assert.strictEqual(c.systems.find((s) => s.system === "shop")!.unpriced, 1);
    });

    it("lists types that carry no charge as free, with why, and skips components and providers", () => {
        const c = estimate([...stack, { type: "pulumi:providers:aws", name: "west", props: { region: "us-west-2" } }]);
        const role = c.resources.find((r) => r.name === "shop-role")!;
        assert.deepStrictEqual([role.status, role.reason], ["free", "IAM is free"]);
        assert.ok(!c.resources.some((r) => r.type.startsWith("platform:") || r.type.startsWith("pulumi:")), "components and providers are not billable");
    });

    it("attributes each resource to its System ancestor and sums per system and per stack, with the top drivers", () => {
        const c = estimate(stack);
        assert.deepStrictEqual(c.systems.map((s) => [s.system, s.fixed, s.usage, s.monthly]), [["shop", 33.85, 0, 33.85], ["(stack)", 1, 0, 1], ["blog", 0.4, 0, 0.4]]);
        assert.strictEqual(c.fixed, 35.25);
        const shop = c.systems.find((s) => s.system === "shop")!;
        assert.deepStrictEqual(shop.drivers.map((d) => [d.name, d.monthly, d.component]), [["shop-nat", 32.85, "NAT gateway hours"], ["shop-key", 1, "customer managed key"]]);
        assert.deepStrictEqual(shop.budget, { monthlyUsd: 50 });
        assert.strictEqual(shop.urn, "urn:pulumi:test::platform::platform:core:System::shop");
    });

    it("prices a resource in its provider's region, else its System's, and lists a region the table lacks as unpriced", () => {
        const c = estimate([
            { type: SYSTEM, name: "eu", props: { region: "eu-west-1" } },
            { type: "aws:kms/key:Key", name: "eu-key", parent: "eu" },
            { type: "aws:kms/key:Key", name: "replica-key", parent: "eu", region: "us-west-2" },
        ]);
        const eu = c.resources.find((r) => r.name === "eu-key")!;
        assert.deepStrictEqual([eu.region, eu.status, eu.reason], ["eu-west-1", "unpriced", "no price kms.key for eu-west-1 in the price table"]);
        const replica = c.resources.find((r) => r.name === "replica-key")!;
        assert.deepStrictEqual([replica.region, replica.status, replica.monthly], ["us-west-2", "priced", 1]);
    });

    it("lists a resource whose price needs a value unknown in preview as unpriced, naming the value", () => {
        const c = estimate([{ type: "aws:rds/instance:Instance", name: "db", props: { engine: "postgres", instanceClass: UNKNOWN, multiAz: true, allocatedStorage: 20 } }]);
        assert.deepStrictEqual([c.resources[0].status, c.resources[0].reason], ["unpriced", "instanceClass is unknown until deployment"]);
    });

    it("carries the stack's budget from its Systems", () => {
        const c = estimateStack(resources([{ type: SYSTEM, name: "a", props: { stackBudget: { monthlyUsd: 100, maxRisePercent: 5 } } }]), { stack: "test", priceTable: table() });
        assert.deepStrictEqual(c.budget, { monthlyUsd: 100, maxRisePercent: 5 });
    });

    it("knows every type it prices or lists as free in @pulumi/aws 7.48 (or @pulumi/random), and never both", () => {
        const tokens = resourceTypeTokens("@pulumi/aws", "@pulumi/random");
        const free = [...table().free.keys()];
        for (const t of [...Object.keys(ESTIMATORS), ...free]) assert.ok(tokens.has(t), `${t} is not a resource type of @pulumi/aws 7.48 or @pulumi/random`);
        assert.deepStrictEqual(free.filter((t) => t in ESTIMATORS), [], "a type is priced or free, not both");
    });

    it("refuses a price table with a price missing for one of its regions, naming the file and the key", () => {
        const text = fs.readFileSync(table().file, "utf8").replace("price: { us-east-1: 0.045, us-west-2: 0.045 }", "price: { us-east-1: 0.045 }");
        assert.throws(() => parsePriceTable(text, "prices.yaml"), /Invalid price table prices\.yaml .*\n {2}- prices\.nat\.hours\.price: no price for us-west-2/);
    });
});
