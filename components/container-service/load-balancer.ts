/**
 * The service's Application Load Balancer, its target group (the tasks, by IP) and listeners: HTTPS
 * with a TLS 1.2+ policy and HTTP that only redirects, or, without a certificate (dev only), one plain
 * HTTP listener that forwards.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { CONTAINER_SERVICE_DEFAULTS as D } from "./defaults";

export interface LoadBalancerSpec {
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<string>[];
    internal: boolean;
    securityGroupId: pulumi.Input<string>;
    targetPort: number;
    healthCheckPath: string;
    certificateArn?: pulumi.Input<string>;
    protectData: boolean;
    accessLogs?: { bucket: pulumi.Input<string>; prefix: string };
}

export interface LoadBalancerParts {
    loadBalancer: aws.lb.LoadBalancer;
    targetGroup: aws.lb.TargetGroup;
    listeners: aws.lb.Listener[];
}

/** The ports the listeners open (what the load balancer's security group must admit). */
export function listenerPorts(certificateArn: unknown): number[] {
    return certificateArn !== undefined ? [443, 80] : [80];
}

export function loadBalancer(name: string, spec: LoadBalancerSpec, opts: pulumi.CustomResourceOptions): LoadBalancerParts {
    const lb = new aws.lb.LoadBalancer(`${name}-alb`, {
        loadBalancerType: "application",
        internal: spec.internal,
        subnets: spec.subnetIds,
        securityGroups: [spec.securityGroupId],
        dropInvalidHeaderFields: D.dropInvalidHeaderFields,
        desyncMitigationMode: D.desyncMitigationMode,
        enableHttp2: D.enableHttp2,
        enableWafFailOpen: D.enableWafFailOpen,
        enableDeletionProtection: spec.protectData,
        accessLogs: spec.accessLogs && { bucket: spec.accessLogs.bucket, prefix: spec.accessLogs.prefix, enabled: true },
    }, opts);

    const targetGroup = new aws.lb.TargetGroup(`${name}-targets`, {
        vpcId: spec.vpcId,
        targetType: "ip",
        protocol: "HTTP",
        port: spec.targetPort,
        deregistrationDelay: D.deregistrationDelay,
        healthCheck: { enabled: true, path: spec.healthCheckPath, port: "traffic-port", ...D.healthCheck },
    }, opts);
    const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];

    const listeners = spec.certificateArn !== undefined
        ? [
            new aws.lb.Listener(`${name}-https`, {
                loadBalancerArn: lb.arn, port: 443, protocol: "HTTPS",
                certificateArn: spec.certificateArn, sslPolicy: D.sslPolicy,
                defaultActions: forward,
            }, opts),
            new aws.lb.Listener(`${name}-http`, {
                loadBalancerArn: lb.arn, port: 80, protocol: "HTTP",
                defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
            }, opts),
        ]
        // Dev without a certificate: the only way to serve is a plain HTTP forward (flagged by the policy pack).
        : [new aws.lb.Listener(`${name}-http`, { loadBalancerArn: lb.arn, port: 80, protocol: "HTTP", defaultActions: forward }, opts)];

    return { loadBalancer: lb, targetGroup, listeners };
}
