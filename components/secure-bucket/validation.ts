/** Argument checks shared by SecureBucket's constructor: CORS rules, lifecycle days, prefixes. */
import { requireArg } from "../shared/errors";
import { ARCHIVE_STORAGE_CLASSES, CORS_METHODS } from "./defaults";

const COMPONENT = "SecureBucket";

export interface CorsRule {
    /** Exact origins: `https://host[:port]`; `http://localhost[:port]` only with allowLocalhostOrigins. */
    allowedOrigins: string[];
    /** Subset of GET, PUT, POST, DELETE, HEAD. */
    allowedMethods: string[];
    /** Request headers a browser may send. Default: none beyond the simple headers. */
    allowedHeaders?: string[];
    /** Response headers a browser may read (e.g. ETag). */
    exposeHeaders?: string[];
    /** Preflight cache lifetime in seconds (0 to 86400). */
    maxAgeSeconds?: number;
}

export interface ArchiveTransition {
    /** Days after creation (current versions) or after becoming noncurrent (noncurrent versions). */
    days: number;
    storageClass: (typeof ARCHIVE_STORAGE_CLASSES)[number];
}

export interface LifecycleArgs {
    /** Days a noncurrent (overwritten or deleted) version is kept. Default 90. */
    noncurrentVersionExpirationDays?: number;
    /** Transitions of current versions to cheaper storage (e.g. VidVerse: GLACIER_IR after 90 days). */
    archiveTransitions?: ArchiveTransition[];
    /** Transitions of noncurrent versions to cheaper storage. */
    noncurrentArchiveTransitions?: ArchiveTransition[];
    /** Days after which current versions expire (become noncurrent). Default: never. */
    expirationDays?: number;
    /** Days before an incomplete multipart upload is aborted. Default 7. */
    abortIncompleteMultipartUploadDays?: number;
}

const ORIGIN = /^https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/;
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

export function isPositiveWholeNumber(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= 1;
}

export function validateCors(name: string, rules: CorsRule[] | undefined, allowLocalhostOrigins: boolean): void {
    if (rules === undefined) return;
    requireArg(Array.isArray(rules) && rules.length > 0 && rules.length <= 100, COMPONENT, name, "cors", rules, "1 to 100 rules (omit cors for none)");
    rules.forEach((rule, i) => {
        const at = `cors[${i}]`;
        requireArg(Array.isArray(rule.allowedOrigins) && rule.allowedOrigins.length > 0, COMPONENT, name, `${at}.allowedOrigins`, rule.allowedOrigins, "a non-empty list of exact origins");
        rule.allowedOrigins.forEach((origin, j) => {
            const ok = typeof origin === "string" && (ORIGIN.test(origin) || (allowLocalhostOrigins && LOCAL_ORIGIN.test(origin)));
            requireArg(ok, COMPONENT, name, `${at}.allowedOrigins[${j}]`, origin,
                allowLocalhostOrigins
                    ? "an exact https:// origin (scheme and host, optional port, no path, no wildcard) or http://localhost[:port]"
                    : "an exact https:// origin (scheme and host, optional port, no path, no wildcard); http://localhost only with allowLocalhostOrigins: true (dev)");
        });
        requireArg(Array.isArray(rule.allowedMethods) && rule.allowedMethods.length > 0
            && rule.allowedMethods.every((m) => (CORS_METHODS as readonly string[]).includes(m)),
        COMPONENT, name, `${at}.allowedMethods`, rule.allowedMethods, `a non-empty subset of ${CORS_METHODS.join(", ")}`);
        if (rule.maxAgeSeconds !== undefined) {
            requireArg(Number.isInteger(rule.maxAgeSeconds) && rule.maxAgeSeconds >= 0 && rule.maxAgeSeconds <= 86400,
                COMPONENT, name, `${at}.maxAgeSeconds`, rule.maxAgeSeconds, "a whole number of seconds from 0 to 86400");
        }
    });
}

function validateTransitions(name: string, argument: string, transitions: ArchiveTransition[] | undefined): void {
    (transitions ?? []).forEach((t, i) => {
        requireArg(isPositiveWholeNumber(t.days), COMPONENT, name, `${argument}[${i}].days`, t.days, "a whole number of days, at least 1");
        requireArg((ARCHIVE_STORAGE_CLASSES as readonly string[]).includes(t.storageClass), COMPONENT, name, `${argument}[${i}].storageClass`, t.storageClass,
            ARCHIVE_STORAGE_CLASSES.join(", "));
        if (t.storageClass === "STANDARD_IA" || t.storageClass === "ONEZONE_IA") {
            requireArg(t.days >= 30, COMPONENT, name, `${argument}[${i}].days`, t.days, `at least 30 days for ${t.storageClass} (an S3 rule)`);
        }
    });
}

export function validateLifecycle(name: string, lifecycle: LifecycleArgs | undefined): void {
    if (lifecycle === undefined) return;
    for (const key of ["noncurrentVersionExpirationDays", "expirationDays", "abortIncompleteMultipartUploadDays"] as const) {
        const value = lifecycle[key];
        if (value !== undefined) requireArg(isPositiveWholeNumber(value), COMPONENT, name, `lifecycle.${key}`, value, "a whole number of days, at least 1");
    }
    validateTransitions(name, "lifecycle.archiveTransitions", lifecycle.archiveTransitions);
    validateTransitions(name, "lifecycle.noncurrentArchiveTransitions", lifecycle.noncurrentArchiveTransitions);
}

/**
 * A key prefix for a grant or a log target: no leading slash, ends with "/", no wildcard (the
 * component appends it). IAM policy variables such as `${cognito-identity.amazonaws.com:sub}` are
 * allowed: they are literal text that IAM substitutes at request time.
 */
export function isValidPrefix(value: unknown): value is string {
    if (typeof value !== "string" || value.length === 0 || value.length > 900) return false;
    if (value.startsWith("/") || !value.endsWith("/")) return false;
    const withoutVariables = value.replace(/\$\{[A-Za-z0-9:._\-/]+\}/g, "");
    return !withoutVariables.includes("*") && !withoutVariables.includes("$") && !withoutVariables.includes("?");
}
