/**
 * Resource policies of every policy-bearing type the platform can deploy, standalone and inline, read
 * through the one analyser in lib/public-principals.ts (S3 bucket and KMS key policies have their own
 * rules, which use the same analyser).
 *
 * Anchors: checkov CKV_AWS_168 (SQS), CKV_AWS_169 (SNS), CKV_AWS_32 (ECR), CKV_AWS_167 (Glacier),
 * cdk-nag AwsSolutions-ECR1 (ECR repository and registry policies) and AwsSolutions-EVB1 (event bus).
 * Beyond them: Secrets Manager, DynamoDB, Kinesis, EFS, OpenSearch, Backup, CloudWatch Logs, API Gateway
 * (REST API and custom domain), S3 access point and Lambda layer policies; NotPrincipal allows; a
 * condition counts only when it really narrows (a wildcard value, `IfExists` or `ForAllValues:` does not).
 * (checkov's SQS/SNS/ECR checks read statements through cloudsplaining, which also counts `IfExists` and
 * `ForAllValues:` conditions, and any S3 ARN, as narrowing, and ignores NotPrincipal: here they do not.)
 * Not here: VPC endpoint policies (`Principal: "*"` is how they are written; they filter what passes the
 * endpoint and grant nothing), Lambda function permissions (aws-lambda-permission-source-arn-required).
 */
import { resourceRule, type Subject } from "../lib/define";
import { checkPublicDocument, NARROWING_KEYS_HINT } from "../lib/public-principals";
import { at, isUnknown, pendingUntilUpdate } from "../lib/values";

/** Where each type keeps its resource policy document. */
const DOCUMENT_PATH: Record<string, string[]> = {
    "aws:sqs/queue:Queue": ["policy"],
    "aws:sqs/queuePolicy:QueuePolicy": ["policy"],
    "aws:sns/topic:Topic": ["policy"],
    "aws:sns/topicPolicy:TopicPolicy": ["policy"],
    "aws:secretsmanager/secret:Secret": ["policy"],
    "aws:secretsmanager/secretPolicy:SecretPolicy": ["policy"],
    "aws:ecr/repositoryPolicy:RepositoryPolicy": ["policy"],
    "aws:ecr/registryPolicy:RegistryPolicy": ["policy"],
    "aws:dynamodb/resourcePolicy:ResourcePolicy": ["policy"],
    "aws:kinesis/resourcePolicy:ResourcePolicy": ["policy"],
    "aws:apigateway/restApi:RestApi": ["policy"],
    "aws:apigateway/restApiPolicy:RestApiPolicy": ["policy"],
    "aws:apigateway/domainName:DomainName": ["policy"],
    "aws:s3/accessPoint:AccessPoint": ["policy"],
    "aws:s3control/accessPointPolicy:AccessPointPolicy": ["policy"],
    "aws:s3control/bucketPolicy:BucketPolicy": ["policy"],
    "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy": ["details", "policy"],
    "aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy": ["policy"],
    "aws:backup/vaultPolicy:VaultPolicy": ["policy"],
    "aws:cloudwatch/eventBusPolicy:EventBusPolicy": ["policy"],
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": ["policyDocument"],
    "aws:efs/fileSystemPolicy:FileSystemPolicy": ["policy"],
    "aws:opensearch/domainPolicy:DomainPolicy": ["accessPolicies"],
    "aws:glacier/vault:Vault": ["accessPolicy"],
};
const LAYER_PERMISSION = "aws:lambda/layerVersionPermission:LayerVersionPermission";

/** A layer permission is a one-statement resource policy: principal "*" is public unless an organization narrows it. */
function checkLayerPermission({ props }: Subject, report: (problem: string, fix?: string) => void): void {
    const principal = at(props, "principal");
    const org = at(props, "organizationId");
    if (isUnknown(principal)) {
        if (org === undefined || org === null || org === "") pendingUntilUpdate("principal");
        return;
    }
    if (principal !== "*") return;
    if (isUnknown(org)) return; // an organization id computed in this deployment narrows it either way
    if (typeof org !== "string" || org === "" || org.includes("*")) {
        report('shares the layer with principal "*" and no organizationId', "set principal to an account id, or keep \"*\" with organizationId set to your organization");
    }
}

export const resourcePolicyDisallowPublicPrincipal = resourceRule({
    name: "aws-resource-policy-disallow-public-principal",
    description:
        "No resource policy (SQS, SNS, Secrets Manager, ECR, DynamoDB, Kinesis, API Gateway, S3 access point, Backup, EventBridge, EFS, OpenSearch, Glacier, CloudWatch Logs, Lambda layer) allows a public principal without a condition that narrows it.",
    area: "public-access",
    severity: "critical",
    remediation: `name the principals (accounts, roles or services), or add a condition that pins the caller or source (${NARROWING_KEYS_HINT}) to your own account or organization`,
    cdkNag: ["AwsSolutions-ECR1", "AwsSolutions-EVB1"],
    checkov: ["CKV_AWS_168", "CKV_AWS_169", "CKV_AWS_32", "CKV_AWS_167"],
    types: [...Object.keys(DOCUMENT_PATH), LAYER_PERMISSION],
    check(subject, report) {
        if (subject.type === LAYER_PERMISSION) return checkLayerPermission(subject, report);
        const path = DOCUMENT_PATH[subject.type];
        checkPublicDocument(at(subject.props, ...path), path.join("."), report);
    },
});
