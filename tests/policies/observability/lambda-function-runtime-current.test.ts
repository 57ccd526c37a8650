import { describePolicy, res } from "../support/spec";

describePolicy("aws-lambda-function-runtime-current", {
    level: "advisory",
    description: /runtime AWS still supports/,
    compliant: [res("aws:lambda/function:Function", "fn", { runtime: "nodejs22.x" })],
    cases: [
        { title: "nodejs16.x", break: (f) => (f[0].props.runtime = "nodejs16.x"), expect: /deprecated runtime nodejs16\.x/ },
        { title: "a runtime added by config", break: (f) => (f[0].props.runtime = "nodejs20.x"), config: { deprecatedRuntimes: ["nodejs20.x"] }, expect: /nodejs20\.x/ },
    ],
});
