/** Secure defaults of Identity, in one place. */
export const IDENTITY_DEFAULTS = {
    /** The seeds' password rules (VidVerse, Padmakara): 8+ characters with all four character classes. */
    passwordPolicy: {
        minimumLength: 8,
        requireUppercase: true,
        requireLowercase: true,
        requireNumbers: true,
        requireSymbols: true,
        /** An admin-issued temporary password expires after a week. */
        temporaryPasswordValidityDays: 7,
    },
    /** Seeds: MFA optional (users opt in with an authenticator app); prod config may set ON. */
    mfa: "OPTIONAL",
    /** Only administrators create users (CRM admins); public apps opt in to self sign-up. */
    selfSignUp: false,
    /** Threat protection needs the PLUS feature plan (billed per user): opt in by config. */
    threatProtection: "off",
    /** The feature plan of new pools; PLUS is chosen automatically when threat protection is on. */
    featurePlan: "ESSENTIALS",
    protectData: true,
    emailVerificationSubject: "Your verification code",
    emailVerificationMessage: "Your verification code is {####}",
    /** Short-lived access and ID tokens, a month-long refresh token that can be revoked. */
    accessTokenValidityHours: 1,
    idTokenValidityHours: 1,
    refreshTokenValidityDays: 30,
    oauthScopes: ["openid", "email", "profile"],
    /** SRP never sends the password; refresh keeps sessions alive. No USER_PASSWORD_AUTH, no custom auth. */
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    /**
     * Authorization code flow only; no implicit flow. A public client (no secret) sends a PKCE
     * code_challenge, which Cognito verifies; Cognito has no switch to require it, so apps must use it.
     */
    oauthFlows: ["code"],
    /** What an identity-pool user may do in their own prefix. */
    objectActions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
} as const;
