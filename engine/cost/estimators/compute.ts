/** Fargate services, Lambda functions, container images. */
import { at, list, num, str } from "../values";
import { fixed, isUnpriced, known, usage, type Estimator, type Line } from "./types";

export const computeEstimators: Record<string, Estimator> = {
    "aws:ecs/service:Service": {
        usage: { additionalTasks: "average tasks running above desiredCount (autoscaling), per hour" },
        estimate: (c) => {
            const props = c.resource.props;
            const launch = known(str(props, "launchType"), "launchType", "FARGATE");
            if (isUnpriced(launch)) return launch;
            if (launch !== "FARGATE") return { unpriced: `${launch} tasks are billed on their instances, which the table does not price` };
            const desired = known(num(props, "desiredCount"), "desiredCount", 1);
            if (isUnpriced(desired)) return desired;
            const [taskDefUrn] = c.deps("taskDefinition");
            const taskDef = taskDefUrn ? c.get(taskDefUrn) : undefined;
            if (!taskDef) return { unpriced: "its task definition is not a resource of this stack, so the task size is unknown" };
            const cpu = known(num(taskDef.props, "cpu"), "task definition cpu");
            if (isUnpriced(cpu)) return cpu;
            const memory = known(num(taskDef.props, "memory"), "task definition memory");
            if (isUnpriced(memory)) return memory;
            const arch = known(str(taskDef.props, "runtimePlatform", "cpuArchitecture"), "cpuArchitecture", "X86_64");
            if (isUnpriced(arch)) return arch;
            const family = arch === "ARM64" ? "arm64" : "x86";
            const tasks = desired + (c.usage("additionalTasks") ?? 0);
            const vcpu = cpu / 1024;
            const gb = memory / 1024;
            const size = `${desired} task${desired === 1 ? "" : "s"} x ${vcpu} vCPU`;
            const lines: Line[] = [
                fixed(`Fargate ${family} vCPU hours (${size})`, `fargate.${family}.vcpuHours`, desired * vcpu * c.hoursPerMonth),
                fixed(`Fargate ${family} memory GB-hours (${desired} x ${gb} GB)`, `fargate.${family}.gbHours`, desired * gb * c.hoursPerMonth),
            ];
            // A task with a public IP (public subnets without NAT) is billed that IPv4 address like any other.
            const publicIp = at(props, "networkConfiguration", "assignPublicIp") === true;
            if (publicIp) lines.push(fixed(`public IPv4 address hours (${desired} task${desired === 1 ? "" : "s"})`, "ipv4.hours", desired * c.hoursPerMonth));
            if (tasks > desired) {
                lines.push(...usage("Fargate vCPU hours above desiredCount", `fargate.${family}.vcpuHours`, (tasks - desired) * vcpu * c.hoursPerMonth));
                lines.push(...usage("Fargate memory GB-hours above desiredCount", `fargate.${family}.gbHours`, (tasks - desired) * gb * c.hoursPerMonth));
                if (publicIp) lines.push(...usage("public IPv4 address hours above desiredCount", "ipv4.hours", (tasks - desired) * c.hoursPerMonth));
            }
            return lines;
        },
    },
    "aws:ecs/cluster:Cluster": {
        usage: { containerInsightsMetrics: "custom metrics Container Insights publishes per month (it bills them as CloudWatch metrics)" },
        estimate: (c) => {
            const settings = list(c.resource.props, "settings");
            const insights = Array.isArray(settings) && settings.some((s) => (s as { name?: unknown; value?: unknown })?.name === "containerInsights" && (s as { value?: unknown }).value !== "disabled");
            if (!insights) return { free: "ECS clusters are free; tasks are billed on their services" };
            return usage("Container Insights metrics", "cloudwatch.customMetric", c.usage("containerInsightsMetrics"));
        },
    },
    "aws:lambda/function:Function": {
        usage: {
            requestsPerMonth: "invocations per month",
            averageDurationMs: "average billed duration per invocation, in milliseconds",
            tracesPerMonth: "X-Ray traces recorded per month (tracing Active)",
        },
        estimate: (c) => {
            const props = c.resource.props;
            const memory = known(num(props, "memorySize"), "memorySize", 128);
            if (isUnpriced(memory)) return memory;
            const archs = list(props, "architectures");
            const arch = Array.isArray(archs) && archs[0] === "arm64" ? "arm64" : "x86";
            const requests = c.usage("requestsPerMonth");
            const duration = c.usage("averageDurationMs");
            const gbSeconds = requests !== undefined && duration !== undefined ? requests * (duration / 1000) * (memory / 1024) : undefined;
            const traces = c.usage("tracesPerMonth");
            return [
                ...usage("requests", "lambda.requests", requests === undefined ? undefined : requests / 1e6),
                ...usage(`duration (${arch}, ${memory} MB)`, `lambda.${arch}.gbSeconds`, gbSeconds),
                ...usage("X-Ray traces", "xray.traces", traces === undefined ? undefined : traces / 1e6),
            ];
        },
    },
    "aws:ecr/repository:Repository": {
        usage: { storageGb: "GB of images stored" },
        estimate: (c) => usage("image storage", "ecr.storage", c.usage("storageGb")),
    },
};
