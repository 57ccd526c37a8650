/**
 * The pack's policies, without a PolicyPack: only one PolicyPack may exist per process and its
 * constructor starts a gRPC server, so the CLI entry (index.ts) constructs it and everything else
 * (the offline gate, the specs) imports this module.
 *
 * Order matters for stack policies: the exemption reports come last, after every other validation.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { metadataRegistry, type PolicyMetadata } from "./lib/define";
import { exemptionsExpired, exemptionsUnmatched, loadExemptions, withExemptions } from "./lib/exemptions-core";

import { cloudwatchLogGroupKmsKeyRequired } from "./encryption/cloudwatch-loggroup-kms-key-required";
import { dynamodbTableKmsEncryptionRequired } from "./encryption/dynamodb-table-kms-encryption-required";
import { ebsEncryptionRequired } from "./encryption/ebs-encryption-required";
import { ecsTaskDefinitionNoPlaintextSecrets } from "./encryption/ecs-taskdefinition-no-plaintext-secrets";
import { kmsKeyRotationEnabled } from "./encryption/kms-key-rotation-enabled";
import { lambdaFunctionNoPlaintextSecrets } from "./encryption/lambda-function-no-plaintext-secrets";
import { rdsStorageEncryptionRequired } from "./encryption/rds-storage-encryption-required";
import { s3BucketEncryptionRequired } from "./encryption/s3-bucket-encryption-required";
import { secretsmanagerSecretKmsKeyRequired } from "./encryption/secretsmanager-secret-kms-key-required";
import { snsTopicKmsKeyRequired } from "./encryption/sns-topic-kms-key-required";
import { sqsQueueEncryptionRequired } from "./encryption/sqs-queue-encryption-required";

import { apigatewayRestApiPrivateOrWaf } from "./public-access/apigateway-restapi-private-or-waf";
import { cognitoIdentityPoolDisallowUnauthenticated } from "./public-access/cognito-identitypool-disallow-unauthenticated";
import { ec2SecurityGroupDisallowPublicIngress } from "./public-access/ec2-securitygroup-disallow-public-ingress";
import { lambdaFunctionUrlAuthRequired } from "./public-access/lambda-functionurl-auth-required";
import { ec2AmiDisallowPublic } from "./public-access/ec2-ami-disallow-public";
import { ec2NetworkAclDisallowPublicAdminPorts } from "./public-access/ec2-networkacl-disallow-public-admin-ports";
import { ec2VpcDefaultSecurityGroupClosed } from "./public-access/ec2-vpc-default-security-group-closed";
import { lambdaPermissionSourceArnRequired } from "./public-access/lambda-permission-source-arn-required";
import { rdsNotPubliclyAccessible } from "./public-access/rds-instance-not-publicly-accessible";
import { rdsSnapshotDisallowPublic } from "./public-access/rds-snapshot-disallow-public";
import { resourcePolicyDisallowPublicPrincipal } from "./public-access/resource-policy-disallow-public-principal";
import { s3BucketAclDisallowPublic } from "./public-access/s3-bucket-acl-disallow-public";
import { s3BucketPolicyDisallowPublicPrincipal } from "./public-access/s3-bucket-policy-disallow-public-principal";
import { s3BucketPublicAccessBlockRequired } from "./public-access/s3-bucket-public-access-block-required";

import { albListenerHttpRedirectOnly } from "./transport/alb-listener-http-redirect-only";
import { albListenerTls12PolicyRequired } from "./transport/alb-listener-tls12-policy-required";
import { apigatewayDomainNameTls12Required } from "./transport/apigateway-domainname-tls12-required";
import { cloudfrontDistributionOriginHttpsRequired } from "./transport/cloudfront-distribution-origin-https-required";
import { cloudfrontDistributionTls12Required } from "./transport/cloudfront-distribution-tls12-required";
import { cloudfrontDistributionViewerHttpsRequired } from "./transport/cloudfront-distribution-viewer-https-required";
import { rdsDatabaseTlsRequired } from "./transport/rds-database-tls-required";
import { s3BucketPolicyDenyInsecureTransport } from "./transport/s3-bucket-policy-deny-insecure-transport";

import { requiredTags } from "./tags/resources-required-tags";

import { cognitoUserPoolDeletionProtection } from "./data-safety/cognito-userpool-deletion-protection";
import { dynamodbTablePitrAndDeletionProtection } from "./data-safety/dynamodb-table-pitr-and-deletion-protection";
import { rdsBackupAndDeletionProtection } from "./data-safety/rds-backup-and-deletion-protection";
import { s3BucketVersioningEnabled } from "./data-safety/s3-bucket-versioning-enabled";
import { statefulResourceProtected } from "./data-safety/stateful-resource-protected";

import { iamPolicyDisallowAdminAccess } from "./iam/iam-policy-disallow-admin-access";
import { iamPolicyDisallowPassRoleWildcard } from "./iam/iam-policy-disallow-passrole-wildcard";
import { iamRoleTrustPolicyRestricted } from "./iam/iam-role-trust-policy-restricted";
import { kmsKeyPolicyDisallowPublicPrincipal } from "./iam/kms-key-policy-disallow-public-principal";

import { ecsTaskDefinitionDisallowHostAccess } from "./workload/ecs-taskdefinition-disallow-host-access";
import { ecsTaskDefinitionReadonlyRootFilesystem } from "./workload/ecs-taskdefinition-readonly-root-filesystem";

import { albLoadBalancerAccessLogsEnabled } from "./observability/alb-loadbalancer-access-logs-enabled";
import { apigatewayStageAccessLogsAndXray } from "./observability/apigateway-stage-access-logs-and-xray";
import { cloudfrontDistributionLoggingEnabled } from "./observability/cloudfront-distribution-logging-enabled";
import { cloudfrontDistributionResponseHeadersPolicy } from "./observability/cloudfront-distribution-response-headers-policy";
import { cloudwatchLogGroupRetentionSet } from "./observability/cloudwatch-loggroup-retention-set";
import { ec2VpcFlowLogsEnabled } from "./observability/ec2-vpc-flow-logs-enabled";
import { ecsClusterContainerInsightsEnabled } from "./observability/ecs-cluster-container-insights-enabled";
import { lambdaFunctionRuntimeCurrent } from "./observability/lambda-function-runtime-current";
import { lambdaFunctionTracingEnabled } from "./observability/lambda-function-tracing-enabled";
import { s3BucketAccessLoggingEnabled } from "./observability/s3-bucket-access-logging-enabled";
import { wafv2WebAclLoggingEnabled } from "./observability/wafv2-webacl-logging-enabled";

import { ec2NatGatewayUsedByWorkloads } from "./cost/ec2-natgateway-used-by-workloads";
import { ec2VpcEndpointUsedByWorkloads } from "./cost/ec2-vpcendpoint-used-by-workloads";
import { kmsKeyCountPerSystemLimited } from "./cost/kms-key-count-per-system-limited";
import { stackCostRiseWithinLimit } from "./cost/stack-cost-rise-within-limit";
import { stackCostWithinBudget } from "./cost/stack-cost-within-budget";

export const packName = "platform-guardrails";

/** The policies as written, before exemptions are applied (specs test these). */
export const basePolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    // Encryption at rest
    s3BucketEncryptionRequired,
    dynamodbTableKmsEncryptionRequired,
    rdsStorageEncryptionRequired,
    secretsmanagerSecretKmsKeyRequired,
    cloudwatchLogGroupKmsKeyRequired,
    snsTopicKmsKeyRequired,
    sqsQueueEncryptionRequired,
    kmsKeyRotationEnabled,
    ebsEncryptionRequired,
    lambdaFunctionNoPlaintextSecrets,
    ecsTaskDefinitionNoPlaintextSecrets,
    // No public access
    s3BucketPublicAccessBlockRequired,
    s3BucketAclDisallowPublic,
    s3BucketPolicyDisallowPublicPrincipal,
    rdsNotPubliclyAccessible,
    ec2SecurityGroupDisallowPublicIngress,
    apigatewayRestApiPrivateOrWaf,
    lambdaPermissionSourceArnRequired,
    lambdaFunctionUrlAuthRequired,
    cognitoIdentityPoolDisallowUnauthenticated,
    resourcePolicyDisallowPublicPrincipal,
    rdsSnapshotDisallowPublic,
    ec2AmiDisallowPublic,
    ec2VpcDefaultSecurityGroupClosed,
    ec2NetworkAclDisallowPublicAdminPorts,
    // Encryption in transit
    s3BucketPolicyDenyInsecureTransport,
    cloudfrontDistributionViewerHttpsRequired,
    cloudfrontDistributionTls12Required,
    cloudfrontDistributionOriginHttpsRequired,
    albListenerHttpRedirectOnly,
    albListenerTls12PolicyRequired,
    apigatewayDomainNameTls12Required,
    rdsDatabaseTlsRequired,
    // Tags
    requiredTags,
    // Data safety
    rdsBackupAndDeletionProtection,
    dynamodbTablePitrAndDeletionProtection,
    s3BucketVersioningEnabled,
    cognitoUserPoolDeletionProtection,
    statefulResourceProtected,
    // IAM
    iamPolicyDisallowAdminAccess,
    iamPolicyDisallowPassRoleWildcard,
    iamRoleTrustPolicyRestricted,
    kmsKeyPolicyDisallowPublicPrincipal,
    // Workload isolation
    ecsTaskDefinitionDisallowHostAccess,
    ecsTaskDefinitionReadonlyRootFilesystem,
    // Observability (advisory)
    s3BucketAccessLoggingEnabled,
    cloudfrontDistributionLoggingEnabled,
    cloudfrontDistributionResponseHeadersPolicy,
    apigatewayStageAccessLogsAndXray,
    lambdaFunctionTracingEnabled,
    lambdaFunctionRuntimeCurrent,
    cloudwatchLogGroupRetentionSet,
    ec2VpcFlowLogsEnabled,
    wafv2WebAclLoggingEnabled,
    albLoadBalancerAccessLogsEnabled,
    ecsClusterContainerInsightsEnabled,
    // Cost: budgets (levels per environment in config/) and cost smells (advisory)
    stackCostWithinBudget,
    stackCostRiseWithinLimit,
    ec2NatGatewayUsedByWorkloads,
    ec2VpcEndpointUsedByWorkloads,
    kmsKeyCountPerSystemLimited,
];

/** What the pack serves and the offline gate runs: every policy with exemptions applied, then the exemption reports. */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [...basePolicies.map(withExemptions), exemptionsExpired, exemptionsUnmatched];

/** Severity, area, remediation and equivalent cdk-nag / checkov ids of every policy, by name. */
export const policyMetadata: Record<string, PolicyMetadata> = metadataRegistry;

// The committed exemptions apply by default; the gate and tests may load their own (exemptions.ts).
loadExemptions();
