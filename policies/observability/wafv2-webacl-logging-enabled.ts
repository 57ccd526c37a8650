import { stackRule } from "../lib/define";
import { companions, ofTypes } from "../lib/links";
import { pendingUntilUpdate } from "../lib/values";

export const wafv2WebAclLoggingEnabled = stackRule({
    name: "aws-wafv2-webacl-logging-enabled",
    description: "Every WAFv2 web ACL has a logging configuration.",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "add an aws.wafv2.WebAclLoggingConfiguration with `resourceArn: webAcl.arn` and a log destination (aws-waf-logs-* log group, bucket or stream)",
    checkov: ["CKV2_AWS_31"],
    types: ["aws:wafv2/webAcl:WebAcl", "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"],
    check(resources, report) {
        const configs = ofTypes(resources, ["aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"]);
        const pending: string[] = [];
        for (const acl of ofTypes(resources, ["aws:wafv2/webAcl:WebAcl"])) {
            const { linked, undecided } = companions(acl, configs, "resourceArn", ["arn"]);
            if (linked.length > 0) continue;
            if (undecided) pending.push(acl.name);
            else report(acl, "has no logging configuration");
        }
        if (pending.length > 0) pendingUntilUpdate(`the logging configuration of web ACL(s) ${pending.join(", ")}`);
    },
});
