import { describePolicy, res, UNKNOWN } from "../support/spec";

const CF = "aws:cloudfront/distribution:Distribution";

describePolicy("aws-cloudfront-distribution-logging-enabled", {
    level: "advisory",
    description: /standard logging v2/,
    compliant: [
        res(CF, "cdn-v2", {}),
        res("aws:cloudwatch/logDeliverySource:LogDeliverySource", "cdn-v2-logs", { logType: "ACCESS_LOGS", resourceArn: UNKNOWN }, { resourceArn: ["cdn-v2"] }),
    ],
    cases: [{ title: "the delivery source is for another resource", break: (f) => { f[1].deps = { resourceArn: [] }; f[1].props.resourceArn = "arn:aws:cloudfront::123456789012:distribution/OTHER"; }, expect: /has no access logging/ }],
});
