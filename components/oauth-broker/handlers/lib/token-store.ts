/**
 * Provider tokens at rest: each token is encrypted with KMS under the encryption context
 * { userId, platform } before it reaches DynamoDB, so a ciphertext copied to another user's item or
 * platform does not decrypt, and CloudTrail shows whose token each KMS call was for.
 */
import { DecryptCommand, EncryptCommand } from "@aws-sdk/client-kms";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { TOKEN_TABLE } from "../contract";
import { dynamo, kms } from "./deps";

export interface StoredTokens {
    userId: string;
    provider: string;
    accessTokenCiphertext: string;
    refreshTokenCiphertext?: string;
    /** Epoch seconds when the access token expires. */
    expiresAt: number;
    scope?: string;
    createdAt: number;
    updatedAt: number;
}

export function sortKey(provider: string): string {
    return `platform#${provider}`;
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

export async function putTokens(table: string, tokens: StoredTokens, retentionDays: number, mustExist = false): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    await dynamo().send(new PutCommand({
        TableName: table,
        Item: {
            [TOKEN_TABLE.partitionKey]: tokens.userId,
            [TOKEN_TABLE.sortKey]: sortKey(tokens.provider),
            provider: tokens.provider,
            accessTokenCiphertext: tokens.accessTokenCiphertext,
            refreshTokenCiphertext: tokens.refreshTokenCiphertext,
            expiresAt: tokens.expiresAt,
            scope: tokens.scope,
            createdAt: tokens.createdAt,
            updatedAt: tokens.updatedAt,
            // A connection unused for the retention period is forgotten; every refresh extends it.
            [TOKEN_TABLE.ttlAttribute]: now + retentionDays * 86400,
        },
        ...(mustExist ? {
            ConditionExpression: "attribute_exists(#pk)",
            ExpressionAttributeNames: { "#pk": TOKEN_TABLE.partitionKey },
        } : {}),
    }));
}

export async function getTokens(table: string, userId: string, provider: string): Promise<StoredTokens | undefined> {
    const out = await dynamo().send(new GetCommand({
        TableName: table,
        Key: { [TOKEN_TABLE.partitionKey]: userId, [TOKEN_TABLE.sortKey]: sortKey(provider) },
        ConsistentRead: true,
    }));
    const item = out.Item;
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
    };
}
