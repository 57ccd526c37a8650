import { describePolicy, res } from "../support/spec";

describePolicy("aws-cognito-identitypool-disallow-unauthenticated", {
    level: "mandatory",
    description: /unauthenticated/,
    compliant: [res("aws:cognito/identityPool:IdentityPool", "ids", { identityPoolName: "ids", allowUnauthenticatedIdentities: false })],
    cases: [{ title: "guests allowed", break: (f) => (f[0].props.allowUnauthenticatedIdentities = true), expect: /allows unauthenticated identities/ }],
});
