/** NAT gateways, Elastic IPs (public IPv4), VPC endpoints, load balancers. */
import { list, str } from "../values";
import { fixed, isUnpriced, known, usage, type Estimator } from "./types";

export const networkEstimators: Record<string, Estimator> = {
    "aws:ec2/natGateway:NatGateway": {
        usage: { dataProcessedGb: "GB per month processed by the gateway (traffic from private subnets to the internet and to AWS APIs without an endpoint)" },
        estimate: (c) => [
            fixed("NAT gateway hours", "nat.hours", c.hoursPerMonth),
            ...usage("NAT data processed", "nat.dataProcessed", c.usage("dataProcessedGb")),
        ],
    },
    "aws:ec2/eip:Eip": {
        // AWS charges every public IPv4 address, attached or idle.
        usage: {},
        estimate: (c) => [fixed("public IPv4 address hours", "ipv4.hours", c.hoursPerMonth)],
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        usage: { dataProcessedGb: "GB per month through an interface endpoint" },
        estimate: (c) => {
            const type = known(str(c.resource.props, "vpcEndpointType"), "vpcEndpointType", "Gateway");
            if (isUnpriced(type)) return type;
            if (type === "Gateway") return { free: "gateway endpoints (S3, DynamoDB) are free" };
            if (type !== "Interface") return { unpriced: `${type} endpoints are not in the price table` };
            // One network interface per subnet, that is per AZ; in preview the subnet ids are unknown, their count is not.
            const subnets = list(c.resource.props, "subnetIds");
            const azs = Array.isArray(subnets) ? subnets.length : new Set(c.deps("subnetIds")).size;
            if (azs === 0) return { unpriced: "subnetIds is unknown until deployment and names no subnet resource" };
            return [
                fixed(`interface endpoint AZ-hours (${azs} AZ${azs === 1 ? "" : "s"})`, "endpoint.azHours", azs * c.hoursPerMonth),
                ...usage("endpoint data processed", "endpoint.dataProcessed", c.usage("dataProcessedGb")),
            ];
        },
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        usage: { averageLcus: "average load balancer capacity units (LCU) used per hour" },
        estimate: (c) => {
            const type = known(str(c.resource.props, "loadBalancerType"), "loadBalancerType", "application");
            if (isUnpriced(type)) return type;
            const prefix = type === "application" ? "alb" : type === "network" ? "nlb" : undefined;
            if (!prefix) return { unpriced: `${type} load balancers are not in the price table` };
            const lcus = c.usage("averageLcus");
            return [
                fixed(`${type === "application" ? "ALB" : "NLB"} hours`, `${prefix}.hours`, c.hoursPerMonth),
                ...usage("LCU hours", `${prefix}.lcuHours`, lcus === undefined ? undefined : lcus * c.hoursPerMonth),
            ];
        },
    },
};

