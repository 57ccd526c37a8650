/**
 * ContainerRegistry under the offline engine: the repository's secure settings, the lifecycle rules,
 * the push policy for named principals only, dev vs prod through protectData / forceDestroy, and
 * argument errors.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ContainerRegistry, type ContainerRegistryArgs } from "../../components/container-registry";
import { runInline, runProgram, type RunResult } from "../../engine/run";
import { inputs, ofType, one, policyDocument } from "../support/records";

const REPOSITORY = "aws:ecr/repository:Repository";
const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
const KEY = "aws:kms/key:Key";
const CI_ROLE = "arn:aws:iam::123456789012:role/ci/github-actions";
const RELEASE_USER = "arn:aws:iam::210987654321:user/release";

function registry(args: ContainerRegistryArgs = {}, mode: "apply" | "preview" = "apply"): Promise<RunResult> {
    return runInline(() => {
        const r = new ContainerRegistry("images", args);
        return { repositoryUrl: r.repositoryUrl, repositoryArn: r.repositoryArn, repositoryName: r.repositoryName };
    }, { mode, stack: "dev" });
}

describe("ContainerRegistry", () => {
    it("creates a repository with immutable tags, scan on push, KMS under its own key, no force delete, protected by default", async () => {
        const result = await registry();
        const repo = one(result, REPOSITORY, "images");
        const repoInputs = inputs(repo);
        assert.strictEqual(repoInputs.imageTagMutability, "IMMUTABLE");
        assert.deepStrictEqual(repoInputs.imageScanningConfiguration, { scanOnPush: true });
        assert.deepStrictEqual(repoInputs.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: one(result, KEY, "images-key").outputs.arn }]);
        assert.strictEqual(repoInputs.forceDelete, false, "images survive a destroy unless forceDestroy");
        assert.strictEqual(repoInputs.name, undefined, "auto-named");
        assert.deepStrictEqual([repo.options.protect, repo.options.retainOnDelete], [true, true]);
        assert.strictEqual(one(result, KEY).options.protect, true, "the created key is protected too");
        assert.strictEqual(ofType(result, REPOSITORY_POLICY).length, 0, "no repository policy without push principals");
    });

    it("gives the key no service principal: ECR uses grants created with the deployer's permissions", async () => {
        const result = await registry();
        const key = one(result, KEY, "images-key");
        assert.strictEqual(inputs(key).enableKeyRotation, true);
        assert.deepStrictEqual(policyDocument(key).Statement.map((s) => s.Principal), [{ AWS: "arn:aws:iam::123456789012:root" }]);
    });

    it("keeps the newest 30 tagged images and expires untagged ones after 7 days, on this repository", async () => {
        const result = await registry();
        const lifecycle = one(result, LIFECYCLE, "images-lifecycle");
        const preview = await registry({}, "preview");
        assert.deepStrictEqual(one(preview, LIFECYCLE).propertyDependencies.repository, [one(preview, REPOSITORY).urn], "attached to the repository (its name)");
        const rules = JSON.parse(inputs(lifecycle).policy).rules;
        assert.deepStrictEqual(rules.map((r: { rulePriority: number; selection: object; action: object }) => [r.rulePriority, r.selection, r.action]), [
            [1, { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, { type: "expire" }],
            [2, { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 30 }, { type: "expire" }],
        ]);
    });

    it("takes the image counts, a physical name and an existing key from its arguments (no key created)", async () => {
        const kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
        const result = await registry({ keepTaggedImages: 10, untaggedImageExpiryDays: 1, repositoryName: "vibe/backend", kmsKeyArn });
        const repo = inputs(one(result, REPOSITORY));
        assert.strictEqual(repo.name, "vibe/backend");
        assert.strictEqual(inputs(one(result, LIFECYCLE)).repository, "vibe/backend");
        assert.deepStrictEqual(repo.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: kmsKeyArn }]);
        assert.strictEqual(ofType(result, KEY).length, 0, "no key of its own");
        const counts = JSON.parse(inputs(one(result, LIFECYCLE)).policy).rules.map((r: { selection: { countNumber: number } }) => r.selection.countNumber);
        assert.deepStrictEqual(counts, [1, 10]);
    });

    it("dev (protectData false, forceDestroy true): unprotected repository and key, force delete on", async () => {
        const result = await registry({ protectData: false, forceDestroy: true });
        const repo = one(result, REPOSITORY);
        assert.strictEqual(inputs(repo).forceDelete, true);
        assert.deepStrictEqual([repo.options.protect, repo.options.retainOnDelete], [false, false]);
        assert.strictEqual(one(result, KEY).options.protect, false);
        assert.strictEqual(inputs(repo).imageTagMutability, "IMMUTABLE", "the same secure settings in dev");
    });

    it("lets exactly the named principals push through a repository policy, never *", async () => {
        const result = await registry({ pushPrincipalArns: [RELEASE_USER, CI_ROLE, pulumi.output(CI_ROLE)] });
        const policy = one(result, REPOSITORY_POLICY, "images-policy");
        const preview = await registry({ pushPrincipalArns: [CI_ROLE] }, "preview");
        assert.deepStrictEqual(one(preview, REPOSITORY_POLICY).propertyDependencies.repository, [one(preview, REPOSITORY).urn], "attached to the repository (its name)");
        const statements = policyDocument(policy).Statement;
        assert.strictEqual(statements.length, 1);
        assert.strictEqual(statements[0].Effect, "Allow");
        assert.deepStrictEqual(statements[0].Principal, { AWS: [CI_ROLE, RELEASE_USER] }, "sorted, deduplicated");
        assert.deepStrictEqual([...statements[0].Action].sort(), [
            "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
        ]);
        assert.ok(!JSON.stringify(statements).includes("\"*\""), "no wildcard principal or action");
    });

    it("exports the repository's ARN, name and URL", async () => {
        const result = await registry({ repositoryName: "vibe/backend" });
        const repo = one(result, REPOSITORY);
        assert.match(String(repo.outputs.arn), /^arn:aws:ecr:us-east-1:123456789012:repository\//);
        assert.strictEqual(result.outputs.repositoryArn, repo.outputs.arn);
        assert.strictEqual(result.outputs.repositoryName, "vibe/backend");
        // The offline engine computes no repositoryUrl for ECR in apply mode; preview shows all three are registered.
        const preview = await registry({}, "preview");
        assert.deepStrictEqual(Object.keys(one(preview, "platform:compute:ContainerRegistry").outputs).sort(), ["repositoryArn", "repositoryName", "repositoryUrl"]);
    });

    describe("rejects bad arguments before creating anything, naming the component and argument", () => {
        const cases: [string, ContainerRegistryArgs, RegExp][] = [
            ["keepTaggedImages 0", { keepTaggedImages: 0 }, /ContainerRegistry "images": argument keepTaggedImages: got 0; allowed: a whole number of images of at least 1/],
            ["untaggedImageExpiryDays 1.5", { untaggedImageExpiryDays: 1.5 }, /argument untaggedImageExpiryDays: got 1\.5; allowed: a whole number of days of at least 1/],
            ["a wildcard principal", { pushPrincipalArns: ["*"] }, /argument pushPrincipalArns\[0\]: got "\*"; allowed: an IAM role or user ARN/],
            ["a wildcard role", { pushPrincipalArns: [CI_ROLE, "arn:aws:iam::123456789012:role/*"] }, /argument pushPrincipalArns\[1\]: got "arn:aws:iam::123456789012:role\/\*"/],
            ["the account root", { pushPrincipalArns: ["arn:aws:iam::123456789012:root"] }, /argument pushPrincipalArns\[0\]: got "arn:aws:iam::123456789012:root"; allowed: .*no account root/],
            ["a non-IAM ARN", { pushPrincipalArns: ["arn:aws:s3:::bucket"] }, /argument pushPrincipalArns\[0\]/],
            ["an invalid repository name", { repositoryName: "Vibe Backend" }, /argument repositoryName: got "Vibe Backend"; allowed: 2 to 256 lowercase/],
        ];
        for (const [label, args, message] of cases) {
            it(label, async () => {
                const result = await runProgram({ program: () => new ContainerRegistry("images", args), project: "platform", stack: "dev", config: { "aws:region": "us-east-1" }, mode: "apply" });
                assert.match(String(result.error?.message), message);
                assert.deepStrictEqual(result.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.type), [], "nothing registered");
            });
        }

        it("checks principal ARNs known only at deployment (outputs) the same way", async () => {
            await assert.rejects(registry({ pushPrincipalArns: [pulumi.output("*")] }), /ContainerRegistry "images": argument pushPrincipalArns\[0\]: got "\*"/);
        });
    });
});
