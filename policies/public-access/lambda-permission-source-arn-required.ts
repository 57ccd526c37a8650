import { resourceRule } from "../lib/define";
import { at, isUnknown } from "../lib/values";

export const lambdaPermissionSourceArnRequired = resourceRule({
    name: "aws-lambda-permission-source-arn-required",
    description: "Lambda permissions granted to `*` or to an AWS service principal are scoped with a sourceArn.",
    area: "public-access",
    severity: "high",
    remediation: "set sourceArn to the ARN of the API, bucket, rule or topic allowed to invoke the function",
    types: ["aws:lambda/permission:Permission"],
    check({ props }, report) {
        const principal = at(props, "principal");
        if (typeof principal !== "string" || isUnknown(principal)) return;
        const broad = principal === "*" || principal.endsWith(".amazonaws.com") || principal.endsWith(".amazonaws.com.cn");
        if (!broad) return; // an account or role principal is already specific
        const sourceArn = at(props, "sourceArn");
        if (sourceArn === undefined || sourceArn === null || sourceArn === "") report(`grants ${String(at(props, "action") ?? "lambda:InvokeFunction")} to principal "${principal}" without a sourceArn`);
    },
});
