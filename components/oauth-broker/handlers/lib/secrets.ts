/**
 * Secrets from Secrets Manager, cached per container for SECRET_CACHE_TTL_SECONDS so a warm function
 * does not call Secrets Manager on every request, and a rotated secret is picked up within the TTL.
 */
import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { secretsManager } from "./deps";

const cache = new Map<string, { value: string; fetchedAt: number }>();

export async function getSecretString(arn: string, ttlMs: number): Promise<string> {
    const hit = cache.get(arn);
    if (hit && Date.now() - hit.fetchedAt < ttlMs) return hit.value;
    const out = await secretsManager().send(new GetSecretValueCommand({ SecretId: arn }));
    if (typeof out.SecretString !== "string" || out.SecretString.length === 0) throw new Error("secret has no string value");
    cache.set(arn, { value: out.SecretString, fetchedAt: Date.now() });
    return out.SecretString;
}

export function clearSecretCache(): void {
    cache.clear();
}

export interface ClientCredentials {
    clientId: string;
    clientSecret: string;
}

/** A provider secret: JSON `{ "clientId": "...", "clientSecret": "..." }` (snake_case accepted too). */
export async function getClientCredentials(arn: string, ttlMs: number): Promise<ClientCredentials> {
    const text = await getSecretString(arn, ttlMs);
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new Error("provider secret is not JSON");
    }
    const record = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>;
    const clientId = record.clientId ?? record.client_id;
    const clientSecret = record.clientSecret ?? record.client_secret;
    if (typeof clientId !== "string" || !clientId || typeof clientSecret !== "string" || !clientSecret) {
        throw new Error("provider secret lacks clientId or clientSecret");
    }
    return { clientId, clientSecret };
}

/**
 * The session signing key: the secret's string (e.g. a @pulumi/random password), or the `key` field
 * when the secret is JSON. At least 32 bytes, the HS256 minimum that makes brute force hopeless.
 */
export async function getSessionKey(arn: string, ttlMs: number): Promise<Uint8Array> {
    const text = await getSecretString(arn, ttlMs);
    let key = text;
    if (text.trimStart().startsWith("{")) {
        try {
            const parsed = JSON.parse(text) as Record<string, unknown>;
            if (typeof parsed.key === "string") key = parsed.key;
        } catch {
            // not JSON: the whole string is the key
        }
    }
    const bytes = new TextEncoder().encode(key);
    if (bytes.length < 32) throw new Error("session key shorter than 32 bytes");
    return bytes;
}
