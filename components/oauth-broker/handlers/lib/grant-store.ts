/**
 * Pending grants: what the callback obtained from the provider (the tokens, encrypted for their final
 * user and platform), held single-use for at most 5 minutes until the browser that started the login
 * redeems it. Keyed by `grant#` + a SHA-256 of the one-time result code, so the table never holds a
 * redeemable value. Redemption reads the grant to tell the caller what is wrong without consuming it,
 * then consumes it with a conditional delete: of two concurrent redemptions exactly one gets it.
 */
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { STATE_TABLE } from "../contract";
import { dynamo, isConditionFailure } from "./deps";
import { hashedKey } from "./state-store";

export interface PendingGrant {
    provider: string;
    /** The user the tokens are encrypted for (encryption context) and will be stored under. */
    userId: string;
    /** The login was started with a session: redeeming requires that user's session. */
    linked: boolean;
    /** S256 of the frontend's verifier. */
    clientChallenge: string;
    accessTokenCiphertext: string;
    refreshTokenCiphertext?: string;
    /** Epoch seconds when the access token expires. */
    tokenExpiresAt: number;
    scope?: string;
    /** Epoch seconds after which the grant is refused. */
    expiresAt: number;
}

export function grantId(result: string): string {
    return hashedKey(STATE_TABLE.prefixes.grant, result);
}

function key(result: string): Record<string, string> {
    return { [STATE_TABLE.partitionKey]: grantId(result) };
}

function fromItem(item: Record<string, unknown> | undefined): PendingGrant | undefined {
    if (!item || typeof item.accessTokenCiphertext !== "string") return undefined;
    return {
        provider: String(item.provider),
        userId: String(item.userId),
        linked: item.linked === true,
        clientChallenge: String(item.clientChallenge),
        accessTokenCiphertext: item.accessTokenCiphertext,
        refreshTokenCiphertext: typeof item.refreshTokenCiphertext === "string" ? item.refreshTokenCiphertext : undefined,
        tokenExpiresAt: Number(item.tokenExpiresAt),
        scope: typeof item.scope === "string" ? item.scope : undefined,
        expiresAt: Number(item.expiresAt),
    };
}

export async function saveGrant(table: string, result: string, grant: PendingGrant): Promise<void> {
    await dynamo().send(new PutCommand({
        TableName: table,
        Item: { ...key(result), ...grant, [STATE_TABLE.ttlAttribute]: grant.expiresAt },
        ConditionExpression: "attribute_not_exists(#pk)",
        ExpressionAttributeNames: { "#pk": STATE_TABLE.partitionKey },
    }));
}

export async function readGrant(table: string, result: string): Promise<PendingGrant | undefined> {
    const out = await dynamo().send(new GetCommand({ TableName: table, Key: key(result), ConsistentRead: true }));
    return fromItem(out.Item);
}

/**
 * Deletes the grant if it is still there with this challenge and returns it; undefined when another
 * redemption consumed it first.
 */
export async function consumeGrant(table: string, result: string, clientChallenge: string): Promise<PendingGrant | undefined> {
    try {
        const out = await dynamo().send(new DeleteCommand({
            TableName: table,
            Key: key(result),
            ConditionExpression: "attribute_exists(#pk) AND clientChallenge = :challenge",
            ExpressionAttributeNames: { "#pk": STATE_TABLE.partitionKey },
            ExpressionAttributeValues: { ":challenge": clientChallenge },
            ReturnValues: "ALL_OLD",
        }));
        return fromItem(out.Attributes);
    } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
    }
}
