import { resourceRule } from "../lib/define";
import { at, isTrue, isUnknown } from "../lib/values";

export const apigatewayStageAccessLogsAndXray = resourceRule({
    name: "aws-apigateway-stage-access-logs-and-xray",
    description: "API Gateway stages write access logs and have X-Ray tracing.",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "set accessLogSettings { destinationArn: <log group ARN>, format } and xrayTracingEnabled: true",
    cdkNag: ["AwsSolutions-APIG1"],
    checkov: ["CKV_AWS_76", "CKV_AWS_73"],
    types: ["aws:apigateway/stage:Stage"],
    check({ props }, report) {
        if (!at(props, "accessLogSettings", "destinationArn")) report("has no access logs", "set accessLogSettings { destinationArn, format }");
        const xray = at(props, "xrayTracingEnabled");
        if (!isUnknown(xray) && !isTrue(xray)) report("has no X-Ray tracing", "set xrayTracingEnabled: true");
    },
});
