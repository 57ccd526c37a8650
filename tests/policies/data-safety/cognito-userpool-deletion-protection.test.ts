import { describePolicy, res } from "../support/spec";

describePolicy("aws-cognito-userpool-deletion-protection", {
    level: "mandatory",
    description: /user pools have deletion protection/,
    compliant: [res("aws:cognito/userPool:UserPool", "users", { deletionProtection: "ACTIVE" })],
    cases: [
        { title: "unset", break: (f) => delete f[0].props.deletionProtection, expect: /unset \(INACTIVE\)/ },
        { title: "INACTIVE", break: (f) => (f[0].props.deletionProtection = "INACTIVE"), expect: /"INACTIVE"/ },
    ],
});
