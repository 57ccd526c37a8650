/**
 * SecretAgeMonitor: a reminder that really fires for secrets nobody can rotate automatically
 * (third-party API keys, provider client secrets, signing keys an operator sets). A scheduled function
 * reads when each secret's current value was put (version metadata only, never the value) and
 * publishes the age in days; an alarm per secret pages the system's alarm topic once the age passes
 * maxAgeDays, and clears when an operator puts a new value. The function's own errors page too, so a
 * broken check does not go quiet.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { Alarms } from "../alarms";
import { requireArg } from "../shared/errors";
import { ServerlessFunction } from "../serverless-function";
import { SECRET_AGE_MONITOR_DEFAULTS as D } from "./defaults";

const COMPONENT = "SecretAgeMonitor";
const LABEL = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface SecretAgeMonitorArgs {
    /** The secrets to watch, keyed by a short label (the alarm's and the metric's name for it): their ARNs. At least one. */
    secrets: Record<string, pulumi.Input<string>>;
    /** The Alarms component whose topic is notified: one `secretAge` alarm per secret and one for the function's errors. */
    alarms: Alarms;
    /** Days after which a secret's current value is due for rotation. Default 90. */
    maxAgeDays?: number;
    /** EventBridge schedule of the check. Default `rate(1 day)`. */
    schedule?: string;
    /** CMK of the function's log group and environment. Default: the function's own key. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Retention of the function's logs. Default: ServerlessFunction's (90 days). */
    logRetentionInDays?: number;
    /** Protect the key the function creates when none is given. Default true. */
    protectData?: boolean;
}

function validate(name: string, args: SecretAgeMonitorArgs): void {
    const labels = Object.keys(args.secrets ?? {});
    requireArg(labels.length > 0, COMPONENT, name, "secrets", args.secrets, "at least one secret ARN keyed by a label");
    for (const label of labels) requireArg(LABEL.test(label), COMPONENT, name, "secrets", label, "labels of 1 to 63 lowercase letters, digits and hyphens");
    requireArg(args.alarms !== undefined && typeof args.alarms.secretAge === "function", COMPONENT, name, "alarms", args.alarms === undefined ? undefined : "(not an Alarms)", "the system's Alarms component");
    const maxAge = args.maxAgeDays ?? D.maxAgeDays;
    requireArg(Number.isInteger(maxAge) && maxAge >= 1 && maxAge <= 3650, COMPONENT, name, "maxAgeDays", maxAge, "a whole number of days from 1 to 3650");
}

export class SecretAgeMonitor extends pulumi.ComponentResource {
    readonly function: ServerlessFunction;
    readonly functionName: pulumi.Output<string>;
    /** The labels watched, in order (the dashboard's secrets section lists them). */
    readonly labels: string[];
    readonly maxAgeDays: number;

    constructor(name: string, args: SecretAgeMonitorArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:monitoring:SecretAgeMonitor", name, {}, opts);
        this.labels = Object.keys(args.secrets);
        this.maxAgeDays = args.maxAgeDays ?? D.maxAgeDays;
        const arns = Object.values(args.secrets);

        this.function = new ServerlessFunction(name, {
            entry: path.join(__dirname, "handler.ts"),
            description: `Publishes how many days ago each of ${this.labels.length} manually rotated secret(s) was last set`,
            timeout: D.timeoutSeconds,
            memorySize: D.memorySize,
            schedule: args.schedule ?? D.schedule,
            kmsKeyArn: args.kmsKeyArn,
            logRetentionInDays: args.logRetentionInDays,
            environment: { MONITOR_NAME: name, TARGETS: pulumi.jsonStringify(args.secrets) },
            // Version metadata only: no GetSecretValue, no KMS.
            policyStatements: [{ Sid: "ReadSecretVersionMetadata", Action: ["secretsmanager:ListSecretVersionIds", "secretsmanager:DescribeSecret"], Resource: arns }],
            protectData: args.protectData ?? D.protectData,
        }, { parent: this });
        this.functionName = this.function.functionName;

        for (const secret of this.labels) {
            args.alarms.secretAge(`${name}-${secret}-age`, { monitor: name, secret, maxAgeDays: this.maxAgeDays });
        }
        args.alarms.lambdaErrors(`${name}-errors`, { functionName: this.function.functionName });

        this.registerOutputs({ functionName: this.functionName });
    }
}
