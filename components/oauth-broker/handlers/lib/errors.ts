/**
 * Errors a caller can act on. Each carries an HTTP status and a stable code (documented in the
 * component README); the message is fixed text written here, never input or provider output.
 */

export type ErrorCode =
    | "unknown_provider"
    | "method_not_allowed"
    | "missing_parameter"
    | "invalid_parameter"
    | "invalid_request"
    | "redirect_not_allowed"
    | "invalid_state"
    | "expired_state"
    | "invalid_result"
    | "expired_result"
    | "invalid_verifier"
    | "session_required"
    | "session_mismatch"
    | "authorization_denied"
    | "provider_error"
    | "provider_unavailable"
    | "provider_rejected_client"
    | "refresh_in_progress"
    | "invalid_session"
    | "not_connected"
    | "not_refreshable"
    | "configuration_error"
    | "internal_error";

export class HttpError extends Error {
    constructor(
        readonly status: number,
        readonly code: ErrorCode,
        message: string,
        readonly headers: Record<string, string> = {},
    ) {
        super(message);
        this.name = "HttpError";
    }
}

/** The deployment's environment is wrong: the function refuses to serve until it is fixed. */
export class ConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigError";
    }
}
