/**
 * Single-use OAuth state. The item is keyed by a SHA-256 of the state, so the table never holds a
 * usable state value; it expires after 10 minutes (DynamoDB TTL deletes lazily, so `expiresAt` is
 * also checked in code) and is consumed by a conditional delete, so of two concurrent callbacks with
 * the same state exactly one gets the item.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createHash } from "crypto";
import { STATE_TABLE } from "../contract";
import { dynamo } from "./deps";

export interface PendingLogin {
    provider: string;
    userId: string;
    codeVerifier: string;
    /** Epoch seconds after which the state is refused. */
    expiresAt: number;
}

export function stateId(state: string): string {
    return createHash("sha256").update(state).digest("base64url");
}

export async function saveState(table: string, state: string, login: PendingLogin): Promise<void> {
    await dynamo().send(new PutCommand({
        TableName: table,
        Item: {
            [STATE_TABLE.partitionKey]: stateId(state),
            provider: login.provider,
            userId: login.userId,
            codeVerifier: login.codeVerifier,
            expiresAt: login.expiresAt,
            [STATE_TABLE.ttlAttribute]: login.expiresAt,
        },
        ConditionExpression: "attribute_not_exists(#pk)",
        ExpressionAttributeNames: { "#pk": STATE_TABLE.partitionKey },
    }));
}

/** Deletes the state and returns what it held, or undefined when there was none (forged or already used). */
export async function consumeState(table: string, state: string): Promise<PendingLogin | undefined> {
    try {
        const out = await dynamo().send(new DeleteCommand({
            TableName: table,
            Key: { [STATE_TABLE.partitionKey]: stateId(state) },
            ConditionExpression: "attribute_exists(#pk)",
            ExpressionAttributeNames: { "#pk": STATE_TABLE.partitionKey },
            ReturnValues: "ALL_OLD",
        }));
        const item = out.Attributes;
        if (!item) return undefined;
        return {
            provider: String(item.provider),
            userId: String(item.userId),
            codeVerifier: String(item.codeVerifier),
            expiresAt: Number(item.expiresAt),
        };
    } catch (err) {
        if (err instanceof ConditionalCheckFailedException || (err as { name?: string }).name === "ConditionalCheckFailedException") return undefined;
        throw err;
    }
}
