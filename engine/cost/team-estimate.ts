/**
 * The estimate `npm run new-team` prints for the stack it scaffolded: the stack is run through the
 * offline engine (preview) and priced like the gate prices it, so a team sees what its stack costs
 * before anything is deployed, and against which budget.
 */
import { runStack } from "../run";
import { describeDrivers, usd } from "./budget";
import { STACK_SYSTEM } from "./model";
import { estimateRecords } from "./stack-estimate";

export async function teamStackEstimate(projectDir: string, stack: string, specFile: string, env: string): Promise<string> {
    const lines: string[] = [];
    let result;
    try {
        result = await runStack({ projectDir, stack, mode: "preview" });
    } catch (e) {
        return `estimate: not available (${(e as Error).message.split("\n")[0]})\n`;
    }
    if (result.error) return `estimate: not available, the stack does not run yet: ${result.error.message.split("\n")[0]}\n`;
    const cost = estimateRecords(result.resources, { projectDir, stack, projectStack: true });
    lines.push(`estimated cost of ${stack} (USD per month, list prices as of ${cost.priceTable.asOf}, no discounts, no free tier): ${usd(cost.fixed)} fixed + ${usd(cost.usage)} usage = ${usd(cost.monthly)}${cost.usageFile ? ` (usage from ${cost.usageFile})` : " (usage costs need Pulumi." + stack + ".usage.yaml; see engine/cost/README.md)"}`);
    const team = cost.systems.find((s) => s.system !== STACK_SYSTEM);
    if (team && team.drivers.length > 0) lines.push(`  top drivers: ${describeDrivers(team.drivers)}`);
    if (cost.unpriced.length > 0) lines.push(`  unpriced (not in the total): ${cost.unpriced.map((u) => `${u.type} ${u.name}`).join(", ")}`);
    const budget = team?.budget?.monthlyUsd;
    if (budget !== undefined) {
        lines.push(`  budget: ${usd(budget)} (${specFile} budget.${env})${cost.monthly > budget ? ": the estimate is OVER it, npm run plan will fail" : ""}`);
    } else {
        lines.push(`  budget: none; set one in ${specFile}, e.g. budget: { ${env}: ${Math.max(1, Math.ceil((cost.monthly * 1.25) / 5) * 5)} } (npm run plan then fails a stack over it)`);
    }
    for (const w of cost.warnings) lines.push(`  warning: ${w}`);
    return `${lines.join("\n")}\n`;
}
