/** The cost section of the reports: JSON (stacks[].cost, summary.cost) and the Markdown table for pull requests. */
import * as assert from "assert";
import { withBaseline } from "../../engine/cost/baseline";
import { renderCostMarkdown } from "../../engine/cost/render";
import type { GateReport, StackReport } from "../../engine/gate/gate";
import { renderJson } from "../../engine/gate/report/json";
import { estimate, type Fixture } from "./support";

const fixtures: Fixture[] = [
    { type: "platform:core:System", name: "shop", props: { budget: { monthlyUsd: 40 }, stackBudget: { monthlyUsd: 60 } } },
    { type: "aws:ec2/natGateway:NatGateway", name: "shop-nat", parent: "shop" },
    { type: "aws:ec2/instance:Instance", name: "shop-vm", parent: "shop" },
];

function report(): GateReport {
    const cost = withBaseline(estimate(fixtures), { fixed: 30, usage: 0, monthly: 30, systems: { shop: { fixed: 30, usage: 0, monthly: 30 } } });
    const stack = (name: string, withCost: boolean): StackReport => ({
        stack: name, environment: "dev", program: "programs/index.ts", policyConfig: null, resources: [], violations: [], deferred: [], unchecked: [], exemptions: [],
        remediations: [], diagnostics: [], error: withCost ? null : `stack ${name}: broken`, evaluations: 0, updatePass: { ran: false, checked: 0, onlyAtUpdate: 0, note: null },
        timings: { programMs: 0, policyMs: 0, updateMs: 0 }, cost: withCost ? { ...cost, stack: name } : null,
    });
    return { stacks: [stack("dev", true), stack("broken", false)], summary: { stacks: 2, mandatory: 0, advisory: 0, deferred: 0, unchecked: 0, resources: 0, errors: 1, exempted: 0, create: 0, delete: 0, replace: 0 }, strict: false, warnings: [] };
}

describe("cost in the reports", () => {
    it("JSON: each stack's cost with systems, resources and components, and summary.cost (fields only added)", () => {
        const json = JSON.parse(renderJson(report()));
        assert.strictEqual(json.formatVersion, 1);
        const cost = json.stacks[0].cost;
        assert.deepStrictEqual([cost.fixed, cost.usage, cost.monthly, cost.budget, cost.baseline.monthly], [32.85, 0, 32.85, { monthlyUsd: 60 }, 30]);
        assert.deepStrictEqual(cost.systems.map((s: { system: string; monthly: number; budget: unknown }) => [s.system, s.monthly, s.budget]), [["shop", 32.85, { monthlyUsd: 40 }]]);
        const nat = cost.resources.find((r: { name: string }) => r.name === "shop-nat");
        assert.deepStrictEqual(nat.components, [{ name: "NAT gateway hours", unit: "hour", quantity: 730, unitPrice: 0.045, monthly: 32.85, kind: "fixed", price: "nat.hours" }]);
        assert.deepStrictEqual(cost.unpriced.map((u: { name: string }) => u.name), ["shop-vm"]);
        assert.strictEqual(json.stacks[1].cost, null);
        assert.deepStrictEqual(json.summary.cost, { currency: "USD", priceTableAsOf: cost.priceTable.asOf, priceTableStale: false, fixed: 32.85, usage: 0, monthly: 32.85, unpriced: 1, stacks: { dev: { fixed: 32.85, usage: 0, monthly: 32.85, baseline: 30 } } });
        for (const key of ["mandatory", "advisory", "deferred", "unchecked", "resources", "stacks", "errors"]) assert.ok(key in json.summary, `summary.${key} kept`);
    });

    it("Markdown: a table per stack with fixed, usage, total, budget, the change against the baseline and the drivers", () => {
        const md = renderCostMarkdown(report());
        assert.match(md, /^#### Cost estimate\n\n\*\*dev\*\*: \$32\.85\/month \(fixed \$32\.85, usage \$0\.00\), \+\$2\.85 \(\+9\.5 %\) against the baseline, budget \$60\.00\n/);
        assert.match(md, /\n\| system \| fixed \| usage \| total \| budget \| vs baseline \| top drivers \|\n\|---\|---:\|---:\|---:\|---:\|---:\|---\|\n\| shop \| \$32\.85 \| \$0\.00 \| \$32\.85 \| \$40\.00 \| \+\$2\.85 \(\+9\.5 %\) \| shop-nat \$32\.85 \(NAT gateway hours\) \|\n/);
        assert.match(md, /\nUnpriced \(not in the totals\): `aws:ec2\/instance:Instance` shop-vm\n/);
        assert.ok(!md.includes("**broken**"), "a stack that failed has no estimate");
    });
});
