import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { ContainerService, secretArnOf, taskFamily, type ContainerServiceArgs } from "../../components/container-service";
import { fargateMemoryAllowed } from "../../components/container-service/defaults";
import { SystemScope } from "../../components/system";
import { analyzeStack } from "../../engine/gate/analyzer";
import { loadPolicyPack } from "../../engine/gate/pack";
import { readPolicyConfigFile, reconcilePolicyConfig } from "../../engine/gate/policy-config";
import { runInline, UNKNOWN, type RunResult } from "../../engine/run";
import { inputs, ofType, one, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const T = {
    alb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    service: "aws:ecs/service:Service",
    cluster: "aws:ecs/cluster:Cluster",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    component: "platform:compute:ContainerService",
};
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/vibe";
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vibe/db-AbCdEf";
const BASE: ContainerServiceArgs = {
    vpcId: "vpc-1",
    loadBalancerSubnetIds: ["subnet-pub-a", "subnet-pub-b"],
    taskSubnetIds: ["subnet-priv-a", "subnet-priv-b"],
    image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/vibe-api:1.0.0",
    certificateArn: CERT,
};

function service(args: Partial<ContainerServiceArgs> = {}, name = "api"): () => void {
    return () => void new ContainerService(name, { ...BASE, ...args });
}

/** The task definition's one container definition, parsed. */
function container(result: RunResult): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const defs = JSON.parse(inputs(one(result, T.taskDef)).containerDefinitions);
    assert.strictEqual(defs.length, 1, "one container");
    return defs[0];
}

function listener(result: RunResult, name: string): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return inputs(one(result, T.listener, name));
}

describe("ContainerService", () => {
    it("registers every child in-process from @pulumi/aws, named after the component, and no remote component", async () => {
        const result = await runInline(service({}, "shop"));
        assert.deepStrictEqual(result.resources.filter((r) => r.remote).map((r) => r.type), [], "no remote (awsx) component");
        const names = (type: string) => ofType(result, type).map((r) => r.name).sort();
        assert.deepStrictEqual(names(T.alb), ["shop-alb"]);
        assert.deepStrictEqual(names(T.tg), ["shop-targets"]);
        assert.deepStrictEqual(names(T.listener), ["shop-http", "shop-https"]);
        assert.deepStrictEqual(names(T.taskDef), ["shop-task"]);
        assert.deepStrictEqual(names(T.service), ["shop-service"]);
        assert.deepStrictEqual(names(T.cluster), ["shop-cluster"]);
        const component = one(result, T.component).urn;
        for (const r of result.resources.filter((x) => x.type.startsWith("aws:"))) {
            assert.ok(r.name.startsWith("shop-"), `${r.type} ${r.name} is named after the component`);
            assert.ok(r.urn.includes("platform:compute:ContainerService$"), `${r.name} is a descendant of ${component}`);
        }
    });

    it("creates a cluster with Container Insights and an application load balancer: invalid headers dropped, strictest desync mitigation, HTTP/2, deletion protection", async () => {
        const result = await runInline(service());
        assert.deepStrictEqual(inputs(one(result, T.cluster)).settings, [{ name: "containerInsights", value: "enabled" }]);
        const a = inputs(one(result, T.alb));
        assert.strictEqual(a.loadBalancerType, "application");
        assert.strictEqual(a.internal, false, "internet-facing");
        assert.deepStrictEqual(a.subnets, ["subnet-pub-a", "subnet-pub-b"]);
        assert.deepStrictEqual(a.securityGroups, [one(result, T.sg, "api-alb").id], "only its own security group");
        assert.strictEqual(a.dropInvalidHeaderFields, true);
        assert.strictEqual(a.desyncMitigationMode, "strictest");
        assert.strictEqual(a.enableHttp2, true);
        assert.strictEqual(a.enableWafFailOpen, false, "a WAF outage blocks instead of letting requests through");
        assert.strictEqual(a.enableDeletionProtection, true, "deletion protection by default");
        assert.strictEqual(a.accessLogs, undefined, "no access logs without a bucket");
    });

    it("listens with HTTPS on 443 (certificate, TLS 1.3/1.2 policy) forwarding to the target group, and HTTP on 80 that only redirects", async () => {
        const result = await runInline(service());
        const lb = one(result, T.alb);
        const tg = one(result, T.tg);
        const https = listener(result, "api-https");
        assert.deepStrictEqual([https.port, https.protocol, https.certificateArn, https.sslPolicy], [443, "HTTPS", CERT, "ELBSecurityPolicy-TLS13-1-2-2021-06"]);
        assert.strictEqual(https.loadBalancerArn, lb.outputs.arn);
        assert.deepStrictEqual(https.defaultActions, [{ type: "forward", targetGroupArn: tg.outputs.arn }]);
        const http = listener(result, "api-http");
        assert.deepStrictEqual([http.port, http.protocol, http.loadBalancerArn], [80, "HTTP", lb.outputs.arn]);
        assert.deepStrictEqual(http.defaultActions, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }], "redirect only");
        assert.strictEqual(http.certificateArn, undefined);
    });

    it("health-checks /api/health on an IP target group at the container port, draining for 30 s", async () => {
        const tg = inputs(one(await runInline(service()), T.tg));
        assert.deepStrictEqual([tg.port, tg.protocol, tg.targetType, tg.vpcId, tg.deregistrationDelay], [8080, "HTTP", "ip", "vpc-1", 30]);
        assert.deepStrictEqual(tg.healthCheck, {
            enabled: true, path: "/api/health", port: "traffic-port", protocol: "HTTP", matcher: "200-299",
            interval: 30, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3,
        });
        const custom = inputs(one(await runInline(service({ healthCheckPath: "/healthz", containerPort: 3000 })), T.tg));
        assert.deepStrictEqual([custom.healthCheck.path, custom.port], ["/healthz", 3000]);
    });

    it("admits 443/80 to the ALB from the given CIDRs only, and only the ALB's security group to the tasks' port; tasks send HTTPS only (plus extra rules)", async () => {
        const result = await runInline(service({ egressRules: [{ description: "PostgreSQL", fromPort: 5432, securityGroupIds: ["sg-db"] }] }));
        const albSg = one(result, T.sg, "api-alb");
        assert.deepStrictEqual(inputs(albSg).ingress.map((r: Record<string, unknown>) => [r.protocol, r.fromPort, r.toPort, r.cidrBlocks]), [["tcp", 443, 443, ["0.0.0.0/0"]], ["tcp", 80, 80, ["0.0.0.0/0"]]]);
        assert.strictEqual(inputs(albSg).egress, undefined, "the ALB's only egress is the separate rule to the tasks");
        const tasks = inputs(one(result, T.sg, "api-tasks"));
        assert.deepStrictEqual(tasks.ingress, [{ description: "From the load balancer", protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: [albSg.id] }]);
        assert.deepStrictEqual(tasks.egress.map((r: Record<string, unknown>) => [r.fromPort, r.toPort, r.cidrBlocks ?? r.securityGroups]), [[443, 443, ["0.0.0.0/0"]], [5432, 5432, ["sg-db"]]]);
        const egress = inputs(one(result, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"));
        assert.deepStrictEqual([egress.securityGroupId, egress.referencedSecurityGroupId, egress.ipProtocol, egress.fromPort, egress.toPort], [albSg.id, one(result, T.sg, "api-tasks").id, "tcp", 8080, 8080], "ALB sends only to the tasks");
    });

    it("defines a Fargate awsvpc task: size, platform, both roles, one scratch volume, previous revisions kept", async () => {
        const result = await runInline(service({ cpu: 1024, memory: 2048 }));
        const td = inputs(one(result, T.taskDef));
        assert.deepStrictEqual(td.requiresCompatibilities, ["FARGATE"]);
        assert.strictEqual(td.networkMode, "awsvpc", "no host networking");
        assert.deepStrictEqual([td.cpu, td.memory], ["1024", "2048"]);
        assert.deepStrictEqual(td.runtimePlatform, { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" });
        assert.strictEqual(td.family, "platform-test-api");
        assert.strictEqual(td.executionRoleArn, one(result, T.role, "api-execution").outputs.arn);
        assert.strictEqual(td.taskRoleArn, one(result, T.role, "api-task").outputs.arn);
        assert.notStrictEqual(td.executionRoleArn, td.taskRoleArn, "the agent's and the application's permissions are separate");
        assert.deepStrictEqual(td.volumes, [{ name: "scratch-tmp" }], "a task volume without a host path");
        assert.strictEqual(td.skipDestroy, true, "rollback targets stay registered");
        assert.strictEqual(td.pidMode, undefined, "no host PID namespace");
        assert.strictEqual(td.ipcMode, undefined, "no host IPC namespace");
        const arm = inputs(one(await runInline(service({ cpuArchitecture: "arm64" })), T.taskDef));
        assert.deepStrictEqual(arm.runtimePlatform, { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" });
    });

    it("hardens the container: non-root user, not privileged, read-only root with a writable /tmp, all capabilities dropped, an init process", async () => {
        const c = container(await runInline(service()));
        assert.strictEqual(c.name, "app");
        assert.strictEqual(c.image, BASE.image);
        assert.strictEqual(c.essential, true);
        assert.strictEqual(c.user, "1000:1000");
        assert.strictEqual(c.privileged, false);
        assert.strictEqual(c.readonlyRootFilesystem, true);
        assert.deepStrictEqual(c.linuxParameters, { initProcessEnabled: true, capabilities: { drop: ["ALL"] } });
        assert.deepStrictEqual(c.mountPoints, [{ sourceVolume: "scratch-tmp", containerPath: "/tmp", readOnly: false }]);
        assert.deepStrictEqual(c.portMappings, [{ containerPort: 8080, hostPort: 8080, protocol: "tcp" }]);
        const custom = container(await runInline(service({ user: "node", scratchPaths: ["/tmp", "/app/.cache"] })));
        assert.strictEqual(custom.user, "node");
        assert.deepStrictEqual(custom.mountPoints.map((m: { sourceVolume: string; containerPath: string }) => [m.sourceVolume, m.containerPath]), [["scratch-tmp", "/tmp"], ["scratch-app-cache", "/app/.cache"]]);
        const none = await runInline(service({ scratchPaths: [] }));
        assert.deepStrictEqual([container(none).mountPoints, inputs(one(none, T.taskDef)).volumes], [[], []]);
    });

    it("passes secrets by Secrets Manager reference (valueFrom) and plain variables as environment; logs with awslogs, non-blocking, to the encrypted group", async () => {
        const result = await runInline(service({ secrets: { DATABASE_URL: `${SECRET_ARN}:url::` }, environment: { NODE_ENV: "production" } }));
        const c = container(result);
        assert.deepStrictEqual(c.secrets, [{ name: "DATABASE_URL", valueFrom: `${SECRET_ARN}:url::` }], "secrets from Secrets Manager");
        assert.deepStrictEqual(c.environment, [{ name: "NODE_ENV", value: "production" }], "plain environment");
        const group = one(result, "aws:cloudwatch/logGroup:LogGroup");
        assert.strictEqual(inputs(group).name, "/ecs/platform-test-api");
        assert.deepStrictEqual(c.logConfiguration, {
            logDriver: "awslogs",
            options: { "awslogs-group": group.outputs.name, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api", mode: "non-blocking", "max-buffer-size": "25m" },
        });
        assert.strictEqual(inputs(group).kmsKeyId, one(result, "aws:kms/key:Key").outputs.arn, "log group encrypted with the CMK");
    });

    it("runs the service on Fargate LATEST in private subnets without public IPs, registered in the target group, with circuit breaker and rollback", async () => {
        const result = await runInline(service());
        const svc = one(result, T.service);
        const s = inputs(svc);
        assert.strictEqual(s.cluster, one(result, T.cluster).outputs.arn);
        assert.strictEqual(s.taskDefinition, one(result, T.taskDef).outputs.arn);
        assert.deepStrictEqual([s.launchType, s.platformVersion], ["FARGATE", "LATEST"]);
        assert.deepStrictEqual(s.networkConfiguration, { subnets: ["subnet-priv-a", "subnet-priv-b"], securityGroups: [one(result, T.sg, "api-tasks").id], assignPublicIp: false });
        assert.strictEqual(s.assignPublicIp, undefined, "assignPublicIp only inside networkConfiguration");
        assert.deepStrictEqual(s.loadBalancers, [{ targetGroupArn: one(result, T.tg).outputs.arn, containerName: "app", containerPort: 8080 }]);
        assert.deepStrictEqual(s.deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.deepStrictEqual([s.deploymentMinimumHealthyPercent, s.deploymentMaximumPercent], [100, 200]);
        assert.strictEqual(s.healthCheckGracePeriodSeconds, 60);
        assert.strictEqual(s.desiredCount, 2);
        assert.deepStrictEqual([s.propagateTags, s.enableEcsManagedTags], ["SERVICE", true]);
        assert.strictEqual(s.enableExecuteCommand, false, "no ECS Exec");
        assert.strictEqual(s.waitForSteadyState, true);
        assert.deepStrictEqual(svc.options.ignoreChanges, ["desiredCount"], "autoscaling owns the running count");
        const needs = [...ofType(result, T.listener), ...ofType(result, T.rolePolicy)].map((r) => r.urn);
        for (const urn of needs) assert.ok(svc.options.dependsOn.includes(urn), `the service waits for ${urn}`);
        const quick = inputs(one(await runInline(service({ waitForSteadyState: false })), T.service));
        assert.strictEqual(quick.waitForSteadyState, false);
    });

    it("gives tasks in public subnets a public IP when asked (no NAT), still admitting only the load balancer; none by default", async () => {
        const result = await runInline(service({ taskSubnetIds: ["subnet-pub-a", "subnet-pub-b"], assignPublicIp: true }));
        assert.deepStrictEqual(inputs(one(result, T.service)).networkConfiguration, { subnets: ["subnet-pub-a", "subnet-pub-b"], securityGroups: [one(result, T.sg, "api-tasks").id], assignPublicIp: true });
        const ingress = inputs(one(result, T.sg, "api-tasks")).ingress;
        assert.deepStrictEqual(ingress.map((r: { securityGroups?: string[]; cidrBlocks?: string[] }) => [r.securityGroups, r.cidrBlocks]), [[[one(result, T.sg, "api-alb").id], undefined]], "only the ALB's group");
    });

    it("puts a given REGIONAL web ACL in front of the load balancer; none without one", async () => {
        const acl = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/0123";
        const result = await runInline(service({ webAclArn: acl }));
        const association = inputs(one(result, "aws:wafv2/webAclAssociation:WebAclAssociation", "api-waf"));
        assert.deepStrictEqual([association.resourceArn, association.webAclArn], [one(result, T.alb).outputs.arn, acl]);
        assert.strictEqual(ofType(await runInline(service()), "aws:wafv2/webAclAssociation:WebAclAssociation").length, 0);
    });

    it("lets the execution role read exactly the given secrets (JSON-key suffix stripped) and decrypt only via Secrets Manager", async () => {
        const result = await runInline(service({ secrets: { DATABASE_URL: `${SECRET_ARN}:url::`, DB_PASSWORD: SECRET_ARN }, secretsKmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/s"] }));
        const role = one(result, T.role, "api-execution");
        const trust = policyDocument(role, "assumeRolePolicy").Statement[0];
        assert.deepStrictEqual(trust.Principal, { Service: "ecs-tasks.amazonaws.com" });
        assert.deepStrictEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*" } });
        const statements = policyDocument(one(result, T.rolePolicy, "api-execution")).Statement;
        assert.deepStrictEqual(statements.map((s) => s.Sid), ["EcrLogin", "PullOwnImages", "WriteOwnLogs", "ReadOwnSecrets", "DecryptSecretsViaSecretsManager"]);
        assert.deepStrictEqual(statements[3].Resource, [SECRET_ARN], "the secret's own ARN, once");
        assert.deepStrictEqual(statements[4].Condition, { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } });
        assert.strictEqual(statements[1].Resource, "arn:aws:ecr:us-east-1:123456789012:repository/*", "this account's repositories");
        assert.strictEqual(secretArnOf(`${SECRET_ARN}:k:AWSCURRENT:`), SECRET_ARN);
    });

    it("gives the task role the caller's statements only", async () => {
        const none = await runInline(service());
        assert.strictEqual(ofType(none, T.rolePolicy).length, 1, "only the execution policy without statements");
        const result = await runInline(service({ policyStatements: [{ Action: ["s3:GetObject"], Resource: "arn:aws:s3:::vibe-media/*" }] }));
        assert.deepStrictEqual(policyDocument(one(result, T.rolePolicy, "api-task")).Statement, [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::vibe-media/*" }]);
    });

    it("autoscales the service between minTasks and maxTasks on CPU and memory", async () => {
        const result = await runInline(service());
        const target = inputs(one(result, "aws:appautoscaling/target:Target"));
        assert.deepStrictEqual([target.minCapacity, target.maxCapacity, target.scalableDimension, target.serviceNamespace], [2, 4, "ecs:service:DesiredCount", "ecs"]);
        assert.strictEqual(target.resourceId, `service/${String(one(result, T.cluster).outputs.name)}/${String(one(result, T.service).outputs.name)}`);
        const policies = ofType(result, "aws:appautoscaling/policy:Policy").map(inputs);
        assert.deepStrictEqual(policies.map((p) => [p.policyType, p.resourceId, p.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType, p.targetTrackingScalingPolicyConfiguration.targetValue]), [
            ["TargetTrackingScaling", target.resourceId, "ECSServiceAverageCPUUtilization", 60],
            ["TargetTrackingScaling", target.resourceId, "ECSServiceAverageMemoryUtilization", 70],
        ]);
    });

    it("writes ALB access logs to the given bucket", async () => {
        const a = inputs(one(await runInline(service({ accessLogsBucket: "vibe-logs", accessLogsPrefix: "alb/api" })), T.alb));
        assert.deepStrictEqual(a.accessLogs, { bucket: "vibe-logs", prefix: "alb/api", enabled: true });
        const byName = inputs(one(await runInline(service({ accessLogsBucket: "vibe-logs" })), T.alb));
        assert.strictEqual(byName.accessLogs.prefix, "api", "default prefix: the component's name");
    });

    it("dev vs prod through inputs: dev plain HTTP forward, one task, no deletion protection; prod HTTPS, 2 to 4 tasks, protected", async () => {
        const dev = await runInline(service({ certificateArn: undefined, allowHttpWithoutCertificate: true, minTasks: 1, maxTasks: 1, protectData: false }), { stack: "dev" });
        assert.deepStrictEqual(ofType(dev, T.listener).map((r) => r.name), ["api-http"], "dev: one listener");
        const devHttp = listener(dev, "api-http");
        assert.deepStrictEqual([devHttp.port, devHttp.protocol, devHttp.defaultActions], [80, "HTTP", [{ type: "forward", targetGroupArn: one(dev, T.tg).outputs.arn }]], "dev: a plain HTTP forward listener");
        assert.strictEqual(inputs(one(dev, T.alb)).enableDeletionProtection, false);
        assert.deepStrictEqual(inputs(one(dev, T.sg, "api-alb")).ingress.map((r: Record<string, unknown>) => r.fromPort), [80]);
        const devTarget = inputs(one(dev, "aws:appautoscaling/target:Target"));
        assert.deepStrictEqual([devTarget.minCapacity, devTarget.maxCapacity, inputs(one(dev, T.service)).desiredCount], [1, 1, 1]);
        assert.strictEqual(one(dev, "aws:kms/key:Key").options.protect, false);
        assert.match(String(one(dev, T.component).outputs.url), /^http:\/\//, "dev url is http");
        assert.strictEqual(inputs(one(dev, T.taskDef)).family, "platform-dev-api", "families differ per stack");

        const prod = await runInline(service({ minTasks: 2, maxTasks: 4, accessLogsBucket: "logs" }), { stack: "prod" });
        assert.deepStrictEqual(ofType(prod, T.listener).map((r) => listener(prod, r.name).protocol).sort(), ["HTTP", "HTTPS"]);
        assert.match(String(one(prod, T.component).outputs.url), /^https:\/\//, "prod url is https");
        assert.strictEqual(inputs(one(prod, T.alb)).enableDeletionProtection, true);
        assert.strictEqual(one(prod, "aws:kms/key:Key").options.protect, true);
        assert.strictEqual(inputs(one(prod, T.taskDef)).family, "platform-prod-api");
    });

    it("an internal ALB in private subnets admits only the given CIDRs", async () => {
        const result = await runInline(service({ internal: true, loadBalancerSubnetIds: ["subnet-priv-a", "subnet-priv-b"], ingressCidrs: ["10.0.0.0/16"] }));
        assert.strictEqual(inputs(one(result, T.alb)).internal, true);
        assert.deepStrictEqual(inputs(one(result, T.alb)).subnets, ["subnet-priv-a", "subnet-priv-b"]);
        assert.deepStrictEqual(inputs(one(result, T.sg, "api-alb")).ingress.map((r: { fromPort: number; cidrBlocks: string[] }) => [r.fromPort, r.cidrBlocks]), [[443, ["10.0.0.0/16"]], [80, ["10.0.0.0/16"]]]);
    });

    it("registers its outputs in apply mode and exposes its children (url uses domainName when given)", async () => {
        let built: ContainerService | undefined;
        const result = await runInline(() => { built = new ContainerService("api", { ...BASE, domainName: "api.vibeapp.com" }); });
        const outputs = one(result, T.component).outputs;
        const lb = one(result, T.alb).outputs;
        const tg = one(result, T.tg).outputs;
        const svc = one(result, T.service).outputs;
        assert.strictEqual(outputs.url, "https://api.vibeapp.com");
        assert.match(String(lb.arn), /^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\//);
        assert.deepStrictEqual([outputs.albDnsName, outputs.albArn, outputs.albArnSuffix], [lb.dnsName, lb.arn, lb.arnSuffix]);
        assert.match(String(outputs.albArnSuffix), /^app\//, "the LoadBalancer alarm dimension");
        assert.strictEqual(outputs.targetGroupArnSuffix, tg.arnSuffix);
        assert.match(String(outputs.targetGroupArnSuffix), /^targetgroup\//, "the TargetGroup alarm dimension");
        assert.strictEqual(outputs.clusterName, one(result, T.cluster).outputs.name);
        assert.strictEqual(outputs.serviceName, svc.name);
        assert.strictEqual(svc.arn, `arn:aws:ecs:us-east-1:123456789012:service/${String(outputs.clusterName)}/${String(svc.name)}`);
        const td = one(result, T.taskDef).outputs;
        assert.deepStrictEqual([td.arn, td.family, td.revision], ["arn:aws:ecs:us-east-1:123456789012:task-definition/platform-test-api:1", "platform-test-api", 1]);
        assert.match(String(one(result, T.listener, "api-https").outputs.arn), /^arn:aws:elasticloadbalancing:.*:listener\/app\//);
        assert.strictEqual(outputs.logGroupName, one(result, "aws:cloudwatch/logGroup:LogGroup").outputs.name);
        assert.strictEqual(outputs.taskRoleArn, one(result, T.role, "api-task").outputs.arn);
        assert.strictEqual(outputs.taskSecurityGroupId, one(result, T.sg, "api-tasks").id);
        assert.ok(built!.loadBalancer instanceof aws.lb.LoadBalancer && built!.service instanceof aws.ecs.Service);
        assert.ok(built!.taskDefinition instanceof aws.ecs.TaskDefinition && built!.targetGroup instanceof aws.lb.TargetGroup);
        assert.strictEqual(built!.listeners.length, 2);
    });

    it("in preview, computed ARNs are unknown but the container definition is known when the image and secrets are", async () => {
        const result = await runInline(service({ secrets: { DB_PASSWORD: SECRET_ARN } }), { mode: "preview" });
        const s = inputs(one(result, T.service));
        assert.strictEqual(s.loadBalancers[0].targetGroupArn, UNKNOWN);
        assert.strictEqual(s.networkConfiguration.assignPublicIp, false);
        const c = container(result);
        assert.deepStrictEqual([c.readonlyRootFilesystem, c.secrets], [true, [{ name: "DB_PASSWORD", valueFrom: SECRET_ARN }]], "the policy pack can check it before anything exists");
    });

    it("accepts exactly Fargate's CPU and memory pairs", () => {
        assert.deepStrictEqual([512, 1024, 1536, 2048, 3072].map((m) => fargateMemoryAllowed(256, m)), [true, true, false, true, false]);
        assert.deepStrictEqual([1024, 4096, 5120].map((m) => fargateMemoryAllowed(512, m)), [true, true, false]);
        assert.deepStrictEqual([16384, 20480, 18432].map((m) => fargateMemoryAllowed(8192, m)), [true, true, false]);
        assert.strictEqual(taskFamily("a.b", "proj", "team.dev"), "proj-team-dev-a-b", "only the characters ECS allows");
    });

    describe("passes the policy pack's load balancer, TLS, ECS and access-log rules (prod configuration)", function () {
        this.timeout(60_000);
        const root = path.join(__dirname, "..", "..");
        const pack = loadPolicyPack(path.join(root, "policies"));
        const config = reconcilePolicyConfig(pack.policies, pack.enforcementLevel, readPolicyConfigFile(path.join(root, "policies", "config", "prod.json")));
        before(() => pack.exemptions.load([]));
        after(() => pack.exemptions.load());

        async function violations(args: Partial<ContainerServiceArgs>): Promise<string[]> {
            const result = await runInline(() => {
                const scope = new SystemScope("vibe", { environment: "prod", system: "vibe", team: "platform", costCenter: "CC-1" });
                new ContainerService("api", { ...BASE, ...args }, { parent: scope });
            }, { stack: "prod", mode: "apply" });
            pack.exemptions.reset();
            const found = await analyzeStack(result.resources, { packName: pack.name, packVersion: pack.version, policies: pack.policies, config });
            return found.violations.filter((v) => !v.unknown).map((v) => `${v.enforcementLevel} ${v.policy} ${(v.urn ?? "").split("::").pop() ?? ""}`);
        }

        it("HTTPS with access logs and secrets by reference: no violation at all, mandatory or advisory", async () => {
            assert.deepStrictEqual(await violations({ accessLogsBucket: "vibe-logs", secrets: { DB_PASSWORD: SECRET_ARN }, environment: { NODE_ENV: "production" } }), []);
        });

        it("the dev plain HTTP forward is what the pack flags (it now sees the listener itself)", async () => {
            const found = await violations({ accessLogsBucket: "vibe-logs", certificateArn: undefined, allowHttpWithoutCertificate: true });
            assert.deepStrictEqual(found.map((v) => v.split(" ").slice(1).join(" ")), ["aws-alb-listener-http-redirect-only api-http"]);
        });
    });

    describe("rejects bad arguments, naming the component and the argument", () => {
        const cases: [string, Partial<ContainerServiceArgs>, RegExp][] = [
            ["no certificate and no dev switch", { certificateArn: undefined }, /ContainerService "bad": argument certificateArn: got nothing; allowed: an ACM certificate ARN \(HTTPS\), or allowHttpWithoutCertificate: true for dev/],
            ["the dev switch with a certificate", { allowHttpWithoutCertificate: true }, /argument allowHttpWithoutCertificate: got true/],
            ["a secret in plain environment", { environment: { JWT_SECRET: "s" } }, /ContainerService "bad": argument environment.JWT_SECRET: got "JWT_SECRET"; allowed: non-secret names only.*secrets/],
            ["a secret that is not a Secrets Manager ARN", { secrets: { DB_PASSWORD: "hunter2" } }, /argument secrets.DB_PASSWORD: got "hunter2"; allowed: a Secrets Manager secret ARN/],
            ["a bad Fargate size", { cpu: 256, memory: 4096 }, /argument memory: got 4096; allowed: a Fargate memory size for 256 CPU units/],
            ["an unknown CPU size", { cpu: 300 }, /argument cpu: got 300/],
            ["an unknown architecture", { cpuArchitecture: "amd64" as "x86_64" }, /argument cpuArchitecture: got "amd64"; allowed: x86_64 or arm64/],
            ["the root user", { user: "root" }, /argument user: got "root"; allowed: a non-root user or uid/],
            ["uid 0 with a group", { user: "0:1000" }, /argument user: got "0:1000"/],
            ["a user with spaces", { user: "app user" }, /argument user: got "app user"/],
            ["a relative scratch path", { scratchPaths: ["tmp"] }, /argument scratchPaths\[0\]: got "tmp"; allowed: an absolute directory path/],
            ["the root as scratch path", { scratchPaths: ["/"] }, /argument scratchPaths\[0\]: got "\/"/],
            ["a scratch path twice", { scratchPaths: ["/tmp", "/tmp/"] }, /argument scratchPaths\[1\]: got "\/tmp\/"/],
            ["two scratch paths with one volume name", { scratchPaths: ["/a-b", "/a/b"] }, /argument scratchPaths: got \["\/a-b","\/a\/b"\]; allowed: distinct paths/],
            ["maxTasks below minTasks", { minTasks: 3, maxTasks: 2 }, /argument maxTasks: got 2; allowed: a whole number from minTasks \(3\) to 100/],
            ["zero tasks", { minTasks: 0 }, /argument minTasks: got 0/],
            ["a health check path without a slash", { healthCheckPath: "api/health" }, /argument healthCheckPath: got "api\/health"/],
            ["one ALB subnet", { loadBalancerSubnetIds: ["s"] }, /argument loadBalancerSubnetIds/],
            ["an internal ALB without ingress CIDRs", { internal: true }, /argument ingressCidrs: got nothing/],
            ["a target of 95 %", { cpuTargetPercent: 95 }, /argument cpuTargetPercent: got 95/],
            ["Action * on * for the task role", { policyStatements: [{ Action: "*", Resource: "*" }] }, /argument policyStatements\[0\]/],
            ["container insights off", { containerInsights: "disabled" as "enabled" }, /argument containerInsights: got "disabled"/],
            ["port 0", { containerPort: 0 }, /argument containerPort: got 0/],
            ["waitForSteadyState as text", { waitForSteadyState: "yes" as unknown as boolean }, /argument waitForSteadyState: got "yes"; allowed: true or false/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(service(args, "bad")), message);
            });
        }

        it("registers nothing before rejecting", async () => {
            const result = await runInline(() => {
                try { service({ user: "root" }, "bad")(); } catch { /* the rejection is asserted above */ }
            });
            assert.deepStrictEqual(result.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.type), []);
        });
    });

    it("documents every argument in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("container-service"), interfaceProperties("container-service", "ContainerServiceArgs"));
    });
});
