import { resourceRule } from "../lib/define";
import { at, list } from "../lib/values";

export const cloudfrontDistributionOriginHttpsRequired = resourceRule({
    name: "aws-cloudfront-distribution-origin-https-required",
    description: "CloudFront custom origins are reached over HTTPS only.",
    area: "transport",
    severity: "high",
    remediation: 'set customOriginConfig.originProtocolPolicy "https-only" with originSslProtocols ["TLSv1.2"]',
    cdkNag: ["AwsSolutions-CFR5"],
    checkov: ["CKV2_AWS_42"],
    types: ["aws:cloudfront/distribution:Distribution"],
    check({ props }, report) {
        for (const origin of list(at(props, "origins"))) {
            const policy = at(origin, "customOriginConfig", "originProtocolPolicy");
            if (typeof policy === "string" && policy !== "https-only") {
                report(`custom origin "${String(at(origin, "originId"))}" uses originProtocolPolicy "${policy}"`);
            }
        }
    },
});
