import * as assert from "assert";
import { ContainerService, secretArnOf, type ContainerServiceArgs } from "../../components/container-service";
import { runInline, UNKNOWN } from "../../engine/run";
import { inputs, ofType, one, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const ALB = "awsx:lb:ApplicationLoadBalancer";
const SVC = "awsx:ecs:FargateService";
const SG = "aws:ec2/securityGroup:SecurityGroup";
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

describe("ContainerService", () => {
    it("creates a cluster with Container Insights and registers the awsx ALB with HTTPS (TLS 1.3/1.2 policy) and an HTTP redirect", async () => {
        const result = await runInline(service());
        assert.deepStrictEqual(inputs(one(result, "aws:ecs/cluster:Cluster")).settings, [{ name: "containerInsights", value: "enabled" }]);
        const alb = one(result, ALB);
        assert.strictEqual(alb.remote, true, "awsx ALB is a remote component");
        const a = inputs(alb);
        assert.strictEqual(a.internal, false, "internet-facing");
        assert.deepStrictEqual(a.subnetIds, ["subnet-pub-a", "subnet-pub-b"]);
        assert.strictEqual(a.enableDeletionProtection, true, "deletion protection by default");
        assert.strictEqual(a.dropInvalidHeaderFields, true);
        assert.deepStrictEqual(a.defaultSecurityGroup, { skip: true }, "awsx default security group skipped");
        assert.deepStrictEqual(a.securityGroups, [one(result, SG, "api-alb").id]);
        assert.deepStrictEqual(a.listeners, [
            { port: 443, protocol: "HTTPS", certificateArn: CERT, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
            { port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] },
        ], "HTTPS + redirect-only HTTP");
        assert.strictEqual(a.accessLogs, undefined, "no access logs without a bucket");
    });

    it("health-checks /api/health on an IP target group at the container port", async () => {
        const tg = inputs(one(await runInline(service()), ALB)).defaultTargetGroup;
        assert.deepStrictEqual([tg.port, tg.protocol, tg.targetType, tg.vpcId, tg.deregistrationDelay], [8080, "HTTP", "ip", "vpc-1", 30]);
        assert.strictEqual(tg.healthCheck.path, "/api/health", "healthCheck.path");
        assert.strictEqual(tg.healthCheck.matcher, "200-299");
        const custom = inputs(one(await runInline(service({ healthCheckPath: "/healthz", containerPort: 3000 })), ALB)).defaultTargetGroup;
        assert.deepStrictEqual([custom.healthCheck.path, custom.port], ["/healthz", 3000]);
    });

    it("admits 443/80 to the ALB, and only the ALB's security group to the tasks' port; tasks send HTTPS only (plus extra rules)", async () => {
        const result = await runInline(service({ egressRules: [{ description: "PostgreSQL", fromPort: 5432, securityGroupIds: ["sg-db"] }] }));
        const albSg = one(result, SG, "api-alb");
        assert.deepStrictEqual(inputs(albSg).ingress.map((r: Record<string, unknown>) => [r.fromPort, r.toPort, r.cidrBlocks]), [[443, 443, ["0.0.0.0/0"]], [80, 80, ["0.0.0.0/0"]]]);
        const tasks = inputs(one(result, SG, "api-tasks"));
        assert.deepStrictEqual(tasks.ingress, [{ description: "From the load balancer", protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: [albSg.id] }]);
        assert.deepStrictEqual(tasks.egress.map((r: Record<string, unknown>) => [r.fromPort, r.cidrBlocks ?? r.securityGroups]), [[443, ["0.0.0.0/0"]], [5432, ["sg-db"]]]);
        const egress = inputs(one(result, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"));
        assert.deepStrictEqual([egress.securityGroupId, egress.referencedSecurityGroupId, egress.fromPort, egress.toPort], [albSg.id, one(result, SG, "api-tasks").id, 8080, 8080], "ALB sends only to the tasks");
    });

    it("registers the awsx Fargate service in private subnets without public IPs, with circuit breaker, secrets, environment and encrypted logs", async () => {
        const result = await runInline(service({ secrets: { DATABASE_URL: `${SECRET_ARN}:url::` }, environment: { NODE_ENV: "production" } }));
        const svc = one(result, SVC);
        assert.strictEqual(svc.remote, true);
        const s = inputs(svc);
        assert.strictEqual(s.assignPublicIp, false, "assignPublicIp");
        assert.deepStrictEqual(s.networkConfiguration, { subnets: ["subnet-priv-a", "subnet-priv-b"], securityGroups: [one(result, SG, "api-tasks").id], assignPublicIp: false });
        assert.strictEqual(s.cluster, one(result, "aws:ecs/cluster:Cluster").outputs.arn);
        assert.deepStrictEqual(s.deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.strictEqual(s.desiredCount, 2);
        const alb = one(result, ALB);
        assert.deepStrictEqual(s.loadBalancers, [{ targetGroupArn: (alb.outputs.defaultTargetGroup as { arn: string }).arn, containerName: "app", containerPort: 8080 }], "registered in the ALB's target group");
        const td = s.taskDefinitionArgs;
        assert.deepStrictEqual([td.cpu, td.memory], ["512", "1024"]);
        assert.strictEqual(td.executionRole.roleArn, one(result, "aws:iam/role:Role", "api-execution").outputs.arn);
        assert.strictEqual(td.taskRole.roleArn, one(result, "aws:iam/role:Role", "api-task").outputs.arn);
        assert.deepStrictEqual(td.logGroup, { skip: true });
        const c = td.container;
        assert.strictEqual(c.image, BASE.image);
        assert.deepStrictEqual(c.portMappings, [{ containerPort: 8080, hostPort: 8080, protocol: "tcp" }]);
        assert.deepStrictEqual(c.secrets, [{ name: "DATABASE_URL", valueFrom: `${SECRET_ARN}:url::` }], "secrets from Secrets Manager");
        assert.deepStrictEqual(c.environment, [{ name: "NODE_ENV", value: "production" }], "plain environment");
        const group = one(result, "aws:cloudwatch/logGroup:LogGroup");
        assert.deepStrictEqual(c.logConfiguration, { logDriver: "awslogs", options: { "awslogs-group": group.outputs.name, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api" } });
        assert.strictEqual(inputs(group).kmsKeyId, one(result, "aws:kms/key:Key").outputs.arn, "log group encrypted with the CMK");
    });

    it("lets the execution role read exactly the given secrets (JSON-key suffix stripped) and decrypt only via Secrets Manager", async () => {
        const result = await runInline(service({ secrets: { DATABASE_URL: `${SECRET_ARN}:url::`, DB_PASSWORD: SECRET_ARN }, secretsKmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/s"] }));
        const role = one(result, "aws:iam/role:Role", "api-execution");
        const trust = policyDocument(role, "assumeRolePolicy").Statement[0];
        assert.deepStrictEqual(trust.Principal, { Service: "ecs-tasks.amazonaws.com" });
        assert.deepStrictEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*" } });
        const statements = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy", "api-execution")).Statement;
        assert.deepStrictEqual(statements.map((s) => s.Sid), ["EcrLogin", "PullOwnImages", "WriteOwnLogs", "ReadOwnSecrets", "DecryptSecretsViaSecretsManager"]);
        assert.deepStrictEqual(statements[3].Resource, [SECRET_ARN], "the secret's own ARN, once");
        assert.deepStrictEqual(statements[4].Condition, { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } });
        assert.strictEqual(statements[1].Resource, "arn:aws:ecr:us-east-1:123456789012:repository/*", "this account's repositories");
        assert.strictEqual(secretArnOf(`${SECRET_ARN}:k:AWSCURRENT:`), SECRET_ARN);
    });

    it("gives the task role the caller's statements only", async () => {
        const none = await runInline(service());
        assert.strictEqual(ofType(none, "aws:iam/rolePolicy:RolePolicy").length, 1, "only the execution policy without statements");
        const result = await runInline(service({ policyStatements: [{ Action: ["s3:GetObject"], Resource: "arn:aws:s3:::vibe-media/*" }] }));
        assert.deepStrictEqual(policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy", "api-task")).Statement, [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::vibe-media/*" }]);
    });

    it("autoscales the service between minTasks and maxTasks on CPU and memory", async () => {
        const result = await runInline(service());
        const target = inputs(one(result, "aws:appautoscaling/target:Target"));
        const svc = one(result, SVC);
        const cluster = one(result, "aws:ecs/cluster:Cluster");
        assert.deepStrictEqual([target.minCapacity, target.maxCapacity, target.scalableDimension, target.serviceNamespace], [2, 4, "ecs:service:DesiredCount", "ecs"]);
        assert.strictEqual(target.resourceId, `service/${cluster.outputs.name}/${(svc.outputs.service as { name: string }).name}`);
        const policies = ofType(result, "aws:appautoscaling/policy:Policy").map(inputs);
        assert.deepStrictEqual(policies.map((p) => [p.policyType, p.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType, p.targetTrackingScalingPolicyConfiguration.targetValue]), [
            ["TargetTrackingScaling", "ECSServiceAverageCPUUtilization", 60],
            ["TargetTrackingScaling", "ECSServiceAverageMemoryUtilization", 70],
        ]);
    });

    it("writes ALB access logs to the given bucket", async () => {
        const a = inputs(one(await runInline(service({ accessLogsBucket: "vibe-logs", accessLogsPrefix: "alb/api" })), ALB));
        assert.deepStrictEqual(a.accessLogs, { bucket: "vibe-logs", prefix: "alb/api", enabled: true });
    });

    it("dev vs prod through inputs: dev plain HTTP, one task, no deletion protection; prod HTTPS, 2 to 4 tasks, protected", async () => {
        const dev = await runInline(service({ certificateArn: undefined, allowHttpWithoutCertificate: true, minTasks: 1, maxTasks: 1, protectData: false }), { stack: "dev" });
        const devAlb = inputs(one(dev, ALB));
        assert.deepStrictEqual(devAlb.listeners, [{ port: 80, protocol: "HTTP" }], "dev: a plain HTTP forward listener");
        assert.strictEqual(devAlb.enableDeletionProtection, false);
        assert.deepStrictEqual(inputs(one(dev, SG, "api-alb")).ingress.map((r: Record<string, unknown>) => r.fromPort), [80]);
        assert.deepStrictEqual([inputs(one(dev, "aws:appautoscaling/target:Target")).minCapacity, inputs(one(dev, "aws:appautoscaling/target:Target")).maxCapacity], [1, 1]);
        const devOutputs = dev.resources.find((r) => r.type === "platform:compute:ContainerService")!.outputs;
        assert.match(String(devOutputs.url), /^http:\/\//, "dev url is http");
        const prod = await runInline(service({ minTasks: 2, maxTasks: 4, accessLogsBucket: "logs" }), { stack: "prod" });
        const prodOutputs = prod.resources.find((r) => r.type === "platform:compute:ContainerService")!.outputs;
        assert.match(String(prodOutputs.url), /^https:\/\//, "prod url is https");
        assert.strictEqual(inputs(one(prod, ALB)).enableDeletionProtection, true);
    });

    it("an internal ALB in private subnets admits only the given CIDRs", async () => {
        const result = await runInline(service({ internal: true, loadBalancerSubnetIds: ["subnet-priv-a", "subnet-priv-b"], ingressCidrs: ["10.0.0.0/16"] }));
        assert.strictEqual(inputs(one(result, ALB)).internal, true);
        assert.ok(inputs(one(result, SG, "api-alb")).ingress.every((r: { cidrBlocks: string[] }) => r.cidrBlocks.join() === "10.0.0.0/16"));
    });

    it("registers its outputs (url uses domainName when given)", async () => {
        const result = await runInline(service({ domainName: "api.vibeapp.com" }));
        const outputs = result.resources.find((r) => r.type === "platform:compute:ContainerService")!.outputs;
        const alb = one(result, ALB).outputs as { loadBalancer: { dnsName: string; arnSuffix: string }; defaultTargetGroup: { arnSuffix: string } };
        assert.strictEqual(outputs.url, "https://api.vibeapp.com");
        assert.strictEqual(outputs.albDnsName, alb.loadBalancer.dnsName);
        assert.strictEqual(outputs.albArnSuffix, alb.loadBalancer.arnSuffix);
        assert.strictEqual(outputs.targetGroupArnSuffix, alb.defaultTargetGroup.arnSuffix);
        assert.strictEqual(outputs.clusterName, one(result, "aws:ecs/cluster:Cluster").outputs.name);
        assert.strictEqual(outputs.serviceName, (one(result, SVC).outputs.service as { name: string }).name);
        assert.strictEqual(outputs.logGroupName, one(result, "aws:cloudwatch/logGroup:LogGroup").outputs.name);
        assert.strictEqual(outputs.taskRoleArn, one(result, "aws:iam/role:Role", "api-task").outputs.arn);
        assert.strictEqual(outputs.taskSecurityGroupId, one(result, SG, "api-tasks").id);
    });

    it("in preview, the service's target group and names are unknown but the contract inputs are known", async () => {
        const result = await runInline(service(), { mode: "preview" });
        const s = inputs(one(result, SVC));
        assert.strictEqual(s.loadBalancers[0].targetGroupArn, UNKNOWN);
        assert.strictEqual(s.assignPublicIp, false);
    });

    describe("rejects bad arguments, naming the component and the argument", () => {
        const cases: [string, Partial<ContainerServiceArgs>, RegExp][] = [
            ["no certificate and no dev switch", { certificateArn: undefined }, /ContainerService "bad": argument certificateArn: got nothing; allowed: an ACM certificate ARN \(HTTPS\), or allowHttpWithoutCertificate: true for dev/],
            ["the dev switch with a certificate", { allowHttpWithoutCertificate: true }, /argument allowHttpWithoutCertificate: got true/],
            ["a secret in plain environment", { environment: { JWT_SECRET: "s" } }, /ContainerService "bad": argument environment.JWT_SECRET: got "JWT_SECRET"; allowed: non-secret names only.*secrets/],
            ["a secret that is not a Secrets Manager ARN", { secrets: { DB_PASSWORD: "hunter2" } }, /argument secrets.DB_PASSWORD: got "hunter2"; allowed: a Secrets Manager secret ARN/],
            ["a bad Fargate size", { cpu: 256, memory: 4096 }, /argument memory: got 4096; allowed: a Fargate memory size for 256 CPU units/],
            ["an unknown CPU size", { cpu: 300 }, /argument cpu: got 300/],
            ["maxTasks below minTasks", { minTasks: 3, maxTasks: 2 }, /argument maxTasks: got 2; allowed: a whole number from minTasks \(3\) to 100/],
            ["zero tasks", { minTasks: 0 }, /argument minTasks: got 0/],
            ["a health check path without a slash", { healthCheckPath: "api/health" }, /argument healthCheckPath: got "api\/health"/],
            ["one ALB subnet", { loadBalancerSubnetIds: ["s"] }, /argument loadBalancerSubnetIds/],
            ["an internal ALB without ingress CIDRs", { internal: true }, /argument ingressCidrs: got nothing/],
            ["a target of 95 %", { cpuTargetPercent: 95 }, /argument cpuTargetPercent: got 95/],
            ["Action * on * for the task role", { policyStatements: [{ Action: "*", Resource: "*" }] }, /argument policyStatements\[0\]/],
            ["container insights off", { containerInsights: "disabled" as "enabled" }, /argument containerInsights: got "disabled"/],
            ["port 0", { containerPort: 0 }, /argument containerPort: got 0/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(service(args, "bad")), message);
            });
        }
    });

    it("documents every argument in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("container-service"), interfaceProperties("container-service", "ContainerServiceArgs"));
    });
});
