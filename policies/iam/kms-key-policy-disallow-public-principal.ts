import { resourceRule } from "../lib/define";
import { parseDocument, statementLabel } from "../lib/policy-document";
import { at, pendingUntilUpdate } from "../lib/values";

export const kmsKeyPolicyDisallowPublicPrincipal = resourceRule({
    name: "aws-kms-key-policy-disallow-public-principal",
    description: 'No KMS key policy allows a "*" principal without a condition.',
    area: "iam",
    severity: "critical",
    remediation: "name the account root or roles as principals, or add a condition (kms:CallerAccount, kms:ViaService, aws:PrincipalOrgID, aws:SourceArn)",
    checkov: ["CKV_AWS_33"],
    types: ["aws:kms/key:Key", "aws:kms/keyPolicy:KeyPolicy"],
    check({ props }, report) {
        const doc = parseDocument(at(props, "policy"));
        if (doc.kind === "unknown") pendingUntilUpdate("policy");
        if (doc.kind !== "known") return;
        for (const s of doc.statements) {
            if (s.effect === "Allow" && s.principals.includes("*") && s.conditions.length === 0) {
                report(`${statementLabel(s)} allows principal "*" without a condition`);
            }
        }
    },
});
