import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-lambda-functionurl-auth-required", {
    level: "mandatory",
    description: /auth(orization)? type NONE/,
    compliant: [res("aws:lambda/functionUrl:FunctionUrl", "url", { functionName: UNKNOWN, authorizationType: "AWS_IAM" })],
    cases: [{ title: "auth NONE", break: (f) => (f[0].props.authorizationType = "NONE"), expect: /authorizationType "NONE"/ }],
});
