/**
 * The user pool: Identity `<team>-users` (Cognito; the platform's password rules, MFA optional or
 * required, never off; deletion protection from the stack config) with one public web client
 * `<team>-web` whose callbacks are the stack's browser origins.
 */
import { Identity } from "../../components/identity";
import { teamName, type TeamContext } from "./context";
import { isLocalhostOrigin } from "../shared";


export function buildIdentity(ctx: TeamContext): Identity | undefined {
    const u = ctx.spec.userPool;
    if (!u) return undefined;
    const origins = ctx.config.corsOrigins.filter((o) => !o.includes("*"));
    return new Identity(teamName(ctx, "users"), {
        mfa: u.mfa === "required" ? "ON" : "OPTIONAL",
        selfSignUp: u.selfSignUp,
        protectData: ctx.config.protectData,
        // Localhost origins appear only in a dev stack's configuration (prod config rejects http://).
        allowLocalhostCallbacks: origins.some(isLocalhostOrigin),
        clients: origins.length > 0 ? {
            [teamName(ctx, "web")]: {
                callbackUrls: origins.map((o) => `${o}/auth/callback`),
                logoutUrls: origins.map((o) => `${o}/`),
            },
        } : undefined,
    }, ctx.parent);
}
