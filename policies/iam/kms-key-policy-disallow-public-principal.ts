/**
 * Anchors: checkov CKV_AWS_33 (no wildcard principal in a key policy, unless the statement has a condition).
 * Beyond it: NotPrincipal allows, and a condition counts only when it really narrows the caller
 * (kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceArn in a named account...):
 * CKV_AWS_33 accepts any condition at all, and `kms:ViaService` alone lets any account use the key through
 * that service.
 */
import { resourceRule } from "../lib/define";
import { checkPublicDocument } from "../lib/public-principals";
import { at } from "../lib/values";

export const kmsKeyPolicyDisallowPublicPrincipal = resourceRule({
    name: "aws-kms-key-policy-disallow-public-principal",
    description: 'No KMS key policy allows a public principal ("*", { AWS: "*" } or NotPrincipal) unless a condition really narrows the caller (kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalOrgID).',
    area: "iam",
    severity: "critical",
    remediation: "name the account root or roles as principals, or add a condition that pins the caller to your account or organization (kms:CallerAccount, aws:PrincipalOrgID); kms:ViaService alone does not",
    checkov: ["CKV_AWS_33"],
    types: ["aws:kms/key:Key", "aws:kms/keyPolicy:KeyPolicy"],
    check({ props }, report) {
        checkPublicDocument(at(props, "policy"), "policy", report);
    },
});
