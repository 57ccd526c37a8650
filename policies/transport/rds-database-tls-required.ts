/**
 * Encryption in transit for RDS and Aurora is a database parameter: `rds.force_ssl` (PostgreSQL, Aurora
 * PostgreSQL, SQL Server) or `require_secure_transport` (MySQL, MariaDB, Aurora MySQL). Without it the
 * server accepts plaintext connections from any client that asks for one. A parameter group only matters
 * through the instances and clusters that use it, so this is a stack rule: it follows each database to
 * its parameter group (through `propertyDependencies`, or a known name).
 *
 * Anchors: checkov CKV2_AWS_69 (RDS instances with encryption in transit).
 * Beyond it: Aurora and Multi-AZ DB clusters through their cluster parameter group. Like CKV2_AWS_69, a
 * database on the engine's default parameter group fails, except RDS PostgreSQL 15 and later, whose
 * default group already sets rds.force_ssl = 1 (the instance must pin such an engineVersion).
 * Not checked: a parameter group that is not managed in this stack (it cannot be read), Oracle and Db2
 * (TLS is an option group / db2comm setting there).
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../lib/define";
import { linksTo, ofTypes, propsOf } from "../lib/links";
import { at, isUnknown, list, pendingUntilUpdate } from "../lib/values";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";

/** The parameter that forces TLS, by engine. */
function tlsParameter(engine: string): string | undefined {
    if (/^(postgres|aurora-postgresql|sqlserver-)/.test(engine)) return "rds.force_ssl";
    if (/^(mysql|mariadb|aurora-mysql|aurora)$/.test(engine)) return "require_secure_transport";
    return undefined;
}

const ON = /^(1|on|true)$/i;

/** RDS PostgreSQL 15+ default groups set rds.force_ssl = 1; every other engine's default lets plaintext in. */
function defaultGroupForcesTls(engine: string, version: unknown): boolean {
    if (engine !== "postgres" || typeof version !== "string") return false;
    const major = Number(/^(\d+)/.exec(version)?.[1]);
    return major >= 15;
}

type GroupVerdict = { ok: true } | { problem: string } | { unknown: string };

function groupVerdict(group: PolicyResource, parameter: string): GroupVerdict {
    const parameters = at(propsOf(group), "parameters");
    if (isUnknown(parameters)) return { unknown: `the parameters of ${group.name}` };
    for (const p of list(parameters)) {
        const name = at(p, "name");
        if (isUnknown(name)) return { unknown: `the parameters of ${group.name}` };
        if (typeof name !== "string" || name.toLowerCase() !== parameter) continue;
        const value = at(p, "value");
        if (isUnknown(value)) return { unknown: `${parameter} in ${group.name}` };
        return ON.test(String(value)) ? { ok: true } : { problem: `sets ${parameter} = ${JSON.stringify(value)}` };
    }
    return { problem: `does not set ${parameter} = 1 (the engine's default accepts connections without TLS)` };
}

export const rdsDatabaseTlsRequired = stackRule({
    name: "aws-rds-database-tls-required",
    description: "RDS instances and Aurora / Multi-AZ clusters use a parameter group that forces TLS (rds.force_ssl = 1 or require_secure_transport = 1).",
    area: "transport",
    severity: "high",
    remediation: 'give the database its own parameter group (aws.rds.ParameterGroup, or ClusterParameterGroup for a cluster) with { name: "rds.force_ssl", value: "1" } (PostgreSQL, SQL Server) or { name: "require_secure_transport", value: "1" } (MySQL, MariaDB)',
    checkov: ["CKV2_AWS_69"],
    types: [INSTANCE, CLUSTER, PARAMETER_GROUP, CLUSTER_PARAMETER_GROUP],
    check(resources, report) {
        const groups = { [INSTANCE]: ofTypes(resources, [PARAMETER_GROUP]), [CLUSTER]: ofTypes(resources, [CLUSTER_PARAMETER_GROUP]) };
        const groupProp = { [INSTANCE]: "parameterGroupName", [CLUSTER]: "dbClusterParameterGroupName" };
        const pending: string[] = [];
        for (const db of ofTypes(resources, [INSTANCE, CLUSTER])) {
            const props = propsOf(db);
            const engine = at(props, "engine");
            if (isUnknown(engine)) {
                pending.push(`the engine of ${db.name}`);
                continue;
            }
            // A read replica without an engine inherits its source's settings, checked on the source.
            if (typeof engine !== "string") continue;
            const parameter = tlsParameter(engine);
            if (!parameter) continue;
            const kind = db.type as typeof INSTANCE | typeof CLUSTER;
            const prop = groupProp[kind];
            const reference = at(props, prop);
            const linked: PolicyResource[] = [];
            let undecided = false;
            for (const g of groups[kind]) {
                const link = linksTo(db, prop, g, ["name"]);
                if (link === "yes") linked.push(g);
                else if (link === "unknown") undecided = true;
            }
            if (linked.length === 0) {
                if (undecided || isUnknown(reference)) {
                    pending.push(`the parameter group of ${db.name}`);
                    continue;
                }
                const onDefault = reference === undefined || reference === null || reference === "" || (typeof reference === "string" && reference.startsWith("default."));
                if (onDefault && !defaultGroupForcesTls(engine, at(props, "engineVersion"))) {
                    report(db, `uses the default parameter group, which does not set ${parameter} = 1`);
                }
                continue; // a named group outside this stack cannot be read
            }
            for (const g of linked) {
                const verdict = groupVerdict(g, parameter);
                if ("problem" in verdict) report(g, `${verdict.problem} (used by ${db.type === CLUSTER ? "cluster" : "instance"} "${db.name}")`);
                else if ("unknown" in verdict) pending.push(verdict.unknown);
            }
        }
        if (pending.length > 0) pendingUntilUpdate(pending.join(", "));
    },
});
