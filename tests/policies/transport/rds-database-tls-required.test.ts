import { byName, describePolicy, res, UNKNOWN } from "../support/spec";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const PG = "aws:rds/parameterGroup:ParameterGroup";
const CPG = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const forceSsl = { name: "rds.force_ssl", value: "1" };

describePolicy("aws-rds-database-tls-required", {
    level: "mandatory",
    description: /use a parameter group that forces TLS/,
    compliant: [
        res(PG, "pg-params", { family: "postgres14", parameters: [{ name: "log_connections", value: "1" }, forceSsl] }),
        res(INSTANCE, "pg", { engine: "postgres", engineVersion: "14.12", parameterGroupName: UNKNOWN }, { parameterGroupName: ["pg-params"] }),
        res(PG, "mysql-params", { family: "mysql8.0", parameters: [{ name: "require_secure_transport", value: "ON" }] }),
        res(INSTANCE, "mysql", { engine: "mysql", engineVersion: "8.0.39", parameterGroupName: "mysql-params-1a2b3c" }, { parameterGroupName: ["mysql-params"] }),
        res(CPG, "aurora-params", { family: "aurora-postgresql16", parameters: [forceSsl] }),
        res(CLUSTER, "aurora", { engine: "aurora-postgresql", engineVersion: "16.10", dbClusterParameterGroupName: UNKNOWN }, { dbClusterParameterGroupName: ["aurora-params"] }),
    ],
    alsoCompliant: [
        { title: "PostgreSQL 16 on the default group (which forces TLS from 15 on)", change: (f) => { f.splice(0, 2); f.push(res(INSTANCE, "pg16", { engine: "postgres", engineVersion: "16.4" })); } },
        { title: "the group is linked by its known name", change: (f) => { byName(f, "mysql-params").props.name = "mysql-params-1a2b3c"; delete byName(f, "mysql").deps; } },
        { title: "a parameter group outside the stack", change: (f) => { f.splice(2, 2); f.push(res(INSTANCE, "shared", { engine: "mysql", parameterGroupName: "org-mysql8-tls" })); } },
        { title: "an Oracle instance (TLS is an option group setting)", change: (f) => f.push(res(INSTANCE, "ora", { engine: "oracle-ee" })) },
        { title: "a read replica inherits its source's engine and group", change: (f) => f.push(res(INSTANCE, "replica", { replicateSourceDb: "pg" })) },
    ],
    cases: [
        { title: "rds.force_ssl off", break: (f) => (byName(f, "pg-params").props.parameters = [{ name: "rds.force_ssl", value: "0" }]), expect: /sets rds\.force_ssl = "0" \(used by instance "pg"\)/, resource: "pg-params" },
        { title: "require_secure_transport missing", break: (f) => (byName(f, "mysql-params").props.parameters = [{ name: "max_connections", value: "200" }]), expect: /does not set require_secure_transport = 1 .* \(used by instance "mysql"\)/, resource: "mysql-params" },
        { title: "an Aurora cluster group turns rds.force_ssl off", break: (f) => (byName(f, "aurora-params").props.parameters = [{ name: "RDS.FORCE_SSL", value: "false" }]), expect: /sets rds\.force_ssl = "false" \(used by cluster "aurora"\)/, resource: "aurora-params" },
        { title: "an instance on the default group of PostgreSQL 14", break: (f) => { delete byName(f, "pg").deps; delete byName(f, "pg").props.parameterGroupName; }, expect: /uses the default parameter group, which does not set rds\.force_ssl = 1/, resource: "pg" },
        { title: "a MySQL instance on a named default group", break: (f) => { delete byName(f, "mysql").deps; byName(f, "mysql").props.parameterGroupName = "default.mysql8.0"; }, expect: /default parameter group, which does not set require_secure_transport/, resource: "mysql" },
        { title: "a Multi-AZ MySQL cluster on the default cluster group", break: (f) => f.push(res(CLUSTER, "maz", { engine: "mysql", dbClusterInstanceClass: "db.m6gd.large" })), expect: /default parameter group/, resource: "maz" },
        { title: "PostgreSQL on the default group without a pinned version", break: (f) => f.push(res(INSTANCE, "pg-latest", { engine: "postgres" })), expect: /default parameter group/, resource: "pg-latest" },
    ],
    pending: [
        { title: "the group's name is unknown and carries no dependencies", break: (f) => delete byName(f, "pg").deps },
        { title: "the parameter's value is unknown", break: (f) => (byName(f, "aurora-params").props.parameters = [{ name: "rds.force_ssl", value: UNKNOWN }]) },
        { title: "the engine is unknown", break: (f) => (byName(f, "mysql").props.engine = UNKNOWN) },
    ],
});
