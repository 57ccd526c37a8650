/**
 * Outputs for awsx's remote components. Their children are built by the awsx provider plugin, which
 * does not run here, so the engine answers for them: the outputs follow from the inputs the program
 * passed (AZ count, subnet specs, NAT strategy), as the plugin would compute them.
 */
import { digest } from "./aws-fakes";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type SubnetSpec = { type?: string; name?: string };

function vpcOutputs(urn: string, inputs: Record<string, unknown>, preview: boolean): Record<string, unknown> {
    const azCount = typeof inputs.numberOfAvailabilityZones === "number" ? inputs.numberOfAvailabilityZones
        : Array.isArray(inputs.availabilityZoneNames) ? inputs.availabilityZoneNames.length : 3; // awsx's default
    const specs: SubnetSpec[] = Array.isArray(inputs.subnetSpecs) && inputs.subnetSpecs.length > 0
        ? (inputs.subnetSpecs as SubnetSpec[]) : [{ type: "Public" }, { type: "Private" }];
    const idsOf = (kind: string) => {
        const wanted = specs.filter((s) => String(s.type).toLowerCase() === kind);
        return wanted.flatMap((_spec, si) => Array.from({ length: azCount }, (_, az) => preview ? UNKNOWN : `subnet-${digest(urn, kind, String(si), String(az)).slice(0, 17)}`));
    };
    const nat = (inputs.natGateways as { strategy?: string } | undefined)?.strategy ?? "OnePerAz";
    const hasPrivate = specs.some((s) => String(s.type).toLowerCase() === "private");
    const natCount = !hasPrivate || nat === "None" ? 0 : nat === "Single" ? 1 : azCount;
    return {
        vpcId: preview ? UNKNOWN : `vpc-${digest(urn, "vpc").slice(0, 17)}`,
        publicSubnetIds: idsOf("public"),
        privateSubnetIds: idsOf("private"),
        isolatedSubnetIds: idsOf("isolated"),
        natGateways: Array.from({ length: natCount }, (_, i) => ({ id: preview ? UNKNOWN : `nat-${digest(urn, "nat", String(i)).slice(0, 17)}` })),
        eips: Array.from({ length: natCount }, (_, i) => ({ id: preview ? UNKNOWN : `eipalloc-${digest(urn, "eip", String(i)).slice(0, 17)}` })),
    };
}

function albOutputs(urn: string, inputs: Record<string, unknown>, preview: boolean, region: string): Record<string, unknown> {
    const h = digest(urn, "alb");
    const name = `${String(inputs.name ?? "alb").slice(0, 20)}-${h.slice(0, 7)}`;
    const arn = `arn:aws:elasticloadbalancing:${region}:123456789012:loadbalancer/app/${name}/${h.slice(0, 16)}`;
    return {
        loadBalancer: preview ? { arn: UNKNOWN, dnsName: UNKNOWN, arnSuffix: UNKNOWN, zoneId: UNKNOWN } : {
            arn, arnSuffix: `app/${name}/${h.slice(0, 16)}`, dnsName: `${inputs.internal ? "internal-" : ""}${name}.${region}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K",
        },
        defaultTargetGroup: preview ? { arn: UNKNOWN, arnSuffix: UNKNOWN } : {
            arn: `arn:aws:elasticloadbalancing:${region}:123456789012:targetgroup/${name}/${h.slice(16, 32)}`, arnSuffix: `targetgroup/${name}/${h.slice(16, 32)}`,
        },
        vpcId: preview ? UNKNOWN : `vpc-${h.slice(0, 17)}`,
    };
}

function fargateOutputs(urn: string, inputs: Record<string, unknown>, preview: boolean, region: string): Record<string, unknown> {
    const h = digest(urn, "svc");
    const cluster = String(inputs.cluster ?? "default");
    return {
        service: preview ? { name: UNKNOWN, id: UNKNOWN } : { name: `${String(inputs.name ?? "service")}-${h.slice(0, 7)}`, id: `arn:aws:ecs:${region}:123456789012:service/${cluster.split("/").pop()}/${h.slice(0, 7)}` },
        taskDefinition: preview ? { arn: UNKNOWN, family: UNKNOWN } : { arn: `arn:aws:ecs:${region}:123456789012:task-definition/${h.slice(0, 12)}:1`, family: h.slice(0, 12) },
    };
}

/** Outputs for a remote component type, or undefined when the engine does not know the type. */
export function remoteComponentOutputs(type: string, urn: string, inputs: Record<string, unknown>, preview: boolean, region: string): Record<string, unknown> | undefined {
    switch (type) {
        case "awsx:ec2:Vpc": return vpcOutputs(urn, inputs, preview);
        case "awsx:lb:ApplicationLoadBalancer": return albOutputs(urn, inputs, preview, region);
        case "awsx:ecs:FargateService": return fargateOutputs(urn, inputs, preview, region);
        default: return undefined;
    }
}
