/** Secure defaults of ContainerService, in one place. */
export const CONTAINER_SERVICE_DEFAULTS = {
    /** Vibe's backend health endpoint. */
    healthCheckPath: "/api/health",
    containerPort: 8080,
    /** 0.5 vCPU / 1 GB: the seed's launch size. */
    cpu: 512,
    memory: 1024,
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
    /** TLS 1.3 and 1.2 only, forward-secret ciphers. */
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    /** Drop requests with header names that are not valid HTTP (request smuggling). */
    dropInvalidHeaderFields: true,
    /** Failed deployments stop and roll back to the last steady task definition. */
    deploymentCircuitBreaker: { enable: true, rollback: true },
    /** Time a new task gets before failed health checks count against it. */
    healthCheckGracePeriodSeconds: 60,
    /** Draining: long enough for in-flight API calls, short enough for quick deploys. */
    deregistrationDelay: 30,
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
