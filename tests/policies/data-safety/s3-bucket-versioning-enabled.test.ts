import { byName, describePolicy, res, T, UNKNOWN } from "../support/spec";

describePolicy("aws-s3-bucket-versioning-enabled", {
    level: "mandatory",
    description: /versioning enabled/,
    compliant: [res(T.bucket, "data", { bucket: UNKNOWN }), res(T.versioning, "data-versioning", { bucket: UNKNOWN, versioningConfiguration: { status: "Enabled" } }, { bucket: ["data"] })],
    alsoCompliant: [{ title: "inline versioning is on", change: (f) => { f.pop(); f[0].props.versioning = { enabled: true }; } }],
    cases: [
        { title: "no versioning resource", break: (f) => f.pop(), expect: /has no versioning/ },
        { title: "versioning suspended", break: (f) => ((byName(f, "data-versioning").props.versioningConfiguration as Record<string, string>).status = "Suspended"), expect: /versioning status "Suspended"/, resource: "data-versioning" },
    ],
    pending: [{ title: "the status is unknown", break: (f) => (byName(f, "data-versioning").props.versioningConfiguration = { status: UNKNOWN }) }],
});
