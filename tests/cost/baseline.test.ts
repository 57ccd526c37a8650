/** The committed cost baseline beside the URN snapshot: every stack is in it, as npm run snapshot:urns records it. */
import * as assert from "assert";
import * as path from "path";
import { baselineOf, readCostBaseline } from "../../engine/cost/baseline";
import { loadPriceTable } from "../../engine/cost/price-table";
import { listStacks } from "../../engine/stack-file";
import { estimate, type Fixture } from "./support";

const ROOT = path.join(__dirname, "..", "..");

describe("cost baseline", () => {
    it("covers every stack, at the price table's date (update it deliberately with npm run snapshot:urns)", () => {
        const baseline = readCostBaseline(ROOT);
        assert.ok(baseline, "tests/programs/cost-baseline.json exists");
        assert.deepStrictEqual(Object.keys(baseline.stacks).sort(), [...listStacks(ROOT)].sort());
        assert.strictEqual(baseline.priceTable, loadPriceTable().asOf, "prices changed since the baseline: run npm run snapshot:urns and review the cost diff");
    });

    it("records the stack's and each system's fixed, usage and monthly figures", () => {
        const fixtures: Fixture[] = [{ type: "platform:core:System", name: "a" }, { type: "aws:kms/key:Key", name: "k", parent: "a" }];
        assert.deepStrictEqual(baselineOf(estimate(fixtures)), { fixed: 1, usage: 0, monthly: 1, systems: { a: { fixed: 1, usage: 0, monthly: 1 } } });
    });
});
