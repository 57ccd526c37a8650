import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-apigateway-stage-access-logs-and-xray", {
    level: "advisory",
    description: /access logs and have X-Ray/,
    compliant: [res("aws:apigateway/stage:Stage", "stage", { accessLogSettings: { destinationArn: UNKNOWN, format: "{}" }, xrayTracingEnabled: true })],
    cases: [
        { title: "no access logs", break: (f) => delete f[0].props.accessLogSettings, expect: /has no access logs/ },
        { title: "no X-Ray", break: (f) => (f[0].props.xrayTracingEnabled = false), expect: /has no X-Ray tracing/ },
    ],
});
