import { describePolicy, res } from "../support/spec";

describePolicy("aws-rds-instance-not-publicly-accessible", {
    level: "mandatory",
    description: /not publicly accessible/,
    compliant: [res("aws:rds/instance:Instance", "db", { publiclyAccessible: false }), res("aws:rds/clusterInstance:ClusterInstance", "aurora-1", {})],
    cases: [
        { title: "instance public", break: (f) => (f[0].props.publiclyAccessible = true), expect: /publiclyAccessible: true/ },
        { title: "cluster instance public", break: (f) => (f[1].props.publiclyAccessible = true), expect: /publiclyAccessible/, resource: "aurora-1" },
    ],
});
