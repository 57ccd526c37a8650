/**
 * Structured JSON logs, one line per event. The fields are an allowlist of types: there is no free
 * text field that could carry a token, code, verifier, state or secret, and error messages are never
 * logged (Node's JSON.parse message quotes its input, AWS and fetch errors can quote URLs), only their
 * names. User ids are logged as a truncated SHA-256 so log readers can correlate without the id.
 */
import { createHash } from "crypto";

export type LogLevel = "info" | "warn" | "error";

export interface LogFields {
    event: string;
    route?: string;
    requestId?: string;
    provider?: string;
    userHash?: string;
    status?: number;
    errorCode?: string;
    errorName?: string;
    /** A fixed reason written in this code base, never input. */
    reason?: string;
    durationMs?: number;
    rotated?: boolean;
    newUser?: boolean;
    /** The login was started with a session (a platform linked to an existing user). */
    linked?: boolean;
    /** A refresh answered with the tokens a concurrent refresh stored. */
    concurrent?: boolean;
    /** Whether the provider confirmed a revocation. */
    revoked?: boolean;
}

const ALLOWED_KEYS: ReadonlySet<string> = new Set([
    "event", "route", "requestId", "provider", "userHash", "status", "errorCode", "errorName", "reason", "durationMs", "rotated", "newUser", "linked", "concurrent", "revoked",
]);

export function hashUserId(userId: string): string {
    return createHash("sha256").update(`multimusic-user:${userId}`).digest("hex").slice(0, 16);
}

export class Logger {
    constructor(private readonly base: Partial<LogFields> = {}) {}

    child(fields: Partial<LogFields>): Logger {
        return new Logger({ ...this.base, ...fields });
    }

    info(fields: LogFields): void { this.write("info", fields); }
    warn(fields: LogFields): void { this.write("warn", fields); }
    error(fields: LogFields): void { this.write("error", fields); }

    private write(level: LogLevel, fields: LogFields): void {
        const entry: Record<string, unknown> = { time: new Date().toISOString(), level };
        for (const [key, value] of Object.entries({ ...this.base, ...fields })) {
            // Types stop most mistakes; this stops the rest (e.g. an object spread into fields).
            if (!ALLOWED_KEYS.has(key) || value === undefined) continue;
            if (typeof value === "string") entry[key] = value.slice(0, 256);
            else if (typeof value === "number" || typeof value === "boolean") entry[key] = value;
        }
        process.stdout.write(`${JSON.stringify(entry)}\n`);
    }
}
