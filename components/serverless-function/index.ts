/**
 * ServerlessFunction: a Lambda function built from a TypeScript entry file (bundled with esbuild when
 * the program runs) or a given archive, with its own least-privilege role, a KMS-encrypted log group
 * with retention, X-Ray tracing, a CMK for its environment, and optionally a VPC attachment whose
 * only default egress is HTTPS, a dead-letter queue and an EventBridge schedule.
 */
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { encryptedLogGroup } from "../shared/log-group";
import { bundleArchive } from "./bundle";
import { ALLOWED_RUNTIME, LOG_RETENTION_DAYS, MINIMUM_NODE_MAJOR, SERVERLESS_FUNCTION_DEFAULTS as D } from "./defaults";
import { policyJson, requirePlainEnvironment, requireStatements, type PolicyStatement } from "./policy";

export { type PolicyStatement, looksSecret, statementProblem } from "./policy";

const COMPONENT = "ServerlessFunction";

/** One extra egress rule for a function in a VPC (HTTPS to anywhere is always there). */
export interface EgressRule {
    /** Why the rule exists (shown on the security group). */
    description: string;
    /** "tcp" (default) or "udp". */
    protocol?: "tcp" | "udp";
    fromPort: number;
    /** Default: fromPort. */
    toPort?: number;
    /** Destination CIDR blocks. */
    cidrBlocks?: pulumi.Input<string>[];
    /** Destination security groups (e.g. a database's). */
    securityGroupIds?: pulumi.Input<string>[];
    /** Destination prefix lists (e.g. the S3 or DynamoDB gateway endpoint's). */
    prefixListIds?: pulumi.Input<string>[];
}

export interface FunctionVpcArgs {
    /** The VPC of the subnets; the function's security group is created in it. */
    vpcId: pulumi.Input<string>;
    /** Private subnets the function's network interfaces are placed in. */
    subnetIds: pulumi.Input<string>[];
    /** Egress beyond TCP 443 to 0.0.0.0/0, e.g. 5432 to a database security group. */
    egressRules?: EgressRule[];
}

export interface ServerlessFunctionArgs {
    /** A TypeScript (or JavaScript) entry file exporting `handler`, bundled with esbuild when the program runs. Exactly one of entry and code. */
    entry?: string;
    /** An existing asset archive holding the code. Exactly one of entry and code. */
    code?: pulumi.Input<pulumi.asset.Archive>;
    /** What the function does (shown in the Lambda console). */
    description?: string;
    /** Node.js runtime, nodejs20.x or newer. Default nodejs22.x. */
    runtime?: string;
    /** "arm64" (default) or "x86_64". */
    architecture?: "arm64" | "x86_64";
    /** Module.export of the handler. Default index.handler (what the bundle exports). */
    handler?: string;
    /** Seconds, 1 to 900. Default 10. */
    timeout?: number;
    /** MB, 128 to 10240. Default 256. */
    memorySize?: number;
    /** Plain, non-secret environment variables. Secret-looking names are rejected: pass the secret's ARN (e.g. CLIENT_SECRET_ARN) and read it at run time. */
    environment?: Record<string, pulumi.Input<string>>;
    /** CMK for the log group, the environment and the dead-letter queue. Default: an EncryptionKey child. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Log retention in days (a CloudWatch-allowed value). Default 90. */
    logRetentionInDays?: number;
    /** Extra IAM statements for the function's role (no Action "*" on Resource "*", no iam:PassRole on "*"). */
    policyStatements?: PolicyStatement[];
    /** Attach the function to private subnets with an HTTPS-only-egress security group. Default: no VPC. */
    vpc?: FunctionVpcArgs;
    /** Reserved concurrency (a cap and a guarantee). Default: unreserved. */
    reservedConcurrentExecutions?: number;
    /** Send failed asynchronous invocations to a KMS-encrypted SQS queue. Default false. */
    deadLetterQueue?: boolean;
    /** EventBridge schedule expression (`rate(...)` or `cron(...)`) that invokes the function. Default: none. */
    schedule?: string;
    /** Minify the bundle (entry only). Default true. */
    minify?: boolean;
    /**
     * The code given here only bootstraps the function; the app team's pipeline deploys the real code
     * afterwards, so later `pulumi up` runs ignore code changes instead of putting the bootstrap back.
     * Default false.
     */
    codeManagedExternally?: boolean;
    /** Protect the created EncryptionKey (Pulumi protect + retain on delete). Default true. */
    protectData?: boolean;
}

/** A stable physical name, unique per project and stack, within Lambda's 64 characters. */
export function functionPhysicalName(name: string, project = pulumi.getProject(), stack = pulumi.getStack()): string {
    const full = `${project}-${stack}-${name}`.replace(/[^A-Za-z0-9_-]/g, "-");
    if (full.length <= 64) return full;
    const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
    return `${full.slice(0, 55)}-${hash}`;
}

function validate(name: string, args: ServerlessFunctionArgs): void {
    requireArg((args.entry === undefined) !== (args.code === undefined), COMPONENT, name, "entry/code", { entry: args.entry, code: args.code === undefined ? undefined : "<archive>" }, "exactly one of entry (a TypeScript file) and code (an archive)");
    const runtime = args.runtime ?? D.runtime;
    const major = Number(ALLOWED_RUNTIME.exec(runtime)?.[1] ?? NaN);
    requireArg(major >= MINIMUM_NODE_MAJOR, COMPONENT, name, "runtime", runtime, `nodejs${MINIMUM_NODE_MAJOR}.x or newer (e.g. nodejs22.x)`);
    requireArg(args.architecture === undefined || ["arm64", "x86_64"].includes(args.architecture), COMPONENT, name, "architecture", args.architecture, "arm64 or x86_64");
    const timeout = args.timeout ?? D.timeout;
    requireArg(Number.isInteger(timeout) && timeout >= 1 && timeout <= 900, COMPONENT, name, "timeout", timeout, "a whole number of seconds from 1 to 900");
    const memory = args.memorySize ?? D.memorySize;
    requireArg(Number.isInteger(memory) && memory >= 128 && memory <= 10240, COMPONENT, name, "memorySize", memory, "a whole number of MB from 128 to 10240");
    const retention = args.logRetentionInDays ?? D.logRetentionInDays;
    requireArg((LOG_RETENTION_DAYS as readonly number[]).includes(retention), COMPONENT, name, "logRetentionInDays", retention, `one of ${LOG_RETENTION_DAYS.join(", ")}`);
    const reserved = args.reservedConcurrentExecutions;
    requireArg(reserved === undefined || (Number.isInteger(reserved) && reserved >= 1), COMPONENT, name, "reservedConcurrentExecutions", reserved, "a whole number of at least 1 (0 would stop the function)");
    requireArg(args.schedule === undefined || /^(rate|cron)\(.+\)$/.test(args.schedule), COMPONENT, name, "schedule", args.schedule, "an EventBridge schedule expression: rate(...) or cron(...)");
    requirePlainEnvironment(COMPONENT, name, "environment", args.environment, "pass the secret's ARN in a variable such as CLIENT_SECRET_ARN and read it from Secrets Manager at run time");
    requireStatements(COMPONENT, name, "policyStatements", args.policyStatements);
    if (args.vpc) {
        requireArg(args.vpc.subnetIds.length > 0, COMPONENT, name, "vpc.subnetIds", args.vpc.subnetIds, "at least one private subnet");
        (args.vpc.egressRules ?? []).forEach((r, i) => {
            const to = r.toPort ?? r.fromPort;
            requireArg(Number.isInteger(r.fromPort) && Number.isInteger(to) && r.fromPort >= 0 && to <= 65535 && r.fromPort <= to, COMPONENT, name, `vpc.egressRules[${i}].fromPort/toPort`, { fromPort: r.fromPort, toPort: r.toPort }, "ports from 0 to 65535 with fromPort <= toPort");
            requireArg((r.cidrBlocks?.length ?? 0) + (r.securityGroupIds?.length ?? 0) + (r.prefixListIds?.length ?? 0) > 0, COMPONENT, name, `vpc.egressRules[${i}]`, r.description, "a destination: cidrBlocks, securityGroupIds or prefixListIds");
        });
    }
}

export class ServerlessFunction extends pulumi.ComponentResource {
    readonly function: aws.lambda.Function;
    /** The execution role: attach more aws.iam.RolePolicy resources to it when another component grants access. */
    readonly role: aws.iam.Role;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly securityGroup?: aws.ec2.SecurityGroup;
    readonly deadLetterQueue?: aws.sqs.Queue;
    readonly functionName: pulumi.Output<string>;
    readonly functionArn: pulumi.Output<string>;
    readonly invokeArn: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    readonly roleName: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    /** The function's security group (undefined outside a VPC). */
    readonly securityGroupId: pulumi.Output<string | undefined>;

    constructor(name: string, args: ServerlessFunctionArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        // Bundling happens before registration too: a broken entry file fails with nothing half-created.
        const code = args.entry !== undefined ? bundleArchive(COMPONENT, name, args.entry, { minify: args.minify ?? D.minify }) : args.code!;
        super("platform:compute:ServerlessFunction", name, {}, opts);

        const physicalName = functionPhysicalName(name);
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const region = aws.getRegionOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });

        const keyArn = args.kmsKeyArn ?? new EncryptionKey(`${name}-key`, {
            description: `Logs, environment and dead letters of function ${physicalName}`,
            services: ["logs"],
            protectData: args.protectData ?? true,
        }, { parent: this }).arn;

        // Created before the function, under the name Lambda would use, so no unencrypted default group appears.
        this.logGroup = encryptedLogGroup(`${name}-logs`, {
            name: `/aws/lambda/${physicalName}`,
            kmsKeyArn: keyArn,
            retentionInDays: args.logRetentionInDays ?? D.logRetentionInDays,
        }, { parent: this });

        this.role = new aws.iam.Role(`${name}-role`, {
            description: `Execution role of function ${physicalName}`,
            assumeRolePolicy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "lambda.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": identity.accountId } },
                }],
            }),
        }, { parent: this });

        if (args.vpc) {
            const extra = (args.vpc.egressRules ?? []).map((r) => ({
                description: r.description,
                protocol: r.protocol ?? "tcp",
                fromPort: r.fromPort,
                toPort: r.toPort ?? r.fromPort,
                cidrBlocks: r.cidrBlocks,
                securityGroups: r.securityGroupIds,
                prefixListIds: r.prefixListIds,
            }));
            this.securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
                description: `Function ${physicalName}: no ingress, HTTPS egress`,
                vpcId: args.vpc.vpcId,
                ingress: [],
                egress: [
                    { description: "HTTPS to AWS APIs and external providers", protocol: "tcp", fromPort: D.egressPort, toPort: D.egressPort, cidrBlocks: ["0.0.0.0/0"] },
                    ...extra,
                ],
            }, { parent: this });
        }

        if (args.deadLetterQueue) {
            this.deadLetterQueue = new aws.sqs.Queue(`${name}-dlq`, {
                kmsMasterKeyId: keyArn,
                kmsDataKeyReusePeriodSeconds: 300,
                messageRetentionSeconds: D.deadLetterRetentionSeconds,
            }, { parent: this });
        }

        const statements: pulumi.Input<object>[] = [
            {
                Sid: "WriteOwnLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: [this.logGroup.arn, pulumi.interpolate`${this.logGroup.arn}:log-stream:*`],
            },
            {
                // X-Ray has no resource-level permissions: "*" is the only resource these actions accept.
                Sid: "WriteTraces",
                Effect: "Allow",
                Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
                Resource: "*",
            },
            {
                Sid: "DecryptEnvironment",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: keyArn,
            },
        ];
        if (this.deadLetterQueue) {
            statements.push({ Sid: "SendDeadLetters", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: this.deadLetterQueue.arn });
            statements.push({ Sid: "EncryptDeadLetters", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: keyArn });
        }
        if (args.vpc && this.securityGroup) {
            statements.push(...vpcAccessStatements(args.vpc.subnetIds, this.securityGroup.id, partition.partition, region.region, identity.accountId));
        }
        statements.push(...(args.policyStatements ?? []).map((s) => ({ Effect: "Allow", ...s })));

        const rolePolicy = new aws.iam.RolePolicy(`${name}-policy`, {
            role: this.role.name,
            policy: policyJson(COMPONENT, name, statements),
        }, { parent: this });

        this.function = new aws.lambda.Function(name, {
            name: physicalName,
            description: args.description,
            role: this.role.arn,
            code,
            runtime: args.runtime ?? D.runtime,
            architectures: [args.architecture ?? D.architecture],
            handler: args.handler ?? D.handler,
            timeout: args.timeout ?? D.timeout,
            memorySize: args.memorySize ?? D.memorySize,
            tracingConfig: { mode: D.tracingMode },
            loggingConfig: { logFormat: D.logFormat, logGroup: this.logGroup.name },
            environment: args.environment ? { variables: args.environment } : undefined,
            kmsKeyArn: keyArn,
            vpcConfig: args.vpc && this.securityGroup ? { subnetIds: args.vpc.subnetIds, securityGroupIds: [this.securityGroup.id] } : undefined,
            reservedConcurrentExecutions: args.reservedConcurrentExecutions,
            deadLetterConfig: this.deadLetterQueue ? { targetArn: this.deadLetterQueue.arn } : undefined,
        }, { parent: this, dependsOn: [rolePolicy, this.logGroup], ignoreChanges: args.codeManagedExternally ? ["code", "sourceCodeHash"] : undefined });

        if (args.schedule) {
            const rule = new aws.cloudwatch.EventRule(`${name}-schedule`, {
                description: `Invokes ${physicalName} on ${args.schedule}`,
                scheduleExpression: args.schedule,
            }, { parent: this });
            new aws.cloudwatch.EventTarget(`${name}-schedule`, { rule: rule.name, arn: this.function.arn }, { parent: this });
            new aws.lambda.Permission(`${name}-schedule`, {
                action: "lambda:InvokeFunction",
                function: this.function.name,
                principal: "events.amazonaws.com",
                sourceArn: rule.arn,
            }, { parent: this });
        }

        this.functionName = this.function.name;
        this.functionArn = this.function.arn;
        this.invokeArn = this.function.invokeArn;
        this.roleArn = this.role.arn;
        this.roleName = this.role.name;
        this.logGroupName = this.logGroup.name;
        this.securityGroupId = this.securityGroup ? this.securityGroup.id : pulumi.output(undefined);
        this.registerOutputs({
            functionName: this.functionName, functionArn: this.functionArn, invokeArn: this.invokeArn,
            roleArn: this.roleArn, roleName: this.roleName, logGroupName: this.logGroupName, securityGroupId: this.securityGroupId,
        });
    }
}

/**
 * The network-interface permissions of AWSLambdaVPCAccessExecutionRole, scoped where EC2 allows it.
 * The Describe* actions have no resource-level permissions ("*" is required). CreateNetworkInterface
 * is limited to the function's subnets and security group; delete/assign/unassign to network
 * interfaces of this account and region.
 */
function vpcAccessStatements(subnetIds: pulumi.Input<string>[], securityGroupId: pulumi.Input<string>, partition: pulumi.Input<string>, region: pulumi.Input<string>, account: pulumi.Input<string>): object[] {
    const ec2 = pulumi.interpolate`arn:${partition}:ec2:${region}:${account}`;
    return [
        {
            Sid: "DescribeNetwork",
            Effect: "Allow",
            Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
            Resource: "*",
        },
        {
            Sid: "CreateInterfacesInOwnSubnets",
            Effect: "Allow",
            Action: ["ec2:CreateNetworkInterface"],
            Resource: [
                pulumi.interpolate`${ec2}:network-interface/*`,
                pulumi.interpolate`${ec2}:security-group/${securityGroupId}`,
                ...subnetIds.map((id) => pulumi.interpolate`${ec2}:subnet/${id}`),
            ],
        },
        {
            Sid: "ManageOwnInterfaces",
            Effect: "Allow",
            Action: ["ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
            Resource: pulumi.interpolate`${ec2}:network-interface/*`,
        },
    ];
}
