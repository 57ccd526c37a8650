import { resourceRule } from "../lib/define";
import { parseDocument, statementLabel } from "../lib/policy-document";
import { at, pendingUntilUpdate } from "../lib/values";

/** Conditions that narrow a `*` principal to a known source. */
const NARROWING_KEYS = ["aws:sourcearn", "aws:sourceaccount", "aws:sourcevpce", "aws:principalorgid", "aws:sourceowner"];

export const s3BucketPolicyDisallowPublicPrincipal = resourceRule({
    name: "aws-s3-bucket-policy-disallow-public-principal",
    description: "No bucket policy statement allows a `*` principal unless conditioned on aws:SourceArn, aws:SourceAccount, aws:SourceVpce or aws:PrincipalOrgID.",
    area: "public-access",
    severity: "critical",
    remediation: "name the principals (account, role or service) or add a condition on aws:SourceArn, aws:SourceAccount, aws:SourceVpce or aws:PrincipalOrgID",
    checkov: ["CKV_AWS_70"],
    types: ["aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    check({ props }, report) {
        const doc = parseDocument(at(props, "policy"));
        if (doc.kind === "unknown") pendingUntilUpdate("policy");
        if (doc.kind !== "known") return;
        for (const s of doc.statements) {
            if (s.effect !== "Allow" || !s.principals.includes("*")) continue;
            if (s.conditions.some((c) => NARROWING_KEYS.includes(c.key))) continue;
            report(`${statementLabel(s)} allows principal "*" without a source condition`);
        }
    },
});
