import { unusedNatGateways } from "../../engine/cost/smells";
import { stackRule } from "../lib/define";
import { costResourcesOf } from "./estimate";

export const ec2NatGatewayUsedByWorkloads = stackRule({
    name: "aws-ec2-natgateway-used-by-workloads",
    description: "A NAT gateway serves a function or task: some subnet that routes through it runs one (an idle NAT gateway still bills its hours and its public IPv4 address, about $36.50 a month).",
    area: "cost",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "set the Network's natGateways to \"none\" where no workload needs the internet (functions outside the VPC), or place the workloads that need egress in these subnets",
    types: ["aws:ec2/natGateway:NatGateway", "aws:ec2/route:Route", "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:lambda/function:Function", "aws:ecs/service:Service"],
    check(resources, report) {
        for (const s of unusedNatGateways(costResourcesOf(resources))) report(s.urn, s.problem, s.fix);
    },
});
