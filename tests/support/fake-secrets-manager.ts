/**
 * An in-memory Secrets Manager behind `aws-sdk-client-mock`: secrets with versions and staging labels
 * as the service keeps them (a label is on at most one version; moving AWSCURRENT moves AWSPREVIOUS
 * to the version it left; a ClientRequestToken makes PutSecretValue idempotent). Enough for the
 * rotation function's four steps and for readers of AWSCURRENT / AWSPREVIOUS.
 */
import {
    DescribeSecretCommand, GetSecretValueCommand, InvalidParameterException, InvalidRequestException, PutSecretValueCommand,
    ResourceExistsException, ResourceNotFoundException, SecretsManagerClient, UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { randomUUID } from "crypto";

interface Version {
    /** Undefined for the version RotateSecret stages AWSPENDING before createSecret puts its value. */
    value: string | undefined;
    stages: Set<string>;
    createdAt: Date;
}

interface StoredSecret {
    versions: Map<string, Version>;
    rotationEnabled: boolean;
}

export interface SecretsCall {
    command: string;
    input: Record<string, unknown>;
}

const notFound = (what: string) => new ResourceNotFoundException({ message: `fake Secrets Manager: ${what}`, $metadata: {} });

export class SecretsStore {
    private readonly secrets = new Map<string, StoredSecret>();
    readonly calls: SecretsCall[] = [];

    /** Creates (or adds to) a secret: a version holding `value`, AWSCURRENT unless other stages are given. */
    put(arn: string, value: string, options: { versionId?: string; stages?: string[]; createdAt?: Date; rotationEnabled?: boolean } = {}): string {
        let secret = this.secrets.get(arn);
        if (!secret) {
            secret = { versions: new Map(), rotationEnabled: options.rotationEnabled ?? false };
            this.secrets.set(arn, secret);
        }
        if (options.rotationEnabled !== undefined) secret.rotationEnabled = options.rotationEnabled;
        const versionId = options.versionId ?? randomUUID();
        secret.versions.set(versionId, { value, stages: new Set(), createdAt: options.createdAt ?? new Date() });
        for (const stage of options.stages ?? ["AWSCURRENT"]) this.moveStage(secret, stage, versionId);
        return versionId;
    }

    /** What RotateSecret does before invoking createSecret: a version with no value yet, staged AWSPENDING. */
    startRotation(arn: string, token: string = randomUUID()): string {
        const secret = this.secret(arn);
        secret.rotationEnabled = true;
        secret.versions.set(token, { value: undefined, stages: new Set(), createdAt: new Date() });
        this.moveStage(secret, "AWSPENDING", token);
        return token;
    }

    /** Version id → staging labels, as DescribeSecret's VersionIdsToStages. */
    stages(arn: string): Record<string, string[]> {
        const secret = this.secret(arn);
        return Object.fromEntries([...secret.versions].map(([id, v]) => [id, [...v.stages].sort()]));
    }

    /** The version holding a label, if any. */
    versionWith(arn: string, stage: string): { versionId: string; value: string | undefined; createdAt: Date } | undefined {
        for (const [versionId, v] of this.secret(arn).versions) if (v.stages.has(stage)) return { versionId, value: v.value, createdAt: v.createdAt };
        return undefined;
    }

    setCreatedAt(arn: string, versionId: string, createdAt: Date): void {
        const version = this.secret(arn).versions.get(versionId);
        if (!version) throw notFound("no such version");
        version.createdAt = createdAt;
    }

    private secret(arn: string): StoredSecret {
        const secret = this.secrets.get(arn);
        if (!secret) throw notFound("no such secret");
        return secret;
    }

    /** Attaches a label to one version; moving AWSCURRENT gives AWSPREVIOUS to the version it left. */
    private moveStage(secret: StoredSecret, stage: string, to: string): void {
        let from: string | undefined;
        for (const [id, v] of secret.versions) if (v.stages.has(stage) && id !== to) { v.stages.delete(stage); from = id; }
        secret.versions.get(to)!.stages.add(stage);
        if (stage === "AWSCURRENT" && from !== undefined) this.moveStage(secret, "AWSPREVIOUS", from);
    }

    getSecretValue(input: { SecretId: string; VersionId?: string; VersionStage?: string }): Record<string, unknown> {
        const secret = this.secret(input.SecretId);
        let entry: [string, Version] | undefined;
        if (input.VersionId !== undefined) {
            const v = secret.versions.get(input.VersionId);
            if (v && (input.VersionStage === undefined || v.stages.has(input.VersionStage))) entry = [input.VersionId, v];
        } else {
            const stage = input.VersionStage ?? "AWSCURRENT";
            entry = [...secret.versions].find(([, v]) => v.stages.has(stage));
        }
        if (!entry || entry[1].value === undefined) throw notFound(`no value for ${input.VersionId ?? ""} ${input.VersionStage ?? ""}`.trim());
        const [versionId, v] = entry;
        return { ARN: input.SecretId, VersionId: versionId, SecretString: v.value, VersionStages: [...v.stages], CreatedDate: v.createdAt };
    }

    describeSecret(input: { SecretId: string }): Record<string, unknown> {
        const secret = this.secret(input.SecretId);
        return { ARN: input.SecretId, RotationEnabled: secret.rotationEnabled, VersionIdsToStages: this.stages(input.SecretId) };
    }

    putSecretValue(input: { SecretId: string; ClientRequestToken?: string; SecretString?: string; VersionStages?: string[] }): Record<string, unknown> {
        const secret = this.secret(input.SecretId);
        const versionId = input.ClientRequestToken ?? randomUUID();
        const existing = secret.versions.get(versionId);
        if (existing && existing.value === undefined && typeof input.SecretString === "string") {
            existing.value = input.SecretString;
            for (const stage of input.VersionStages ?? ["AWSCURRENT"]) this.moveStage(secret, stage, versionId);
            return { ARN: input.SecretId, VersionId: versionId, VersionStages: [...existing.stages] };
        }
        if (existing) {
            // Idempotent for the same value; a different value under the same token is refused.
            if (existing.value !== input.SecretString) throw new ResourceExistsException({ message: "fake Secrets Manager: version exists with another value", $metadata: {} });
            return { ARN: input.SecretId, VersionId: versionId, VersionStages: [...existing.stages] };
        }
        if (typeof input.SecretString !== "string") throw new InvalidRequestException({ message: "fake Secrets Manager: SecretString required", $metadata: {} });
        secret.versions.set(versionId, { value: input.SecretString, stages: new Set(), createdAt: new Date() });
        for (const stage of input.VersionStages ?? ["AWSCURRENT"]) this.moveStage(secret, stage, versionId);
        return { ARN: input.SecretId, VersionId: versionId, VersionStages: [...secret.versions.get(versionId)!.stages] };
    }

    updateSecretVersionStage(input: { SecretId: string; VersionStage: string; MoveToVersionId?: string; RemoveFromVersionId?: string }): Record<string, unknown> {
        const secret = this.secret(input.SecretId);
        const holder = [...secret.versions].find(([, v]) => v.stages.has(input.VersionStage))?.[0];
        // Like the service: moving a label that another version holds requires naming that version.
        if (holder !== undefined && holder !== input.MoveToVersionId && holder !== input.RemoveFromVersionId) {
            throw new InvalidParameterException({ message: "fake Secrets Manager: the label is attached to another version than RemoveFromVersionId", $metadata: {} });
        }
        if (input.MoveToVersionId === undefined) {
            if (input.RemoveFromVersionId !== undefined) secret.versions.get(input.RemoveFromVersionId)?.stages.delete(input.VersionStage);
        } else {
            if (!secret.versions.has(input.MoveToVersionId)) throw notFound("no such version");
            this.moveStage(secret, input.VersionStage, input.MoveToVersionId);
        }
        return { ARN: input.SecretId, Name: input.SecretId };
    }
}

/** Routes every SecretsManagerClient in the process to the store until `restore()`. */
export function mockSecretsManager(store: SecretsStore): { restore(): void } {
    const mock = mockClient(SecretsManagerClient);
    const record = <I extends object, O>(command: string, fn: (input: I) => O) => (input: I): O => {
        store.calls.push({ command, input: { ...input } as Record<string, unknown> });
        return fn(input);
    };
    mock.on(GetSecretValueCommand).callsFake(record("GetSecretValue", (i: { SecretId: string }) => store.getSecretValue(i)));
    mock.on(DescribeSecretCommand).callsFake(record("DescribeSecret", (i: { SecretId: string }) => store.describeSecret(i)));
    mock.on(PutSecretValueCommand).callsFake(record("PutSecretValue", (i: { SecretId: string }) => store.putSecretValue(i)));
    mock.on(UpdateSecretVersionStageCommand).callsFake(record("UpdateSecretVersionStage", (i: { SecretId: string; VersionStage: string }) => store.updateSecretVersionStage(i)));
    return { restore: () => mock.restore() };
}
