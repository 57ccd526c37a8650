/**
 * ApiAccountLogging: the region's API Gateway CloudWatch role (the "Account" setting), which every
 * stage needs before it can write execution or access logs. It is one setting per account and region,
 * so exactly one stack per account and region should own it (platform:api.manageAccountLoggingRole);
 * a stack's APIs pass it as `accountLogging` so their stages wait for it.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ApiAccountLoggingArgs {
    /** An existing role to set; default: a role the component creates (trusted by API Gateway, push-to-CloudWatch policy). */
    roleArn?: pulumi.Input<string>;
}

export class ApiAccountLogging extends pulumi.ComponentResource {
    readonly account: aws.apigateway.Account;
    readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: ApiAccountLoggingArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:api:AccountLogging", name, {}, opts);
        let roleArn: pulumi.Input<string>;
        if (args.roleArn !== undefined) {
            roleArn = args.roleArn;
        } else {
            const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
            const role = new aws.iam.Role(`${name}-role`, {
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [{
                        Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "aws:SourceAccount": account } },
                    }],
                }),
            }, { parent: this });
            new aws.iam.RolePolicyAttachment(`${name}-role`, {
                role: role.name, policyArn: aws.iam.ManagedPolicy.AmazonAPIGatewayPushToCloudWatchLogs,
            }, { parent: this });
            roleArn = role.arn;
        }
        this.account = new aws.apigateway.Account(name, { cloudwatchRoleArn: roleArn }, { parent: this });
        this.roleArn = pulumi.output(roleArn);
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
