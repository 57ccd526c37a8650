/** Taggability comes from the provider packages' schema, and the committed list is current. */
import * as assert from "assert";
import * as fs from "fs";
import { isTaggable } from "../../components/shared/tags";
import { deriveTaggableTypes, TAGGABLE_TYPES_FILE } from "../../engine/tools/generate-taggable-types";

describe("taggable resource types", function () {
    this.timeout(60_000);

    it("the committed list equals what the installed @pulumi/aws and @pulumi/awsx declare (npm run gen:taggable)", () => {
        const committed = JSON.parse(fs.readFileSync(TAGGABLE_TYPES_FILE, "utf8")) as { types: string[] };
        assert.deepStrictEqual(committed.types, deriveTaggableTypes());
    });

    it("knows taggable types from their Args (buckets, tables, awsx VPCs) and untaggable ones (bucket policies, public access blocks)", () => {
        for (const t of ["aws:s3/bucket:Bucket", "aws:dynamodb/table:Table", "aws:kms/key:Key", "awsx:ec2:Vpc", "awsx:lb:ApplicationLoadBalancer"]) assert.ok(isTaggable(t), t);
        for (const t of ["aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:iam/rolePolicy:RolePolicy", "platform:core:System"]) assert.ok(!isTaggable(t), t);
    });
});
