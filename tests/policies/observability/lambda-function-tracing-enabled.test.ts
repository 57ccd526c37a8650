import { describePolicy, res } from "../support/spec";

describePolicy("aws-lambda-function-tracing-enabled", {
    level: "advisory",
    description: /active X-Ray tracing/,
    compliant: [res("aws:lambda/function:Function", "fn", { tracingConfig: { mode: "Active" } })],
    cases: [{ title: "PassThrough", break: (f) => (f[0].props.tracingConfig = { mode: "PassThrough" }), expect: /has no active tracing/ }],
});
