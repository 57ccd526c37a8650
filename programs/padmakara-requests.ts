/**
 * What Padmakara's API checks before a function runs (PrivateApi request validation): the JSON bodies
 * of its write routes, from the seed's data model (user profile, preferences, progress tracking), and
 * the query string its search route needs. Bodies are closed objects: a client cannot slip in fields
 * such as `subscription` or `userId` that the handlers would store (the user is the token's subject).
 * Routes not listed here carry no body (GET, DELETE) or need none; their path parameters are always
 * required.
 */
import { objectBody, stringField, type JsonSchema, type RouteRequestValidation } from "../components/private-api";

const email = stringField({ maxLength: 254, pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$" });
/** Cognito's limits: at most 256 characters; the pool's policy judges strength. */
const password = stringField({ maxLength: 256 });
/** Cognito's confirmation codes are 6 digits. */
const code = stringField({ minLength: 6, maxLength: 6, pattern: "^[0-9]{6}$" });
const uuid = stringField({ minLength: 36, maxLength: 36, pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" });
/** ISO 8601 timestamps as the seed stores them. */
const timestamp = stringField({ minLength: 10, maxLength: 40, pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}" });
const seconds: JsonSchema = { type: "number", minimum: 0, maximum: 86400 };

/** The seed's `preferences` object. */
const preferences = objectBody({
    language: stringField({ maxLength: 2, enum: ["en", "pt"] }),
    contentLanguage: stringField({ maxLength: 5, enum: ["en", "en-pt"] }),
    biometricEnabled: { type: "boolean" },
    notifications: { type: "boolean" },
}, [], { minProperties: 1 });

export const PADMAKARA_REQUEST_VALIDATION: Record<string, RouteRequestValidation> = {
    "POST /auth/login": { bodySchema: objectBody({ email, password }, ["email", "password"]) },
    "POST /auth/register": { bodySchema: objectBody({ email, password, name: stringField({ maxLength: 200 }) }, ["email", "password"]) },
    "POST /auth/refresh": { bodySchema: objectBody({ refreshToken: stringField({ maxLength: 4096 }) }, ["refreshToken"]) },
    // Step one sends the e-mail; step two confirms with the code and the new password (both or neither).
    "POST /auth/forgot-password": {
        bodySchema: objectBody({ email, code, newPassword: password }, ["email"], { dependencies: { code: ["newPassword"], newPassword: ["code"] } }),
    },
    "POST /auth/verify-email": { bodySchema: objectBody({ email, code }, ["email", "code"]) },
    // Only what a user may change about themselves; subscription and timestamps are the server's.
    "PUT /user/profile": { bodySchema: objectBody({ name: stringField({ maxLength: 200 }), preferences }, [], { minProperties: 1 }) },
    "PUT /user/preferences": { bodySchema: preferences },
    "POST /progress/track": {
        bodySchema: objectBody({
            trackId: uuid,
            position: seconds,
            completed: { type: "boolean" },
            totalTime: seconds,
            sessionData: objectBody({ startTime: timestamp, endTime: timestamp, deviceInfo: { type: "object", maxProperties: 20 } }),
        }, ["trackId", "position"]),
    },
    "POST /progress/bookmark": { bodySchema: objectBody({ trackId: uuid, position: seconds, note: stringField({ maxLength: 2000 }) }, ["trackId", "position"]) },
    "POST /media/download": { bodySchema: objectBody({ trackIds: { type: "array", items: uuid, minItems: 1, maxItems: 100, uniqueItems: true } }, ["trackIds"]) },
    "GET /content/search": { requiredQueryStrings: ["q"] },
};
