/** Secure defaults of EncryptionKey, in one place. */
export const ENCRYPTION_KEY_DEFAULTS = {
    /** Yearly automatic rotation of the key material. */
    enableKeyRotation: true,
    /** The longest waiting period: a deleted key can be recovered for 30 days. */
    deletionWindowInDays: 30,
    keyUsage: "ENCRYPT_DECRYPT",
    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
    protectData: true,
} as const;
