/**
 * Secret: a Secrets Manager secret encrypted with a customer-managed key, with a 30-day recovery
 * window and protection in prod. Its value comes from a config secret, is generated with
 * @pulumi/random (optionally inside a JSON template), or is left for operators to fill in. A rotation
 * runs an external function, or (for a generated value) the built-in one this component deploys.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { statefulOptions } from "../shared/protection";
import type { PolicyStatement } from "../serverless-function/policy";
import type { ServerlessFunction } from "../serverless-function";
import { builtInRotation, generatedSpec, type BuiltInRotationArgs } from "./built-in-rotation";
import { SECRET_DEFAULTS as D } from "./defaults";
import type { RotationSpec } from "./rotation/spec";

export type { BuiltInRotationArgs } from "./built-in-rotation";

const COMPONENT = "Secret";

/** A value generated with @pulumi/random's RandomPassword. */
export interface GeneratedValue {
    generate: {
        /** Characters, 16 to 512. Default 32. */
        length?: number;
        /** Include symbols. Default true. */
        special?: boolean;
    };
}

/** A field of a JSON secret: a given value (a config secret for anything sensitive) or a generated one. */
export type SecretField = pulumi.Input<string> | GeneratedValue;

export interface SecretRotationArgs {
    /** ARN of an external rotation Lambda function (it must allow secretsmanager.amazonaws.com to invoke it). Exactly one of lambdaArn and builtIn. */
    lambdaArn?: pulumi.Input<string>;
    /**
     * Regenerate the generated value (or the generated fields, keeping the given ones) with a rotation
     * function this component deploys. Only for values nothing outside Secrets Manager has to learn.
     * `true` takes the defaults. Exactly one of lambdaArn and builtIn.
     */
    builtIn?: boolean | BuiltInRotationArgs;
    /** `rate(...)` or `cron(...)`; exclusive with automaticallyAfterDays. */
    scheduleExpression?: string;
    /** Days between rotations, 1 to 1000. Default 30 when no scheduleExpression. */
    automaticallyAfterDays?: number;
}

export interface SecretArgs {
    /** What the secret holds (shown in the console). */
    description: string;
    /** Physical secret name (letters, digits and /_+=.@-). Default: auto-named from the component name. */
    secretName?: string;
    /** CMK that encrypts the secret. Default: an EncryptionKey child. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Days a deleted secret can be recovered, 7 to 30. Default 30. */
    recoveryWindowInDays?: number;
    /** Protect the secret and a created key (Pulumi protect + retain on delete). Default true. */
    protectData?: boolean;
    /** The value, from a config secret (`config.requireSecret(...)`). Exclusive with generate and fields. */
    value?: pulumi.Input<string>;
    /** Generate the value with RandomPassword. Exclusive with value and fields. */
    generate?: GeneratedValue["generate"];
    /** A JSON value built from named fields, each given or generated (e.g. { clientId, clientSecret }). Exclusive with value and generate. */
    fields?: Record<string, SecretField>;
    /** Rotate the secret with a rotation function. Default: no rotation. */
    rotation?: SecretRotationArgs;
    /** Attach a resource policy denying every principal outside this account. Default false. */
    denyOutsideAccount?: boolean;
}

function isGenerated(field: SecretField): field is GeneratedValue {
    return typeof field === "object" && field !== null && !pulumi.Output.isInstance(field) && "generate" in field;
}

function requireGenerate(name: string, argument: string, g: GeneratedValue["generate"]): void {
    const length = g.length ?? D.generatedLength;
    requireArg(Number.isInteger(length) && length >= 16 && length <= 512, COMPONENT, name, `${argument}.length`, length, "a whole number of characters from 16 to 512");
}

function validate(name: string, args: SecretArgs): void {
    const sources = (["value", "generate", "fields"] as const).filter((k) => args[k] !== undefined);
    requireArg(sources.length <= 1, COMPONENT, name, sources.join("/"), sources, "at most one of value, generate and fields (none leaves a placeholder)");
    const window = args.recoveryWindowInDays ?? D.recoveryWindowInDays;
    requireArg(Number.isInteger(window) && window >= 7 && window <= 30, COMPONENT, name, "recoveryWindowInDays", window, "a whole number of days from 7 to 30");
    requireArg(args.secretName === undefined || /^[A-Za-z0-9/_+=.@-]{1,512}$/.test(args.secretName), COMPONENT, name, "secretName", args.secretName, "letters, digits and /_+=.@- (1 to 512)");
    if (args.generate) requireGenerate(name, "generate", args.generate);
    if (args.fields) {
        requireArg(Object.keys(args.fields).length > 0, COMPONENT, name, "fields", args.fields, "at least one field");
        for (const [key, field] of Object.entries(args.fields)) if (isGenerated(field)) requireGenerate(name, `fields.${key}.generate`, field.generate);
    }
    const rotation = args.rotation;
    if (rotation) {
        const builtIn = rotation.builtIn !== undefined && rotation.builtIn !== false;
        requireArg(builtIn !== (rotation.lambdaArn !== undefined), COMPONENT, name, "rotation", { lambdaArn: rotation.lambdaArn, builtIn: rotation.builtIn },
            "exactly one of lambdaArn (an external rotation function) and builtIn");
        if (builtIn) {
            requireArg(rotationSpec(args) !== undefined, COMPONENT, name, "rotation.builtIn", rotation.builtIn,
                "only with a generated value: generate, or fields with at least one { generate } field (a given or placeholder value cannot be regenerated)");
            const retention = typeof rotation.builtIn === "object" ? rotation.builtIn.logRetentionInDays : undefined;
            requireArg(retention === undefined || (Number.isInteger(retention) && retention > 0), COMPONENT, name, "rotation.builtIn.logRetentionInDays", retention, "a CloudWatch Logs retention in days");
        }
        requireArg(rotation.scheduleExpression === undefined || rotation.automaticallyAfterDays === undefined, COMPONENT, name, "rotation", rotation, "either scheduleExpression or automaticallyAfterDays, not both");
        requireArg(rotation.scheduleExpression === undefined || /^(rate|cron)\(.+\)$/.test(rotation.scheduleExpression), COMPONENT, name, "rotation.scheduleExpression", rotation.scheduleExpression, "rate(...) or cron(...)");
        const days = rotation.automaticallyAfterDays;
        requireArg(days === undefined || (Number.isInteger(days) && days >= 1 && days <= 1000), COMPONENT, name, "rotation.automaticallyAfterDays", days, "a whole number of days from 1 to 1000");
    }
}

/** What a built-in rotation regenerates, or undefined when the value is not generated. */
function rotationSpec(args: SecretArgs): RotationSpec | undefined {
    if (args.generate) return { kind: "value", value: generatedSpec(args.generate) };
    const generated = Object.entries(args.fields ?? {}).filter((entry): entry is [string, GeneratedValue] => isGenerated(entry[1]));
    if (generated.length === 0) return undefined;
    return { kind: "fields", fields: Object.fromEntries(generated.map(([key, field]) => [key, generatedSpec(field.generate)])) };
}

export class Secret extends pulumi.ComponentResource {
    readonly secret: aws.secretsmanager.Secret;
    /** The version holding the value (undefined for a placeholder). */
    readonly version?: aws.secretsmanager.SecretVersion;
    readonly secretArn: pulumi.Output<string>;
    readonly secretName: pulumi.Output<string>;
    readonly kmsKeyArn: pulumi.Output<string>;
    /** The built-in rotation function (with `rotation.builtIn`). */
    readonly rotationFunction?: ServerlessFunction;

    constructor(name: string, args: SecretArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:security:Secret", name, {}, opts);
        const protectData = args.protectData ?? D.protectData;

        this.kmsKeyArn = pulumi.output(args.kmsKeyArn ?? new EncryptionKey(`${name}-key`, {
            description: `Secret ${name}: ${args.description}`,
            protectData,
        }, { parent: this }).arn);

        this.secret = new aws.secretsmanager.Secret(name, {
            name: args.secretName,
            description: args.description,
            kmsKeyId: this.kmsKeyArn,
            recoveryWindowInDays: args.recoveryWindowInDays ?? D.recoveryWindowInDays,
        }, statefulOptions(protectData, { parent: this }));

        const generated = (suffix: string, g: GeneratedValue["generate"]) => new random.RandomPassword(`${name}-${suffix}`, {
            length: g.length ?? D.generatedLength,
            special: g.special ?? D.generatedSpecial,
            overrideSpecial: (g.special ?? D.generatedSpecial) ? D.overrideSpecial : undefined,
        }, { parent: this }).result;

        let value: pulumi.Output<string> | undefined;
        if (args.value !== undefined) {
            value = pulumi.secret(args.value);
        } else if (args.generate) {
            value = pulumi.secret(generated("value", args.generate));
        } else if (args.fields) {
            const fields = Object.fromEntries(Object.entries(args.fields).map(([key, field]) =>
                [key, isGenerated(field) ? generated(key, field.generate) : field]));
            value = pulumi.secret(pulumi.jsonStringify(fields));
        }
        if (value) {
            // A rotated secret's value is owned by its rotation function from then on.
            this.version = new aws.secretsmanager.SecretVersion(`${name}-value`, {
                secretId: this.secret.id,
                secretString: value,
            }, { parent: this, ignoreChanges: args.rotation ? ["secretString"] : [] });
        }

        if (args.rotation) {
            const r = args.rotation;
            const dependsOn: pulumi.Resource[] = this.version ? [this.version] : [];
            let rotationLambdaArn: pulumi.Input<string> = r.lambdaArn as pulumi.Input<string>;
            if (r.builtIn !== undefined && r.builtIn !== false) {
                const { fn, permission } = builtInRotation(this, name, {
                    secretArn: this.secret.arn,
                    kmsKeyArn: this.kmsKeyArn,
                    spec: rotationSpec(args) as RotationSpec,
                    args: typeof r.builtIn === "object" ? r.builtIn : {},
                    protectData,
                });
                this.rotationFunction = fn;
                rotationLambdaArn = fn.functionArn;
                dependsOn.push(permission, fn);
            }
            new aws.secretsmanager.SecretRotation(`${name}-rotation`, {
                secretId: this.secret.id,
                rotationLambdaArn,
                rotationRules: r.scheduleExpression
                    ? { scheduleExpression: r.scheduleExpression }
                    : { automaticallyAfterDays: r.automaticallyAfterDays ?? D.rotationDays },
                // With the built-in function the first rotation runs at once: the value Pulumi generated
                // (and keeps in its state) stops being the current one.
                rotateImmediately: r.builtIn !== undefined && r.builtIn !== false ? D.builtInRotateImmediately : undefined,
            }, { parent: this, dependsOn });
        }

        if (args.denyOutsideAccount ?? D.denyOutsideAccount) {
            const identity = aws.getCallerIdentityOutput({}, { parent: this });
            new aws.secretsmanager.SecretPolicy(`${name}-policy`, {
                secretArn: this.secret.arn,
                blockPublicPolicy: true,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [{
                        Sid: "DenyOutsideAccount",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "secretsmanager:*",
                        Resource: "*",
                        Condition: { StringNotEquals: { "aws:PrincipalAccount": identity.accountId } },
                    }],
                }),
            }, { parent: this });
        }

        this.secretArn = this.secret.arn;
        this.secretName = this.secret.name;
        this.registerOutputs({ secretArn: this.secretArn, secretName: this.secretName, kmsKeyArn: this.kmsKeyArn });
    }
}

/**
 * The least-privilege statements to read secrets: GetSecretValue on exactly these secrets, and
 * kms:Decrypt on their key only when Secrets Manager calls KMS on the reader's behalf.
 * `region` defaults to the current provider region.
 */
export function readPolicyStatement(secretArns: pulumi.Input<string>[], kmsKeyArn: pulumi.Input<string>, region?: pulumi.Input<string>): PolicyStatement[] {
    const regionName = region ?? aws.getRegionOutput().region;
    return [
        { Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secretArns },
        {
            Sid: "DecryptSecretsViaSecretsManager",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: kmsKeyArn,
            Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`secretsmanager.${regionName}.amazonaws.com` } },
        },
    ];
}
