/**
 * Session JWTs: HS256 only, at most 15 minutes, with issuer, audience and a unique id. Verification
 * pins the algorithm (so `alg: none`, HS512 or an RS/ES confusion attempt fail), requires every claim
 * the broker issues and refuses tokens whose lifetime exceeds the maximum, whoever signed them.
 */
import { randomUUID } from "crypto";
import { jwtVerify, SignJWT } from "jose";
import { BrokerConfig, MAX_SESSION_TTL_SECONDS } from "./config";
import { HttpError } from "./errors";
import { getSessionKey } from "./secrets";

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
export const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function issueSession(config: BrokerConfig, userId: string): Promise<{ token: string; expiresAt: number }> {
    const key = await getSessionKey(config.sessionKeySecretArn, config.secretCacheTtlMs);
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + Math.min(config.sessionTtlSeconds, MAX_SESSION_TTL_SECONDS);
    const token = await new SignJWT({})
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(userId)
        .setIssuer(config.jwtIssuer)
        .setAudience(config.jwtAudience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .setJti(randomUUID())
        .sign(key);
    return { token, expiresAt: exp };
}

function invalid(): HttpError {
    return new HttpError(401, "invalid_session", "a valid session token is required", { "WWW-Authenticate": 'Bearer error="invalid_token"' });
}

/** The bearer token of an Authorization header, or undefined when there is no header. */
export function bearerToken(authorization: string | undefined): string | undefined {
    if (authorization === undefined) return undefined;
    if (authorization.length > 4096) throw invalid();
    const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
    if (!match || !COMPACT_JWS.test(match[1])) throw invalid();
    return match[1];
}

/** Verifies a session token and returns its user id; any failure is 401 `invalid_session`. */
export async function verifySession(config: BrokerConfig, token: string): Promise<string> {
    const key = await getSessionKey(config.sessionKeySecretArn, config.secretCacheTtlMs);
    try {
        const { payload } = await jwtVerify(token, key, {
            algorithms: ["HS256"],
            issuer: config.jwtIssuer,
            audience: config.jwtAudience,
            requiredClaims: ["sub", "iat", "exp", "jti"],
            clockTolerance: 5,
        });
        if (typeof payload.sub !== "string" || !USER_ID.test(payload.sub)) throw invalid();
        if ((payload.exp as number) - (payload.iat as number) > MAX_SESSION_TTL_SECONDS) throw invalid();
        if ((payload.iat as number) > Math.floor(Date.now() / 1000) + 5) throw invalid();
        return payload.sub;
    } catch {
        throw invalid();
    }
}
