/**
 * Provider tokens at rest: each token is encrypted with KMS under the encryption context
 * { userId, platform } before it reaches DynamoDB, so a ciphertext copied to another user's item or
 * platform does not decrypt, and CloudTrail shows whose token each KMS call was for.
 *
 * Concurrency: every write of new tokens increments `version`. A refresh first claims the item with a
 * short lease (a write conditioned on the version it read and on no live lease), calls the provider
 * once, and stores the result conditioned on that version and its lease. A concurrent refresh that
 * loses the claim waits for the version to move and answers the winner's tokens, so a provider that
 * rotates refresh tokens never sees the same refresh token twice.
 */
import { DecryptCommand, EncryptCommand } from "@aws-sdk/client-kms";
import { DeleteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { TOKEN_TABLE } from "../contract";
import { dynamo, isConditionFailure, kms } from "./deps";

export interface TokenFields {
    accessTokenCiphertext: string;
    /** Absent when the provider issued no refresh token. */
    refreshTokenCiphertext?: string;
    /** Epoch seconds when the access token expires. */
    expiresAt: number;
    scope?: string;
}

export interface StoredTokens extends TokenFields {
    userId: string;
    provider: string;
    createdAt: number;
    updatedAt: number;
    /** Incremented by every write of new tokens. */
    version: number;
    /** A refresh in flight: until when (epoch ms) its claim holds. */
    leaseUntilMs?: number;
}

export function sortKey(provider: string): string {
    return `platform#${provider}`;
}

function itemKey(userId: string, provider: string): Record<string, string> {
    return { [TOKEN_TABLE.partitionKey]: userId, [TOKEN_TABLE.sortKey]: sortKey(provider) };
}

function encryptionContext(userId: string, provider: string): Record<string, string> {
    return { userId, platform: provider };
}

export async function encryptToken(keyId: string, userId: string, provider: string, token: string): Promise<string> {
    const out = await kms().send(new EncryptCommand({
        KeyId: keyId,
        Plaintext: new TextEncoder().encode(token),
        EncryptionContext: encryptionContext(userId, provider),
    }));
    if (!out.CiphertextBlob) throw new Error("KMS returned no ciphertext");
    return Buffer.from(out.CiphertextBlob).toString("base64");
}

export async function decryptToken(keyId: string, userId: string, provider: string, ciphertext: string): Promise<string> {
    const out = await kms().send(new DecryptCommand({
        // Naming the key makes KMS refuse a ciphertext made under any other key.
        KeyId: keyId,
        CiphertextBlob: Buffer.from(ciphertext, "base64"),
        EncryptionContext: encryptionContext(userId, provider),
    }));
    if (!out.Plaintext) throw new Error("KMS returned no plaintext");
    return new TextDecoder().decode(out.Plaintext);
}

function fromItem(userId: string, provider: string, item: Record<string, unknown> | undefined): StoredTokens | undefined {
    if (!item || typeof item.accessTokenCiphertext !== "string") return undefined;
    return {
        userId,
        provider,
        accessTokenCiphertext: item.accessTokenCiphertext,
        refreshTokenCiphertext: typeof item.refreshTokenCiphertext === "string" ? item.refreshTokenCiphertext : undefined,
        expiresAt: Number(item.expiresAt),
        scope: typeof item.scope === "string" ? item.scope : undefined,
        createdAt: Number(item.createdAt),
        updatedAt: Number(item.updatedAt),
        version: typeof item.version === "number" ? item.version : 0,
        leaseUntilMs: typeof item.leaseUntilMs === "number" ? item.leaseUntilMs : undefined,
    };
}

/** An update that sets the given attributes and removes the listed ones (names always aliased: `ttl` and others are reserved words). */
function updateExpression(set: Record<string, unknown>, remove: string[], extraSet: string[] = []): {
    UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown>;
} {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(set).map(([name, value], i) => {
        names[`#s${i}`] = name;
        values[`:s${i}`] = value;
        return `#s${i} = :s${i}`;
    });
    const removes = remove.map((name, i) => {
        names[`#r${i}`] = name;
        return `#r${i}`;
    });
    return {
        UpdateExpression: [`SET ${[...sets, ...extraSet].join(", ")}`, removes.length > 0 ? `REMOVE ${removes.join(", ")}` : ""].filter(Boolean).join(" "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
    };
}

/** The token fields to set, and the optional ones to remove because the new tokens lack them. */
function tokenChanges(tokens: TokenFields, now: number, retentionDays: number): { set: Record<string, unknown>; remove: string[] } {
    const set: Record<string, unknown> = {
        accessTokenCiphertext: tokens.accessTokenCiphertext,
        expiresAt: tokens.expiresAt,
        updatedAt: now,
        // A connection unused for the retention period is forgotten; every refresh extends it.
        [TOKEN_TABLE.ttlAttribute]: now + retentionDays * 86400,
    };
    const remove = ["leaseId", "leaseUntilMs"];
    if (tokens.refreshTokenCiphertext !== undefined) set.refreshTokenCiphertext = tokens.refreshTokenCiphertext;
    else remove.push("refreshTokenCiphertext");
    if (tokens.scope !== undefined) set.scope = tokens.scope;
    else remove.push("scope");
    return { set, remove };
}

/**
 * Stores a (new or renewed) connection: the tokens of a redeemed grant replace whatever the user had
 * for this platform. The version still moves forward, so a refresh in flight on the old tokens loses.
 */
export async function storeConnection(table: string, userId: string, provider: string, tokens: TokenFields, retentionDays: number): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    const { set, remove } = tokenChanges(tokens, now, retentionDays);
    const expr = updateExpression({ ...set, provider, createdAt: now }, remove, ["#version = if_not_exists(#version, :zero) + :one"]);
    await dynamo().send(new UpdateCommand({
        TableName: table,
        Key: itemKey(userId, provider),
        ...expr,
        ExpressionAttributeNames: { ...expr.ExpressionAttributeNames, "#version": "version" },
        ExpressionAttributeValues: { ...expr.ExpressionAttributeValues, ":zero": 0, ":one": 1 },
    }));
}

export async function getTokens(table: string, userId: string, provider: string): Promise<StoredTokens | undefined> {
    const out = await dynamo().send(new GetCommand({ TableName: table, Key: itemKey(userId, provider), ConsistentRead: true }));
    return fromItem(userId, provider, out.Item);
}

/** The condition "the item is still at the version read"; items written before versions existed have none. */
function atVersion(version: number): string {
    return version === 0 ? "attribute_not_exists(#version)" : "#version = :version";
}

/** Claims the item for one refresh: true when this caller holds the lease on `version` until `untilMs`. */
export async function claimRefresh(table: string, stored: StoredTokens, leaseId: string, untilMs: number): Promise<boolean> {
    try {
        await dynamo().send(new UpdateCommand({
            TableName: table,
            Key: itemKey(stored.userId, stored.provider),
            UpdateExpression: "SET #leaseId = :lease, #leaseUntil = :until",
            ConditionExpression: `${atVersion(stored.version)} AND (attribute_not_exists(#leaseUntil) OR #leaseUntil < :now)`,
            ExpressionAttributeNames: { "#leaseId": "leaseId", "#leaseUntil": "leaseUntilMs", "#version": "version" },
            ExpressionAttributeValues: { ":lease": leaseId, ":until": untilMs, ":now": Date.now(), ...(stored.version === 0 ? {} : { ":version": stored.version }) },
        }));
        return true;
    } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
    }
}

/**
 * Stores refreshed tokens under the claim: false when the claim is no longer this caller's (the
 * connection was removed or replaced, or the lease ran out and another refresh took over).
 */
export async function storeRefreshed(table: string, stored: StoredTokens, leaseId: string, tokens: TokenFields, retentionDays: number): Promise<boolean> {
    const now = Math.floor(Date.now() / 1000);
    const { set, remove } = tokenChanges(tokens, now, retentionDays);
    const expr = updateExpression({ ...set, version: stored.version + 1 }, remove);
    try {
        await dynamo().send(new UpdateCommand({
            TableName: table,
            Key: itemKey(stored.userId, stored.provider),
            ...expr,
            ConditionExpression: `${atVersion(stored.version)} AND #cLease = :cLease`,
            ExpressionAttributeNames: { ...expr.ExpressionAttributeNames, "#version": "version", "#cLease": "leaseId" },
            ExpressionAttributeValues: { ...expr.ExpressionAttributeValues, ":cLease": leaseId, ...(stored.version === 0 ? {} : { ":version": stored.version }) },
        }));
        return true;
    } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
    }
}

/** Gives a claim up after a failed refresh, so the next caller can try at once. */
export async function releaseRefresh(table: string, stored: StoredTokens, leaseId: string): Promise<void> {
    try {
        await dynamo().send(new UpdateCommand({
            TableName: table,
            Key: itemKey(stored.userId, stored.provider),
            UpdateExpression: "REMOVE #leaseId, #leaseUntil",
            ConditionExpression: "#leaseId = :lease",
            ExpressionAttributeNames: { "#leaseId": "leaseId", "#leaseUntil": "leaseUntilMs" },
            ExpressionAttributeValues: { ":lease": leaseId },
        }));
    } catch (err) {
        if (!isConditionFailure(err)) throw err;
    }
}

/** Deletes the connection and returns what it held, or undefined when there was none. */
export async function deleteTokens(table: string, userId: string, provider: string): Promise<StoredTokens | undefined> {
    try {
        const out = await dynamo().send(new DeleteCommand({
            TableName: table,
            Key: itemKey(userId, provider),
            ConditionExpression: "attribute_exists(#pk)",
            ExpressionAttributeNames: { "#pk": TOKEN_TABLE.partitionKey },
            ReturnValues: "ALL_OLD",
        }));
        return fromItem(userId, provider, out.Attributes);
    } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
    }
}
