/**
 * Anchors: checkov CKV_AWS_70 (bucket policy allows no action to any principal).
 * Beyond it: NotPrincipal allows; CKV_AWS_70 accepts any StringEquals on a list of keys and any
 * ArnNotEquals, where this rule needs a positive condition whose every value is narrow (an ARN in a
 * named account, a literal account, organization, VPC or VPC endpoint): `arn:aws:cloudfront::*:distribution/*`
 * narrows nothing. A Deny for everyone outside a narrow set narrows the Allows it covers.
 */
import { resourceRule } from "../lib/define";
import { checkPublicDocument, NARROWING_KEYS_HINT } from "../lib/public-principals";
import { at } from "../lib/values";

export const s3BucketPolicyDisallowPublicPrincipal = resourceRule({
    name: "aws-s3-bucket-policy-disallow-public-principal",
    description: "No bucket policy statement allows a public principal (`*`, `{ AWS: \"*\" }` or NotPrincipal) unless a condition really narrows it (aws:SourceArn in a named account, aws:SourceAccount, aws:SourceVpce, aws:PrincipalOrgID).",
    area: "public-access",
    severity: "critical",
    remediation: `name the principals (account, role or service), or add a condition that pins the caller or source (${NARROWING_KEYS_HINT}) to your own account, distribution or organization`,
    checkov: ["CKV_AWS_70"],
    types: ["aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    check({ props }, report) {
        checkPublicDocument(at(props, "policy"), "policy", report);
    },
});
