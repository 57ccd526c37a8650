/**
 * Anchors: checkov CKV_AWS_20 (no ACL allowing public READ), CKV_AWS_57 (no ACL allowing public WRITE).
 * Beyond them: object ACLs, explicit grants to AllUsers / AuthenticatedUsers, and authenticated-read.
 * Less than checkov CKV2_AWS_65, which wants ACLs disabled altogether (BucketOwnerEnforced): private ACLs
 * pass here. (cdk-nag AwsSolutions-S2 is the public access block, checked by
 * aws-s3-bucket-public-access-block-required.)
 */
import { resourceRule } from "../lib/define";
import { at, isUnknown, list } from "../lib/values";

const PUBLIC_CANNED = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GROUPS = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

export const s3BucketAclDisallowPublic = resourceRule({
    name: "aws-s3-bucket-acl-disallow-public",
    description: "No bucket or object ACL grants access to everyone or to any authenticated AWS user (canned ACLs or grants).",
    area: "public-access",
    severity: "critical",
    remediation: "remove the ACL (use BucketOwnershipControls with BucketOwnerEnforced) or use a private canned ACL; share through a bucket policy or CloudFront OAC instead",
    checkov: ["CKV_AWS_20", "CKV_AWS_57"],
    types: [
        "aws:s3/bucket:Bucket",
        "aws:s3/bucketV2:BucketV2",
        "aws:s3/bucketAcl:BucketAcl",
        "aws:s3/bucketAclV2:BucketAclV2",
        "aws:s3/bucketObject:BucketObject",
        "aws:s3/bucketObjectv2:BucketObjectv2",
    ],
    check({ props }, report) {
        // Each part is decided on its own: a known public canned ACL is reported even when grants are unknown.
        const acl = at(props, "acl");
        if (typeof acl === "string" && PUBLIC_CANNED.includes(acl)) report(`uses the public canned ACL "${acl}"`, 'remove acl or set it to "private"');
        const grants = [...list(at(props, "grants")), ...list(at(props, "accessControlPolicy", "grants"))];
        for (const grant of grants) {
            const uri = at(grant, "uri") ?? at(grant, "grantee", "uri");
            if (typeof uri === "string" && !isUnknown(uri) && PUBLIC_GROUPS.includes(uri)) {
                const group = uri.slice(uri.lastIndexOf("/") + 1);
                report(`grants ${String(at(grant, "permissions") ?? at(grant, "permission"))} to the ${group} group`, `remove the grant to ${group}`);
            }
        }
    },
});
