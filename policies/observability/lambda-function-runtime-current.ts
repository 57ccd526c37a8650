import { resourceRule } from "../lib/define";
import { at } from "../lib/values";

/** Runtimes AWS has deprecated or announced for deprecation (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). */
export const DEPRECATED_RUNTIMES = [
    "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x",
    "python2.7", "python3.6", "python3.7", "python3.8", "python3.9",
    "ruby2.5", "ruby2.7", "ruby3.2",
    "java8",
    "go1.x",
    "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet5.0", "dotnet6", "dotnet7",
    "provided",
];

export const lambdaFunctionRuntimeCurrent = resourceRule<{ deprecatedRuntimes: string[] }>({
    name: "aws-lambda-function-runtime-current",
    description: "Lambda functions use a runtime AWS still supports.",
    area: "observability",
    severity: "medium",
    enforcementLevel: "advisory",
    remediation: "move to a current runtime (nodejs22.x, python3.13, java21, provided.al2023...)",
    cdkNag: ["AwsSolutions-L1"],
    checkov: ["CKV_AWS_363"],
    configSchema: { properties: { deprecatedRuntimes: { type: "array", items: { type: "string" }, default: DEPRECATED_RUNTIMES } } },
    types: ["aws:lambda/function:Function"],
    check({ props }, report, config) {
        const runtime = at(props, "runtime");
        if (typeof runtime === "string" && config.deprecatedRuntimes.includes(runtime)) report(`uses the deprecated runtime ${runtime}`);
    },
});
