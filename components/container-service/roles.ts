/**
 * The two roles of the tasks: the execution role (the ECS agent: pull the image, write logs, read
 * the container's secrets) and the task role (the application), both assumable by this account's ECS
 * tasks only.
 */
import * as pulumi from "@pulumi/pulumi";
import { secretArnOf } from "./validate";

export interface Where {
    account: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    region: pulumi.Input<string>;
}

/** A trust policy for ECS tasks of this account. */
export function ecsTasksTrust({ account, partition, region }: Where): pulumi.Output<string> {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "ecs-tasks.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": account },
                ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:ecs:${region}:${account}:*` },
            },
        }],
    });
}

/** What the execution role may do: exactly its job, nothing the application needs. */
export function executionStatements(where: Where, logGroupArn: pulumi.Input<string>, secrets: Record<string, pulumi.Input<string>>, secretsKmsKeyArns: pulumi.Input<string>[]): pulumi.Input<object>[] {
    const { account, partition, region } = where;
    const statements: pulumi.Input<object>[] = [
        // ecr:GetAuthorizationToken has no resource-level permissions.
        { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
        { Sid: "PullOwnImages", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: pulumi.interpolate`arn:${partition}:ecr:${region}:${account}:repository/*` },
        { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [logGroupArn, pulumi.interpolate`${logGroupArn}:log-stream:*`] },
    ];
    const valueFroms = Object.values(secrets);
    if (valueFroms.length === 0) return statements;
    statements.push({
        Sid: "ReadOwnSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"],
        Resource: pulumi.output(valueFroms).apply((arns) => [...new Set(arns.map(secretArnOf))]),
    });
    if (secretsKmsKeyArns.length > 0) {
        statements.push({
            Sid: "DecryptSecretsViaSecretsManager", Effect: "Allow", Action: ["kms:Decrypt"], Resource: secretsKmsKeyArns,
            Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`secretsmanager.${region}.amazonaws.com` } },
        });
    }
    return statements;
}
