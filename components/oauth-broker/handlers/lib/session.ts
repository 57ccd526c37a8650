/**
 * Session JWTs: HS256 only, at most 15 minutes each, with issuer, audience, a unique id, the first
 * login's time (`auth_time`) and the signing key's version (`kid`). Verification pins the algorithm
 * (so `alg: none`, HS512 or an RS/ES confusion attempt fail), requires every claim the broker issues,
 * refuses tokens whose lifetime exceeds the maximum, whoever signed them, and accepts the previous key
 * version only during the grace period after a rotation. Renewal keeps `auth_time`, so a chain of
 * sessions ends at the absolute lifetime.
 */
import { randomUUID } from "crypto";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { BrokerConfig, MAX_SESSION_TTL_SECONDS } from "./config";
import { HttpError } from "./errors";
import { getSessionKeyRing, SessionKeyRing } from "./secrets";

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
export const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Secrets Manager version ids are UUIDs; anything else is not a kid this broker issued. */
const KID = /^[A-Za-z0-9-]{1,64}$/;
const CLOCK_TOLERANCE_SECONDS = 5;

/** A verified session: whose it is and when that user first logged in (epoch seconds). */
export interface Session {
    userId: string;
    authTime: number;
}

function invalid(): HttpError {
    return new HttpError(401, "invalid_session", "a valid session token is required", { "WWW-Authenticate": 'Bearer error="invalid_token"' });
}

/**
 * A new session for the user, signed with the current key. It expires after the session TTL, or at
 * the end of the absolute lifetime counted from `authTime`, whichever comes first.
 */
export async function issueSession(config: BrokerConfig, userId: string, authTime: number): Promise<{ token: string; expiresAt: number }> {
    const { ring } = await getSessionKeyRing(config.sessionKeySecretArn, config.secretCacheTtlMs);
    const iat = Math.floor(Date.now() / 1000);
    const exp = Math.min(iat + Math.min(config.sessionTtlSeconds, MAX_SESSION_TTL_SECONDS), authTime + config.sessionMaxLifetimeSeconds);
    if (exp <= iat) throw invalid(); // the chain reached its absolute lifetime: log in again
    const token = await new SignJWT({ auth_time: authTime })
        .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: ring.current.kid })
        .setSubject(userId)
        .setIssuer(config.jwtIssuer)
        .setAudience(config.jwtAudience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .setJti(randomUUID())
        .sign(ring.current.key);
    return { token, expiresAt: exp };
}

/** The bearer token of an Authorization header, or undefined when there is no header. */
export function bearerToken(authorization: string | undefined): string | undefined {
    if (authorization === undefined) return undefined;
    if (authorization.length > 4096) throw invalid();
    const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
    if (!match || !COMPACT_JWS.test(match[1])) throw invalid();
    return match[1];
}

/** The key that verifies `kid` now: the current one, or the previous one until the grace period after the rotation ends. */
function keyFor(ring: SessionKeyRing, kid: string, nowMs: number, graceSeconds: number): Uint8Array | undefined {
    if (kid === ring.current.kid) return ring.current.key;
    if (ring.previous && kid === ring.previous.kid && nowMs < ring.current.createdAtMs + graceSeconds * 1000) return ring.previous.key;
    return undefined;
}

/** Verifies a session token and returns whose it is; any failure is 401 `invalid_session`. */
export async function verifySession(config: BrokerConfig, token: string): Promise<Session> {
    let kid: unknown;
    try {
        kid = decodeProtectedHeader(token).kid;
    } catch {
        throw invalid();
    }
    if (typeof kid !== "string" || !KID.test(kid)) throw invalid();

    let { ring } = await getSessionKeyRing(config.sessionKeySecretArn, config.secretCacheTtlMs);
    if (kid !== ring.current.kid && kid !== ring.previous?.kid) {
        // Signed after a rotation this container has not seen yet (or forged): look again, at most once a second.
        ({ ring } = await getSessionKeyRing(config.sessionKeySecretArn, config.secretCacheTtlMs, true));
    }
    const key = keyFor(ring, kid, Date.now(), config.sessionKeyGraceSeconds);
    if (!key) throw invalid();

    try {
        const { payload } = await jwtVerify(token, key, {
            algorithms: ["HS256"],
            issuer: config.jwtIssuer,
            audience: config.jwtAudience,
            requiredClaims: ["sub", "iat", "exp", "jti", "auth_time"],
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        const iat = payload.iat as number;
        const exp = payload.exp as number;
        const authTime = payload.auth_time;
        if (typeof payload.sub !== "string" || !USER_ID.test(payload.sub)) throw invalid();
        if (exp - iat > MAX_SESSION_TTL_SECONDS) throw invalid();
        if (iat > Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS) throw invalid();
        if (typeof authTime !== "number" || !Number.isInteger(authTime) || authTime > iat + CLOCK_TOLERANCE_SECONDS) throw invalid();
        if (exp > authTime + config.sessionMaxLifetimeSeconds) throw invalid();
        return { userId: payload.sub, authTime };
    } catch {
        throw invalid();
    }
}

/** The session a request must carry (`Authorization: Bearer`): 401 without one. */
export async function requireSession(config: BrokerConfig, authorization: string | undefined): Promise<Session> {
    const token = bearerToken(authorization);
    if (token === undefined) throw new HttpError(401, "invalid_session", "a valid session token is required", { "WWW-Authenticate": "Bearer" });
    return verifySession(config, token);
}

/** The session a request may carry: undefined without an Authorization header, 401 when one is sent but invalid. */
export async function optionalSession(config: BrokerConfig, authorization: string | undefined): Promise<Session | undefined> {
    const token = bearerToken(authorization);
    return token === undefined ? undefined : verifySession(config, token);
}
