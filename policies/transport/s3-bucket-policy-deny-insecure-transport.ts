import { checkBucketCompanions, OK, type Verdict } from "../lib/buckets";
import { stackRule } from "../lib/define";
import { parseDocument } from "../lib/policy-document";
import { at, isUnknown } from "../lib/values";

/** A Deny statement for requests where aws:SecureTransport is false. */
function deniesInsecure(policy: unknown): Verdict {
    const doc = parseDocument(policy);
    if (doc.kind === "unknown") return { unknown: "policy" };
    if (doc.kind !== "known") return { problem: "has a bucket policy that does not deny non-TLS requests" };
    const ok = doc.statements.some(
        (s) =>
            s.effect === "Deny" &&
            s.conditions.some((c) => c.key === "aws:securetransport" && /^Bool/i.test(c.operator) && c.values.some((v) => v === false || v === "false")),
    );
    if (ok) return OK;
    if (doc.statements.some((s) => s.partlyUnknown)) return { unknown: "policy statements" };
    return { problem: "has a bucket policy without a Deny for aws:SecureTransport = false" };
}

export const s3BucketPolicyDenyInsecureTransport = stackRule({
    name: "aws-s3-bucket-policy-deny-insecure-transport",
    description: "Every S3 bucket has a bucket policy that denies requests without TLS (aws:SecureTransport = false).",
    area: "transport",
    severity: "high",
    remediation:
        'add an aws.s3.BucketPolicy with `bucket: bucket.id` and a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, bucketArn/*], Condition: { Bool: { "aws:SecureTransport": "false" } } }',
    cdkNag: ["AwsSolutions-S10"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:s3/bucketPolicy:BucketPolicy"],
    check(resources, report) {
        checkBucketCompanions(resources, report, {
            companionTypes: ["aws:s3/bucketPolicy:BucketPolicy"],
            inline: (props) => {
                const policy = at(props, "policy");
                if (policy === undefined || policy === null || policy === "") return undefined;
                if (isUnknown(policy)) return { unknown: "policy" };
                return deniesInsecure(policy);
            },
            companion: (props) => deniesInsecure(at(props, "policy")),
            missing: "has no bucket policy denying non-TLS requests",
        });
    },
});
