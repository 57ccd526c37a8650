/** Secure defaults of ContainerService, in one place. */
export const CONTAINER_SERVICE_DEFAULTS = {
    /** Vibe's backend health endpoint. */
    healthCheckPath: "/api/health",
    containerPort: 8080,
    /** 0.5 vCPU / 1 GB: the seed's launch size. */
    cpu: 512,
    memory: 1024,
    /**
     * Most CI runners build linux/amd64 images; an image of the other architecture fails every task
     * with "exec format error". arm64 (Graviton) costs about 20 % less per vCPU/GB hour: opt in when
     * the pipeline builds arm64 or multi-architecture images.
     */
    cpuArchitecture: "x86_64",
    /** Two tasks across AZs survive one AZ or one task failing; four absorb the seed's peaks. */
    minTasks: 2,
    maxTasks: 4,
    /** Scale out before saturation; memory later than CPU because Node heaps grow lazily. */
    cpuTargetPercent: 60,
    memoryTargetPercent: 70,
    scaleOutCooldownSeconds: 60,
    scaleInCooldownSeconds: 300,
    /** Container Insights: per-task metrics (RunningTaskCount feeds the ECS alarm). "enhanced" adds per-container detail at more cost. */
    containerInsights: "enabled",

    // Load balancer
    /** TLS 1.3 and 1.2 only, forward-secret ciphers. */
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    /** Drop requests with header names that are not valid HTTP (request smuggling). */
    dropInvalidHeaderFields: true,
    /**
     * Only RFC 7230-compliant requests reach the targets: "defensive" (the AWS default) blocks the
     * severe desync classes but still forwards ambiguous ones. The API's clients are its own apps on
     * standard HTTP libraries, which never send ambiguous framing; smuggling tools do.
     */
    desyncMitigationMode: "strictest",
    enableHttp2: true,
    /** If the WebFirewall cannot be reached, the ALB rejects requests instead of letting them through unfiltered. */
    enableWafFailOpen: false,
    /** The target group's health check: 2 successes in a row to join, 3 failures to leave. */
    healthCheck: { protocol: "HTTP", matcher: "200-299", interval: 30, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
    /** Draining: long enough for in-flight API calls, short enough for quick deploys. */
    deregistrationDelay: 30,

    // Tasks
    /** Tasks run in private subnets and reach the internet through NAT; a public IP is a stack's explicit trade (dev). */
    assignPublicIp: false,
    /**
     * The container's user: uid:gid 1000 (the `node` user of the official Node.js images). Numeric, so
     * it needs no /etc/passwd entry in the image. The root filesystem is read-only either way; the
     * scratch volumes are root-owned (mode 0755) unless the image declares `VOLUME <path>` for them,
     * in which case Fargate copies the image directory's owner and mode (see the README).
     */
    user: "1000:1000",
    /** Writable task-local volumes (the task's ephemeral storage) for a read-only root filesystem. */
    scratchPaths: ["/tmp"],
    /**
     * Container hardening that Fargate supports: read-only root filesystem, not privileged, every Linux
     * capability dropped (a non-root API process needs none; Fargate can only add SYS_PTRACE back), and
     * an init process (PID 1 that forwards SIGTERM and reaps zombies, so draining stops cleanly).
     */
    readonlyRootFilesystem: true,
    privileged: false,
    dropCapabilities: ["ALL"],
    initProcessEnabled: true,
    /**
     * awslogs in non-blocking mode: when CloudWatch Logs is slow the driver drops lines beyond the
     * buffer instead of blocking the application's stdout (which would stall requests and fail health
     * checks). 25 MB holds minutes of API logs.
     */
    logMode: "non-blocking",
    logMaxBufferSize: "25m",
    /** Fargate's newest platform version (security patches, ephemeral storage encryption). */
    platformVersion: "LATEST",
    /** Failed deployments stop and roll back to the last steady task definition. */
    deploymentCircuitBreaker: { enable: true, rollback: true },
    /** Rolling deployments start new tasks before stopping old ones, so capacity never dips below the desired count. */
    deploymentMinimumHealthyPercent: 100,
    deploymentMaximumPercent: 200,
    /** Time a new task gets before failed health checks count against it. */
    healthCheckGracePeriodSeconds: 60,
    /** `pulumi up` returns once the new tasks are healthy (or fails), not when the API call returns. */
    waitForSteadyState: true,
    /**
     * Earlier task definition revisions stay registered when a change replaces them, so the circuit
     * breaker (and an operator) can roll back to them.
     */
    keepPreviousRevisions: true,
    logRetentionInDays: 90,
    protectData: true,
    /** The only egress the tasks get unless more is asked for: HTTPS (ECR, Secrets Manager, logs, APIs). */
    egressPort: 443,
    containerName: "app",
} as const;

/** Fargate CPU units and the memory (MB) each allows. */
export const FARGATE_SIZES: Record<number, { min: number; max: number; step: number; extra?: number[] }> = {
    256: { min: 1024, max: 2048, step: 1024, extra: [512] },
    512: { min: 1024, max: 4096, step: 1024 },
    1024: { min: 2048, max: 8192, step: 1024 },
    2048: { min: 4096, max: 16384, step: 1024 },
    4096: { min: 8192, max: 30720, step: 1024 },
    8192: { min: 16384, max: 61440, step: 4096 },
    16384: { min: 32768, max: 122880, step: 8192 },
};

export function fargateMemoryAllowed(cpu: number, memory: number): boolean {
    const size = FARGATE_SIZES[cpu];
    if (!size) return false;
    if (size.extra?.includes(memory)) return true;
    return memory >= size.min && memory <= size.max && (memory - size.min) % size.step === 0;
}
