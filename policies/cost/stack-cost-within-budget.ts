import { budgetFindings } from "../../engine/cost/budget";
import { ESTIMATORS } from "../../engine/cost/estimators";
import { stackRule } from "../lib/define";
import { estimateOf, rootStackUrn, stackOf } from "./estimate";

export const stackCostWithinBudget = stackRule({
    name: "aws-stack-cost-within-budget",
    description: "The estimated monthly cost (fixed plus usage, list prices) of the stack and of each system stays within its budget: platform:cost in the stack file, or a team spec's budget.",
    area: "cost",
    severity: "medium",
    remediation: "bring the cost down (the message names the top three drivers) or, if the spend is intended, raise the budget in the stack file's platform:cost (a team: the spec's budget)",
    types: Object.keys(ESTIMATORS),
    check(resources, report) {
        const cost = estimateOf(resources);
        if (!cost) return;
        const id = stackOf(resources)!;
        for (const f of budgetFindings(cost).filter((x) => x.kind === "over-budget")) report(f.urn ?? rootStackUrn(id.stack, id.project), f.message);
    },
});
