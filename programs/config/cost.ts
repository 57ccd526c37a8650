/**
 * The cost guardrail's configuration (`platform:cost`): checks across keys, and the budgets each
 * SystemScope carries for the pack's cost policies.
 */
import type { CostBudget } from "../../components/system";
import type { ConfigProblem } from "./load";
import { SYSTEMS, type PlatformConfig } from "./schema";

/**
 * Names `platform:cost.systems` may budget: the seed systems and the stack-wide `platform` scope. A
 * budget for a system the stack does not deploy is allowed (`--config platform:systems=[...]` gates
 * one system of a stack that budgets them all); a name that is no system is a typo.
 */
export function costProblems(cfg: Pick<PlatformConfig, "cost" | "teamSpec">): ConfigProblem[] {
    const allowed: string[] = [...SYSTEMS, "platform"];
    return Object.entries(cfg.cost.systems).filter(([name]) => !allowed.includes(name)).map(([name, budget]) => ({
        key: `platform:cost.systems.${name}`, given: budget,
        allowed: `a system name (${allowed.join(", ")})${cfg.teamSpec !== undefined ? `; a team stack's budget is the spec's budget (${cfg.teamSpec})` : ""}`,
    }));
}

export function stackBudget(cfg: Pick<PlatformConfig, "cost">): CostBudget {
    return { monthlyUsd: cfg.cost.budgetMonthlyUsd, maxRisePercent: cfg.cost.maxRisePercent };
}

/** A system's budget from `platform:cost.systems.<name>`; the stack's maxRisePercent applies unless the system sets its own. */
export function systemBudget(cfg: Pick<PlatformConfig, "cost">, system: string): CostBudget {
    const own = cfg.cost.systems[system];
    return { monthlyUsd: own?.budgetMonthlyUsd, maxRisePercent: own?.maxRisePercent ?? cfg.cost.maxRisePercent };
}
