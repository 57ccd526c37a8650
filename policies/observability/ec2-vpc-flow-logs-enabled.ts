import { stackRule } from "../lib/define";
import { companions, ofTypes } from "../lib/links";
import { pendingUntilUpdate } from "../lib/values";

export const ec2VpcFlowLogsEnabled = stackRule({
    name: "aws-ec2-vpc-flow-logs-enabled",
    description: "Every VPC has a flow log.",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "add an aws.ec2.FlowLog with `vpcId: vpc.id`, trafficType \"ALL\", to CloudWatch Logs or S3",
    cdkNag: ["AwsSolutions-VPC7"],
    checkov: ["CKV2_AWS_11"],
    types: ["aws:ec2/vpc:Vpc", "aws:ec2/flowLog:FlowLog"],
    check(resources, report) {
        const flowLogs = ofTypes(resources, ["aws:ec2/flowLog:FlowLog"]);
        const pending: string[] = [];
        for (const vpc of ofTypes(resources, ["aws:ec2/vpc:Vpc"])) {
            const { linked, undecided } = companions(vpc, flowLogs, "vpcId", ["id"]);
            if (linked.length > 0) continue;
            if (undecided) pending.push(vpc.name);
            else report(vpc, "has no flow log");
        }
        if (pending.length > 0) pendingUntilUpdate(`the flow logs of VPC(s) ${pending.join(", ")}`);
    },
});
