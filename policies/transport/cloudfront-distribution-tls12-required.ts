import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown, pendingUntilUpdate } from "../lib/values";

/** Security policies at or above TLSv1.2_2021 (newer ones are added by AWS with later dates). */
export function isModernCloudFrontPolicy(version: string): boolean {
    const m = /^TLSv1\.(\d)_(\d{4})$/.exec(version);
    return m !== null && ((m[1] === "2" && Number(m[2]) >= 2021) || Number(m[1]) >= 3);
}

export const cloudfrontDistributionTls12Required = resourceRule({
    name: "aws-cloudfront-distribution-tls12-required",
    description: "CloudFront distributions with a custom certificate require TLSv1.2_2021 or newer.",
    area: "transport",
    severity: "high",
    remediation: 'set viewerCertificate.minimumProtocolVersion "TLSv1.2_2021" and sslSupportMethod "sni-only"',
    cdkNag: ["AwsSolutions-CFR4"],
    checkov: ["CKV_AWS_174"],
    types: ["aws:cloudfront/distribution:Distribution"],
    check({ props }, report) {
        const cert = at(props, "viewerCertificate");
        // The default *.cloudfront.net certificate cannot be given a minimum version.
        if (isTrue(at(cert, "cloudfrontDefaultCertificate"))) return;
        if (!at(cert, "acmCertificateArn") && !at(cert, "iamCertificateId")) return;
        const version = at(cert, "minimumProtocolVersion");
        if (isUnknown(version)) pendingUntilUpdate("viewerCertificate.minimumProtocolVersion");
        if (typeof version !== "string" || !isModernCloudFrontPolicy(version)) {
            report(`uses a custom certificate with minimumProtocolVersion ${typeof version === "string" ? `"${version}"` : "unset (TLSv1)"}`);
        }
    },
});
