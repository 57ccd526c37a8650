/**
 * A Lambda permission is one statement of the function's resource policy: principal "*" (or a service
 * principal) with the permission's sourceArn / sourceAccount / principalOrgId as its conditions.
 *
 * Anchors: checkov CKV_AWS_301 (no "*" principal), CKV_AWS_364 (service principals limited by sourceArn
 * or sourceAccount), cdk-nag NIST.800.53.R5-LambdaFunctionPublicAccessProhibited ("*" needs
 * principalOrgId, sourceAccount or sourceArn).
 * Beyond them: the sourceArn must itself narrow, by the same reading as every resource policy (an ARN in
 * a named account, or a literal bucket): `arn:aws:s3:::*` or `arn:aws:execute-api:*:*:*` does not. A
 * service principal needs a sourceArn (CKV_AWS_364 also accepts sourceAccount alone, which still lets any
 * resource of the account invoke the function).
 * Less than CKV_AWS_301: "*" scoped by a narrow sourceArn passes (an S3 bucket or an API of yours).
 */
import { resourceRule } from "../lib/define";
import { conditionNarrows } from "../lib/public-principals";
import { at, isUnknown, pendingUntilUpdate } from "../lib/values";

export const lambdaPermissionSourceArnRequired = resourceRule({
    name: "aws-lambda-permission-source-arn-required",
    description: "Lambda permissions granted to `*` or to an AWS service principal are scoped with a sourceArn that names your own resource (not a wildcard account).",
    area: "public-access",
    severity: "high",
    remediation: "set sourceArn to the ARN of the API, bucket, rule or topic allowed to invoke the function (with its account, not *)",
    cdkNag: ["NIST.800.53.R5-LambdaFunctionPublicAccessProhibited"],
    checkov: ["CKV_AWS_301", "CKV_AWS_364"],
    types: ["aws:lambda/permission:Permission"],
    check({ props }, report) {
        const principal = at(props, "principal");
        if (isUnknown(principal)) pendingUntilUpdate("principal");
        if (typeof principal !== "string") return;
        const broad = principal === "*" || principal.endsWith(".amazonaws.com") || principal.endsWith(".amazonaws.com.cn");
        if (!broad) return; // an account or role principal is already specific
        const action = String(at(props, "action") ?? "lambda:InvokeFunction");
        const sourceArn = at(props, "sourceArn");
        if (isUnknown(sourceArn)) return; // the ARN of a resource created in this deployment
        if (sourceArn === undefined || sourceArn === null || sourceArn === "") {
            report(`grants ${action} to principal "${principal}" without a sourceArn`);
            return;
        }
        if (conditionNarrows({ operator: "ArnLike", key: "aws:sourcearn", values: [sourceArn] }) === "no") {
            report(`grants ${action} to principal "${principal}" with sourceArn "${String(sourceArn)}", which names no account or resource of yours`);
        }
    },
});
