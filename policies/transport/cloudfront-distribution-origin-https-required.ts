/**
 * Anchors: cdk-nag AwsSolutions-CFR5 (no SSLv3/TLSv1 to the origin, https-only), checkov CKV2_AWS_72
 * (custom origins use https-only), CKV2_AWS_54 (origin SSL protocols exclude SSLv3).
 * Beyond them: TLSv1.1 is refused too, and CloudFront VPC origins (aws.cloudfront.VpcOrigin) are read
 * the same way. Less than CKV2_AWS_72: no exception for MediaStore/MediaPackage/ELB domains (there is
 * none here either: they all speak HTTPS).
 */
import { resourceRule } from "../lib/define";
import { at, isUnknown, list, pendingUntilUpdate } from "../lib/values";

const OUTDATED = ["SSLv3", "TLSv1", "TLSv1.1"];
const VPC_ORIGIN = "aws:cloudfront/vpcOrigin:VpcOrigin";

/** Reports what is known about one origin; returns what is unknown during preview. */
function checkOrigin(where: string, policy: unknown, protocols: unknown, report: (problem: string) => void): string[] {
    const unknown: string[] = [];
    if (isUnknown(policy)) unknown.push(`${where} originProtocolPolicy`);
    else if (typeof policy === "string" && policy !== "https-only") report(`${where} uses originProtocolPolicy "${policy}"`);
    if (isUnknown(protocols) || list(protocols).some(isUnknown)) unknown.push(`${where} originSslProtocols`);
    const old = list(protocols).filter((p) => typeof p === "string" && OUTDATED.includes(p));
    if (old.length > 0) report(`${where} allows ${old.join(", ")} in originSslProtocols`);
    return unknown;
}

export const cloudfrontDistributionOriginHttpsRequired = resourceRule({
    name: "aws-cloudfront-distribution-origin-https-required",
    description: "CloudFront custom and VPC origins are reached over HTTPS only, with TLSv1.2 (no SSLv3, TLSv1 or TLSv1.1).",
    area: "transport",
    severity: "high",
    remediation: 'set originProtocolPolicy "https-only" with originSslProtocols ["TLSv1.2"] (customOriginConfig, or vpcOriginEndpointConfig of a VpcOrigin)',
    cdkNag: ["AwsSolutions-CFR5"],
    checkov: ["CKV2_AWS_72", "CKV2_AWS_54"],
    types: ["aws:cloudfront/distribution:Distribution", VPC_ORIGIN],
    check({ type, props }, report) {
        const unknown: string[] = [];
        if (type === VPC_ORIGIN) {
            const config = at(props, "vpcOriginEndpointConfig");
            unknown.push(...checkOrigin("the VPC origin", at(config, "originProtocolPolicy"), at(config, "originSslProtocols", "items"), report));
        } else {
            const origins = at(props, "origins");
            if (isUnknown(origins)) unknown.push("origins");
            for (const origin of list(origins)) {
                const config = at(origin, "customOriginConfig");
                if (config === undefined || config === null) continue;
                unknown.push(...checkOrigin(`custom origin "${String(at(origin, "originId"))}"`, at(config, "originProtocolPolicy"), at(config, "originSslProtocols"), report));
            }
        }
        if (unknown.length > 0) pendingUntilUpdate(unknown.join(", "));
    },
});
