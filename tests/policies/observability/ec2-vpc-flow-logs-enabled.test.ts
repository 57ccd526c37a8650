import { byName, describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-ec2-vpc-flow-logs-enabled", {
    level: "advisory",
    description: /flow log/,
    compliant: [res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }), res("aws:ec2/flowLog:FlowLog", "vpc-flow", { vpcId: UNKNOWN, trafficType: "ALL" }, { vpcId: ["vpc"] })],
    cases: [{ title: "no flow log", break: (f) => f.pop(), expect: /has no flow log/ }],
    pending: [{ title: "the flow log's VPC is unknown without dependencies", break: (f) => delete byName(f, "vpc-flow").deps }],
});
