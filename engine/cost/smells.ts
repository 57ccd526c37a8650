/**
 * Cost smells: resources that cost money and serve nothing. Advisory findings the policy pack
 * reports (policies/cost/): a NAT gateway no function or task routes through, an interface endpoint
 * no function or task in its VPC uses, a system with more KMS keys than a key per data class needs.
 * Links are followed through property dependencies, which are known in preview (ids are not).
 */
import type { CostResource } from "./model";
import { SYSTEM_TYPE } from "./model";
import { str } from "./values";

const T = {
    nat: "aws:ec2/natGateway:NatGateway",
    route: "aws:ec2/route:Route",
    association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    subnet: "aws:ec2/subnet:Subnet",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    fn: "aws:lambda/function:Function",
    service: "aws:ecs/service:Service",
    key: "aws:kms/key:Key",
} as const;

/** Interface endpoints only tasks use: Lambda's own logs are delivered by the Lambda service, not through the VPC. */
const TASK_ONLY_SERVICES: ReadonlySet<string> = new Set(["logs", "ecr.api", "ecr.dkr"]);

class Graph {
    readonly byUrn: Map<string, CostResource>;
    private readonly dependents = new Map<string, { r: CostResource; prop: string }[]>();

    constructor(readonly resources: readonly CostResource[]) {
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
        for (const r of resources) {
            for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
                for (const u of new Set(urns)) this.dependents.set(u, [...(this.dependents.get(u) ?? []), { r, prop }]);
            }
        }
    }

    deps(r: CostResource, prop: string, type?: string): CostResource[] {
        return (r.propertyDependencies[prop] ?? []).map((u) => this.byUrn.get(u)).filter((x): x is CostResource => x !== undefined && (type === undefined || x.type === type));
    }

    users(urn: string, type?: string, prop?: string): CostResource[] {
        return (this.dependents.get(urn) ?? []).filter((d) => (type === undefined || d.r.type === type) && (prop === undefined || d.prop === prop)).map((d) => d.r);
    }

    /** The subnets a function or task runs in. */
    workloadSubnets(w: CostResource): CostResource[] {
        return this.deps(w, w.type === T.fn ? "vpcConfig" : "networkConfiguration", T.subnet);
    }

    workloads(): CostResource[] {
        return this.resources.filter((r) => r.type === T.fn || r.type === T.service);
    }

    vpcOf(subnetOrEndpoint: CostResource): string | undefined {
        return subnetOrEndpoint.propertyDependencies.vpcId?.[0];
    }
}

export interface Smell {
    urn: string;
    type: string;
    name: string;
    problem: string;
    fix: string;
}

/** A NAT gateway whose private subnets run no function or task: it costs its hours and its public IPv4 for nothing. */
export function unusedNatGateways(resources: readonly CostResource[]): Smell[] {
    const g = new Graph(resources);
    const workloadSubnets = new Set(g.workloads().flatMap((w) => g.workloadSubnets(w)).map((s) => s.urn));
    const smells: Smell[] = [];
    for (const nat of resources.filter((r) => r.type === T.nat)) {
        const tables = g.users(nat.urn, T.route, "natGatewayId").flatMap((route) => route.propertyDependencies.routeTableId ?? []);
        const subnets = [...new Set(tables.flatMap((t) => g.users(t, T.association, "routeTableId")).flatMap((a) => g.deps(a, "subnetId", T.subnet)))];
        if (subnets.some((s) => workloadSubnets.has(s.urn))) continue;
        smells.push({
            urn: nat.urn, type: nat.type, name: nat.name,
            problem: subnets.length === 0
                ? "no route sends traffic to it"
                : `no function or task runs in the subnets that route through it (${subnets.map((s) => s.name).join(", ")}), so nothing uses it; it still bills its hours and its Elastic IP`,
            fix: "set the Network's natGateways to \"none\" where no workload needs the internet (for example functions outside the VPC), or run the workloads that need egress in these subnets",
        });
    }
    return smells;
}

/** An interface endpoint nothing references and no function or task in its VPC could use. */
export function unusedInterfaceEndpoints(resources: readonly CostResource[]): Smell[] {
    const g = new Graph(resources);
    const workloadVpcs = new Map<string, Set<string>>();
    for (const w of g.workloads()) {
        for (const s of g.workloadSubnets(w)) {
            const vpc = g.vpcOf(s);
            if (vpc) workloadVpcs.set(vpc, new Set([...(workloadVpcs.get(vpc) ?? []), w.type]));
        }
    }
    const smells: Smell[] = [];
    for (const e of resources.filter((r) => r.type === T.endpoint && str(r.props, "vpcEndpointType") === "Interface")) {
        const serviceName = str(e.props, "serviceName");
        if (typeof serviceName !== "string") continue;
        const service = serviceName.split(".").slice(3).join(".");
        // Referenced (a private API's policy, an ALB targeting its interfaces): in use.
        if (g.users(e.urn).length > 0) continue;
        const vpc = g.vpcOf(e);
        const kinds = vpc ? workloadVpcs.get(vpc) ?? new Set<string>() : new Set<string>();
        const used = TASK_ONLY_SERVICES.has(service) ? kinds.has(T.service) : kinds.size > 0;
        if (used) continue;
        smells.push({
            urn: e.urn, type: e.type, name: e.name,
            problem: TASK_ONLY_SERVICES.has(service) && kinds.has(T.fn)
                ? `no task runs in its VPC, and functions do not use a ${service} endpoint (Lambda delivers its own logs; images are pulled by ECS), so nothing uses it`
                : `no function or task runs in its VPC and no resource refers to it, so nothing uses it`,
            fix: `remove "${service}" from the Network's endpoints`,
        });
    }
    return smells;
}

/** Systems with more customer managed keys than `max` (one key per data class needs few). */
export function keysPerSystem(resources: readonly CostResource[], max: number): Smell[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const keys = new Map<string, CostResource[]>();
    const systems = new Map<string, CostResource>();
    for (const r of resources) {
        if (r.type !== T.key) continue;
        let p: CostResource | undefined = r;
        while (p && p.type !== SYSTEM_TYPE) p = p.parent ? byUrn.get(p.parent) : undefined;
        if (!p) continue;
        systems.set(p.name, p);
        keys.set(p.name, [...(keys.get(p.name) ?? []), r]);
    }
    return [...keys].filter(([, ks]) => ks.length > max).map(([system, ks]) => ({
        urn: systems.get(system)!.urn, type: SYSTEM_TYPE, name: system,
        problem: `has ${ks.length} customer managed KMS keys (more than ${max}; each costs $1/month): ${ks.map((k) => k.name).join(", ")}`,
        fix: "share one key per data class (logs, data, secrets) across the system's components by passing kmsKeyArn; keep a separate key only where a key change would replace data (RDS, Aurora, ECR, Backup vaults) or the data needs its own access boundary",
    }));
}
