import { unusedInterfaceEndpoints } from "../../engine/cost/smells";
import { stackRule } from "../lib/define";
import { costResourcesOf } from "./estimate";

export const ec2VpcEndpointUsedByWorkloads = stackRule({
    name: "aws-ec2-vpcendpoint-used-by-workloads",
    description: "An interface VPC endpoint serves something: a resource refers to it, or a function or task in its VPC can use it (each endpoint bills an hour per AZ, about $7.30 a month per AZ).",
    area: "cost",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "remove the service from the Network's endpoints",
    types: ["aws:ec2/vpcEndpoint:VpcEndpoint", "aws:lambda/function:Function", "aws:ecs/service:Service", "aws:ec2/subnet:Subnet"],
    check(resources, report) {
        for (const s of unusedInterfaceEndpoints(costResourcesOf(resources))) report(s.urn, s.problem, s.fix);
    },
});
