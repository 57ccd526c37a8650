/**
 * Network: a VPC (`awsx.ec2.Vpc`) with public, private and isolated subnets over N AZs, a NAT
 * strategy from config, VPC flow logs to a KMS-encrypted log group, and VPC endpoints: gateway
 * endpoints (S3, DynamoDB) on the VPC's route tables, interface endpoints in the private subnets
 * behind one security group that admits HTTPS from the VPC only.
 *
 * Tags are not set here: the SystemScope transformation tags the awsx Vpc (which passes them to
 * its children) and every other taggable child.
 */
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { encryptedLogGroup } from "../shared/log-group";
import { autoLayoutEnd, azBits, contains, overlaps, parseCidr } from "./cidr";
import { NETWORK_DEFAULTS } from "./defaults";

export type SubnetKind = "public" | "private" | "isolated";
export type NatGateways = "none" | "single" | "one-per-az";

/** One kind of subnet, created in every AZ. */
export interface NetworkSubnetSpec {
    /** public: internet-facing (ALB, NAT); private: egress through NAT; isolated: no route out (databases). */
    type: SubnetKind;
    /** Prefix length of each AZ's subnet (16 to 28), laid out by awsx's Auto strategy. */
    cidrMask?: number;
    /** Explicit CIDR blocks, one per AZ, inside the VPC CIDR. If one spec has them, all must. */
    cidrBlocks?: string[];
}

export interface NetworkArgs {
    /** The VPC's IPv4 range. Default 10.0.0.0/16. */
    cidr?: string;
    /** Number of availability zones, 1 to 6. Default 2. */
    azCount?: number;
    /** NAT strategy: none, single (dev), one-per-az (prod). Default one-per-az. */
    natGateways?: NatGateways;
    /** Subnet kinds (at most one spec per kind). Default public /24, private /20, isolated /24 per AZ. */
    subnets?: NetworkSubnetSpec[];
    /**
     * VPC endpoints by service short name (the part after `com.amazonaws.<region>.`). s3 and dynamodb
     * are gateway endpoints; every other service (execute-api, secretsmanager, logs, kms, sts, ...)
     * an interface endpoint. Default ["s3", "dynamodb"].
     */
    endpoints?: string[];
    /** VPC flow logs (all traffic) to a KMS-encrypted log group. Default true. */
    flowLogs?: boolean;
    /** Days the flow log group keeps events. Default 365. */
    flowLogRetentionDays?: number;
    /** CMK for the flow log group; must allow the "logs" service. Default: an EncryptionKey child. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Protect the created key (Pulumi protect + retain on delete). Default true. */
    protectData?: boolean;
}

const COMPONENT = "Network";
const NAT_STRATEGY: Record<NatGateways, awsx.types.enums.ec2.NatGatewayStrategy> = {
    "none": awsx.ec2.NatGatewayStrategy.None,
    "single": awsx.ec2.NatGatewayStrategy.Single,
    "one-per-az": awsx.ec2.NatGatewayStrategy.OnePerAz,
};
const SUBNET_TYPE: Record<SubnetKind, awsx.types.enums.ec2.SubnetType> = {
    public: awsx.ec2.SubnetType.Public,
    private: awsx.ec2.SubnetType.Private,
    isolated: awsx.ec2.SubnetType.Isolated,
};
const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/;
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

function validate(name: string, args: NetworkArgs): void {
    const d = NETWORK_DEFAULTS;
    const cidrText = args.cidr ?? d.cidr;
    const vpc = parseCidr(cidrText);
    requireArg(vpc !== undefined && vpc.prefix >= 16 && vpc.prefix <= 28, COMPONENT, name, "cidr", cidrText, "an IPv4 network address with a prefix from /16 to /28, e.g. 10.0.0.0/16");
    const azCount = args.azCount ?? d.azCount;
    requireArg(Number.isInteger(azCount) && azCount >= 1 && azCount <= 6, COMPONENT, name, "azCount", azCount, "a whole number from 1 to 6");
    const nat = args.natGateways ?? d.natGateways;
    requireArg(nat in NAT_STRATEGY, COMPONENT, name, "natGateways", nat, "none, single, one-per-az");
    const specs: NetworkSubnetSpec[] = args.subnets ?? d.subnets.map((spec) => ({ ...spec }));
    requireArg(Array.isArray(specs) && specs.length > 0, COMPONENT, name, "subnets", specs, "at least one subnet spec");
    const kinds = specs.map((s) => s.type);
    for (const kind of kinds) requireArg(kind in SUBNET_TYPE, COMPONENT, name, "subnets.type", kind, "public, private, isolated");
    requireArg(new Set(kinds).size === kinds.length, COMPONENT, name, "subnets", kinds, "at most one spec per subnet type");
    requireArg(nat === "none" || kinds.includes("public"), COMPONENT, name, "natGateways", nat, "\"none\" when there is no public subnet (NAT gateways live in public subnets)");
    const explicit = specs.filter((s) => s.cidrBlocks !== undefined);
    const azBlock = vpc!.prefix + azBits(azCount);
    if (explicit.length > 0) {
        requireArg(explicit.length === specs.length, COMPONENT, name, "subnets.cidrBlocks", `${explicit.length} of ${specs.length} specs`, "cidrBlocks on every spec or on none");
        const blocks: { text: string; cidr: NonNullable<ReturnType<typeof parseCidr>> }[] = [];
        for (const spec of specs) {
            requireArg(spec.cidrMask === undefined, COMPONENT, name, "subnets.cidrMask", spec.cidrMask, "no cidrMask beside explicit cidrBlocks");
            requireArg(spec.cidrBlocks!.length === azCount, COMPONENT, name, "subnets.cidrBlocks", spec.cidrBlocks, `one block per AZ (${azCount})`);
            for (const text of spec.cidrBlocks!) {
                const block = parseCidr(text);
                requireArg(block !== undefined && contains(vpc!, block), COMPONENT, name, "subnets.cidrBlocks", text, `network addresses inside ${cidrText}`);
                const clash = blocks.find((b) => overlaps(b.cidr, block!));
                requireArg(clash === undefined, COMPONENT, name, "subnets.cidrBlocks", text, `blocks that do not overlap (clashes with ${clash?.text})`);
                blocks.push({ text, cidr: block! });
            }
        }
    } else {
        requireArg(azBlock <= 28, COMPONENT, name, "azCount", azCount, `few enough AZs to split ${cidrText}`);
        const defaultMask = azBlock + azBits(specs.length);
        const masks = specs.map((s) => s.cidrMask ?? defaultMask);
        for (const mask of masks) {
            requireArg(Number.isInteger(mask) && mask >= 16 && mask <= 28 && mask >= azBlock, COMPONENT, name, "subnets.cidrMask", mask,
                `a prefix length from ${Math.max(16, azBlock)} to 28 (each AZ gets a /${azBlock} of ${cidrText})`);
        }
        const used = autoLayoutEnd(masks);
        requireArg(used <= 2 ** (32 - azBlock), COMPONENT, name, "subnets", masks.map((m) => `/${m}`).join(" "),
            `subnets that fit one AZ's /${azBlock} (${2 ** (32 - azBlock)} addresses; these need ${used})`);
    }
    const endpoints = args.endpoints ?? d.endpoints;
    requireArg(Array.isArray(endpoints), COMPONENT, name, "endpoints", endpoints, "a list of service names");
    for (const service of endpoints) {
        requireArg(SERVICE_NAME.test(service) && !service.startsWith("com."), COMPONENT, name, "endpoints", service,
            "service short names such as s3, dynamodb, execute-api, secretsmanager, logs, kms, sts");
    }
    requireArg(new Set(endpoints).size === endpoints.length, COMPONENT, name, "endpoints", endpoints, "each service once");
    const interfaces = endpoints.filter((s) => !(d.gatewayServices as readonly string[]).includes(s));
    requireArg(interfaces.length === endpoints.length || Boolean(aws.config.region), COMPONENT, name, "endpoints", endpoints,
        "gateway endpoints (s3, dynamodb) only when aws:region is configured (awsx takes plain service names)");
    requireArg(interfaces.length === 0 || kinds.includes("private"), COMPONENT, name, "endpoints", interfaces, "interface endpoints only with a private subnet to place them in");
    const retention = args.flowLogRetentionDays ?? d.flowLogRetentionDays;
    requireArg(RETENTION_DAYS.includes(retention), COMPONENT, name, "flowLogRetentionDays", retention, RETENTION_DAYS.join(", "));
}

export class Network extends pulumi.ComponentResource {
    readonly vpc: awsx.ec2.Vpc;
    readonly vpcId: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly isolatedSubnetIds: pulumi.Output<string[]>;
    /** The VPC's IPv4 range. */
    readonly cidr: string;
    readonly azCount: number;
    /** Interface endpoint ids by service short name, e.g. `endpointIds["execute-api"]`. */
    readonly endpointIds: Record<string, pulumi.Output<string>>;
    /** Interface endpoints' network interfaces by service (targets for an internal load balancer). */
    readonly endpointNetworkInterfaceIds: Record<string, pulumi.Output<string[]>>;
    /** Gateway endpoint ids by service, as awsx reports its own children (undefined until it does). */
    readonly gatewayEndpointIds: Record<string, pulumi.Output<string | undefined>>;
    /** The interface endpoints' security group (undefined without interface endpoints). */
    readonly endpointSecurityGroupId?: pulumi.Output<string>;
    readonly flowLogGroupName?: pulumi.Output<string>;
    readonly encryptionKey?: EncryptionKey;

    constructor(name: string, args: NetworkArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:network:Network", name, {}, opts);
        const d = NETWORK_DEFAULTS;
        this.cidr = args.cidr ?? d.cidr;
        this.azCount = args.azCount ?? d.azCount;
        const specs: NetworkSubnetSpec[] = args.subnets ?? d.subnets.map((spec) => ({ ...spec }));
        const endpoints = args.endpoints ?? d.endpoints;
        const gateways = endpoints.filter((s) => (d.gatewayServices as readonly string[]).includes(s));
        const interfaces = endpoints.filter((s) => !gateways.includes(s));
        // awsx takes gateway endpoint service names as plain strings, so the region must be known now.
        const regionName = aws.config.region;

        this.vpc = new awsx.ec2.Vpc(name, {
            cidrBlock: this.cidr,
            numberOfAvailabilityZones: this.azCount,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            natGateways: { strategy: NAT_STRATEGY[args.natGateways ?? d.natGateways] },
            subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
            subnetSpecs: specs.map((s) => ({ type: SUBNET_TYPE[s.type], cidrMask: s.cidrMask, cidrBlocks: s.cidrBlocks ? [...s.cidrBlocks] : undefined })),
            // Gateway endpoints need the VPC's route tables, which exist only inside the awsx component:
            // the Auto strategy attaches them to the route tables awsx generates.
            vpcEndpointStrategy: awsx.ec2.VpcEndpointStrategy.Auto,
            vpcEndpointSpecs: gateways.map((service) => ({ serviceName: `com.amazonaws.${regionName}.${service}`, vpcEndpointType: "Gateway" })),
        }, { parent: this });
        this.vpcId = this.vpc.vpcId;
        this.publicSubnetIds = this.vpc.publicSubnetIds;
        this.privateSubnetIds = this.vpc.privateSubnetIds;
        this.isolatedSubnetIds = this.vpc.isolatedSubnetIds;

        const needsKey = (args.flowLogs ?? d.flowLogs) && args.kmsKeyArn === undefined;
        if (needsKey) {
            this.encryptionKey = new EncryptionKey(`${name}-logs-key`, {
                description: `VPC flow logs of ${name}`, services: ["logs"], protectData: args.protectData ?? d.protectData,
            }, { parent: this });
        }
        if (args.flowLogs ?? d.flowLogs) this.flowLogGroupName = this.flowLogs(name, args.kmsKeyArn ?? this.encryptionKey!.arn, args.flowLogRetentionDays ?? d.flowLogRetentionDays);

        this.gatewayEndpointIds = Object.fromEntries(gateways.map((service) => [service, this.vpc.vpcEndpoints.apply((eps) =>
            pulumi.all((eps ?? []).map((ep) => pulumi.all([ep.serviceName, ep.id]))).apply((pairs) => pairs.find(([s]) => s?.endsWith(`.${service}`))?.[1]))]));

        this.endpointIds = {};
        this.endpointNetworkInterfaceIds = {};
        if (interfaces.length > 0) {
            const region = aws.getRegionOutput({}, { parent: this }).region;
            const sg = new aws.ec2.SecurityGroup(`${name}-endpoints`, {
                vpcId: this.vpcId,
                description: `Interface endpoints of ${name}: HTTPS from the VPC only`,
            }, { parent: this });
            // No egress rules: endpoints never initiate connections, and security groups are stateful.
            new aws.vpc.SecurityGroupIngressRule(`${name}-endpoints-https`, {
                securityGroupId: sg.id,
                cidrIpv4: this.cidr,
                ipProtocol: "tcp",
                fromPort: d.endpointPort,
                toPort: d.endpointPort,
                description: "HTTPS from the VPC",
            }, { parent: this });
            this.endpointSecurityGroupId = sg.id;
            for (const service of interfaces) {
                const endpoint = new aws.ec2.VpcEndpoint(`${name}-${service.replace(/\./g, "-")}`, {
                    vpcId: this.vpcId,
                    serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
                    vpcEndpointType: "Interface",
                    subnetIds: this.privateSubnetIds,
                    securityGroupIds: [sg.id],
                    privateDnsEnabled: true,
                }, { parent: this });
                this.endpointIds[service] = endpoint.id;
                this.endpointNetworkInterfaceIds[service] = endpoint.networkInterfaceIds;
            }
        }

        this.registerOutputs({
            vpcId: this.vpcId, publicSubnetIds: this.publicSubnetIds, privateSubnetIds: this.privateSubnetIds, isolatedSubnetIds: this.isolatedSubnetIds,
            cidr: this.cidr, endpointIds: this.endpointIds, endpointNetworkInterfaceIds: this.endpointNetworkInterfaceIds,
            endpointSecurityGroupId: this.endpointSecurityGroupId, flowLogGroupName: this.flowLogGroupName,
        });
    }

    /** Flow logs of all traffic to an encrypted log group, written by a role only vpc-flow-logs can assume, for this account. */
    private flowLogs(name: string, kmsKeyArn: pulumi.Input<string>, retentionInDays: number): pulumi.Output<string> {
        const d = NETWORK_DEFAULTS;
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const partition = aws.getPartitionOutput({}, { parent: this }).partition;
        const logGroup = encryptedLogGroup(`${name}-flow-logs`, { kmsKeyArn, retentionInDays }, { parent: this });
        const role = new aws.iam.Role(`${name}-flow-logs`, {
            description: `Writes VPC flow logs of ${name}`,
            assumeRolePolicy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": account },
                        ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:ec2:${region}:${account}:vpc-flow-log/*` },
                    },
                }],
            }),
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-flow-logs`, {
            role: role.name,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
                    Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
                }],
            }),
        }, { parent: this });
        new aws.ec2.FlowLog(`${name}-flow-logs`, {
            vpcId: this.vpcId,
            trafficType: d.flowLogTrafficType,
            logDestinationType: "cloud-watch-logs",
            logDestination: logGroup.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: d.flowLogMaxAggregationInterval,
        }, { parent: this });
        return logGroup.name;
    }
}
