/**
 * The infrastructure of a Secret's built-in rotation: the rotation function (handler in rotation/)
 * with least-privilege IAM on that one secret and its key, and the permission for Secrets Manager to
 * invoke it for that secret only.
 */
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessFunction } from "../serverless-function";
import { SECRET_DEFAULTS as D } from "./defaults";
import { ROTATION_ENVIRONMENT, type GeneratedSpec, type RotationSpec } from "./rotation/spec";

/** Built-in rotation of a generated value (`generate`, or `fields` with generated fields). */
export interface BuiltInRotationArgs {
    /** CMK for the rotation function's logs and environment (it must allow the logs service). Default: the function creates one. */
    logsKmsKeyArn?: pulumi.Input<string>;
    /** Retention of the rotation function's logs (a CloudWatch Logs value). Default 90. */
    logRetentionInDays?: number;
}

/** What RandomPassword would generate, as the rotation function's spec. */
export function generatedSpec(g: { length?: number; special?: boolean }): GeneratedSpec {
    return { length: g.length ?? D.generatedLength, special: g.special ?? D.generatedSpecial, symbols: D.overrideSpecial };
}

export function builtInRotation(parent: pulumi.Resource, name: string, options: {
    secretArn: pulumi.Output<string>;
    kmsKeyArn: pulumi.Output<string>;
    spec: RotationSpec;
    args: BuiltInRotationArgs;
    protectData: boolean;
}): { fn: ServerlessFunction; permission: aws.lambda.Permission } {
    const region = aws.getRegionOutput({}, { parent }).region;
    const fn = new ServerlessFunction(`${name}-rotator`, {
        entry: path.join(__dirname, "rotation", "handler.ts"),
        description: `Rotates the generated value of secret ${name} (Secrets Manager rotation steps)`,
        timeout: D.rotationFunctionTimeoutSeconds,
        environment: { [ROTATION_ENVIRONMENT.spec]: JSON.stringify(options.spec), [ROTATION_ENVIRONMENT.secretArn]: options.secretArn },
        kmsKeyArn: options.args.logsKmsKeyArn,
        logRetentionInDays: options.args.logRetentionInDays,
        // This secret only; random values come from crypto, so no secretsmanager:GetRandomPassword on "*".
        policyStatements: [
            {
                Sid: "RotateThisSecret",
                Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
                Resource: [options.secretArn],
            },
            {
                Sid: "UseTheSecretsKeyForThisSecret",
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: [options.kmsKeyArn],
                Condition: {
                    StringEquals: {
                        "kms:ViaService": pulumi.interpolate`secretsmanager.${region}.amazonaws.com`,
                        "kms:EncryptionContext:SecretARN": options.secretArn,
                    },
                },
            },
        ],
        protectData: options.protectData,
    }, { parent });
    const permission = new aws.lambda.Permission(`${name}-rotator-invoke`, {
        action: "lambda:InvokeFunction",
        function: fn.functionName,
        principal: "secretsmanager.amazonaws.com",
        sourceArn: options.secretArn,
    }, { parent });
    return { fn, permission };
}
