/**
 * ContainerService: a containerised API on ECS Fargate behind an Application Load Balancer, every
 * resource registered in-process from @pulumi/aws. An ECS cluster with Container Insights; the ALB
 * (HTTPS with a TLS 1.2+ policy, HTTP only redirecting; strictest desync mitigation, invalid headers
 * dropped, access logs, deletion protection from protectData) with an IP target group; a hardened
 * task definition (read-only root filesystem, non-root user, no capabilities, init process, secrets by
 * reference); a Fargate service in private subnets without public IPs (or, where a stack trades the
 * NAT gateway for it, in public subnets with public IPs), reachable only from the load balancer either
 * way, with a deployment circuit breaker that rolls back; logs to a KMS-encrypted group; CPU and
 * memory target-tracking autoscaling; optionally a WAF web ACL on the load balancer.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { encryptedLogGroup } from "../shared/log-group";
import type { EgressRule } from "../serverless-function";
import { policyJson, type PolicyStatement } from "../serverless-function/policy";
import { containerDefinition, scratchVolumes } from "./container";
import { CONTAINER_SERVICE_DEFAULTS as D } from "./defaults";
import { listenerPorts, loadBalancer } from "./load-balancer";
import { ecsTasksTrust, executionStatements } from "./roles";
import { COMPONENT, validate } from "./validate";

export { secretArnOf } from "./validate";

export interface ContainerServiceArgs {
    /** The VPC of all subnets. */
    vpcId: pulumi.Input<string>;
    /** Subnets of the load balancer: public for an internet-facing one, private for an internal one. */
    loadBalancerSubnetIds: pulumi.Input<string>[];
    /** Subnets of the tasks: private (the default: no public IPs, egress through NAT), or public with `assignPublicIp`. */
    taskSubnetIds: pulumi.Input<string>[];
    /**
     * Give each task a public IP, for tasks in public subnets without a NAT gateway (dev: saves the
     * NAT's $32.85 a month, costs $3.65 per task). The tasks' security group still admits only the load
     * balancer. Default false.
     */
    assignPublicIp?: boolean;
    /** A REGIONAL WAF web ACL for the load balancer (one WebAclAssociation). Default none. */
    webAclArn?: pulumi.Input<string>;
    /** An internal load balancer (in private subnets) instead of internet-facing. Default false. */
    internal?: boolean;
    /** CIDRs allowed to reach the load balancer on 80/443. Default 0.0.0.0/0 when internet-facing; required when internal. */
    ingressCidrs?: string[];
    /** Container image (an ECR URI of this account, ideally pinned by digest). */
    image: pulumi.Input<string>;
    /** Port the container listens on. Default 8080. */
    containerPort?: number;
    /** Fargate CPU units (256 to 16384). Default 512. */
    cpu?: number;
    /** Memory in MB, valid for the CPU size. Default 1024. */
    memory?: number;
    /** The architecture the image is built for: "x86_64" (default) or "arm64" (Graviton, about 20 % cheaper). */
    cpuArchitecture?: "x86_64" | "arm64";
    /** The container's user (uid[:gid] or a name in the image); never root. Default "1000:1000". */
    user?: string;
    /** Writable scratch directories on the task's ephemeral storage (the root filesystem is read-only). Default ["/tmp"]. */
    scratchPaths?: string[];
    /** Target group health check path. Default /api/health. */
    healthCheckPath?: string;
    /** ACM certificate: HTTPS on 443 with a TLS 1.2+ policy and HTTP 80 redirecting to it. */
    certificateArn?: pulumi.Input<string>;
    /** Dev only, without a certificate: a plain HTTP listener forwarding to the service. Prod must not set it; the policy pack flags it. Default false. */
    allowHttpWithoutCertificate?: boolean;
    /** The DNS name clients use (for the url output); default the load balancer's DNS name. */
    domainName?: string;
    /** Bucket for ALB access logs (SSE-S3: ALB log delivery cannot use SSE-KMS). Default: no access logs (advisory finding). */
    accessLogsBucket?: pulumi.Input<string>;
    /** Key prefix of the access logs. Default the component name. */
    accessLogsPrefix?: string;
    /** Container secrets: environment name → Secrets Manager ARN (optionally with a :json-key:: suffix). */
    secrets?: Record<string, pulumi.Input<string>>;
    /** KMS keys of those secrets; the execution role may decrypt with them through Secrets Manager only. */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /** Plain, non-secret environment variables (secret-looking names are rejected: use secrets). */
    environment?: Record<string, pulumi.Input<string>>;
    /** IAM statements for the task role (what the application may call). */
    policyStatements?: PolicyStatement[];
    /** Egress for the tasks beyond HTTPS, e.g. 5432 to the database's security group. */
    egressRules?: EgressRule[];
    /** Minimum tasks (also the initial desired count). Default 2. */
    minTasks?: number;
    /** Maximum tasks. Default 4. */
    maxTasks?: number;
    /** `pulumi up` waits until the service's new tasks are steady (and fails if they never are). Default true. */
    waitForSteadyState?: boolean;
    /** Average CPU the service scales to keep. Default 60 %. */
    cpuTargetPercent?: number;
    /** Average memory the service scales to keep. Default 70 %. */
    memoryTargetPercent?: number;
    /** Container Insights level, "enabled" (default) or "enhanced". */
    containerInsights?: "enabled" | "enhanced";
    /** CMK of the log group. Default: an EncryptionKey child. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Log retention in days. Default 90. */
    logRetentionInDays?: number;
    /** ALB deletion protection and protection of a created key. Default true. */
    protectData?: boolean;
}

/** The task definition family: unique per project, stack and component, as ECS families are account-wide. */
export function taskFamily(name: string, project = pulumi.getProject(), stack = pulumi.getStack()): string {
    return `${project}-${stack}-${name}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255);
}

export class ContainerService extends pulumi.ComponentResource {
    readonly cluster: aws.ecs.Cluster;
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    /** HTTPS 443 and the HTTP 80 redirect; or, without a certificate, one HTTP 80 forward. */
    readonly listeners: aws.lb.Listener[];
    readonly taskDefinition: aws.ecs.TaskDefinition;
    readonly service: aws.ecs.Service;
    readonly executionRole: aws.iam.Role;
    readonly taskRole: aws.iam.Role;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly loadBalancerSecurityGroup: aws.ec2.SecurityGroup;
    readonly taskSecurityGroup: aws.ec2.SecurityGroup;
    readonly url: pulumi.Output<string>;
    readonly albDnsName: pulumi.Output<string>;
    /** For alarms: the load balancer's ARN suffix (LoadBalancer dimension). */
    readonly albArnSuffix: pulumi.Output<string>;
    /** The load balancer's ARN. */
    readonly albArn: pulumi.Output<string>;
    /** For alarms: the target group's ARN suffix (TargetGroup dimension). */
    readonly targetGroupArnSuffix: pulumi.Output<string>;
    readonly clusterName: pulumi.Output<string>;
    readonly serviceName: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly taskRoleArn: pulumi.Output<string>;
    /** The tasks' security group: let a database admit it. */
    readonly taskSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: ContainerServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:compute:ContainerService", name, {}, opts);
        const protectData = args.protectData ?? D.protectData;
        const port = args.containerPort ?? D.containerPort;
        const where = {
            account: aws.getCallerIdentityOutput({}, { parent: this }).accountId,
            region: aws.getRegionOutput({}, { parent: this }).region,
            partition: aws.getPartitionOutput({}, { parent: this }).partition,
        };

        this.cluster = new aws.ecs.Cluster(`${name}-cluster`, {
            settings: [{ name: "containerInsights", value: args.containerInsights ?? D.containerInsights }],
        }, { parent: this });

        const keyArn = args.kmsKeyArn ?? new EncryptionKey(`${name}-key`, {
            description: `Container logs of ${name}`,
            services: ["logs"],
            protectData,
        }, { parent: this }).arn;
        // Named, not auto-named: the container definitions then stay known in preview (unless the image or a
        // secret ARN is itself computed), so the policy pack checks them before anything is deployed.
        this.logGroup = encryptedLogGroup(`${name}-logs`, {
            name: `/ecs/${taskFamily(name)}`,
            kmsKeyArn: keyArn,
            retentionInDays: args.logRetentionInDays ?? D.logRetentionInDays,
        }, { parent: this });

        // Security groups: the world (or the given CIDRs) reaches the ALB on its listener ports only; only the ALB reaches the tasks.
        const ingressCidrs = args.ingressCidrs ?? ["0.0.0.0/0"];
        this.loadBalancerSecurityGroup = new aws.ec2.SecurityGroup(`${name}-alb`, {
            description: `Load balancer of ${name}: HTTP(S) in, the service's port out`,
            vpcId: args.vpcId,
            ingress: listenerPorts(args.certificateArn).map((p) => ({ description: p === 443 ? "HTTPS" : args.certificateArn !== undefined ? "HTTP (redirected to HTTPS)" : "HTTP (dev, no certificate)", protocol: "tcp", fromPort: p, toPort: p, cidrBlocks: ingressCidrs })),
        }, { parent: this });
        this.taskSecurityGroup = new aws.ec2.SecurityGroup(`${name}-tasks`, {
            description: `Tasks of ${name}: the service port from the load balancer only`,
            vpcId: args.vpcId,
            ingress: [{ description: "From the load balancer", protocol: "tcp", fromPort: port, toPort: port, securityGroups: [this.loadBalancerSecurityGroup.id] }],
            egress: [
                { description: "HTTPS to ECR, Secrets Manager, CloudWatch Logs and APIs", protocol: "tcp", fromPort: D.egressPort, toPort: D.egressPort, cidrBlocks: ["0.0.0.0/0"] },
                ...(args.egressRules ?? []).map((r) => ({
                    description: r.description, protocol: r.protocol ?? "tcp", fromPort: r.fromPort, toPort: r.toPort ?? r.fromPort,
                    cidrBlocks: r.cidrBlocks, securityGroups: r.securityGroupIds, prefixListIds: r.prefixListIds,
                })),
            ],
        }, { parent: this });
        // A separate rule: inline egress to the task group would make the two groups depend on each other.
        new aws.vpc.SecurityGroupEgressRule(`${name}-alb-to-tasks`, {
            securityGroupId: this.loadBalancerSecurityGroup.id,
            description: "To the service's tasks",
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            referencedSecurityGroupId: this.taskSecurityGroup.id,
        }, { parent: this });

        const lb = loadBalancer(name, {
            vpcId: args.vpcId,
            subnetIds: args.loadBalancerSubnetIds,
            internal: args.internal ?? false,
            securityGroupId: this.loadBalancerSecurityGroup.id,
            targetPort: port,
            healthCheckPath: args.healthCheckPath ?? D.healthCheckPath,
            certificateArn: args.certificateArn,
            protectData,
            accessLogs: args.accessLogsBucket !== undefined ? { bucket: args.accessLogsBucket, prefix: args.accessLogsPrefix ?? name } : undefined,
        }, { parent: this });
        this.loadBalancer = lb.loadBalancer;
        this.targetGroup = lb.targetGroup;
        this.listeners = lb.listeners;
        if (args.webAclArn !== undefined) {
            new aws.wafv2.WebAclAssociation(`${name}-waf`, { resourceArn: this.loadBalancer.arn, webAclArn: args.webAclArn }, { parent: this });
        }

        const trust = ecsTasksTrust(where);
        this.executionRole = new aws.iam.Role(`${name}-execution`, { description: `ECS agent of ${name}: pull, log, read its secrets`, assumeRolePolicy: trust }, { parent: this });
        this.taskRole = new aws.iam.Role(`${name}-task`, { description: `Application of ${name}`, assumeRolePolicy: trust }, { parent: this });
        const secrets = args.secrets ?? {};
        const executionPolicy = new aws.iam.RolePolicy(`${name}-execution`, {
            role: this.executionRole.name,
            policy: policyJson(COMPONENT, name, executionStatements(where, this.logGroup.arn, secrets, args.secretsKmsKeyArns ?? [])),
        }, { parent: this });
        const taskPolicies = (args.policyStatements ?? []).length > 0
            ? [new aws.iam.RolePolicy(`${name}-task`, { role: this.taskRole.name, policy: policyJson(COMPONENT, name, args.policyStatements!.map((s) => ({ Effect: "Allow", ...s }))) }, { parent: this })]
            : [];

        const scratchPaths = args.scratchPaths ?? D.scratchPaths;
        this.taskDefinition = new aws.ecs.TaskDefinition(`${name}-task`, {
            family: taskFamily(name),
            requiresCompatibilities: ["FARGATE"],
            networkMode: "awsvpc",
            cpu: String(args.cpu ?? D.cpu),
            memory: String(args.memory ?? D.memory),
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: (args.cpuArchitecture ?? D.cpuArchitecture).toUpperCase() },
            executionRoleArn: this.executionRole.arn,
            taskRoleArn: this.taskRole.arn,
            volumes: scratchVolumes(scratchPaths),
            containerDefinitions: pulumi.jsonStringify([containerDefinition({
                image: args.image,
                port,
                user: args.user ?? D.user,
                scratchPaths,
                secrets,
                environment: args.environment ?? {},
                logGroupName: this.logGroup.name,
                region: where.region,
                logStreamPrefix: name,
            })]),
            skipDestroy: D.keepPreviousRevisions,
        }, { parent: this });

        const min = args.minTasks ?? D.minTasks;
        this.service = new aws.ecs.Service(`${name}-service`, {
            cluster: this.cluster.arn,
            taskDefinition: this.taskDefinition.arn,
            launchType: "FARGATE",
            platformVersion: D.platformVersion,
            desiredCount: min,
            networkConfiguration: { subnets: args.taskSubnetIds, securityGroups: [this.taskSecurityGroup.id], assignPublicIp: args.assignPublicIp ?? D.assignPublicIp },
            loadBalancers: [{ targetGroupArn: this.targetGroup.arn, containerName: D.containerName, containerPort: port }],
            healthCheckGracePeriodSeconds: D.healthCheckGracePeriodSeconds,
            deploymentCircuitBreaker: { ...D.deploymentCircuitBreaker },
            deploymentMinimumHealthyPercent: D.deploymentMinimumHealthyPercent,
            deploymentMaximumPercent: D.deploymentMaximumPercent,
            enableExecuteCommand: false,
            enableEcsManagedTags: true,
            propagateTags: "SERVICE",
            waitForSteadyState: args.waitForSteadyState ?? D.waitForSteadyState,
        }, {
            parent: this,
            // The target group must be attached to the ALB (through a listener) before ECS registers tasks in it,
            // and the execution role must be able to pull and read secrets before the first task starts.
            dependsOn: [...this.listeners, executionPolicy, ...taskPolicies],
            // Autoscaling owns the running count after creation; a `pulumi up` must not reset it to minTasks.
            ignoreChanges: ["desiredCount"],
        });

        this.clusterName = this.cluster.name;
        this.serviceName = this.service.name;
        const scaling = new aws.appautoscaling.Target(`${name}-scaling`, {
            serviceNamespace: "ecs",
            scalableDimension: "ecs:service:DesiredCount",
            resourceId: pulumi.interpolate`service/${this.clusterName}/${this.serviceName}`,
            minCapacity: min,
            maxCapacity: args.maxTasks ?? D.maxTasks,
        }, { parent: this });
        const tracking = (suffix: string, metric: string, target: number) => new aws.appautoscaling.Policy(`${name}-${suffix}`, {
            policyType: "TargetTrackingScaling",
            serviceNamespace: scaling.serviceNamespace,
            scalableDimension: scaling.scalableDimension,
            resourceId: scaling.resourceId,
            targetTrackingScalingPolicyConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: metric },
                targetValue: target,
                scaleOutCooldown: D.scaleOutCooldownSeconds,
                scaleInCooldown: D.scaleInCooldownSeconds,
            },
        }, { parent: this });
        tracking("cpu-scaling", "ECSServiceAverageCPUUtilization", args.cpuTargetPercent ?? D.cpuTargetPercent);
        tracking("memory-scaling", "ECSServiceAverageMemoryUtilization", args.memoryTargetPercent ?? D.memoryTargetPercent);

        this.albDnsName = this.loadBalancer.dnsName;
        this.albArnSuffix = this.loadBalancer.arnSuffix;
        this.albArn = this.loadBalancer.arn;
        this.targetGroupArnSuffix = this.targetGroup.arnSuffix;
        const host = args.domainName !== undefined ? pulumi.output(args.domainName) : this.albDnsName;
        this.url = args.certificateArn !== undefined ? pulumi.interpolate`https://${host}` : pulumi.interpolate`http://${host}`;
        this.logGroupName = this.logGroup.name;
        this.taskRoleArn = this.taskRole.arn;
        this.taskSecurityGroupId = this.taskSecurityGroup.id;
        this.registerOutputs({
            url: this.url, albDnsName: this.albDnsName, albArn: this.albArn, albArnSuffix: this.albArnSuffix, targetGroupArnSuffix: this.targetGroupArnSuffix,
            clusterName: this.clusterName, serviceName: this.serviceName, logGroupName: this.logGroupName, taskRoleArn: this.taskRoleArn,
            taskSecurityGroupId: this.taskSecurityGroupId,
        });
    }
}
