/**
 * The budget guardrail's findings on an estimate: a stack or system whose estimated monthly cost
 * (fixed plus usage) is over its budget, or has risen more than its allowed percentage above the
 * committed baseline. The policy pack reports them (policies/cost/), at each environment's level.
 */
import { round2, type CostDriver, type StackCost } from "./model";

export interface BudgetFinding {
    kind: "over-budget" | "rise";
    scope: "stack" | "system";
    /** The system's name (scope system). */
    system?: string;
    /** The System component's URN (scope system). */
    urn?: string;
    estimate: number;
    budget?: number;
    baseline?: number;
    risePercent?: number;
    maxRisePercent?: number;
    drivers: CostDriver[];
    message: string;
}

export function usd(n: number): string {
    return `$${n.toFixed(2)}`;
}

export function describeDrivers(drivers: readonly CostDriver[]): string {
    return drivers.length === 0 ? "no priced resource" : drivers.map((d) => `${d.name} ${usd(d.monthly)} (${d.component})`).join(", ");
}

function stackDrivers(cost: StackCost, n: number): CostDriver[] {
    return cost.systems.flatMap((s) => s.drivers).sort((a, b) => b.monthly - a.monthly).slice(0, n);
}

interface Subject {
    scope: "stack" | "system";
    label: string;
    system?: string;
    urn?: string;
    monthly: number;
    fixed: number;
    usage: number;
    budget?: { monthlyUsd?: number; maxRisePercent?: number };
    baseline?: { monthly: number };
    drivers: CostDriver[];
}

export function budgetFindings(cost: StackCost, drivers = 3): BudgetFinding[] {
    const subjects: Subject[] = [
        { scope: "stack", label: `stack ${cost.stack}`, monthly: cost.monthly, fixed: cost.fixed, usage: cost.usage, budget: cost.budget, baseline: cost.baseline, drivers: stackDrivers(cost, drivers) },
        ...cost.systems.filter((s) => s.urn).map((s): Subject => ({
            scope: "system", label: `system ${s.system}`, system: s.system, urn: s.urn, monthly: s.monthly, fixed: s.fixed, usage: s.usage,
            budget: s.budget, baseline: s.baseline, drivers: s.drivers.slice(0, drivers),
        })),
    ];
    const findings: BudgetFinding[] = [];
    for (const s of subjects) {
        const estimate = `estimated ${usd(s.monthly)}/month (fixed ${usd(s.fixed)} + usage ${usd(s.usage)})`;
        const top = `top drivers: ${describeDrivers(s.drivers)}`;
        const common = { scope: s.scope, system: s.system, urn: s.urn, estimate: s.monthly, drivers: s.drivers };
        const limit = s.budget?.monthlyUsd;
        if (limit !== undefined && s.monthly > limit) {
            findings.push({ ...common, kind: "over-budget", budget: limit, message: `${s.label}: ${estimate} is over its budget of ${usd(limit)}; ${top}` });
        }
        const maxRise = s.budget?.maxRisePercent;
        const base = s.baseline?.monthly;
        if (maxRise !== undefined && base !== undefined && base > 0) {
            const rise = ((s.monthly - base) / base) * 100;
            if (rise > maxRise) {
                findings.push({
                    ...common, kind: "rise", baseline: base, risePercent: round2(rise), maxRisePercent: maxRise,
                    message: `${s.label}: ${estimate} is ${rise.toFixed(1)} % above the committed baseline of ${usd(base)} (allowed: ${maxRise} %); ${top}`,
                });
            }
        }
    }
    return findings;
}
