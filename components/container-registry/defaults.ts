/** Secure defaults of ContainerRegistry, in one place. */
export const CONTAINER_REGISTRY_DEFAULTS = {
    /**
     * A tag names one image forever: a deployed task definition cannot silently change what it runs,
     * and a compromised pipeline cannot overwrite a released tag.
     */
    imageTagMutability: "IMMUTABLE",
    /** Basic scanning of every pushed image for known CVEs (findings in the console and EventBridge). */
    scanOnPush: true,
    /** Images at rest under a customer-managed key (rotation, key policy, CloudTrail on every use). */
    encryptionType: "KMS",
    /** Enough releases to roll back weeks of daily deploys; older tagged images expire. */
    keepTaggedImages: 30,
    /** Untagged images are leftovers of multi-arch builds and failed pushes: a week is enough to debug. */
    untaggedImageExpiryDays: 7,
    /** Deleting the stack never deletes images unless the stack (dev) says so. */
    forceDestroy: false,
    protectData: true,
    /**
     * What a pipeline needs to push (and to read the manifests it checks against). Logging in
     * (ecr:GetAuthorizationToken) has no resource-level permission: the pipeline's own IAM policy grants it.
     */
    pushActions: [
        "ecr:BatchCheckLayerAvailability",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:PutImage",
        "ecr:BatchGetImage",
    ],
} as const;
