/** Shared shape of the "this resource names a KMS key" rules. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { resourceRule, type Severity } from "../lib/define";
import { at } from "../lib/values";

export function kmsKeyInputRule(spec: {
    name: string;
    description: string;
    type: string;
    property: string;
    severity: Severity;
    cdkNag?: string[];
    checkov?: string[];
}): ResourceValidationPolicy {
    return resourceRule({
        name: spec.name,
        description: spec.description,
        area: "encryption",
        severity: spec.severity,
        remediation: `set ${spec.property} to a customer managed KMS key ARN (e.g. an EncryptionKey component's keyArn)`,
        cdkNag: spec.cdkNag,
        checkov: spec.checkov,
        types: [spec.type],
        check({ props }, report) {
            const key = at(props, spec.property);
            // An unknown value is a key created in this same deployment: compliant.
            if (key === undefined || key === null || key === "") report(`has no ${spec.property}`);
        },
    });
}
