/**
 * Network: a VPC built from `@pulumi/aws` resources in this process (so previews, the offline engine
 * and the policy pack see every child): public, private and isolated subnets over N AZs with a
 * route table each, an internet gateway for the public tier, NAT gateways with Elastic IPs per
 * strategy, the VPC's default security group emptied, gateway endpoints (S3, DynamoDB) with a
 * this-account data perimeter on the workload tiers' route tables, interface endpoints in the
 * private subnets behind one HTTPS-from-the-VPC security group, and flow logs of all traffic to a
 * KMS-encrypted log group.
 *
 * Every child's name starts with the component's name, so two Networks share a stack without
 * clashing. Platform tags come from the system root's transform; only `Name` tags are set here
 * (console readability), and the transform merges them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { encryptedLogGroup } from "../shared/log-group";
import { parseCidr } from "./cidr";
import { NETWORK_DEFAULTS } from "./defaults";
import { gatewayEndpointPolicy, type AccountContext } from "./endpoint-policies";
import { planSubnets, SUBNET_TIERS, tiersOf, type SubnetPlan, type SubnetSpec, type SubnetTier } from "./subnet-plan";

export { planSubnets, SUBNET_TIERS } from "./subnet-plan";
export type { PlanProblem, SubnetPlan, SubnetSpec, SubnetTier } from "./subnet-plan";
export type SubnetKind = SubnetTier;
export type NetworkSubnetSpec = SubnetSpec;
export type NatGateways = "none" | "single" | "one-per-az";

export interface NetworkArgs {
    /** The VPC's IPv4 range. Default 10.0.0.0/16. */
    cidr?: string;
    /** Number of availability zones, 1 to 6. Default 2. */
    azCount?: number;
    /** NAT strategy: none, single (dev), one-per-az (prod). Default one-per-az. */
    natGateways?: NatGateways;
    /**
     * Tiers (at most one spec each): explicit `cidrBlocks` (one per AZ, in AZ order) on every spec, or
     * `cidrMask`s laid out from the VPC range. Default public /24, private /20, isolated /24 per AZ.
     */
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
const NAT_STRATEGIES: readonly NatGateways[] = ["none", "single", "one-per-az"];
const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/;
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const ANYWHERE = "0.0.0.0/0";

interface Settings {
    cidr: string;
    azCount: number;
    nat: NatGateways;
    plan: SubnetPlan;
    gateways: string[];
    interfaces: string[];
}

/** Checks every argument and works out the subnet plan, before any child exists. */
function settle(name: string, args: NetworkArgs): Settings {
    const d = NETWORK_DEFAULTS;
    const cidr = args.cidr ?? d.cidr;
    const vpc = parseCidr(cidr);
    requireArg(vpc !== undefined && vpc.prefix >= 16 && vpc.prefix <= 28, COMPONENT, name, "cidr", cidr, "an IPv4 network address with a prefix from /16 to /28, e.g. 10.0.0.0/16");
    const azCount = args.azCount ?? d.azCount;
    requireArg(Number.isInteger(azCount) && azCount >= 1 && azCount <= 6, COMPONENT, name, "azCount", azCount, "a whole number from 1 to 6");
    const nat = args.natGateways ?? d.natGateways;
    requireArg(NAT_STRATEGIES.includes(nat), COMPONENT, name, "natGateways", nat, NAT_STRATEGIES.join(", "));
    const specs: readonly SubnetSpec[] = args.subnets ?? d.subnets;
    const { plan, problems } = planSubnets(cidr, azCount, specs, { subnets: "subnets", azCount: "azCount" });
    const [problem] = problems;
    if (problem) requireArg(false, COMPONENT, name, problem.key, problem.given, problem.allowed);
    const tiers = tiersOf(plan);
    requireArg(nat === "none" || (tiers.includes("public") && tiers.includes("private")), COMPONENT, name, "natGateways", nat,
        "\"none\" unless there are public subnets (NAT gateways live there) and private subnets (which route through them)");

    const endpoints = args.endpoints ?? d.endpoints;
    requireArg(Array.isArray(endpoints), COMPONENT, name, "endpoints", endpoints, "a list of service names");
    for (const service of endpoints) {
        requireArg(typeof service === "string" && SERVICE_NAME.test(service) && !service.startsWith("com."), COMPONENT, name, "endpoints", service,
            "service short names such as s3, dynamodb, execute-api, secretsmanager, logs, kms, sts");
    }
    requireArg(new Set(endpoints).size === endpoints.length, COMPONENT, name, "endpoints", endpoints, "each service once");
    const gateways = endpoints.filter((s) => (d.gatewayServices as readonly string[]).includes(s));
    const interfaces = endpoints.filter((s) => !gateways.includes(s));
    requireArg(gateways.length === 0 || d.gatewayEndpointTiers.some((t) => tiers.includes(t)), COMPONENT, name, "endpoints", gateways,
        `gateway endpoints only with ${d.gatewayEndpointTiers.join(" or ")} subnets, whose route tables they attach to`);
    requireArg(interfaces.length === 0 || tiers.includes("private"), COMPONENT, name, "endpoints", interfaces, "interface endpoints only with a private subnet to place them in");
    const retention = args.flowLogRetentionDays ?? d.flowLogRetentionDays;
    requireArg(RETENTION_DAYS.includes(retention), COMPONENT, name, "flowLogRetentionDays", retention, RETENTION_DAYS.join(", "));
    return { cidr, azCount, nat, plan, gateways, interfaces };
}

/** One tier's subnets and route tables, index i in the i-th AZ. */
interface Tier {
    subnets: aws.ec2.Subnet[];
    routeTables: aws.ec2.RouteTable[];
}

export class Network extends pulumi.ComponentResource {
    readonly vpc: aws.ec2.Vpc;
    readonly vpcId: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly isolatedSubnetIds: pulumi.Output<string[]>;
    /** Route table ids per tier, one per subnet (the i-th for the i-th AZ). */
    readonly publicRouteTableIds: pulumi.Output<string[]>;
    readonly privateRouteTableIds: pulumi.Output<string[]>;
    readonly isolatedRouteTableIds: pulumi.Output<string[]>;
    /** NAT gateway ids, one per gateway the strategy creates (none: empty; single: one; one-per-az: one per AZ). */
    readonly natGatewayIds: pulumi.Output<string>[];
    /** The NAT gateways' Elastic IPs: the addresses third parties see (allow-lists). */
    readonly natPublicIps: pulumi.Output<string>[];
    /** The CIDR of each tier's subnet per AZ, as planned (known before anything is deployed). */
    readonly subnetPlan: SubnetPlan;
    /** The AZ names used, in plan order. */
    readonly availabilityZones: pulumi.Output<string[]>;
    /** The VPC's IPv4 range. */
    readonly cidr: string;
    readonly azCount: number;
    readonly internetGatewayId?: pulumi.Output<string>;
    /** The VPC's default security group, kept without rules. */
    readonly defaultSecurityGroupId: pulumi.Output<string>;
    /** Interface endpoint ids by service short name, e.g. `endpointIds["execute-api"]`. */
    readonly endpointIds: Record<string, pulumi.Output<string>>;
    /** Interface endpoints' network interfaces by service (targets for an internal load balancer). */
    readonly endpointNetworkInterfaceIds: Record<string, pulumi.Output<string[]>>;
    /** Gateway endpoint ids by service (s3, dynamodb). */
    readonly gatewayEndpointIds: Record<string, pulumi.Output<string>>;
    /** The interface endpoints' security group (undefined without interface endpoints). */
    readonly endpointSecurityGroupId?: pulumi.Output<string>;
    readonly flowLogGroupName?: pulumi.Output<string>;
    readonly encryptionKey?: EncryptionKey;

    constructor(name: string, args: NetworkArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
        const s = settle(name, args);
        super("platform:network:Network", name, {}, opts);
        const d = NETWORK_DEFAULTS;
        this.cidr = s.cidr;
        this.azCount = s.azCount;
        this.subnetPlan = s.plan;
        const ctx: AccountContext = {
            account: aws.getCallerIdentityOutput({}, { parent: this }).accountId,
            region: aws.getRegionOutput({}, { parent: this }).region,
            partition: aws.getPartitionOutput({}, { parent: this }).partition,
        };

        this.vpc = new aws.ec2.Vpc(name, {
            cidrBlock: s.cidr,
            enableDnsSupport: d.enableDnsSupport,
            enableDnsHostnames: d.enableDnsHostnames,
            tags: { Name: name },
        }, { parent: this });
        this.vpcId = this.vpc.id;

        // Adopting the default group strips its rules (allow-all within the group, all egress): nothing
        // launched without a group of its own can talk to anything (CKV2_AWS_12, AwsSolutions-EC23).
        const defaultGroup = new aws.ec2.DefaultSecurityGroup(`${name}-default`, {
            vpcId: this.vpcId, ingress: [], egress: [], tags: { Name: `${name}-default-unused` },
        }, { parent: this });
        this.defaultSecurityGroupId = defaultGroup.id;

        this.availabilityZones = this.zones(name, s.azCount);
        const igw = s.plan.public.length > 0
            ? new aws.ec2.InternetGateway(name, { vpcId: this.vpcId, tags: { Name: name } }, { parent: this })
            : undefined;
        this.internetGatewayId = igw?.id;

        const tiers = Object.fromEntries(SUBNET_TIERS.map((tier) => [tier, this.tier(name, tier, s.plan[tier])])) as Record<SubnetTier, Tier>;
        const idsOf = (resources: { id: pulumi.Output<string> }[]) => pulumi.all(resources.map((r) => r.id));
        this.publicSubnetIds = idsOf(tiers.public.subnets);
        this.privateSubnetIds = idsOf(tiers.private.subnets);
        this.isolatedSubnetIds = idsOf(tiers.isolated.subnets);
        this.publicRouteTableIds = idsOf(tiers.public.routeTables);
        this.privateRouteTableIds = idsOf(tiers.private.routeTables);
        this.isolatedRouteTableIds = idsOf(tiers.isolated.routeTables);

        tiers.public.routeTables.forEach((rt, i) => {
            new aws.ec2.Route(`${name}-public-${i + 1}-default`, { routeTableId: rt.id, destinationCidrBlock: ANYWHERE, gatewayId: igw!.id }, { parent: this });
        });
        const nats = this.natGateways(name, s, tiers.public.subnets, igw);
        this.natGatewayIds = nats.map((n) => n.gateway.id);
        this.natPublicIps = nats.map((n) => n.eip.publicIp);
        if (nats.length > 0) {
            // single: every AZ's private subnet through the one NAT; one-per-az: each AZ through its own.
            tiers.private.routeTables.forEach((rt, i) => {
                const nat = nats[s.nat === "single" ? 0 : i].gateway;
                new aws.ec2.Route(`${name}-private-${i + 1}-default`, { routeTableId: rt.id, destinationCidrBlock: ANYWHERE, natGatewayId: nat.id }, { parent: this });
            });
        }
        // Isolated route tables keep only the VPC's local route: no way out.

        const endpointRouteTables = d.gatewayEndpointTiers.flatMap((tier) => tiers[tier].routeTables.map((rt) => rt.id));
        this.gatewayEndpointIds = {};
        for (const service of s.gateways) {
            const endpoint = new aws.ec2.VpcEndpoint(`${name}-${service}`, {
                vpcId: this.vpcId,
                serviceName: pulumi.interpolate`com.amazonaws.${ctx.region}.${service}`,
                vpcEndpointType: "Gateway",
                routeTableIds: endpointRouteTables,
                policy: gatewayEndpointPolicy(service, ctx),
                tags: { Name: `${name}-${service}` },
            }, { parent: this });
            this.gatewayEndpointIds[service] = endpoint.id;
        }

        this.endpointIds = {};
        this.endpointNetworkInterfaceIds = {};
        if (s.interfaces.length > 0) {
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
            for (const service of s.interfaces) {
                const endpointName = `${name}-${service.replace(/\./g, "-")}`;
                const endpoint = new aws.ec2.VpcEndpoint(endpointName, {
                    vpcId: this.vpcId,
                    serviceName: pulumi.interpolate`com.amazonaws.${ctx.region}.${service}`,
                    vpcEndpointType: "Interface",
                    subnetIds: this.privateSubnetIds,
                    securityGroupIds: [sg.id],
                    privateDnsEnabled: true,
                    tags: { Name: endpointName },
                }, { parent: this });
                this.endpointIds[service] = endpoint.id;
                this.endpointNetworkInterfaceIds[service] = endpoint.networkInterfaceIds;
            }
        }

        const flowLogs = args.flowLogs ?? d.flowLogs;
        if (flowLogs && args.kmsKeyArn === undefined) {
            this.encryptionKey = new EncryptionKey(`${name}-logs-key`, {
                description: `VPC flow logs of ${name}`, services: ["logs"], protectData: args.protectData ?? d.protectData,
            }, { parent: this });
        }
        if (flowLogs) this.flowLogGroupName = this.flowLogs(name, ctx, args.kmsKeyArn ?? this.encryptionKey!.arn, args.flowLogRetentionDays ?? d.flowLogRetentionDays);

        this.registerOutputs({
            vpcId: this.vpcId, cidr: this.cidr, azCount: this.azCount, availabilityZones: this.availabilityZones, subnetPlan: this.subnetPlan,
            publicSubnetIds: this.publicSubnetIds, privateSubnetIds: this.privateSubnetIds, isolatedSubnetIds: this.isolatedSubnetIds,
            publicRouteTableIds: this.publicRouteTableIds, privateRouteTableIds: this.privateRouteTableIds, isolatedRouteTableIds: this.isolatedRouteTableIds,
            natGatewayIds: this.natGatewayIds, natPublicIps: this.natPublicIps, internetGatewayId: this.internetGatewayId,
            defaultSecurityGroupId: this.defaultSecurityGroupId, gatewayEndpointIds: this.gatewayEndpointIds,
            endpointIds: this.endpointIds, endpointNetworkInterfaceIds: this.endpointNetworkInterfaceIds,
            endpointSecurityGroupId: this.endpointSecurityGroupId, flowLogGroupName: this.flowLogGroupName,
        });
    }

    /** The first `azCount` standard AZs of the region (Local and Wavelength Zones are opt-in and left out). */
    private zones(name: string, azCount: number): pulumi.Output<string[]> {
        const zones = aws.getAvailabilityZonesOutput({
            state: "available",
            filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
        }, { parent: this });
        return zones.names.apply((names) => {
            if (names.length < azCount) {
                throw new Error(`${COMPONENT} "${name}": argument azCount: got ${azCount}; allowed: at most the ${names.length} availability zones this region offers (${names.join(", ")})`);
            }
            return names.slice(0, azCount);
        });
    }

    /** A tier's subnets, each with its own route table: a private subnet's NAT route depends on its AZ. */
    private tier(name: string, tier: SubnetTier, blocks: string[]): Tier {
        const subnets: aws.ec2.Subnet[] = [];
        const routeTables: aws.ec2.RouteTable[] = [];
        blocks.forEach((cidrBlock, i) => {
            const label = `${name}-${tier}-${i + 1}`;
            const subnet = new aws.ec2.Subnet(label, {
                vpcId: this.vpcId,
                cidrBlock,
                availabilityZone: this.availabilityZones.apply((zones) => zones[i]),
                mapPublicIpOnLaunch: NETWORK_DEFAULTS.mapPublicIpOnLaunch,
                tags: { Name: label },
            }, { parent: this });
            const routeTable = new aws.ec2.RouteTable(label, { vpcId: this.vpcId, tags: { Name: label } }, { parent: this });
            new aws.ec2.RouteTableAssociation(label, { subnetId: subnet.id, routeTableId: routeTable.id }, { parent: this });
            subnets.push(subnet);
            routeTables.push(routeTable);
        });
        return { subnets, routeTables };
    }

    /** NAT gateways per strategy, each in a public subnet (the i-th AZ's) with its own Elastic IP. */
    private natGateways(name: string, s: Settings, publicSubnets: aws.ec2.Subnet[], igw: aws.ec2.InternetGateway | undefined): { eip: aws.ec2.Eip; gateway: aws.ec2.NatGateway }[] {
        const count = s.nat === "none" ? 0 : s.nat === "single" ? 1 : s.azCount;
        return Array.from({ length: count }, (_, i) => {
            const label = `${name}-nat-${i + 1}`;
            // An address (and a NAT) needs the VPC's internet gateway attached first.
            const eip = new aws.ec2.Eip(label, { domain: "vpc", tags: { Name: label } }, { parent: this, dependsOn: igw ? [igw] : [] });
            const gateway = new aws.ec2.NatGateway(label, {
                allocationId: eip.allocationId,
                subnetId: publicSubnets[i].id,
                connectivityType: "public",
                tags: { Name: label },
            }, { parent: this, dependsOn: igw ? [igw] : [] });
            return { eip, gateway };
        });
    }

    /** Flow logs of all traffic to an encrypted log group, written by a role only vpc-flow-logs can assume, for this account. */
    private flowLogs(name: string, ctx: AccountContext, kmsKeyArn: pulumi.Input<string>, retentionInDays: number): pulumi.Output<string> {
        const d = NETWORK_DEFAULTS;
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
                        StringEquals: { "aws:SourceAccount": ctx.account },
                        ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${ctx.partition}:ec2:${ctx.region}:${ctx.account}:vpc-flow-log/*` },
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
