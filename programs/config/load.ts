/**
 * Reads and validates the whole stack configuration before any resource is registered.
 *
 * An invalid stack gets one ConfigError listing every problem, each naming the stack, the key, the
 * value given and what is allowed. The program throws it at the top of the stack entry, so nothing
 * but Pulumi's own stack root is ever registered for a bad stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { NETWORK_DEFAULTS } from "../../components/network/defaults";
import { planSubnets, tiersOf, type SubnetSpec, type SubnetTier } from "../../components/network/subnet-plan";
import { rotationScheduleProblem } from "../../components/serverless-db/rotation";
import { describeValue } from "../../components/shared/errors";
import { costProblems } from "./cost";
import {
    AWS_REGIONS, LOG_RETENTION_DAYS, PRODUCTION_ENVIRONMENTS, platformConfigSchema, type PlatformConfig,
} from "./schema";

export const NAMESPACE = "platform";

export interface ConfigProblem {
    key: string;
    given: unknown;
    allowed: string;
}

export class ConfigError extends Error {
    constructor(readonly stack: string, readonly problems: ConfigProblem[]) {
        super([
            `Invalid configuration for stack "${stack}" (${problems.length} problem${problems.length === 1 ? "" : "s"}):`,
            ...problems.map((p) => `  - ${p.key}: got ${describeValue(p.given)}; allowed: ${p.allowed}`),
        ].join("\n"));
        this.name = "ConfigError";
    }
}

/** Parses a raw config value the way `pulumi config` stores it: structured values arrive as JSON text. */
function parseRaw(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

function valueAt(raw: Record<string, unknown>, path: PropertyKey[]): unknown {
    let value: unknown = raw;
    for (const segment of path) {
        if (value === null || typeof value !== "object") return undefined;
        value = (value as Record<PropertyKey, unknown>)[segment];
    }
    return value;
}

function keyOf(path: PropertyKey[]): string {
    if (path.length === 0) return `${NAMESPACE}:<root>`;
    const [first, ...rest] = path;
    return `${NAMESPACE}:${String(first)}${rest.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
    switch (issue.code) {
        case "invalid_value":
            return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
        case "unrecognized_keys":
            return `no key ${issue.keys.map((k) => JSON.stringify(k)).join(", ")} (check the spelling against the README's configuration table)`;
        case "invalid_type":
            return issue.message.includes("received undefined") ? `a value of type ${issue.expected} (the key is required)` : `a value of type ${issue.expected}`;
        case "too_small":
            return `at least ${String(issue.minimum)}${issue.origin === "array" ? " entries" : ""}`;
        case "too_big":
            return `at most ${String(issue.maximum)}${issue.origin === "array" ? " entries" : ""}`;
        default:
            return issue.message;
    }
}

/** Validates raw configuration (keys without the namespace) for a stack; throws ConfigError. */
export function validateConfig(stack: string, project: string, region: string | undefined, raw: Record<string, unknown>): PlatformConfig {
    const problems: ConfigProblem[] = [];
    if (region === undefined || !AWS_REGIONS.includes(region)) {
        problems.push({ key: "aws:region", given: region, allowed: `an AWS region such as us-east-1 (one of ${AWS_REGIONS.length} known regions)` });
    }
    const parsed = platformConfigSchema.safeParse(raw);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            if (issue.code === "unrecognized_keys") {
                for (const k of issue.keys) {
                    problems.push({ key: keyOf([...issue.path, k]), given: valueAt(raw, [...issue.path, k]), allowed: "no such key (check the spelling against the README's configuration table)" });
                }
                continue;
            }
            problems.push({ key: keyOf(issue.path), given: valueAt(raw, issue.path), allowed: describeIssue(issue) });
        }
        throw new ConfigError(stack, problems);
    }
    const cfg = parsed.data;
    const production = PRODUCTION_ENVIRONMENTS.has(cfg.environment);

    // Rules that span keys or depend on the environment.
    if ((cfg.systems === undefined) === (cfg.teamSpec === undefined)) {
        problems.push({ key: "platform:systems", given: cfg.systems, allowed: "exactly one of platform:systems (seed systems) or platform:teamSpec (a team stack)" });
    }
    if (cfg.database.auroraMinCapacity > cfg.database.auroraMaxCapacity) {
        problems.push({ key: "platform:database.auroraMinCapacity", given: cfg.database.auroraMinCapacity, allowed: `at most database.auroraMaxCapacity (${cfg.database.auroraMaxCapacity})` });
    }
    if (cfg.database.allocatedStorageGb > cfg.database.maxAllocatedStorageGb) {
        problems.push({ key: "platform:database.allocatedStorageGb", given: cfg.database.allocatedStorageGb, allowed: `at most database.maxAllocatedStorageGb (${cfg.database.maxAllocatedStorageGb})` });
    }
    if (cfg.containers.minTasks > cfg.containers.maxTasks) {
        problems.push({ key: "platform:containers.minTasks", given: cfg.containers.minTasks, allowed: `at most containers.maxTasks (${cfg.containers.maxTasks})` });
    }
    if (cfg.database.backupRetentionDays < 1 || cfg.database.backupRetentionDays > 35) {
        problems.push({ key: "platform:database.backupRetentionDays", given: cfg.database.backupRetentionDays, allowed: "1 to 35 days (the RDS limits)" });
    } else if (production && cfg.database.backupRetentionDays < 7) {
        problems.push({ key: "platform:database.backupRetentionDays", given: cfg.database.backupRetentionDays, allowed: `7 to 35 days in ${cfg.environment}` });
    }
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(cfg.logs.retentionDays)) {
        problems.push({ key: "platform:logs.retentionDays", given: cfg.logs.retentionDays, allowed: `one of the CloudWatch Logs periods: ${LOG_RETENTION_DAYS.join(", ")}` });
    }
    if (cfg.storage.replicaRegion !== undefined) {
        if (!AWS_REGIONS.includes(cfg.storage.replicaRegion) || cfg.storage.replicaRegion === region) {
            problems.push({ key: "platform:storage.replicaRegion", given: cfg.storage.replicaRegion, allowed: `an AWS region other than the stack's region (${region})` });
        }
    }
    if (production) {
        if (cfg.storage.forceDestroy) {
            problems.push({ key: "platform:storage.forceDestroy", given: true, allowed: `false in ${cfg.environment} (force-destroy deletes every object when a bucket is removed)` });
        }
        if (!cfg.protectData) {
            problems.push({ key: "platform:protectData", given: false, allowed: `true in ${cfg.environment} (stateful resources must be protected)` });
        }
        if (!cfg.database.deletionProtection || cfg.database.skipFinalSnapshot) {
            problems.push({ key: cfg.database.skipFinalSnapshot ? "platform:database.skipFinalSnapshot" : "platform:database.deletionProtection", given: cfg.database.skipFinalSnapshot ? true : false, allowed: `deletion protection on and a final snapshot in ${cfg.environment}` });
        }
        if (!cfg.firewall.enabled) {
            problems.push({ key: "platform:firewall.enabled", given: false, allowed: `true in ${cfg.environment} (WAF wherever traffic enters)` });
        }
        if (cfg.vibe.taskSubnets !== "private") {
            problems.push({ key: "platform:vibe.taskSubnets", given: cfg.vibe.taskSubnets, allowed: `private in ${cfg.environment} (tasks in private subnets, egress through NAT; public subnets with public IPs are a dev saving)` });
        }
    }
    cfg.corsOrigins.forEach((o, i) => {
        const key = `platform:corsOrigins[${i}]`;
        if (o.includes("*")) {
            if (production) problems.push({ key, given: o, allowed: `an exact https:// origin in ${cfg.environment}; wildcards are not allowed` });
        } else if (!/^https?:\/\/[^/\s]+$/.test(o)) {
            problems.push({ key, given: o, allowed: "an origin: scheme and host, no path, such as https://app.example.com" });
        } else if (production && !o.startsWith("https://")) {
            problems.push({ key, given: o, allowed: `an https:// origin in ${cfg.environment}` });
        }
    });
    if (cfg.systems?.includes("multimusic")) {
        // CloudFront reaches the broker's private API through an internal ALB over HTTPS: it needs a name and a certificate.
        if (!cfg.multimusic.originDomainName) problems.push({ key: "platform:multimusic.originDomainName", given: undefined, allowed: "a DNS name for the broker's internal origin (required when multimusic is deployed)" });
        if (!cfg.multimusic.originCertificateArn) problems.push({ key: "platform:multimusic.originCertificateArn", given: undefined, allowed: "the ACM certificate ARN covering originDomainName (required when multimusic is deployed)" });
    }
    if ((cfg.vibe.apiDomainName === undefined) !== (cfg.vibe.apiCertificateArn === undefined)) {
        const missing = cfg.vibe.apiDomainName === undefined ? "apiDomainName" : "apiCertificateArn";
        problems.push({ key: `platform:vibe.${missing}`, given: undefined, allowed: "both platform:vibe.apiDomainName and platform:vibe.apiCertificateArn, or neither (an internal API)" });
    }
    if (cfg.systems?.includes("padmakara") && !cfg.padmakara.signerPublicKeys) {
        problems.push({ key: "platform:padmakara.signerPublicKeys", given: undefined, allowed: "at least one { name, pem } public key CloudFront trusts for signed media URLs (required when padmakara is deployed)" });
    }
    const rotation = rotationScheduleProblem(cfg.database.passwordRotationSchedule, cfg.database.passwordRotationWindowHours);
    if (rotation !== undefined) problems.push({ key: "platform:database.passwordRotationSchedule", given: cfg.database.passwordRotationSchedule, allowed: rotation });
    checkSubnets(cfg, raw, problems);
    checkDomains(cfg, region, problems);
    problems.push(...costProblems(cfg));
    if (problems.length > 0) throw new ConfigError(stack, problems);
    return { ...cfg, region: region as string, stack, project };
}

const ACM_REGION = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):/;

/** Custom domains: certificates in the region their service reads them from, and one way to validate. */
function checkDomains(cfg: z.infer<typeof platformConfigSchema>, region: string | undefined, problems: ConfigProblem[]): void {
    const check = (key: string, domain: { certificateArn?: string; hostedZoneId?: string; certificateValidated?: boolean } | undefined, certificateRegion: string | undefined, reader: string) => {
        if (!domain) return;
        const arnRegion = domain.certificateArn ? ACM_REGION.exec(domain.certificateArn)?.[1] : undefined;
        if (arnRegion !== undefined && certificateRegion !== undefined && arnRegion !== certificateRegion) {
            problems.push({ key: `${key}.certificateArn`, given: domain.certificateArn, allowed: `an ACM certificate in ${certificateRegion} (${reader} reads certificates there)` });
        }
        if (domain.certificateValidated === true && (domain.certificateArn !== undefined || domain.hostedZoneId !== undefined)) {
            problems.push({ key: `${key}.certificateValidated`, given: domain.certificateValidated,
                allowed: "only for a certificate the platform requests without a hostedZoneId (a given certificate is already issued; a Route 53 zone validates by itself)" });
        }
    };
    const site = (key: string, domain: { aliases: string[] } & Parameters<typeof check>[1]) => {
        if (domain && new Set(domain.aliases).size !== domain.aliases.length) problems.push({ key: `${key}.aliases`, given: domain.aliases, allowed: "distinct host names" });
        check(key, domain, "us-east-1", "CloudFront");
    };
    if (cfg.distroNation.crmDomain) site("platform:distroNation.crmDomain", cfg.distroNation.crmDomain);
    if (cfg.distroNation.webDomain) site("platform:distroNation.webDomain", cfg.distroNation.webDomain);
    if (cfg.vibe.cdnDomain) site("platform:vibe.cdnDomain", cfg.vibe.cdnDomain);
    if (cfg.padmakara.mediaDomain) site("platform:padmakara.mediaDomain", cfg.padmakara.mediaDomain);
    check("platform:padmakara.apiDomain", cfg.padmakara.apiDomain, region, "API Gateway (regional)");
}

/**
 * The subnet plans the stack's Networks will use, checked as the Network component checks them (one
 * shared planner), so a plan the component would refuse stops the stack here, before any resource.
 */
function checkSubnets(cfg: z.infer<typeof platformConfigSchema>, raw: Record<string, unknown>, problems: ConfigProblem[]): void {
    const network = cfg.network;
    // Distro Nation's and a team's Networks take platform:network.subnets (or the default layout); a
    // plan given for other systems is still checked, since it was written to be used.
    if (network.subnets !== undefined || cfg.systems?.includes("distro-nation") || cfg.teamSpec !== undefined) {
        checkPlan(problems, network, {
            key: "platform:network.subnets", specs: network.subnets,
            fallback: { specs: NETWORK_DEFAULTS.subnets, what: "the default layout (public /24, private /20, isolated /24 per AZ)" },
        });
    }
    if (cfg.systems?.includes("vibe")) {
        const given = valueAt(raw, ["vibe", "subnets"]) !== undefined;
        checkPlan(problems, network, {
            key: "platform:vibe.subnets", specs: given ? cfg.vibe.subnets : undefined,
            fallback: { specs: cfg.vibe.subnets, what: "the default (the Vibe seed's plan for 2 AZs in 10.0.0.0/16)" },
            tiers: ["public", "private", "isolated"], why: "Vibe needs public (load balancer, NAT), private (tasks) and isolated (database) subnets",
        });
    }
}

interface PlanCheck {
    key: string;
    /** The plan the user gave; undefined when the fallback applies. */
    specs: readonly SubnetSpec[] | undefined;
    fallback: { specs: readonly SubnetSpec[]; what: string };
    tiers?: SubnetTier[];
    why?: string;
}

function checkPlan(problems: ConfigProblem[], network: z.infer<typeof platformConfigSchema>["network"], check: PlanCheck): void {
    const { plan, problems: found } = planSubnets(network.cidr, network.azCount, check.specs ?? check.fallback.specs, { subnets: check.key, azCount: "platform:network.azCount" });
    if (found.length > 0) {
        if (check.specs !== undefined) problems.push(...found);
        else problems.push({ key: check.key, given: undefined, allowed: `a subnet plan for ${network.azCount} AZ(s) inside ${network.cidr}; ${check.fallback.what} does not fit: ${found[0].allowed}` });
        return;
    }
    const tiers = tiersOf(plan);
    const missing = (check.tiers ?? []).filter((t) => !tiers.includes(t));
    if (missing.length > 0) problems.push({ key: check.key, given: tiers, allowed: `a plan with the ${missing.join(" and ")} tier${missing.length > 1 ? "s" : ""} too (${check.why})` });
    if (network.natGateways !== "none" && !(tiers.includes("public") && tiers.includes("private"))) {
        problems.push({ key: "platform:network.natGateways", given: network.natGateways,
            allowed: `"none" unless ${check.key} has public subnets (NAT gateways live there) and private subnets (which route through them)` });
    }
}

/** Reads the current stack's configuration from the Pulumi runtime and validates it. */
export function loadConfig(): PlatformConfig {
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
        const [namespace, ...rest] = key.split(":");
        if (namespace === NAMESPACE) raw[rest.join(":")] = parseRaw(value);
    }
    const region = new pulumi.Config("aws").get("region");
    return validateConfig(pulumi.getStack(), pulumi.getProject(), region, raw);
}
