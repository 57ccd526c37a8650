/**
 * ContainerService: Vibe's backend. An ECS cluster with Container Insights, an awsx Application Load
 * Balancer (HTTPS with a TLS 1.2+ policy, HTTP only redirecting; access logs; deletion protection in
 * prod), an awsx Fargate service in private subnets reachable only from the load balancer, container
 * secrets from Secrets Manager, logs to a KMS-encrypted group, a deployment circuit breaker with
 * rollback, and CPU/memory target-tracking autoscaling.
 */
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { encryptedLogGroup } from "../shared/log-group";
import { LOG_RETENTION_DAYS } from "../serverless-function/defaults";
import type { EgressRule } from "../serverless-function";
import { policyJson, requirePlainEnvironment, requireStatements, type PolicyStatement } from "../serverless-function/policy";
import { CONTAINER_SERVICE_DEFAULTS as D, fargateMemoryAllowed } from "./defaults";

const COMPONENT = "ContainerService";

export interface ContainerServiceArgs {
    /** The VPC of all subnets. */
    vpcId: pulumi.Input<string>;
    /** Subnets of the load balancer: public for an internet-facing one, private for an internal one. */
    loadBalancerSubnetIds: pulumi.Input<string>[];
    /** Private subnets of the tasks (no public IPs). */
    taskSubnetIds: pulumi.Input<string>[];
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

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(:[^:]*:[^:]*:[^:]*)?$/;

/** The secret's own ARN from a valueFrom that may select a JSON key (`<arn>:key:stage:version`). */
export function secretArnOf(valueFrom: string): string {
    return valueFrom.split(":").slice(0, 7).join(":");
}

function validate(name: string, args: ContainerServiceArgs): void {
    const port = args.containerPort ?? D.containerPort;
    requireArg(Number.isInteger(port) && port >= 1 && port <= 65535, COMPONENT, name, "containerPort", port, "a port from 1 to 65535");
    const cpu = args.cpu ?? D.cpu;
    const memory = args.memory ?? D.memory;
    requireArg([256, 512, 1024, 2048, 4096, 8192, 16384].includes(cpu), COMPONENT, name, "cpu", cpu, "256, 512, 1024, 2048, 4096, 8192 or 16384");
    requireArg(fargateMemoryAllowed(cpu, memory), COMPONENT, name, "memory", memory, `a Fargate memory size for ${cpu} CPU units`);
    const path = args.healthCheckPath ?? D.healthCheckPath;
    requireArg(/^\/[\x21-\x7e]*$/.test(path) && path.length <= 1024, COMPONENT, name, "healthCheckPath", path, "a path starting with /");
    requireArg(args.certificateArn !== undefined || args.allowHttpWithoutCertificate === true, COMPONENT, name, "certificateArn", args.certificateArn,
        "an ACM certificate ARN (HTTPS), or allowHttpWithoutCertificate: true for dev (a plain HTTP listener the policy pack flags)");
    requireArg(!(args.certificateArn !== undefined && args.allowHttpWithoutCertificate), COMPONENT, name, "allowHttpWithoutCertificate", args.allowHttpWithoutCertificate, "only without certificateArn (with a certificate, HTTP always redirects to HTTPS)");
    requireArg(args.loadBalancerSubnetIds.length >= 2, COMPONENT, name, "loadBalancerSubnetIds", args.loadBalancerSubnetIds, "at least two subnets in different AZs (an ALB requirement)");
    requireArg(args.taskSubnetIds.length >= 1, COMPONENT, name, "taskSubnetIds", args.taskSubnetIds, "at least one private subnet");
    requireArg(!args.internal || (args.ingressCidrs?.length ?? 0) > 0, COMPONENT, name, "ingressCidrs", args.ingressCidrs, "the CIDRs allowed to reach an internal load balancer (e.g. the VPC's)");
    (args.ingressCidrs ?? []).forEach((c, i) => requireArg(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(c), COMPONENT, name, `ingressCidrs[${i}]`, c, "an IPv4 CIDR block"));
    const min = args.minTasks ?? D.minTasks;
    const max = args.maxTasks ?? D.maxTasks;
    requireArg(Number.isInteger(min) && min >= 1, COMPONENT, name, "minTasks", min, "a whole number of at least 1");
    requireArg(Number.isInteger(max) && max >= min && max <= 100, COMPONENT, name, "maxTasks", max, `a whole number from minTasks (${min}) to 100`);
    for (const key of ["cpuTargetPercent", "memoryTargetPercent"] as const) {
        const v = args[key] ?? D[key];
        requireArg(Number.isFinite(v) && v >= 10 && v <= 90, COMPONENT, name, key, v, "a percentage from 10 to 90");
    }
    requireArg(args.containerInsights === undefined || ["enabled", "enhanced"].includes(args.containerInsights), COMPONENT, name, "containerInsights", args.containerInsights, "enabled or enhanced");
    const retention = args.logRetentionInDays ?? D.logRetentionInDays;
    requireArg((LOG_RETENTION_DAYS as readonly number[]).includes(retention), COMPONENT, name, "logRetentionInDays", retention, `one of ${LOG_RETENTION_DAYS.join(", ")}`);
    requirePlainEnvironment(COMPONENT, name, "environment", args.environment, "put the value in Secrets Manager and pass its ARN in secrets");
    for (const [key, valueFrom] of Object.entries(args.secrets ?? {})) {
        requireArg(/^[A-Za-z_][A-Za-z0-9_]*$/.test(key), COMPONENT, name, `secrets.${key}`, key, "an environment variable name");
        requireArg(typeof valueFrom !== "string" || SECRET_ARN.test(valueFrom), COMPONENT, name, `secrets.${key}`, valueFrom, "a Secrets Manager secret ARN (optionally with :json-key::)");
        requireArg(!(key in (args.environment ?? {})), COMPONENT, name, `secrets.${key}`, key, "a name not also in environment");
    }
    requireStatements(COMPONENT, name, "policyStatements", args.policyStatements);
    (args.egressRules ?? []).forEach((r, i) => {
        const to = r.toPort ?? r.fromPort;
        requireArg(Number.isInteger(r.fromPort) && Number.isInteger(to) && r.fromPort >= 0 && to <= 65535 && r.fromPort <= to, COMPONENT, name, `egressRules[${i}].fromPort/toPort`, { fromPort: r.fromPort, toPort: r.toPort }, "ports from 0 to 65535 with fromPort <= toPort");
        requireArg((r.cidrBlocks?.length ?? 0) + (r.securityGroupIds?.length ?? 0) + (r.prefixListIds?.length ?? 0) > 0, COMPONENT, name, `egressRules[${i}]`, r.description, "a destination: cidrBlocks, securityGroupIds or prefixListIds");
    });
}

/** A role ECS tasks of this account assume. */
function ecsTasksTrust(account: pulumi.Input<string>, partition: pulumi.Input<string>, region: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "ecs-tasks.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": account },
                ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:ecs:${region}:${account}:*` },
            },
        }],
    });
}

export class ContainerService extends pulumi.ComponentResource {
    readonly cluster: aws.ecs.Cluster;
    readonly loadBalancer: awsx.lb.ApplicationLoadBalancer;
    readonly service: awsx.ecs.FargateService;
    readonly executionRole: aws.iam.Role;
    readonly taskRole: aws.iam.Role;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly loadBalancerSecurityGroup: aws.ec2.SecurityGroup;
    readonly taskSecurityGroup: aws.ec2.SecurityGroup;
    readonly url: pulumi.Output<string>;
    readonly albDnsName: pulumi.Output<string>;
    /** For alarms: the load balancer's ARN suffix (LoadBalancer dimension). */
    readonly albArnSuffix: pulumi.Output<string>;
    /** The load balancer's ARN (for a REGIONAL WebFirewall's associatedResourceArns). */
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
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const partition = aws.getPartitionOutput({}, { parent: this }).partition;
        const account = identity.accountId;

        this.cluster = new aws.ecs.Cluster(`${name}-cluster`, {
            settings: [{ name: "containerInsights", value: args.containerInsights ?? D.containerInsights }],
        }, { parent: this });

        const keyArn = args.kmsKeyArn ?? new EncryptionKey(`${name}-key`, {
            description: `Container logs of ${name}`,
            services: ["logs"],
            protectData,
        }, { parent: this }).arn;
        this.logGroup = encryptedLogGroup(`${name}-logs`, {
            kmsKeyArn: keyArn,
            retentionInDays: args.logRetentionInDays ?? D.logRetentionInDays,
        }, { parent: this });

        // Security groups: the world (or the given CIDRs) reaches the ALB on 80/443 only; only the ALB reaches the tasks.
        const ingressCidrs = args.ingressCidrs ?? ["0.0.0.0/0"];
        const listenerPorts = args.certificateArn !== undefined ? [443, 80] : [80];
        this.loadBalancerSecurityGroup = new aws.ec2.SecurityGroup(`${name}-alb`, {
            description: `Load balancer of ${name}: HTTP(S) in, the service's port out`,
            vpcId: args.vpcId,
            ingress: listenerPorts.map((p) => ({ description: p === 443 ? "HTTPS" : args.certificateArn !== undefined ? "HTTP (redirected to HTTPS)" : "HTTP (dev, no certificate)", protocol: "tcp", fromPort: p, toPort: p, cidrBlocks: ingressCidrs })),
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

        const listeners: awsx.types.input.lb.ListenerArgs[] = args.certificateArn !== undefined
            ? [
                { port: 443, protocol: "HTTPS", certificateArn: args.certificateArn, sslPolicy: D.sslPolicy },
                { port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] },
            ]
            // Dev without a certificate: the only way to serve is a plain HTTP forward (flagged by the policy pack).
            : [{ port: 80, protocol: "HTTP" }];

        this.loadBalancer = new awsx.lb.ApplicationLoadBalancer(`${name}-alb`, {
            internal: args.internal ?? false,
            subnetIds: args.loadBalancerSubnetIds,
            securityGroups: [this.loadBalancerSecurityGroup.id],
            defaultSecurityGroup: { skip: true },
            enableDeletionProtection: protectData,
            dropInvalidHeaderFields: D.dropInvalidHeaderFields,
            accessLogs: args.accessLogsBucket !== undefined ? { bucket: args.accessLogsBucket, prefix: args.accessLogsPrefix ?? name, enabled: true } : undefined,
            defaultTargetGroup: {
                vpcId: args.vpcId,
                port,
                protocol: "HTTP",
                targetType: "ip",
                deregistrationDelay: D.deregistrationDelay,
                healthCheck: {
                    enabled: true,
                    path: args.healthCheckPath ?? D.healthCheckPath,
                    protocol: "HTTP",
                    matcher: "200-299",
                    interval: 30,
                    timeout: 5,
                    healthyThreshold: 2,
                    unhealthyThreshold: 3,
                },
            },
            listeners,
        }, { parent: this });

        const trust = ecsTasksTrust(account, partition, region);
        this.executionRole = new aws.iam.Role(`${name}-execution`, { description: `ECS agent of ${name}: pull, log, read its secrets`, assumeRolePolicy: trust }, { parent: this });
        this.taskRole = new aws.iam.Role(`${name}-task`, { description: `Application of ${name}`, assumeRolePolicy: trust }, { parent: this });

        const secretEntries = Object.entries(args.secrets ?? {});
        const executionStatements: pulumi.Input<object>[] = [
            // ecr:GetAuthorizationToken has no resource-level permissions.
            { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
            { Sid: "PullOwnImages", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: pulumi.interpolate`arn:${partition}:ecr:${region}:${account}:repository/*` },
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [this.logGroup.arn, pulumi.interpolate`${this.logGroup.arn}:log-stream:*`] },
        ];
        if (secretEntries.length > 0) {
            executionStatements.push({
                Sid: "ReadOwnSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"],
                Resource: pulumi.output(secretEntries.map(([, v]) => v)).apply((arns) => [...new Set(arns.map(secretArnOf))]),
            });
            if ((args.secretsKmsKeyArns ?? []).length > 0) {
                executionStatements.push({
                    Sid: "DecryptSecretsViaSecretsManager", Effect: "Allow", Action: ["kms:Decrypt"], Resource: args.secretsKmsKeyArns!,
                    Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`secretsmanager.${region}.amazonaws.com` } },
                });
            }
        }
        const executionPolicy = new aws.iam.RolePolicy(`${name}-execution`, { role: this.executionRole.name, policy: policyJson(COMPONENT, name, executionStatements) }, { parent: this });
        const taskPolicies = (args.policyStatements ?? []).length > 0
            ? [new aws.iam.RolePolicy(`${name}-task`, { role: this.taskRole.name, policy: policyJson(COMPONENT, name, args.policyStatements!.map((s) => ({ Effect: "Allow", ...s }))) }, { parent: this })]
            : [];

        const targetGroup = this.loadBalancer.defaultTargetGroup;
        const min = args.minTasks ?? D.minTasks;
        const containerName = D.containerName;
        this.service = new awsx.ecs.FargateService(`${name}-service`, {
            cluster: this.cluster.arn,
            assignPublicIp: false,
            networkConfiguration: { subnets: args.taskSubnetIds, securityGroups: [this.taskSecurityGroup.id], assignPublicIp: false },
            desiredCount: min,
            deploymentCircuitBreaker: { ...D.deploymentCircuitBreaker },
            healthCheckGracePeriodSeconds: D.healthCheckGracePeriodSeconds,
            enableExecuteCommand: false,
            propagateTags: "SERVICE",
            loadBalancers: [{ targetGroupArn: targetGroup.apply((tg) => tg.arn), containerName, containerPort: port }],
            taskDefinitionArgs: {
                cpu: String(args.cpu ?? D.cpu),
                memory: String(args.memory ?? D.memory),
                executionRole: { roleArn: this.executionRole.arn },
                taskRole: { roleArn: this.taskRole.arn },
                logGroup: { skip: true },
                container: {
                    name: containerName,
                    image: args.image,
                    essential: true,
                    portMappings: [{ containerPort: port, hostPort: port, protocol: "tcp" }],
                    environment: Object.entries(args.environment ?? {}).map(([n, value]) => ({ name: n, value })),
                    secrets: secretEntries.map(([n, valueFrom]) => ({ name: n, valueFrom })),
                    logConfiguration: {
                        logDriver: "awslogs",
                        options: { "awslogs-group": this.logGroup.name, "awslogs-region": region, "awslogs-stream-prefix": name },
                    },
                },
            },
        }, { parent: this, dependsOn: [executionPolicy, ...taskPolicies] });

        this.clusterName = this.cluster.name;
        this.serviceName = this.service.service.apply((s) => s.name);
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

        this.albDnsName = this.loadBalancer.loadBalancer.apply((lb) => lb.dnsName);
        this.albArnSuffix = this.loadBalancer.loadBalancer.apply((lb) => lb.arnSuffix);
        this.albArn = this.loadBalancer.loadBalancer.apply((lb) => lb.arn);
        this.targetGroupArnSuffix = targetGroup.apply((tg) => tg.arnSuffix);
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
