import { resourceRule } from "../lib/define";
import { at, isTrue } from "../lib/values";

export const rdsNotPubliclyAccessible = resourceRule({
    name: "aws-rds-instance-not-publicly-accessible",
    description: "RDS instances and Aurora cluster instances are not publicly accessible.",
    area: "public-access",
    severity: "critical",
    remediation: "set publiclyAccessible: false and reach the database from inside the VPC",
    checkov: ["CKV_AWS_17"],
    types: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"],
    check({ props }, report) {
        if (isTrue(at(props, "publiclyAccessible"))) report("has publiclyAccessible: true");
    },
});
