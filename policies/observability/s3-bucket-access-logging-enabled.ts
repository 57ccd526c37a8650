import { checkBucketCompanions, OK } from "../lib/buckets";
import { stackRule } from "../lib/define";
import type { PolicyResource } from "@pulumi/policy";
import { BUCKET_ID_KEYS, bucketRefMatches, linksTo, ofTypes } from "../lib/links";
import { raw } from "../lib/values";

/** True when `from`'s (nested) input `property` was computed from `target`'s outputs. */
function dependsVia(from: PolicyResource, property: string, target: PolicyResource): boolean {
    const deps = raw((raw(from.propertyDependencies) as Record<string, unknown> | undefined)?.[property]) as PolicyResource[] | undefined;
    return Array.isArray(deps) && deps.some((d) => d && d.urn === target.urn);
}
import { at } from "../lib/values";

const LOGGING_TYPES = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];
/** Resources that deliver logs into a bucket: CloudFront standard logging v2 and load balancers. */
const LOG_WRITERS: { types: string[]; property: string }[] = [
    { types: ["aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination"], property: "deliveryDestinationConfiguration" },
    { types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer", "awsx:lb:ApplicationLoadBalancer", "awsx:lb:NetworkLoadBalancer"], property: "accessLogs" },
];

export const s3BucketAccessLoggingEnabled = stackRule({
    name: "aws-s3-bucket-access-logging-enabled",
    description: "S3 buckets have server access logging (buckets that receive access logs are exempt).",
    area: "observability",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "add an aws.s3.BucketLogging with `bucket: bucket.id` and targetBucket set to the system's access-log bucket",
    cdkNag: ["AwsSolutions-S1"],
    checkov: ["CKV_AWS_18"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", ...LOGGING_TYPES],
    check(resources, report) {
        const loggings = ofTypes(resources, LOGGING_TYPES);
        const writers = LOG_WRITERS.flatMap((w) => ofTypes(resources, w.types).map((r) => ({ r, property: w.property })));
        checkBucketCompanions(resources, report, {
            companionTypes: LOGGING_TYPES,
            inline: (props) => (at(props, "logging", "targetBucket") ? OK : undefined),
            companion: () => OK,
            missing: "has no server access logging",
            // A log bucket (S3 access logs, CloudFront or load balancer logs land there) does not log its
            // own access: into itself it would loop, into another log bucket it only adds noise.
            skip: (bucket) => loggings.some((l) => linksTo(l, "targetBucket", bucket, BUCKET_ID_KEYS, bucketRefMatches) === "yes")
                || writers.some((w) => dependsVia(w.r, w.property, bucket)),
        });
    },
});
