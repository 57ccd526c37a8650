import { resourceRule } from "../lib/define";
import { at } from "../lib/values";

export const cloudfrontDistributionResponseHeadersPolicy = resourceRule({
    name: "aws-cloudfront-distribution-response-headers-policy",
    description: "CloudFront default cache behaviors attach a response headers policy (security headers such as HSTS).",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: 'set defaultCacheBehavior.responseHeadersPolicyId (e.g. the managed "SecurityHeadersPolicy" 67f7725c-6f97-4210-82d7-5512b31e9d03)',
    checkov: ["CKV2_AWS_32"],
    types: ["aws:cloudfront/distribution:Distribution"],
    check({ props }, report) {
        if (!at(props, "defaultCacheBehavior", "responseHeadersPolicyId")) report("has no response headers policy on its default cache behavior");
    },
});
