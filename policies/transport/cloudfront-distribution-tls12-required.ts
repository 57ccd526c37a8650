/**
 * Anchors: cdk-nag AwsSolutions-CFR4 (no SSLv3/TLSv1 for viewers), checkov CKV_AWS_174 (viewer
 * certificate uses TLS 1.2+), CKV2_AWS_42 (a custom SSL certificate).
 * Beyond them: the minimum is TLSv1.2_2021 or newer (CFR4 accepts TLSv1.1_2016, CKV_AWS_174 every
 * TLSv1.2_* policy including the 2018/2019 ones with CBC ciphers).
 * Less than them: the default *.cloudfront.net certificate passes while the distribution has no aliases
 * (all three fail it): that name cannot get a better policy, and the site's own domain is what
 * CKV2_AWS_42 is after, so the default certificate fails here exactly when the distribution has aliases.
 * CFR4's refusal of sslSupportMethod "vip" is not checked (a dedicated IP is not a weaker protocol).
 */
import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown, list, pendingUntilUpdate } from "../lib/values";

/** Security policies at or above TLSv1.2_2021 (newer ones are added by AWS with later dates). */
export function isModernCloudFrontPolicy(version: string): boolean {
    const m = /^TLSv1\.(\d)_(\d{4})$/.exec(version);
    return m !== null && ((m[1] === "2" && Number(m[2]) >= 2021) || Number(m[1]) >= 3);
}

export const cloudfrontDistributionTls12Required = resourceRule({
    name: "aws-cloudfront-distribution-tls12-required",
    description: "CloudFront distributions with a custom certificate require TLSv1.2_2021 or newer, and a distribution with aliases does not use the default certificate.",
    area: "transport",
    severity: "high",
    remediation: 'set viewerCertificate { acmCertificateArn: <a us-east-1 certificate for the aliases>, minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" }',
    cdkNag: ["AwsSolutions-CFR4"],
    checkov: ["CKV_AWS_174", "CKV2_AWS_42"],
    types: ["aws:cloudfront/distribution:Distribution"],
    check({ props }, report) {
        const cert = at(props, "viewerCertificate");
        const custom = Boolean(at(cert, "acmCertificateArn") || at(cert, "iamCertificateId"));
        if (isTrue(at(cert, "cloudfrontDefaultCertificate")) || !custom) {
            const aliases = at(props, "aliases");
            if (isUnknown(aliases) || list(aliases).some(isUnknown)) pendingUntilUpdate("aliases");
            const names = list(aliases).filter((a) => typeof a === "string");
            if (names.length > 0) report(`serves aliases ${names.join(", ")} with the default *.cloudfront.net certificate`);
            // The default certificate cannot be given a minimum version.
            return;
        }
        const version = at(cert, "minimumProtocolVersion");
        if (isUnknown(version)) pendingUntilUpdate("viewerCertificate.minimumProtocolVersion");
        if (typeof version !== "string" || !isModernCloudFrontPolicy(version)) {
            report(`uses a custom certificate with minimumProtocolVersion ${typeof version === "string" ? `"${version}"` : "unset (TLSv1)"}`);
        }
    },
});
