import type { PolicyResource } from "@pulumi/policy";
import { budgetFindings } from "../../engine/cost/budget";
import { ESTIMATORS } from "../../engine/cost/estimators";
import { stackRule, type StackRuleSpec } from "../lib/define";
import { DEFAULT_COST_CONTEXT, estimateOf, rootStackUrn, stackOf, type CostContext } from "./estimate";

/** The spec, for a given cost context (tests give their own project directory and clock). */
export function withinBudgetSpec(ctx: CostContext): StackRuleSpec<Record<string, never>> {
    return {
        name: "aws-stack-cost-within-budget",
        description: "The estimated monthly cost (fixed plus usage, list prices) of the stack and of each system stays within its budget: platform:cost in the stack file, or a team spec's budget.",
        area: "cost",
        severity: "medium",
        remediation: "bring the cost down (the message names the top three drivers) or, if the spend is intended, raise the budget in the stack file's platform:cost (a team: the spec's budget)",
        types: Object.keys(ESTIMATORS),
        check(resources: PolicyResource[], report) {
            const cost = estimateOf(resources, ctx);
            if (!cost) return;
            const id = stackOf(resources)!;
            for (const f of budgetFindings(cost).filter((x) => x.kind === "over-budget")) report(f.urn ?? rootStackUrn(id.stack, id.project), f.message);
        },
    };
}

export const stackCostWithinBudget = stackRule(withinBudgetSpec(DEFAULT_COST_CONTEXT));
