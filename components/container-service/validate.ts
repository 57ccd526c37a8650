/** ContainerService's argument checks: every one runs before any child is registered. */
import { requireArg } from "../shared/errors";
import { LOG_RETENTION_DAYS } from "../serverless-function/defaults";
import { requirePlainEnvironment, requireStatements } from "../serverless-function/policy";
import { CONTAINER_SERVICE_DEFAULTS as D, fargateMemoryAllowed } from "./defaults";
import { scratchVolumeName } from "./container";
import type { ContainerServiceArgs } from "./index";

export const COMPONENT = "ContainerService";

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(:[^:]*:[^:]*:[^:]*)?$/;

/** The secret's own ARN from a valueFrom that may select a JSON key (`<arn>:key:stage:version`). */
export function secretArnOf(valueFrom: string): string {
    return valueFrom.split(":").slice(0, 7).join(":");
}

/** A Docker `user`: a name or uid, optionally with `:group`/`:gid`, and not root. */
function isNonRootUser(user: unknown): boolean {
    if (typeof user !== "string" || !/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(user)) return false;
    const who = user.split(":")[0];
    return who !== "root" && !/^0+$/.test(who);
}

function validateContainer(name: string, args: ContainerServiceArgs): void {
    const port = args.containerPort ?? D.containerPort;
    requireArg(Number.isInteger(port) && port >= 1 && port <= 65535, COMPONENT, name, "containerPort", port, "a port from 1 to 65535");
    const cpu = args.cpu ?? D.cpu;
    const memory = args.memory ?? D.memory;
    requireArg([256, 512, 1024, 2048, 4096, 8192, 16384].includes(cpu), COMPONENT, name, "cpu", cpu, "256, 512, 1024, 2048, 4096, 8192 or 16384");
    requireArg(fargateMemoryAllowed(cpu, memory), COMPONENT, name, "memory", memory, `a Fargate memory size for ${cpu} CPU units`);
    requireArg(args.cpuArchitecture === undefined || ["x86_64", "arm64"].includes(args.cpuArchitecture), COMPONENT, name, "cpuArchitecture", args.cpuArchitecture, "x86_64 or arm64 (the architecture the image is built for)");
    requireArg(args.user === undefined || isNonRootUser(args.user), COMPONENT, name, "user", args.user,
        "a non-root user or uid, optionally with :group (e.g. \"1000:1000\", \"node\"); root (0) is refused");
    const scratch = args.scratchPaths ?? D.scratchPaths;
    scratch.forEach((p, i) => requireArg(typeof p === "string" && /^\/[A-Za-z0-9_.\-/]*[A-Za-z0-9_.-]$/.test(p) && !p.split("/").includes(".."), COMPONENT, name, `scratchPaths[${i}]`, p, "an absolute directory path other than / (e.g. /tmp)"));
    const volumes = scratch.map(scratchVolumeName);
    requireArg(new Set(volumes).size === volumes.length, COMPONENT, name, "scratchPaths", scratch, "distinct paths");
    requirePlainEnvironment(COMPONENT, name, "environment", args.environment, "put the value in Secrets Manager and pass its ARN in secrets");
    for (const [key, valueFrom] of Object.entries(args.secrets ?? {})) {
        requireArg(/^[A-Za-z_][A-Za-z0-9_]*$/.test(key), COMPONENT, name, `secrets.${key}`, key, "an environment variable name");
        requireArg(typeof valueFrom !== "string" || SECRET_ARN.test(valueFrom), COMPONENT, name, `secrets.${key}`, valueFrom, "a Secrets Manager secret ARN (optionally with :json-key::)");
        requireArg(!(key in (args.environment ?? {})), COMPONENT, name, `secrets.${key}`, key, "a name not also in environment");
    }
    requireStatements(COMPONENT, name, "policyStatements", args.policyStatements);
}

function validateLoadBalancer(name: string, args: ContainerServiceArgs): void {
    const path = args.healthCheckPath ?? D.healthCheckPath;
    requireArg(/^\/[\x21-\x7e]*$/.test(path) && path.length <= 1024, COMPONENT, name, "healthCheckPath", path, "a path starting with /");
    requireArg(args.certificateArn !== undefined || args.allowHttpWithoutCertificate === true, COMPONENT, name, "certificateArn", args.certificateArn,
        "an ACM certificate ARN (HTTPS), or allowHttpWithoutCertificate: true for dev (a plain HTTP listener the policy pack flags)");
    requireArg(!(args.certificateArn !== undefined && args.allowHttpWithoutCertificate), COMPONENT, name, "allowHttpWithoutCertificate", args.allowHttpWithoutCertificate, "only without certificateArn (with a certificate, HTTP always redirects to HTTPS)");
    requireArg(args.loadBalancerSubnetIds.length >= 2, COMPONENT, name, "loadBalancerSubnetIds", args.loadBalancerSubnetIds, "at least two subnets in different AZs (an ALB requirement)");
    requireArg(args.taskSubnetIds.length >= 1, COMPONENT, name, "taskSubnetIds", args.taskSubnetIds, "at least one subnet");
    requireArg(!args.internal || (args.ingressCidrs?.length ?? 0) > 0, COMPONENT, name, "ingressCidrs", args.ingressCidrs, "the CIDRs allowed to reach an internal load balancer (e.g. the VPC's)");
    (args.ingressCidrs ?? []).forEach((c, i) => requireArg(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(c), COMPONENT, name, `ingressCidrs[${i}]`, c, "an IPv4 CIDR block"));
}

function validateService(name: string, args: ContainerServiceArgs): void {
    const min = args.minTasks ?? D.minTasks;
    const max = args.maxTasks ?? D.maxTasks;
    requireArg(Number.isInteger(min) && min >= 1, COMPONENT, name, "minTasks", min, "a whole number of at least 1");
    requireArg(Number.isInteger(max) && max >= min && max <= 100, COMPONENT, name, "maxTasks", max, `a whole number from minTasks (${min}) to 100`);
    for (const key of ["cpuTargetPercent", "memoryTargetPercent"] as const) {
        const v = args[key] ?? D[key];
        requireArg(Number.isFinite(v) && v >= 10 && v <= 90, COMPONENT, name, key, v, "a percentage from 10 to 90");
    }
    requireArg(args.waitForSteadyState === undefined || typeof args.waitForSteadyState === "boolean", COMPONENT, name, "waitForSteadyState", args.waitForSteadyState, "true or false");
    requireArg(args.containerInsights === undefined || ["enabled", "enhanced"].includes(args.containerInsights), COMPONENT, name, "containerInsights", args.containerInsights, "enabled or enhanced");
    const retention = args.logRetentionInDays ?? D.logRetentionInDays;
    requireArg((LOG_RETENTION_DAYS as readonly number[]).includes(retention), COMPONENT, name, "logRetentionInDays", retention, `one of ${LOG_RETENTION_DAYS.join(", ")}`);
    (args.egressRules ?? []).forEach((r, i) => {
        const to = r.toPort ?? r.fromPort;
        requireArg(Number.isInteger(r.fromPort) && Number.isInteger(to) && r.fromPort >= 0 && to <= 65535 && r.fromPort <= to, COMPONENT, name, `egressRules[${i}].fromPort/toPort`, { fromPort: r.fromPort, toPort: r.toPort }, "ports from 0 to 65535 with fromPort <= toPort");
        requireArg((r.cidrBlocks?.length ?? 0) + (r.securityGroupIds?.length ?? 0) + (r.prefixListIds?.length ?? 0) > 0, COMPONENT, name, `egressRules[${i}]`, r.description, "a destination: cidrBlocks, securityGroupIds or prefixListIds");
    });
}

/** Throws a ComponentArgumentError naming the first bad argument. */
export function validate(name: string, args: ContainerServiceArgs): void {
    validateContainer(name, args);
    validateLoadBalancer(name, args);
    validateService(name, args);
}
