import * as assert from "assert";
import { estimateOf } from "../../../policies/cost/estimate";
import { stackCostWithinBudget as policy } from "../../../policies/cost/stack-cost-within-budget";
import { assertNoViolations, runPolicy, stackArgs } from "../../../policies/testing";
import { byName, describePolicy } from "../support/spec";
import { costProject, inCostProject, r, ROOT_STACK_URN, shop, SYSTEM, unknownTaskCount, urnOf, USAGE_FILE } from "./support";

const NAME = "aws-stack-cost-within-budget";

describe(`${NAME}, in a project with no usage file`, () => {
    inCostProject();

    describePolicy("aws-stack-cost-within-budget", {
        level: "mandatory",
        description: /stays within its budget/,
        compliant: shop({ monthlyUsd: 60 }),
        alsoCompliant: [
            { title: "an ECS service's task count is unknown (left unpriced, not deferred)", change: (f) => f.push(unknownTaskCount()) },
        ],
        cases: [
            {
                title: "the system's budget is below its estimate",
                break: (f) => (byName(f, "shop").props.budget = { monthlyUsd: 40 }),
                expect: /system shop: estimated \$53\.93\/month \(fixed \$53\.93 \+ usage \$0\.00\) is over its budget of \$40\.00; top drivers: shop-nat \$32\.85/,
            },
            {
                title: "a second NAT gateway takes the system over its budget",
                break: (f) => f.push(r("aws:ec2/natGateway:NatGateway", "shop-nat-2", { parent: "shop" })),
                expect: /system shop: estimated \$86\.78\/month .* is over its budget of \$60\.00/,
            },
            {
                title: "the stack's own budget is below its estimate (reported on the root stack)",
                break: (f) => (byName(f, "shop").props.stackBudget = { monthlyUsd: 50 }),
                expect: /stack dev: estimated \$53\.93\/month .* is over its budget of \$50\.00; top drivers: shop-nat \$32\.85/,
                resource: "platform-dev",
            },
        ],
    });

    describe("the finding", () => {
        it("is reported on the System, naming the estimate, the budget and the top three drivers", async () => {
            const found = await runPolicy(policy, shop({ monthlyUsd: 40 }));
            assert.strictEqual(found.length, 1);
            assert.strictEqual(found[0].urn, urnOf(SYSTEM, "shop"));
            assert.strictEqual(found[0].message,
                "platform:core:System \"shop\": system shop: estimated $53.93/month (fixed $53.93 + usage $0.00) is over its budget of $40.00; " +
                "top drivers: shop-nat $32.85 (NAT gateway hours), shop-alb $16.43 (ALB hours), shop-nat $3.65 (public IPv4 address hours). " +
                "Fix: bring the cost down (the message names the top three drivers) or, if the spend is intended, raise the budget in the stack file's platform:cost (a team: the spec's budget)");
        });

        it("for the stack's own budget is reported on the root stack", async () => {
            const found = await runPolicy(policy, shop({}, { monthlyUsd: 50 }));
            assert.deepStrictEqual(found.map((v) => v.urn), [ROOT_STACK_URN]);
        });

        it("counts usage from the stack's usage file", async () => {
            costProject({ [USAGE_FILE]: "version: 1\nresources:\n  shop-alb: { averageLcus: 2 }\n" });
            const found = await runPolicy(policy, shop({ monthlyUsd: 60 }));
            assert.match(found[0]?.message ?? "", /estimated \$65\.61\/month \(fixed \$53\.93 \+ usage \$11\.68\) is over its budget of \$60\.00/);
        });
    });

    describe("the estimate it compares", () => {
        it("reads nothing unknown through the proxy (preview): an unknown task count leaves the service unpriced", async () => {
            const fixture = [...shop({ monthlyUsd: 1000 }), unknownTaskCount()];
            assertNoViolations(await runPolicy(policy, fixture));
            assert.deepStrictEqual(estimateOf(stackArgs(fixture).resources)!.unpriced.map((u) => u.name), ["svc"]);
        });

        it("prices a resource in its provider's region (the CLI links every resource to its provider)", () => {
            const { resources } = stackArgs([
                r(SYSTEM, "shop", {}, { region: "us-east-1" }),
                r("pulumi:providers:aws", "eu", {}, { region: "eu-west-1" }),
                r("aws:kms/key:Key", "eu-key", { parent: "shop", provider: "eu" }),
            ]);
            assert.deepStrictEqual(estimateOf(resources)!.unpriced.map((u) => u.reason), ["no price kms.key for eu-west-1 in the price table"]);
        });
    });
});
