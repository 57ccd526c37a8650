/**
 * EncryptionKey: a customer-managed KMS key with rotation, an alias and a key policy that names its
 * principals: the account's own IAM (so IAM policies can grant use), and the AWS services that must
 * encrypt with it on the account's behalf, each conditioned on this account. No wildcard principal.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { requireArg } from "../shared/errors";
import { statefulOptions } from "../shared/protection";
import { ENCRYPTION_KEY_DEFAULTS } from "./defaults";

/** Services that can be allowed to use the key, and how each is conditioned. */
export type KeyService = "logs" | "sns" | "cloudwatch" | "events" | "s3" | "cloudfront" | "secretsmanager" | "rds" | "dynamodb" | "lambda";

export interface EncryptionKeyArgs {
    /** What the key protects; shown in the KMS console. */
    description: string;
    /** AWS services that encrypt with this key for the account (CloudWatch Logs, SNS, CloudFront...). */
    services?: KeyService[];
    /** Days before a scheduled deletion happens (7 to 30). Default 30. */
    deletionWindowInDays?: number;
    /** Protect the key (Pulumi protect + retain on delete). Default true. */
    protectData?: boolean;
}

export class EncryptionKey extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;
    readonly alias: aws.kms.Alias;
    readonly arn: pulumi.Output<string>;
    readonly keyId: pulumi.Output<string>;

    constructor(name: string, args: EncryptionKeyArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const window = args.deletionWindowInDays ?? ENCRYPTION_KEY_DEFAULTS.deletionWindowInDays;
        requireArg(Number.isInteger(window) && window >= 7 && window <= 30, "EncryptionKey", name, "deletionWindowInDays", window, "a whole number of days from 7 to 30");
        super("platform:security:EncryptionKey", name, {}, opts);
        const protectData = args.protectData ?? ENCRYPTION_KEY_DEFAULTS.protectData;

        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const region = aws.getRegionOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        const policy = pulumi.all([identity.accountId, region.region, partition.partition]).apply(([account, regionName, part]) =>
            JSON.stringify(keyPolicy(account, regionName, part, args.services ?? [])));

        this.key = new aws.kms.Key(name, {
            description: args.description,
            enableKeyRotation: ENCRYPTION_KEY_DEFAULTS.enableKeyRotation,
            deletionWindowInDays: window,
            keyUsage: ENCRYPTION_KEY_DEFAULTS.keyUsage,
            customerMasterKeySpec: ENCRYPTION_KEY_DEFAULTS.customerMasterKeySpec,
            policy,
        }, statefulOptions(protectData, { parent: this }));
        this.alias = new aws.kms.Alias(name, {
            name: pulumi.interpolate`alias/${pulumi.getProject()}-${pulumi.getStack()}-${name}`,
            targetKeyId: this.key.keyId,
        }, { parent: this });
        this.arn = this.key.arn;
        this.keyId = this.key.keyId;
        this.registerOutputs({ arn: this.arn, keyId: this.keyId, alias: this.alias.name });
    }
}

/** The key policy: account IAM administers and grants; each named service may use the key for this account only. */
export function keyPolicy(account: string, region: string, partition: string, services: KeyService[]): object {
    const statements: object[] = [{
        Sid: "AccountIamAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
    }];
    for (const service of [...new Set(services)].sort()) {
        const principal = service === "logs" ? `logs.${region}.amazonaws.com` : `${service}.amazonaws.com`;
        const condition = service === "logs"
            ? { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${account}:log-group:*` } }
            : { StringEquals: { "aws:SourceAccount": account } };
        statements.push({
            Sid: `Allow${service[0].toUpperCase()}${service.slice(1)}Service`,
            Effect: "Allow",
            Principal: { Service: principal },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: condition,
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}
