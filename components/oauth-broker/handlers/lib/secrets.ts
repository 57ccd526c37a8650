/**
 * Secrets from Secrets Manager, cached per container for SECRET_CACHE_TTL_SECONDS so a warm function
 * does not call Secrets Manager on every request, and a rotated secret is picked up within the TTL.
 * The session key is read as two versions (AWSCURRENT and AWSPREVIOUS), so a rotation does not log
 * anyone out.
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
    rings.clear();
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

/** One version of the session signing key: its Secrets Manager version id is the JWT `kid`. */
export interface SessionKeyVersion {
    kid: string;
    key: Uint8Array;
    /** When the version was created (epoch ms): for AWSCURRENT, when the last rotation began. */
    createdAtMs: number;
}

/** The versions that may verify a session: AWSCURRENT signs, AWSPREVIOUS only verifies (within the grace period). */
export interface SessionKeyRing {
    current: SessionKeyVersion;
    previous?: SessionKeyVersion;
}

const rings = new Map<string, { ring: SessionKeyRing; fetchedAt: number }>();
/** A forced re-read happens at most once a second per container, whatever kids requests carry. */
const MIN_REFETCH_INTERVAL_MS = 1000;

/**
 * A key version's bytes: the secret's string (e.g. a generated password), or the `key` field when the
 * secret is JSON. At least 32 bytes, the HS256 minimum that makes brute force hopeless.
 */
function keyBytes(text: string): Uint8Array {
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

async function keyVersion(arn: string, stage: "AWSCURRENT" | "AWSPREVIOUS"): Promise<SessionKeyVersion | undefined> {
    let out;
    try {
        out = await secretsManager().send(new GetSecretValueCommand({ SecretId: arn, VersionStage: stage }));
    } catch (err) {
        // A secret that was never rotated has no AWSPREVIOUS.
        if (stage === "AWSPREVIOUS" && (err as { name?: string }).name === "ResourceNotFoundException") return undefined;
        throw err;
    }
    if (typeof out.SecretString !== "string" || out.SecretString.length === 0 || typeof out.VersionId !== "string") {
        if (stage === "AWSPREVIOUS") return undefined;
        throw new Error("session key secret has no current string value");
    }
    let key: Uint8Array;
    try {
        key = keyBytes(out.SecretString);
    } catch (err) {
        if (stage === "AWSPREVIOUS") return undefined; // a bad old value never blocks signing with the current one
        throw err;
    }
    return { kid: out.VersionId, key, createdAtMs: out.CreatedDate ? new Date(out.CreatedDate).getTime() : 0 };
}

/**
 * The session key ring, cached per container for `ttlMs`. `refetch` bypasses the cache: a session
 * whose `kid` this container does not know yet was signed by a container that saw a newer rotation.
 */
export async function getSessionKeyRing(arn: string, ttlMs: number, refetch = false): Promise<{ ring: SessionKeyRing; fetchedAt: number }> {
    const hit = rings.get(arn);
    const age = hit ? Date.now() - hit.fetchedAt : Infinity;
    if (hit && (refetch ? age < MIN_REFETCH_INTERVAL_MS : age < ttlMs)) return hit;
    const [current, previous] = await Promise.all([keyVersion(arn, "AWSCURRENT"), keyVersion(arn, "AWSPREVIOUS")]);
    const entry = { ring: { current: current as SessionKeyVersion, previous }, fetchedAt: Date.now() };
    rings.set(arn, entry);
    return entry;
}
