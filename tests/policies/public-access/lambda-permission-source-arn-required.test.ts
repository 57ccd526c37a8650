import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-lambda-permission-source-arn-required", {
    level: "mandatory",
    description: /sourceArn/,
    compliant: [res("aws:lambda/permission:Permission", "s3-invoke", { action: "lambda:InvokeFunction", function: UNKNOWN, principal: "s3.amazonaws.com", sourceArn: UNKNOWN })],
    alsoCompliant: [{ title: "the principal is an account", change: (f) => (f[0].props = { action: "lambda:InvokeFunction", function: "fn", principal: "123456789012" }) }],
    cases: [
        { title: "service principal without sourceArn", break: (f) => delete f[0].props.sourceArn, expect: /principal "s3\.amazonaws\.com" without a sourceArn/ },
        { title: '"*" principal without sourceArn', break: (f) => { f[0].props.principal = "*"; delete f[0].props.sourceArn; }, expect: /principal "\*"/ },
    ],
});
