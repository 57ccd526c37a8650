import { stackRule } from "../lib/define";
import { linksTo, ofTypes } from "../lib/links";
import { at } from "../lib/values";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const DELIVERY_SOURCE = "aws:cloudwatch/logDeliverySource:LogDeliverySource";

/**
 * A stack rule: a distribution logs either through legacy logging (`loggingConfig`, which needs an
 * ACL-enabled bucket) or through standard logging v2, a CloudWatch Logs delivery source whose
 * `resourceArn` is the distribution (works with ACL-less, BucketOwnerEnforced buckets).
 */
export const cloudfrontDistributionLoggingEnabled = stackRule({
    name: "aws-cloudfront-distribution-logging-enabled",
    description: "CloudFront distributions write access logs (legacy loggingConfig or standard logging v2).",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "add standard logging v2 (aws.cloudwatch.LogDeliverySource with resourceArn = distribution ARN, a LogDeliveryDestination and a LogDelivery; CdnSite's accessLogs does this) or set loggingConfig",
    cdkNag: ["AwsSolutions-CFR3"],
    checkov: ["CKV_AWS_86"],
    types: [DISTRIBUTION, DELIVERY_SOURCE],
    check(resources, report) {
        const sources = ofTypes(resources, [DELIVERY_SOURCE]);
        for (const distribution of ofTypes(resources, [DISTRIBUTION])) {
            if (at(distribution.props, "loggingConfig", "bucket")) continue;
            const v2 = sources.some((s) => linksTo(s, "resourceArn", distribution, ["arn"]) === "yes");
            if (!v2) report(distribution, "has no access logging");
        }
    },
});
