import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-wafv2-webacl-logging-enabled", {
    level: "advisory",
    description: /logging configuration/,
    compliant: [res("aws:wafv2/webAcl:WebAcl", "acl", { scope: "REGIONAL" }), res("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "acl-logging", { resourceArn: UNKNOWN, logDestinationConfigs: [UNKNOWN] }, { resourceArn: ["acl"] })],
    cases: [{ title: "no logging", break: (f) => f.pop(), expect: /has no logging configuration/ }],
});
