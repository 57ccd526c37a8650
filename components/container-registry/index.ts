/**
 * ContainerRegistry: a private ECR repository for one application's images. Immutable tags, a scan
 * on every push, images encrypted with a customer-managed key, a lifecycle policy that keeps the last
 * releases and drops untagged leftovers, and (optionally) a repository policy letting named IAM
 * principals, such as a CI role, push. Protected in prod: the repository holds the images that
 * running services pull.
 *
 * The key needs no service principal: like RDS, ECR uses the key through grants it creates with the
 * deploying principal's permissions (kms:CreateGrant, kms:DescribeKey), which the key policy's
 * account-IAM statement allows. Pulls need no KMS permission either (ECR decrypts under its grant).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { ComponentArgumentError, requireArg } from "../shared/errors";
import { statefulOptions } from "../shared/protection";
import { CONTAINER_REGISTRY_DEFAULTS as D } from "./defaults";

const COMPONENT = "ContainerRegistry";

export interface ContainerRegistryArgs {
    /** Physical repository name (lowercase; `/` for namespaces). Default: auto-named from the component name. */
    repositoryName?: string;
    /** Tagged images to keep, newest first; older tagged images expire. Default 30. */
    keepTaggedImages?: number;
    /** Days after its push an untagged image expires. Default 7. */
    untaggedImageExpiryDays?: number;
    /**
     * IAM role or user ARNs (e.g. the CI role) allowed to push through a repository policy. Never `*`.
     * They still need `ecr:GetAuthorizationToken` in their own IAM policy. Default: no repository policy.
     */
    pushPrincipalArns?: pulumi.Input<string>[];
    /** CMK that encrypts the images (set at creation only: changing it replaces the repository). Default: an EncryptionKey child. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Let a destroy delete the repository with its images (dev only). Default false. */
    forceDestroy?: boolean;
    /** Protect the repository and a created key (Pulumi protect + retain on delete). Default true. */
    protectData?: boolean;
}

/** A named IAM role or user (any partition, any path); no wildcard, no account root. */
export const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[A-Za-z0-9+=,.@_/-]+$/;
const PRINCIPAL_ALLOWED = "an IAM role or user ARN such as arn:aws:iam::123456789012:role/ci (no wildcard, no account root)";
/** ECR's repository name rule. */
const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

function validate(name: string, args: ContainerRegistryArgs): void {
    requireArg(args.repositoryName === undefined || (REPOSITORY_NAME.test(args.repositoryName) && args.repositoryName.length >= 2 && args.repositoryName.length <= 256),
        COMPONENT, name, "repositoryName", args.repositoryName, "2 to 256 lowercase letters, digits and ._- separators, with / between namespaces");
    const keep = args.keepTaggedImages ?? D.keepTaggedImages;
    requireArg(Number.isInteger(keep) && keep >= 1, COMPONENT, name, "keepTaggedImages", keep, "a whole number of images of at least 1");
    const days = args.untaggedImageExpiryDays ?? D.untaggedImageExpiryDays;
    requireArg(Number.isInteger(days) && days >= 1, COMPONENT, name, "untaggedImageExpiryDays", days, "a whole number of days of at least 1");
    (args.pushPrincipalArns ?? []).forEach((arn, i) =>
        requireArg(typeof arn !== "string" || IAM_PRINCIPAL_ARN.test(arn), COMPONENT, name, `pushPrincipalArns[${i}]`, arn, PRINCIPAL_ALLOWED));
}

/** The lifecycle rules: untagged images expire after `untaggedDays`, tagged ones beyond the newest `keepTagged`. */
export function lifecycleRules(keepTagged: number, untaggedDays: number): object {
    return {
        rules: [
            {
                rulePriority: 1,
                description: `Expire untagged images ${untaggedDays} days after their push`,
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedDays },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `Keep the newest ${keepTagged} tagged images`,
                selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: keepTagged },
                action: { type: "expire" },
            },
        ],
    };
}

export class ContainerRegistry extends pulumi.ComponentResource {
    readonly repository: aws.ecr.Repository;
    readonly lifecyclePolicy: aws.ecr.LifecyclePolicy;
    readonly repositoryPolicy?: aws.ecr.RepositoryPolicy;
    /** The created key (undefined when kmsKeyArn was given). */
    readonly encryptionKey?: EncryptionKey;
    /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`: append `:<tag>` or `@<digest>` for an image. */
    readonly repositoryUrl: pulumi.Output<string>;
    readonly repositoryArn: pulumi.Output<string>;
    readonly repositoryName: pulumi.Output<string>;

    constructor(name: string, args: ContainerRegistryArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:compute:ContainerRegistry", name, {}, opts);
        const protectData = args.protectData ?? D.protectData;

        if (args.kmsKeyArn === undefined) {
            // No service principal: ECR creates its grants with the deployer's permissions (see above).
            this.encryptionKey = new EncryptionKey(`${name}-key`, { description: `Container images of ${name}`, protectData }, { parent: this });
        }
        const kmsKey = args.kmsKeyArn ?? this.encryptionKey!.arn;

        this.repository = new aws.ecr.Repository(name, {
            name: args.repositoryName,
            imageTagMutability: D.imageTagMutability,
            imageScanningConfiguration: { scanOnPush: D.scanOnPush },
            encryptionConfigurations: [{ encryptionType: D.encryptionType, kmsKey }],
            forceDelete: args.forceDestroy ?? D.forceDestroy,
        }, statefulOptions(protectData, { parent: this }));

        this.lifecyclePolicy = new aws.ecr.LifecyclePolicy(`${name}-lifecycle`, {
            repository: this.repository.name,
            policy: JSON.stringify(lifecycleRules(args.keepTaggedImages ?? D.keepTaggedImages, args.untaggedImageExpiryDays ?? D.untaggedImageExpiryDays)),
        }, { parent: this });

        const pushers = args.pushPrincipalArns ?? [];
        if (pushers.length > 0) {
            const principals = pulumi.output(pushers).apply((arns) => {
                // ARNs only known now (outputs of other resources) get the same check as literal ones.
                arns.forEach((arn, i) => {
                    if (!IAM_PRINCIPAL_ARN.test(arn)) throw new ComponentArgumentError(COMPONENT, name, `pushPrincipalArns[${i}]`, arn, PRINCIPAL_ALLOWED);
                });
                return [...new Set(arns)].sort();
            });
            this.repositoryPolicy = new aws.ecr.RepositoryPolicy(`${name}-policy`, {
                repository: this.repository.name,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [{ Sid: "PushFromNamedPrincipals", Effect: "Allow", Principal: { AWS: principals }, Action: [...D.pushActions] }],
                }),
            }, { parent: this });
        }

        this.repositoryUrl = this.repository.repositoryUrl;
        this.repositoryArn = this.repository.arn;
        this.repositoryName = this.repository.name;
        this.registerOutputs({ repositoryUrl: this.repositoryUrl, repositoryArn: this.repositoryArn, repositoryName: this.repositoryName });
    }
}
