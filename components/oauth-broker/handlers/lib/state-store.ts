/**
 * Single-use OAuth state. The item is keyed by `state#` + a SHA-256 of the state, so the table never
 * holds a usable state value; it expires after 10 minutes (DynamoDB TTL deletes lazily, so `expiresAt`
 * is also checked in code) and is consumed by a conditional delete, so of two concurrent callbacks
 * with the same state exactly one gets the item. It carries the frontend's PKCE challenge through to
 * the pending grant.
 */
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createHash } from "crypto";
import { STATE_TABLE } from "../contract";
import { dynamo, isConditionFailure } from "./deps";

export interface PendingLogin {
    provider: string;
    /** The user the tokens will belong to: the session's when `linked`, a new one otherwise. */
    userId: string;
    /** The login was started with a session. */
    linked: boolean;
    /** The broker's PKCE verifier for the provider. */
    codeVerifier: string;
    /** S256 of the verifier the frontend keeps; the session route requires it. */
    clientChallenge: string;
    /** Epoch seconds after which the state is refused. */
    expiresAt: number;
}

/** The table key of a single-use value: its kind's prefix and a SHA-256, never the value itself. */
export function hashedKey(prefix: string, value: string): string {
    return `${prefix}${createHash("sha256").update(value).digest("base64url")}`;
}

export function stateId(state: string): string {
    return hashedKey(STATE_TABLE.prefixes.state, state);
}

export async function saveState(table: string, state: string, login: PendingLogin): Promise<void> {
    await dynamo().send(new PutCommand({
        TableName: table,
        Item: {
            [STATE_TABLE.partitionKey]: stateId(state),
            provider: login.provider,
            userId: login.userId,
            linked: login.linked,
            codeVerifier: login.codeVerifier,
            clientChallenge: login.clientChallenge,
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
            linked: item.linked === true,
            codeVerifier: String(item.codeVerifier),
            clientChallenge: String(item.clientChallenge),
            expiresAt: Number(item.expiresAt),
        };
    } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
    }
}
