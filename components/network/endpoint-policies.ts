/**
 * Policies of the gateway endpoints (S3, DynamoDB): a data perimeter on the VPC's own path to
 * those services.
 *
 * The default endpoint policy allows any principal to reach any bucket or table, so stolen or
 * foreign credentials used inside the VPC can copy data out to another account's bucket through
 * the endpoint. These policies allow a request only when the caller is a principal of this account
 * (`aws:PrincipalAccount`) and the bucket or table belongs to this account (`aws:ResourceAccount`).
 * Requests this account's workloads make to its own buckets and tables meet both conditions, so
 * nothing the platform builds is cut off.
 *
 * The one exception that is needed: ECS/Fargate (and EC2) pull ECR image layers from the AWS-owned
 * bucket `prod-<region>-starport-layer-bucket` through presigned URLs that ECR signs, so neither
 * the principal nor the bucket is this account's. Without this statement, tasks in private
 * subnets could not start once the S3 gateway endpoint carries their S3 traffic (AWS documents
 * this statement as the minimum for ECR). Read-only, one bucket, objects only.
 *
 * What stays out on purpose: buckets and tables of other accounts (public data sets, partners). A
 * workload that needs one must reach it some other way, or the Network gets an explicit exception.
 * Interface endpoints keep the default policy: callers of the private API's execute-api endpoint
 * are unauthenticated HTTPS clients (the API's resource policy pins the endpoint instead), so an
 * account condition there would refuse every call.
 */
import * as pulumi from "@pulumi/pulumi";

export interface AccountContext {
    account: pulumi.Input<string>;
    region: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

/** The endpoint policy of the gateway endpoint for `service` (s3 or dynamodb). */
export function gatewayEndpointPolicy(service: string, ctx: AccountContext): pulumi.Output<string> {
    const statements: Record<string, unknown>[] = [{
        Sid: "AccountPrincipalsToAccountResources",
        Effect: "Allow",
        Principal: "*",
        Action: `${service}:*`,
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": ctx.account, "aws:ResourceAccount": ctx.account } },
    }];
    if (service === "s3") {
        statements.push({
            Sid: "EcrImageLayers",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: pulumi.interpolate`arn:${ctx.partition}:s3:::prod-${ctx.region}-starport-layer-bucket/*`,
        });
    }
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}
