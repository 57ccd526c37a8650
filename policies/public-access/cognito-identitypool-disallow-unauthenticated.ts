import { resourceRule } from "../lib/define";
import { at, isTrue } from "../lib/values";

export const cognitoIdentityPoolDisallowUnauthenticated = resourceRule({
    name: "aws-cognito-identitypool-disallow-unauthenticated",
    description: "Cognito identity pools allow no unauthenticated (guest) identities.",
    area: "public-access",
    severity: "high",
    remediation: "set allowUnauthenticatedIdentities: false",
    cdkNag: ["AwsSolutions-COG7"],
    types: ["aws:cognito/identityPool:IdentityPool"],
    check({ props }, report) {
        if (isTrue(at(props, "allowUnauthenticatedIdentities"))) report("allows unauthenticated identities");
    },
});
