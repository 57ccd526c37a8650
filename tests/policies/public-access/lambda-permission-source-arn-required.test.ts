import { describePolicy, res, UNKNOWN } from "../support/spec";

const PERMISSION = "aws:lambda/permission:Permission";
const API_SOURCE = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*/*";

describePolicy("aws-lambda-permission-source-arn-required", {
    level: "mandatory",
    description: /scoped with a sourceArn that names your own resource/,
    compliant: [
        res(PERMISSION, "s3-invoke", { action: "lambda:InvokeFunction", function: UNKNOWN, principal: "s3.amazonaws.com", sourceArn: UNKNOWN }),
        res(PERMISSION, "api-invoke", { action: "lambda:InvokeFunction", function: "fn", principal: "apigateway.amazonaws.com", sourceArn: API_SOURCE }),
        res(PERMISSION, "bucket-invoke", { action: "lambda:InvokeFunction", function: "fn", principal: "*", sourceArn: "arn:aws:s3:::acme-uploads" }),
    ],
    alsoCompliant: [{ title: "the principal is an account", change: (f) => (f[0].props = { action: "lambda:InvokeFunction", function: "fn", principal: "123456789012" }) }],
    cases: [
        { title: "service principal without sourceArn", break: (f) => delete f[0].props.sourceArn, expect: /principal "s3\.amazonaws\.com" without a sourceArn/ },
        { title: '"*" principal without sourceArn', break: (f) => { f[0].props.principal = "*"; delete f[0].props.sourceArn; }, expect: /principal "\*" without a sourceArn/ },
        { title: "a sourceArn with a wildcard account", break: (f) => (f[1].props.sourceArn = "arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*/*"), expect: /with sourceArn "arn:aws:execute-api:us-east-1:\*:a1b2c3d4e5\/\*\/\*", which names no account or resource of yours/, resource: "api-invoke" },
        { title: "a sourceArn for every bucket", break: (f) => (f[2].props.sourceArn = "arn:aws:s3:::*"), expect: /names no account/, resource: "bucket-invoke" },
        { title: "a function URL permission for everyone", break: (f) => (f[2].props = { action: "lambda:InvokeFunctionUrl", function: "fn", principal: "*", functionUrlAuthType: "NONE" }), expect: /grants lambda:InvokeFunctionUrl to principal "\*" without a sourceArn/, resource: "bucket-invoke" },
    ],
    pending: [{ title: "the principal is unknown", break: (f) => (f[1].props.principal = UNKNOWN) }],
});
