/**
 * The subnet plan of a Network: the CIDR of each tier's subnet in each AZ, given explicitly or laid
 * out from the VPC range. The component (its arguments) and the stack configuration (its keys) both
 * check plans here, so they refuse the same plans for the same reasons before anything is registered.
 *
 * Layout from the VPC range: the VPC is cut into equal power-of-two blocks, one per AZ (the i-th AZ
 * gets the i-th block, the rest stay free for more AZs); inside each AZ block the tiers follow in
 * the order given, each aligned to its own size. A tier without `cidrMask` gets an equal share of
 * the AZ block. So every AZ has the same shape, and adding a tier at the end moves no subnet.
 */
import { contains, formatCidr, overlaps, parseCidr, splitBits, type Cidr } from "./cidr";

export const SUBNET_TIERS = ["public", "private", "isolated"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** One tier, created in every AZ: explicit blocks (one per AZ, in AZ order) or a prefix length. */
export interface SubnetSpec {
    type: SubnetTier;
    cidrMask?: number;
    cidrBlocks?: readonly string[];
}

/** CIDR blocks per tier, the i-th in the i-th AZ; a tier not in the plan has none. */
export type SubnetPlan = Record<SubnetTier, string[]>;

export interface PlanProblem { key: string; given: unknown; allowed: string }

/** How problems name the keys: the subnet list (`subnets`, `platform:network.subnets`) and the AZ count. */
export interface PlanKeys { subnets: string; azCount: string }

/** The sizes AWS allows for a subnet. */
export const SUBNET_PREFIX = { min: 16, max: 28 } as const;

/** Lays out and checks a plan. `vpcCidr` and `azCount` must already be valid; the plan is complete only without problems. */
export function planSubnets(vpcCidr: string, azCount: number, specs: readonly SubnetSpec[], keys: PlanKeys): { plan: SubnetPlan; problems: PlanProblem[] } {
    const plan: SubnetPlan = { public: [], private: [], isolated: [] };
    const problems: PlanProblem[] = [];
    const vpc = parseCidr(vpcCidr);
    if (vpc === undefined) throw new Error(`planSubnets: ${vpcCidr} is not a network address (validate the VPC CIDR first)`);
    if (!Array.isArray(specs) || specs.length === 0) {
        problems.push({ key: keys.subnets, given: specs, allowed: "at least one tier ({ type: public | private | isolated, ... })" });
        return { plan, problems };
    }
    const at = (i: number, ...rest: (string | number)[]) => `${keys.subnets}[${i}]${rest.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("")}`;
    const seen = new Map<string, number>();
    specs.forEach((spec, i) => {
        if (!(SUBNET_TIERS as readonly string[]).includes(spec?.type)) {
            problems.push({ key: at(i, "type"), given: spec?.type, allowed: SUBNET_TIERS.join(", ") });
        } else if (seen.has(spec.type)) {
            problems.push({ key: at(i, "type"), given: spec.type, allowed: `each tier once (${at(seen.get(spec.type)!)} is already ${spec.type})` });
        } else {
            seen.set(spec.type, i);
        }
    });
    if (problems.length > 0) return { plan, problems };

    const explicit = specs.map((s) => s.cidrBlocks !== undefined);
    if (explicit.some(Boolean)) {
        const missing = explicit.indexOf(false);
        if (missing >= 0) {
            problems.push({ key: at(missing, "cidrBlocks"), given: undefined, allowed: `cidrBlocks on every tier or on none (${at(explicit.indexOf(true))} has them)` });
            return { plan, problems };
        }
        checkExplicit(vpcCidr, vpc, azCount, specs, at, plan, problems);
    } else {
        layOut(vpcCidr, vpc, azCount, specs, keys, at, plan, problems);
    }
    return { plan, problems };
}

function checkExplicit(vpcCidr: string, vpc: Cidr, azCount: number, specs: readonly SubnetSpec[], at: (i: number, ...rest: (string | number)[]) => string,
    plan: SubnetPlan, problems: PlanProblem[]): void {
    const taken: { key: string; text: string; cidr: Cidr }[] = [];
    specs.forEach((spec, i) => {
        if (spec.cidrMask !== undefined) problems.push({ key: at(i, "cidrMask"), given: spec.cidrMask, allowed: "no cidrMask beside cidrBlocks (the blocks fix the size)" });
        const blocks = spec.cidrBlocks!;
        if (!Array.isArray(blocks) || blocks.length !== azCount) {
            problems.push({ key: at(i, "cidrBlocks"), given: blocks, allowed: `exactly one block per availability zone (${azCount}), in AZ order` });
        }
        (Array.isArray(blocks) ? blocks : []).forEach((text, j) => {
            const key = at(i, "cidrBlocks", j);
            const block = parseCidr(text);
            if (block === undefined || block.prefix < SUBNET_PREFIX.min || block.prefix > SUBNET_PREFIX.max) {
                problems.push({ key, given: text, allowed: `a subnet CIDR: a network address with a prefix from /${SUBNET_PREFIX.min} to /${SUBNET_PREFIX.max}, e.g. 10.0.1.0/24` });
                return;
            }
            if (!contains(vpc, block)) problems.push({ key, given: text, allowed: `a block inside the VPC CIDR ${vpcCidr}` });
            const clash = taken.find((t) => overlaps(t.cidr, block));
            if (clash) problems.push({ key, given: text, allowed: `a block that does not overlap ${clash.key} (${clash.text})` });
            taken.push({ key, text, cidr: block });
        });
        plan[spec.type] = Array.isArray(blocks) ? [...blocks] : [];
    });
}

function layOut(vpcCidr: string, vpc: Cidr, azCount: number, specs: readonly SubnetSpec[], keys: PlanKeys, at: (i: number, ...rest: (string | number)[]) => string,
    plan: SubnetPlan, problems: PlanProblem[]): void {
    const azPrefix = vpc.prefix + splitBits(azCount);
    if (azPrefix > SUBNET_PREFIX.max) {
        problems.push({ key: keys.azCount, given: azCount, allowed: `few enough AZs that each gets at least a /${SUBNET_PREFIX.max} of ${vpcCidr}` });
        return;
    }
    const equalShare = azPrefix + splitBits(specs.length);
    const masks = specs.map((s) => s.cidrMask ?? equalShare);
    masks.forEach((mask, i) => {
        const lowest = Math.max(SUBNET_PREFIX.min, azPrefix);
        if (!Number.isInteger(mask) || mask < lowest || mask > SUBNET_PREFIX.max) {
            const given = specs[i].cidrMask ?? `${mask} (an equal share of the AZ's /${azPrefix})`;
            problems.push({ key: at(i, "cidrMask"), given, allowed: `a prefix length from ${lowest} to ${SUBNET_PREFIX.max} (each AZ gets a /${azPrefix} of ${vpcCidr})` });
        }
    });
    if (problems.length > 0) return;
    const azSize = 2 ** (32 - azPrefix);
    const offsets: number[] = [];
    let end = 0;
    for (const mask of masks) {
        const size = 2 ** (32 - mask);
        const start = Math.ceil(end / size) * size;
        offsets.push(start);
        end = start + size;
    }
    if (end > azSize) {
        problems.push({ key: keys.subnets, given: masks.map((m) => `/${m}`).join(" "),
            allowed: `tiers that fit one AZ's /${azPrefix} of ${vpcCidr} (${azSize} addresses; these need ${end} with alignment)` });
        return;
    }
    specs.forEach((spec, i) => {
        plan[spec.type] = Array.from({ length: azCount }, (_, az) => formatCidr(vpc.base + az * azSize + offsets[i], masks[i]));
    });
}

/** The tiers a plan has, in the fixed order public, private, isolated. */
export function tiersOf(plan: SubnetPlan): SubnetTier[] {
    return SUBNET_TIERS.filter((tier) => plan[tier].length > 0);
}
