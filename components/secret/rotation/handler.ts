/**
 * The built-in rotation function of a generated Secret: Secrets Manager's four steps for a value no
 * other system has to learn (consumers read it from Secrets Manager, so setSecret has nothing to do).
 *
 * - createSecret: unless the rotation's version already has a value (a retried step), put a new value
 *   generated per ROTATION_SPEC under the rotation's token, staged AWSPENDING.
 * - setSecret: nothing (no external system holds the value).
 * - testSecret: the pending value has the spec's shape and differs from the current one.
 * - finishSecret: move AWSCURRENT to the new version (Secrets Manager gives AWSPREVIOUS to the version
 *   it left), then drop AWSPENDING from it.
 *
 * It rotates only ROTATED_SECRET_ARN, and logs steps and version ids, never a value or the rotation token.
 */
import {
    DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient, UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { conforms, nextValue, parseSpec, ROTATION_ENVIRONMENT } from "./spec";

export interface RotationEvent {
    Step: string;
    SecretId: string;
    ClientRequestToken: string;
    /** Sent by Secrets Manager to prove the request's origin; passed back on PutSecretValue, never logged. */
    RotationToken?: string;
}

const STEPS = ["createSecret", "setSecret", "testSecret", "finishSecret"] as const;
type Step = (typeof STEPS)[number];

let client: SecretsManagerClient | undefined;
const secretsManager = () => (client ??= new SecretsManagerClient({}));

function log(fields: { event: string; step?: string; versionId?: string; reason?: string }): void {
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: "info", ...fields })}\n`);
}

function isNotFound(err: unknown): boolean {
    return (err as { name?: string } | undefined)?.name === "ResourceNotFoundException";
}

async function pendingValue(secretId: string, token: string): Promise<string | undefined> {
    try {
        const out = await secretsManager().send(new GetSecretValueCommand({ SecretId: secretId, VersionId: token, VersionStage: "AWSPENDING" }));
        return out.SecretString;
    } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
    }
}

async function currentValue(secretId: string): Promise<string> {
    const out = await secretsManager().send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: "AWSCURRENT" }));
    if (typeof out.SecretString !== "string") throw new Error("the current version has no string value");
    return out.SecretString;
}

export async function handler(event: RotationEvent): Promise<void> {
    const spec = parseSpec(process.env[ROTATION_ENVIRONMENT.spec]);
    const ownSecret = process.env[ROTATION_ENVIRONMENT.secretArn];
    const { SecretId: secretId, ClientRequestToken: token } = event;
    if (!ownSecret || secretId !== ownSecret) throw new Error("this function rotates only its own secret");
    if (typeof token !== "string" || !/^[A-Za-z0-9-]{32,64}$/.test(token)) throw new Error("the rotation token is malformed");
    if (!(STEPS as readonly string[]).includes(event.Step)) throw new Error("unknown rotation step");
    const step = event.Step as Step;

    const described = await secretsManager().send(new DescribeSecretCommand({ SecretId: secretId }));
    if (!described.RotationEnabled) throw new Error("rotation is not enabled on the secret");
    const versions = described.VersionIdsToStages ?? {};
    const stages = versions[token];
    if (!stages) throw new Error("the rotation's version does not exist");
    if (stages.includes("AWSCURRENT")) {
        log({ event: "rotation_step_skipped", step, versionId: token, reason: "already current" });
        return;
    }
    if (!stages.includes("AWSPENDING")) throw new Error("the rotation's version is not staged AWSPENDING");

    switch (step) {
        case "createSecret": {
            const current = await currentValue(secretId);
            if (await pendingValue(secretId, token) !== undefined) {
                log({ event: "rotation_step_skipped", step, versionId: token, reason: "pending value exists" });
                return;
            }
            await secretsManager().send(new PutSecretValueCommand({
                SecretId: secretId,
                ClientRequestToken: token,
                SecretString: nextValue(spec, current),
                VersionStages: ["AWSPENDING"],
                ...(event.RotationToken ? { RotationToken: event.RotationToken } : {}),
            }));
            break;
        }
        case "setSecret":
            // Consumers read the value from Secrets Manager: there is no other system to update.
            break;
        case "testSecret": {
            const pending = await pendingValue(secretId, token);
            if (pending === undefined || !conforms(spec, pending)) throw new Error("the pending value does not have the generated shape");
            if (pending === await currentValue(secretId)) throw new Error("the pending value equals the current one");
            break;
        }
        case "finishSecret": {
            const current = Object.entries(versions).find(([, labels]) => labels.includes("AWSCURRENT"))?.[0];
            await secretsManager().send(new UpdateSecretVersionStageCommand({
                SecretId: secretId, VersionStage: "AWSCURRENT", MoveToVersionId: token, ...(current ? { RemoveFromVersionId: current } : {}),
            }));
            await secretsManager().send(new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: "AWSPENDING", RemoveFromVersionId: token }));
            break;
        }
    }
    log({ event: "rotation_step_done", step, versionId: token });
}
