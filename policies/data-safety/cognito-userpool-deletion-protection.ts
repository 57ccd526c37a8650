import { resourceRule } from "../lib/define";
import { at, isUnknown } from "../lib/values";

export const cognitoUserPoolDeletionProtection = resourceRule({
    name: "aws-cognito-userpool-deletion-protection",
    description: "Cognito user pools have deletion protection.",
    area: "data-safety",
    severity: "high",
    remediation: 'set deletionProtection: "ACTIVE"',
    types: ["aws:cognito/userPool:UserPool"],
    check({ props }, report) {
        const protection = at(props, "deletionProtection");
        if (!isUnknown(protection) && protection !== "ACTIVE") report(`has deletionProtection ${protection === undefined ? "unset (INACTIVE)" : `"${String(protection)}"`}`);
    },
});
