import { resourceRule } from "../lib/define";
import { at } from "../lib/values";

export const cloudfrontDistributionLoggingEnabled = resourceRule({
    name: "aws-cloudfront-distribution-logging-enabled",
    description: "CloudFront distributions write access logs.",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "set loggingConfig { bucket: <log bucket domain name>, prefix }",
    cdkNag: ["AwsSolutions-CFR3"],
    checkov: ["CKV_AWS_86"],
    types: ["aws:cloudfront/distribution:Distribution"],
    check({ props }, report) {
        if (!at(props, "loggingConfig", "bucket")) report("has no access logging");
    },
});
