import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown } from "../lib/values";

export const dynamodbTablePitrAndDeletionProtection = resourceRule({
    name: "aws-dynamodb-table-pitr-and-deletion-protection",
    description: "DynamoDB tables have point-in-time recovery and deletion protection.",
    area: "data-safety",
    severity: "high",
    remediation: "set pointInTimeRecovery { enabled: true } and deletionProtectionEnabled: true",
    cdkNag: ["AwsSolutions-DDB3"],
    checkov: ["CKV_AWS_28"],
    types: ["aws:dynamodb/table:Table"],
    check({ props }, report) {
        const pitr = at(props, "pointInTimeRecovery", "enabled");
        if (!isUnknown(pitr) && !isTrue(pitr)) report("has no point-in-time recovery", "set pointInTimeRecovery: { enabled: true }");
        const protection = at(props, "deletionProtectionEnabled");
        if (!isUnknown(protection) && !isTrue(protection)) report("has no deletion protection", "set deletionProtectionEnabled: true");
    },
});
