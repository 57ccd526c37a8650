/**
 * What the cost policies' specs share: a system's fixture, and the temporary project the budget and
 * rise policies read their usage file and cost baseline from (never the real project's, whose
 * `dev` stack the fixtures' URNs would otherwise name).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_PRICE_TABLE } from "../../../engine/cost/price-table";
import { useCostContext, type CostContext } from "../../../policies/cost/estimate";
import { UNKNOWN, urnOf, type StackFixtureResource } from "../../../policies/testing";
import type { Fixture } from "../support/spec";

export const SYSTEM = "platform:core:System";
/** The stack runPolicy's URNs name. */
export const STACK = "dev";
export const ROOT_STACK_URN = `urn:pulumi:${STACK}::platform::pulumi:pulumi:Stack::platform-${STACK}`;
export const USAGE_FILE = `Pulumi.${STACK}.usage.yaml`;
export { urnOf };

export function r(type: string, name: string, links: Omit<StackFixtureResource, "type" | "name" | "props"> = {}, props: Record<string, unknown> = {}): StackFixtureResource {
    return { type, name, props, ...links };
}

/**
 * The shop system: a NAT gateway and its address, an ALB and a key, all its children; $53.93 a
 * month in us-east-1 (NAT $32.85, ALB $16.43, IPv4 $3.65, key $1.00) with no usage file.
 */
export function shop(budget: Record<string, number>, stackBudget?: Record<string, number>): Fixture {
    return [
        r(SYSTEM, "shop", {}, { region: "us-east-1", budget, ...(stackBudget ? { stackBudget } : {}) }),
        r("aws:ec2/natGateway:NatGateway", "shop-nat", { parent: "shop" }),
        r("aws:ec2/eip:Eip", "shop-nat", { parent: "shop" }),
        r("aws:lb/loadBalancer:LoadBalancer", "shop-alb", { parent: "shop" }, { loadBalancerType: "application" }),
        r("aws:kms/key:Key", "shop-key", { parent: "shop" }),
    ];
}

/** An ECS service of the shop whose task count is unknown in preview: the estimator leaves it unpriced. */
export function unknownTaskCount(): StackFixtureResource {
    return r("aws:ecs/service:Service", "svc", { parent: "shop" }, { desiredCount: UNKNOWN });
}

/** A committed cost baseline recording the shop system (and the stack) at this monthly cost. */
export function baseline(monthly: number): Record<string, unknown> {
    const entry = { fixed: monthly, usage: 0, monthly };
    return { "tests/programs/cost-baseline.json": { priceTable: "2025-05-01", stacks: { [STACK]: { ...entry, systems: { shop: entry } } } } };
}

const made: string[] = [];

/** From now until the end of the test, the cost policies read a fresh temporary project holding these files. */
export function costProject(files: Record<string, unknown> = {}): CostContext {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cost-policy-"));
    made.push(dir);
    for (const [name, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
    }
    const ctx = { projectDir: dir, priceTableFile: DEFAULT_PRICE_TABLE };
    useCostContext(ctx);
    return ctx;
}

/**
 * Hooks for the enclosing describe: each test starts in a temporary project holding these files (a
 * test may switch to another with costProject), and the default context is back after it.
 */
export function inCostProject(files: Record<string, unknown> = {}): void {
    beforeEach(() => costProject(files));
    afterEach(() => {
        useCostContext();
        for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    });
}
