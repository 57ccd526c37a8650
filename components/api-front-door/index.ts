/**
 * ApiFrontDoor: how CloudFront reaches a PRIVATE API Gateway API.
 *
 * CloudFront cannot call a private API (it resolves only inside a VPC), but it can reach private
 * resources through a VPC origin. So: an internal ALB in private subnets, admitting 443 only from
 * CloudFront's origin-facing prefix list (or given CIDRs), forwards over HTTPS to an IP target group
 * whose targets are the private IPs of the execute-api VPC endpoint's network interfaces; a CloudFront
 * VPC origin points at the ALB. The distribution must send `x-apigw-api-id: <restApiId>` so the
 * endpoint knows which private API is meant: `originConfig` carries it, ready for a distribution's
 * `origins`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { requireArg } from "../shared/errors";
import { API_FRONT_DOOR_DEFAULTS } from "./defaults";

const COMPONENT = "ApiFrontDoor";

export interface ApiFrontDoorArgs {
    /** The VPC of the execute-api endpoint. */
    vpcId: pulumi.Input<string>;
    /** Private subnets for the internal ALB (at least two, in different AZs). */
    subnetIds: pulumi.Input<string>[];
    /** The VPC's CIDR: the ALB may send HTTPS only there (to the endpoint's interfaces). */
    vpcCidrBlock: pulumi.Input<string>;
    /** ACM certificate of the HTTPS listener; it must cover `originDomainName`. */
    certificateArn: pulumi.Input<string>;
    /** The private API's id, sent by CloudFront as the `x-apigw-api-id` header. */
    restApiId: pulumi.Input<string>;
    /** Private IPs of the execute-api endpoint's interfaces (one per endpoint subnet). Give this or endpointNetworkInterfaceIds. */
    endpointIps?: pulumi.Input<string[]>;
    /** The execute-api endpoint's `networkInterfaceIds`; each IP is read with `aws.ec2.getNetworkInterface`. */
    endpointNetworkInterfaceIds?: pulumi.Input<string[]>;
    /** How many interfaces the endpoint has (its subnet count): attachments must be known before deployment. */
    endpointInterfaceCount: number;
    /** Security group source: the CloudFront origin-facing managed prefix list. Default `pl-3b927c52` (us-east-1). */
    originPrefixListId?: pulumi.Input<string>;
    /** Admit these CIDRs instead of the prefix list (never 0.0.0.0/0 or ::/0). */
    allowedCidrBlocks?: string[];
    /** Bucket for ALB access logs (SSE-S3, with the ELB log delivery policy). Default: no access logs. */
    accessLogsBucket?: pulumi.Input<string>;
    /** Key prefix of the access logs. Default `api-front-door`. */
    accessLogsPrefix?: string;
    /** The name CloudFront uses for the origin (covered by the certificate). Default: the ALB's DNS name. */
    originDomainName?: pulumi.Input<string>;
    /** Origin path CloudFront prepends, e.g. `/v1` for the API's stage. Default none. */
    originPath?: string;
    /** ALB deletion protection. Default true. */
    protectData?: boolean;
}

export class ApiFrontDoor extends pulumi.ComponentResource {
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly vpcOrigin: aws.cloudfront.VpcOrigin;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly albArn: pulumi.Output<string>;
    readonly albDnsName: pulumi.Output<string>;
    readonly vpcOriginId: pulumi.Output<string>;
    readonly vpcOriginArn: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    /** A CloudFront distribution origin: put it in `origins` and route to `originConfig.originId`. */
    readonly originConfig: aws.types.input.cloudfront.DistributionOrigin;

    constructor(name: string, args: ApiFrontDoorArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:api:ApiFrontDoor", name, {}, opts);
        const d = API_FRONT_DOOR_DEFAULTS;
        const protectData = args.protectData ?? d.protectData;

        const fromCloudFront = args.allowedCidrBlocks
            ? { cidrBlocks: args.allowedCidrBlocks, description: "HTTPS from the given networks" }
            : { prefixListIds: [args.originPrefixListId ?? d.originPrefixListId], description: "HTTPS from CloudFront (origin-facing prefix list)" };
        this.securityGroup = new aws.ec2.SecurityGroup(`${name}-alb`, {
            vpcId: args.vpcId,
            description: `Internal ALB of ${name}: HTTPS in from CloudFront, HTTPS out to the VPC`,
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ...fromCloudFront }],
            egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [args.vpcCidrBlock], description: "HTTPS to the execute-api endpoint interfaces" }],
        }, { parent: this });

        this.loadBalancer = new aws.lb.LoadBalancer(name, {
            internal: true,
            loadBalancerType: "application",
            securityGroups: [this.securityGroup.id],
            subnets: args.subnetIds,
            dropInvalidHeaderFields: d.dropInvalidHeaderFields,
            enableDeletionProtection: protectData,
            accessLogs: args.accessLogsBucket === undefined ? undefined : {
                bucket: args.accessLogsBucket, prefix: args.accessLogsPrefix ?? d.accessLogsPrefix, enabled: true,
            },
        }, { parent: this });

        this.targetGroup = new aws.lb.TargetGroup(`${name}-endpoint`, {
            vpcId: args.vpcId,
            targetType: "ip",
            protocol: "HTTPS",
            port: 443,
            healthCheck: { ...d.healthCheck },
        }, { parent: this });

        for (let i = 0; i < args.endpointInterfaceCount; i++) {
            new aws.lb.TargetGroupAttachment(`${name}-endpoint-${i}`, {
                targetGroupArn: this.targetGroup.arn,
                targetId: this.endpointIp(name, args, i),
                port: 443,
            }, { parent: this });
        }

        new aws.lb.Listener(`${name}-https`, {
            loadBalancerArn: this.loadBalancer.arn,
            port: 443,
            protocol: "HTTPS",
            sslPolicy: d.sslPolicy,
            certificateArn: args.certificateArn,
            defaultActions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
        }, { parent: this });

        this.vpcOrigin = new aws.cloudfront.VpcOrigin(name, {
            vpcOriginEndpointConfig: {
                name: `${pulumi.getProject()}-${pulumi.getStack()}-${name}`.slice(0, 64),
                arn: this.loadBalancer.arn,
                httpPort: 80,
                httpsPort: 443,
                originProtocolPolicy: d.originProtocolPolicy,
                originSslProtocols: { items: [...d.originSslProtocols], quantity: d.originSslProtocols.length },
            },
        }, { parent: this });

        this.albArn = this.loadBalancer.arn;
        this.albDnsName = this.loadBalancer.dnsName;
        this.vpcOriginId = this.vpcOrigin.id;
        this.vpcOriginArn = this.vpcOrigin.arn;
        this.securityGroupId = this.securityGroup.id;
        this.originConfig = {
            originId: name,
            domainName: args.originDomainName ?? this.loadBalancer.dnsName,
            originPath: args.originPath,
            vpcOriginConfig: { vpcOriginId: this.vpcOrigin.id },
            customHeaders: [{ name: d.apiIdHeader, value: args.restApiId }],
        };
        this.registerOutputs({
            albArn: this.albArn, albDnsName: this.albDnsName, vpcOriginId: this.vpcOriginId, vpcOriginArn: this.vpcOriginArn,
            securityGroupId: this.securityGroupId, targetGroupArn: this.targetGroup.arn, originConfig: this.originConfig,
        });
    }

    /**
     * The i-th endpoint IP: from `endpointIps`, or read from the i-th network interface
     * (`aws.ec2.getNetworkInterface`, once the endpoint exists). Fails at deployment if the endpoint has
     * fewer interfaces than `endpointInterfaceCount` says.
     */
    private endpointIp(name: string, args: ApiFrontDoorArgs, i: number): pulumi.Output<string> {
        const count = args.endpointInterfaceCount;
        if (args.endpointIps !== undefined) return pulumi.output(args.endpointIps).apply((ips) => nthEndpointValue(name, ips, i, count, "endpointIps"));
        const eniId = pulumi.output(args.endpointNetworkInterfaceIds as pulumi.Input<string[]>)
            .apply((ids) => nthEndpointValue(name, ids, i, count, "endpointNetworkInterfaceIds"));
        return aws.ec2.getNetworkInterfaceOutput({ id: eniId }, { parent: this }).privateIp;
    }
}

/** The i-th IP or interface id of the endpoint; fails (at deployment, once known) when there are fewer than endpointInterfaceCount. */
export function nthEndpointValue(name: string, values: string[], i: number, count: number, argument: string): string {
    if (values.length < count) {
        throw new Error(`${COMPONENT} "${name}": argument endpointInterfaceCount: got ${count}; allowed: at most the ${values.length} ${argument} the endpoint has`);
    }
    return values[i];
}

const OPEN = ["0.0.0.0/0", "::/0"];

function validate(name: string, args: ApiFrontDoorArgs): void {
    const req = (ok: boolean, arg: string, given: unknown, allowed: string) => requireArg(ok, COMPONENT, name, arg, given, allowed);
    req(Array.isArray(args.subnetIds) && args.subnetIds.length >= 2, "subnetIds", args.subnetIds, "at least two private subnets in different AZs (an ALB needs two)");
    req((args.endpointIps === undefined) !== (args.endpointNetworkInterfaceIds === undefined), "endpointIps",
        args.endpointIps === undefined && args.endpointNetworkInterfaceIds === undefined ? undefined : "(both given)", "exactly one of endpointIps or endpointNetworkInterfaceIds");
    req(Number.isInteger(args.endpointInterfaceCount) && args.endpointInterfaceCount >= 1 && args.endpointInterfaceCount <= 16, "endpointInterfaceCount", args.endpointInterfaceCount, "a whole number from 1 to 16 (the endpoint's subnet count)");
    if (Array.isArray(args.endpointIps)) {
        req(args.endpointIps.length === args.endpointInterfaceCount, "endpointIps", args.endpointIps, `${args.endpointInterfaceCount} IPs (endpointInterfaceCount)`);
    }
    if (args.allowedCidrBlocks !== undefined) {
        req(args.allowedCidrBlocks.length > 0, "allowedCidrBlocks", args.allowedCidrBlocks, "at least one CIDR (or leave it out to admit the CloudFront prefix list)");
        for (const cidr of args.allowedCidrBlocks) {
            req(!OPEN.includes(cidr) && /^[0-9a-fA-F.:]+\/\d{1,3}$/.test(cidr), "allowedCidrBlocks", cidr, "private CIDR blocks, never 0.0.0.0/0 or ::/0");
        }
        req(args.originPrefixListId === undefined, "originPrefixListId", args.originPrefixListId, "not together with allowedCidrBlocks");
    }
    if (args.originPath !== undefined) {
        req(/^\/[A-Za-z0-9._~/-]*[^/]$/.test(args.originPath), "originPath", args.originPath, "a path starting with / and not ending with /");
    }
}
