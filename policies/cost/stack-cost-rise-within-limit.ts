import { budgetFindings } from "../../engine/cost/budget";
import { ESTIMATORS } from "../../engine/cost/estimators";
import { stackRule } from "../lib/define";
import { estimateOf, rootStackUrn, stackOf } from "./estimate";

export const stackCostRiseWithinLimit = stackRule({
    name: "aws-stack-cost-rise-within-limit",
    description: "The estimated monthly cost of the stack and of each system rises no more than its maxRisePercent above the committed cost baseline (tests/programs/cost-baseline.json).",
    area: "cost",
    severity: "low",
    remediation: "bring the cost down (the message names the top three drivers) or, if the rise is intended, record it: npm run snapshot:urns updates the cost baseline, and the reviewed diff is the approval",
    types: Object.keys(ESTIMATORS),
    check(resources, report) {
        const cost = estimateOf(resources);
        if (!cost) return;
        const id = stackOf(resources)!;
        for (const f of budgetFindings(cost).filter((x) => x.kind === "rise")) report(f.urn ?? rootStackUrn(id.stack, id.project), f.message);
    },
});
