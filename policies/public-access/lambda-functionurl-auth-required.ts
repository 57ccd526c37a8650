import { resourceRule } from "../lib/define";
import { at } from "../lib/values";

export const lambdaFunctionUrlAuthRequired = resourceRule({
    name: "aws-lambda-functionurl-auth-required",
    description: "Lambda function URLs never use authorization type NONE.",
    area: "public-access",
    severity: "high",
    remediation: 'set authorizationType: "AWS_IAM" (or front the function with API Gateway or CloudFront with auth)',
    checkov: ["CKV_AWS_258"],
    types: ["aws:lambda/functionUrl:FunctionUrl"],
    check({ props }, report) {
        if (at(props, "authorizationType") === "NONE") report('uses authorizationType "NONE" (anyone on the internet can invoke it)');
    },
});
