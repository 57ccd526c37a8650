import * as assert from "assert";
import { stackCostRiseWithinLimit as policy } from "../../../policies/cost/stack-cost-rise-within-limit";
import { assertNoViolations, runPolicy } from "../../../policies/testing";
import { byName, describePolicy } from "../support/spec";
import { baseline, costProject, inCostProject, r, ROOT_STACK_URN, shop, SYSTEM, unknownTaskCount, urnOf } from "./support";

const NAME = "aws-stack-cost-rise-within-limit";

describe(`${NAME}, in a project whose baseline records the shop system at $50.00`, () => {
    inCostProject(baseline(50));

    describePolicy("aws-stack-cost-rise-within-limit", {
        level: "mandatory",
        description: /rises no more than its maxRisePercent above the committed cost baseline/,
        // $53.93 is 7.9 % above the baseline.
        compliant: shop({ maxRisePercent: 10 }),
        alsoCompliant: [
            { title: "an ECS service's task count is unknown (left unpriced, not deferred)", change: (f) => f.push(unknownTaskCount()) },
            {
                title: "the system is new (not in the baseline), even with no rise allowed",
                change: (f) => {
                    const system = byName(f, "shop");
                    system.name = "cart";
                    system.props.budget = { maxRisePercent: 0 };
                    for (const x of f) if (x.parent === "shop") x.parent = "cart";
                },
            },
        ],
        cases: [
            {
                title: "the system's allowed rise is below its rise",
                break: (f) => (byName(f, "shop").props.budget = { maxRisePercent: 5 }),
                expect: /system shop: estimated \$53\.93\/month .* is 7\.9 % above the committed baseline of \$50\.00 \(allowed: 5 %\); top drivers: shop-nat \$32\.85/,
            },
            {
                title: "a second NAT gateway raises the system's cost past the limit",
                break: (f) => f.push(r("aws:ec2/natGateway:NatGateway", "shop-nat-2", { parent: "shop" })),
                expect: /system shop: estimated \$86\.78\/month .* is 73\.6 % above the committed baseline of \$50\.00 \(allowed: 10 %\)/,
            },
            {
                title: "the stack rose more than its own limit (reported on the root stack)",
                break: (f) => (byName(f, "shop").props.stackBudget = { maxRisePercent: 5 }),
                expect: /stack dev: estimated \$53\.93\/month .* is 7\.9 % above the committed baseline of \$50\.00 \(allowed: 5 %\)/,
                resource: "platform-dev",
            },
        ],
    });

    describe("the finding", () => {
        it("is reported on the System, naming the rise over the committed baseline and the top drivers", async () => {
            costProject(baseline(40));
            const found = await runPolicy(policy, shop({ maxRisePercent: 10 }));
            assert.strictEqual(found.length, 1);
            assert.strictEqual(found[0].urn, urnOf(SYSTEM, "shop"));
            assert.match(found[0].message, /system shop: estimated \$53\.93\/month .* is 34\.8 % above the committed baseline of \$40\.00 \(allowed: 10 %\); top drivers: shop-nat \$32\.85/);
        });

        it("for the stack's own limit is reported on the root stack", async () => {
            const found = await runPolicy(policy, shop({}, { maxRisePercent: 5 }));
            assert.deepStrictEqual(found.map((v) => v.urn), [ROOT_STACK_URN]);
        });

        it("is not raised by a rise within the limit, a fall, or a project without a baseline", async () => {
            assertNoViolations(await runPolicy(policy, shop({ maxRisePercent: 10 })));
            costProject(baseline(80));
            assertNoViolations(await runPolicy(policy, shop({ maxRisePercent: 0 })));
            costProject();
            assertNoViolations(await runPolicy(policy, shop({ maxRisePercent: 0 })));
        });
    });
});
