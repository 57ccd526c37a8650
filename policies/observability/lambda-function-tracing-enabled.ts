import { resourceRule } from "../lib/define";
import { at, isUnknown } from "../lib/values";

export const lambdaFunctionTracingEnabled = resourceRule({
    name: "aws-lambda-function-tracing-enabled",
    description: "Lambda functions have active X-Ray tracing.",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: 'set tracingConfig { mode: "Active" }',
    checkov: ["CKV_AWS_50"],
    types: ["aws:lambda/function:Function"],
    check({ props }, report) {
        const mode = at(props, "tracingConfig", "mode");
        if (!isUnknown(mode) && mode !== "Active") report("has no active tracing");
    },
});
