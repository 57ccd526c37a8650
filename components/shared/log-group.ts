/**
 * A CloudWatch log group encrypted with a customer-managed key and with a retention period: the one
 * way components create log groups, so none is ever unencrypted or kept forever by accident.
 * The key must allow the "logs" service (EncryptionKey's `services: ["logs"]`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface EncryptedLogGroupArgs {
    /** The log group name (some services require a prefix, e.g. aws-waf-logs-, /aws/lambda/). Default: auto-named. */
    name?: pulumi.Input<string>;
    kmsKeyArn: pulumi.Input<string>;
    retentionInDays: number;
}

export function encryptedLogGroup(resourceName: string, args: EncryptedLogGroupArgs, opts: pulumi.CustomResourceOptions): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(resourceName, {
        name: args.name,
        kmsKeyId: args.kmsKeyArn,
        retentionInDays: args.retentionInDays,
    }, opts);
}
