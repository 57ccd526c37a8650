import { resourceRule } from "../lib/define";
import { at, list } from "../lib/values";

const HTTPS = ["redirect-to-https", "https-only"];

export const cloudfrontDistributionViewerHttpsRequired = resourceRule({
    name: "aws-cloudfront-distribution-viewer-https-required",
    description: "No CloudFront cache behavior lets viewers use plain HTTP.",
    area: "transport",
    severity: "high",
    remediation: 'set viewerProtocolPolicy "redirect-to-https" (or "https-only") on the default and every ordered cache behavior',
    checkov: ["CKV_AWS_34"],
    types: ["aws:cloudfront/distribution:Distribution"],
    check({ props }, report) {
        const behaviors: [string, unknown][] = [["the default cache behavior", at(props, "defaultCacheBehavior")]];
        list(at(props, "orderedCacheBehaviors")).forEach((b) => behaviors.push([`cache behavior "${String(at(b, "pathPattern"))}"`, b]));
        for (const [where, behavior] of behaviors) {
            const policy = at(behavior, "viewerProtocolPolicy");
            if (typeof policy === "string" && !HTTPS.includes(policy)) report(`${where} allows plain HTTP (viewerProtocolPolicy "${policy}")`);
        }
    },
});
