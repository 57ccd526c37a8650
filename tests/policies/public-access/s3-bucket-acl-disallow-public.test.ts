import { describePolicy, res, T, UNKNOWN } from "../support/spec";

describePolicy("aws-s3-bucket-acl-disallow-public", {
    level: "mandatory",
    description: /ACL grants access to everyone/,
    compliant: [res(T.bucketAcl, "site-acl", { bucket: UNKNOWN, acl: "private" }), res(T.bucketObject, "index", { bucket: UNKNOWN, key: "index.html" })],
    cases: [
        { title: "public-read canned ACL", break: (f) => (f[0].props.acl = "public-read"), expect: /public canned ACL "public-read"/ },
        { title: "authenticated-read canned ACL on an object", break: (f) => (f[1].props.acl = "authenticated-read"), expect: /"authenticated-read"/, resource: "index" },
        {
            title: "a grant to AllUsers",
            break: (f) => (f[0].props.accessControlPolicy = { owner: { id: "x" }, grants: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }] }),
            expect: /grants READ to the AllUsers group/,
        },
        { title: "public ACL decided even when other fields are unknown", break: (f) => (f[0].props = { bucket: UNKNOWN, acl: "public-read-write", accessControlPolicy: UNKNOWN }), expect: /public-read-write/ },
    ],
});
