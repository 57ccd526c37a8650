/** Secure defaults of Secret, in one place. */
export const SECRET_DEFAULTS = {
    /** The longest recovery window: a deleted secret can be restored for 30 days. */
    recoveryWindowInDays: 30,
    /** Generated values: 32 characters is above every provider's minimum and well beyond brute force. */
    generatedLength: 32,
    /** Symbols widen the alphabet; turn off for consumers that reject them (URLs, some SDKs). */
    generatedSpecial: true,
    /** Symbols that survive JSON, shells and connection strings without escaping. */
    overrideSpecial: "!#%*()-_=+[]{}:?",
    /** Rotation every 30 days when a rotation function is given and no schedule. */
    rotationDays: 30,
    /**
     * The built-in rotation replaces the generated value right after deployment, so the value recorded
     * (encrypted) in Pulumi's state is current only until the rotation function's first run.
     */
    builtInRotateImmediately: true,
    /** Seconds. Each step is a few Secrets Manager calls. */
    rotationFunctionTimeoutSeconds: 30,
    protectData: true,
    /** The account-boundary resource policy is opt-in: IAM already scopes readers inside the account. */
    denyOutsideAccount: false,
} as const;
