/**
 * The service's one container, as the ECS container definition JSON the task definition carries:
 * hardened by default (read-only root filesystem with writable scratch volumes, not privileged, all
 * capabilities dropped, an init process, a non-root user), secrets by reference only.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CONTAINER_SERVICE_DEFAULTS as D } from "./defaults";

export interface ContainerSpec {
    image: pulumi.Input<string>;
    port: number;
    user: string;
    scratchPaths: readonly string[];
    /** Environment name → Secrets Manager ARN (the container receives the value, the definition only the reference). */
    secrets: Record<string, pulumi.Input<string>>;
    environment: Record<string, pulumi.Input<string>>;
    logGroupName: pulumi.Input<string>;
    region: pulumi.Input<string>;
    logStreamPrefix: string;
}

/** A task volume name for a scratch path: "/tmp" → "scratch-tmp", "/var/cache/app" → "scratch-var-cache-app". */
export function scratchVolumeName(path: string): string {
    return `scratch-${path.replace(/^\/+|\/+$/g, "").replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

/** Task-level volumes without a host path: on Fargate they live on the task's ephemeral storage and die with it. */
export function scratchVolumes(paths: readonly string[]): { name: string }[] {
    return paths.map((p) => ({ name: scratchVolumeName(p) }));
}

/** The container definition (one element of `containerDefinitions`). */
export function containerDefinition(spec: ContainerSpec): Record<string, unknown> {
    return {
        name: D.containerName,
        image: spec.image,
        essential: true,
        user: spec.user,
        privileged: D.privileged,
        readonlyRootFilesystem: D.readonlyRootFilesystem,
        linuxParameters: {
            initProcessEnabled: D.initProcessEnabled,
            capabilities: { drop: [...D.dropCapabilities] },
        },
        mountPoints: spec.scratchPaths.map((p) => ({ sourceVolume: scratchVolumeName(p), containerPath: p, readOnly: false })),
        portMappings: [{ containerPort: spec.port, hostPort: spec.port, protocol: "tcp" }],
        environment: Object.entries(spec.environment).map(([name, value]) => ({ name, value })),
        secrets: Object.entries(spec.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
        logConfiguration: {
            logDriver: "awslogs",
            options: {
                "awslogs-group": spec.logGroupName,
                "awslogs-region": spec.region,
                "awslogs-stream-prefix": spec.logStreamPrefix,
                mode: D.logMode,
                "max-buffer-size": D.logMaxBufferSize,
            },
        },
    };
}
