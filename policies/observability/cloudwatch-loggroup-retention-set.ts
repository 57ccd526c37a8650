import { resourceRule } from "../lib/define";
import { at, isUnknown } from "../lib/values";

export const cloudwatchLogGroupRetentionSet = resourceRule({
    name: "aws-cloudwatch-loggroup-retention-set",
    description: "CloudWatch log groups have a retention period (the default keeps logs forever).",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "set retentionInDays (use encryptedLogGroup(...), which sets it per environment)",
    checkov: ["CKV_AWS_66"],
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    check({ props }, report) {
        const days = at(props, "retentionInDays");
        if (!isUnknown(days) && !(typeof days === "number" && days > 0)) report("keeps logs forever (retentionInDays unset)");
    },
});
