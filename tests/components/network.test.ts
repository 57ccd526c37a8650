import * as assert from "assert";
import { Network, planSubnets, type NetworkArgs } from "../../components/network";
import { SystemScope } from "../../components/system";
import { REQUIRED_TAG_KEYS } from "../../components/shared/tags";
import { declaredResources, runInline, runProgram, UNKNOWN, type ResourceRecord, type RunResult } from "../../engine/run";
import { inputs, one, ofType, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const T = {
    network: "platform:network:Network",
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    route: "aws:ec2/route:Route",
    igw: "aws:ec2/internetGateway:InternetGateway",
    eip: "aws:ec2/eip:Eip",
    nat: "aws:ec2/natGateway:NatGateway",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    flowLog: "aws:ec2/flowLog:FlowLog",
} as const;
/** MultiMusic: API Gateway, Secrets Manager and Logs through interface endpoints, DynamoDB through a gateway. */
const multimusic: NetworkArgs = { natGateways: "single", endpoints: ["dynamodb", "execute-api", "secretsmanager", "logs"] };
/** The Vibe seed's plan: two public and two private /24s. */
const seedPlan: NetworkArgs = {
    natGateways: "single",
    subnets: [
        { type: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] },
        { type: "private", cidrBlocks: ["10.0.11.0/24", "10.0.12.0/24"] },
    ],
};

const outputsOf = (result: RunResult, name = "main") => one(result, T.network, name).outputs as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const names = (result: RunResult, type: string) => ofType(result, type).map((r) => r.name).sort();
const byId = (result: RunResult, type: string, id: unknown): ResourceRecord => {
    const found = ofType(result, type).find((r) => r.id === id);
    return found ?? assert.fail(`no ${type} with id ${String(id)}`);
};
/** Each route as [route table name, destination, target resource name]. */
function routes(result: RunResult): string[][] {
    return ofType(result, T.route).map((r) => {
        const i = inputs(r);
        const target = i.gatewayId !== undefined ? byId(result, T.igw, i.gatewayId) : byId(result, T.nat, i.natGatewayId);
        return [byId(result, T.routeTable, i.routeTableId).name, i.destinationCidrBlock, `${target.type === T.igw ? "igw" : "nat"}:${target.name}`];
    }).sort((a, b) => a[0].localeCompare(b[0]));
}

describe("Network", () => {
    it("builds an aws.ec2.Vpc with DNS support and hostnames and only a Name tag of its own", async () => {
        const result = await runInline(() => new Network("main"));
        const vpc = inputs(one(result, T.vpc, "main"));
        assert.strictEqual(vpc.cidrBlock, "10.0.0.0/16");
        assert.strictEqual(vpc.enableDnsSupport, true, "enableDnsSupport");
        assert.strictEqual(vpc.enableDnsHostnames, true, "enableDnsHostnames");
        assert.deepStrictEqual(vpc.tags, { Name: "main" }, "platform tags come from the system root, not the component");
        assert.strictEqual(declaredResources(result).filter((r) => r.remote).length, 0, "no remote component");
        assert.ok(declaredResources(result).every((r) => !r.type.startsWith("awsx:")), "no awsx resource");
    });

    it("lays out public /24, private /20 and isolated /24 per AZ from the VPC range, in the region's AZs, none mapping public IPs", async () => {
        const result = await runInline(() => new Network("main"));
        const subnets = ofType(result, T.subnet).map(inputs);
        assert.deepStrictEqual(ofType(result, T.subnet).map((s) => [s.name, inputs(s).cidrBlock, inputs(s).availabilityZone]).sort(), [
            ["main-isolated-1", "10.0.32.0/24", "us-east-1a"], ["main-isolated-2", "10.0.160.0/24", "us-east-1b"],
            ["main-private-1", "10.0.16.0/20", "us-east-1a"], ["main-private-2", "10.0.144.0/20", "us-east-1b"],
            ["main-public-1", "10.0.0.0/24", "us-east-1a"], ["main-public-2", "10.0.128.0/24", "us-east-1b"],
        ]);
        for (const s of subnets) {
            assert.strictEqual(s.mapPublicIpOnLaunch, false, `${s.tags.Name}: no public IP on launch`);
            assert.match(s.vpcId, /^vpc-/);
            assert.deepStrictEqual(s.tags, { Name: s.tags.Name });
        }
        const three = await runInline(() => new Network("main", { azCount: 3 }), { config: { "aws:region": "eu-west-1" } });
        assert.deepStrictEqual(ofType(three, T.subnet).filter((s) => s.name.startsWith("main-private-")).map((s) => [inputs(s).cidrBlock, inputs(s).availabilityZone]), [
            ["10.0.16.0/20", "eu-west-1a"], ["10.0.80.0/20", "eu-west-1b"], ["10.0.144.0/20", "eu-west-1c"],
        ], "each AZ gets a /18; the fourth /18 stays free");
    });

    it("refuses more AZs than the region offers, naming azCount", async () => {
        await assert.rejects(runInline(() => new Network("main", { azCount: 4 }), { config: { "aws:region": "eu-west-1" } }),
            /Network "main": argument azCount: got 4; allowed: at most the 3 availability zones this region offers \(eu-west-1a, eu-west-1b, eu-west-1c\)/);
    });

    it("gives every subnet its own route table and association", async () => {
        const result = await runInline(() => new Network("main"));
        assert.deepStrictEqual(names(result, T.routeTable), names(result, T.subnet));
        for (const subnet of ofType(result, T.subnet)) {
            const association = inputs(one(result, T.association, subnet.name));
            assert.strictEqual(association.subnetId, subnet.id, subnet.name);
            assert.strictEqual(association.routeTableId, one(result, T.routeTable, subnet.name).id, `${subnet.name}: its own route table`);
        }
        assert.ok(ofType(result, T.routeTable).every((rt) => inputs(rt).routes === undefined), "no inline routes (they would fight the Route resources)");
    });

    it("routes public subnets to the internet gateway, private ones through NAT per strategy, isolated ones nowhere", async () => {
        const publicRoutes = [["main-public-1", "0.0.0.0/0", "igw:main"], ["main-public-2", "0.0.0.0/0", "igw:main"]];
        const none = await runInline(() => new Network("main", { natGateways: "none" }));
        assert.deepStrictEqual(routes(none), publicRoutes, "none: no route out of private subnets");
        assert.deepStrictEqual([ofType(none, T.nat).length, ofType(none, T.eip).length], [0, 0], "none: no NAT, no EIP");

        const single = await runInline(() => new Network("main", { natGateways: "single" }));
        assert.deepStrictEqual(routes(single), [["main-private-1", "0.0.0.0/0", "nat:main-nat-1"], ["main-private-2", "0.0.0.0/0", "nat:main-nat-1"], ...publicRoutes],
            "single: every private subnet through the one NAT");
        assert.strictEqual(inputs(one(single, T.nat)).subnetId, one(single, T.subnet, "main-public-1").id, "the NAT sits in the first public subnet");

        const perAz = await runInline(() => new Network("main", { natGateways: "one-per-az", azCount: 3 }));
        assert.deepStrictEqual(routes(perAz).filter((r) => r[0].includes("private")), [
            ["main-private-1", "0.0.0.0/0", "nat:main-nat-1"], ["main-private-2", "0.0.0.0/0", "nat:main-nat-2"], ["main-private-3", "0.0.0.0/0", "nat:main-nat-3"],
        ], "one-per-az: each AZ through its own NAT");
        for (const i of [1, 2, 3]) {
            assert.strictEqual(inputs(one(perAz, T.nat, `main-nat-${i}`)).subnetId, one(perAz, T.subnet, `main-public-${i}`).id, `NAT ${i} in AZ ${i}'s public subnet`);
        }
        for (const result of [none, single, perAz]) {
            assert.ok(routes(result).every((r) => !r[0].includes("isolated")), "isolated subnets have no route out");
        }
    });

    it("gives each NAT gateway its own Elastic IP (domain vpc) and makes both wait for the internet gateway", async () => {
        const result = await runInline(() => new Network("main"));
        const igw = one(result, T.igw, "main");
        assert.strictEqual(inputs(igw).vpcId, one(result, T.vpc).id);
        assert.deepStrictEqual(names(result, T.eip), ["main-nat-1", "main-nat-2"]);
        for (const i of [1, 2]) {
            const eip = one(result, T.eip, `main-nat-${i}`);
            const nat = one(result, T.nat, `main-nat-${i}`);
            assert.strictEqual(inputs(eip).domain, "vpc");
            assert.strictEqual(inputs(nat).allocationId, eip.outputs.allocationId, `NAT ${i} uses EIP ${i}`);
            assert.strictEqual(inputs(nat).connectivityType, "public");
            assert.deepStrictEqual(inputs(nat).tags, { Name: `main-nat-${i}` });
            for (const r of [eip, nat]) assert.ok(r.options.dependsOn.includes(igw.urn), `${r.type} ${r.name} depends on the internet gateway`);
        }
    });

    it("creates no internet gateway, NAT or route out without a public tier", async () => {
        const result = await runInline(() => new Network("main", { natGateways: "none", subnets: [{ type: "private" }, { type: "isolated" }] }));
        assert.deepStrictEqual([ofType(result, T.igw).length, ofType(result, T.nat).length, ofType(result, T.route).length], [0, 0, 0]);
        assert.deepStrictEqual(outputsOf(result).publicSubnetIds, []);
        assert.strictEqual(outputsOf(result).internetGatewayId, undefined);
    });

    it("attaches S3 and DynamoDB gateway endpoints to the private and isolated route tables with this account's data perimeter", async () => {
        const result = await runInline(() => new Network("main"));
        const workloadTables = ofType(result, T.routeTable).filter((rt) => !rt.name.includes("public")).map((rt) => rt.id).sort();
        const s3 = inputs(one(result, T.endpoint, "main-s3"));
        const dynamodb = inputs(one(result, T.endpoint, "main-dynamodb"));
        assert.deepStrictEqual([s3.serviceName, s3.vpcEndpointType], ["com.amazonaws.us-east-1.s3", "Gateway"]);
        assert.deepStrictEqual([dynamodb.serviceName, dynamodb.vpcEndpointType], ["com.amazonaws.us-east-1.dynamodb", "Gateway"]);
        for (const e of [s3, dynamodb]) assert.deepStrictEqual([...e.routeTableIds].sort(), workloadTables, `${e.serviceName}: private and isolated route tables, not public`);
        const perimeter = (service: string) => ({
            Sid: "AccountPrincipalsToAccountResources", Effect: "Allow", Principal: "*", Action: `${service}:*`, Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012", "aws:ResourceAccount": "123456789012" } },
        });
        assert.deepStrictEqual(policyDocument(one(result, T.endpoint, "main-dynamodb")).Statement, [perimeter("dynamodb")]);
        assert.deepStrictEqual(policyDocument(one(result, T.endpoint, "main-s3")).Statement, [perimeter("s3"), {
            Sid: "EcrImageLayers", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*",
        }], "S3: the perimeter, and read-only ECR image layers (tasks in private subnets pull through this endpoint)");
        assert.deepStrictEqual(outputsOf(result).gatewayEndpointIds, { s3: one(result, T.endpoint, "main-s3").id, dynamodb: one(result, T.endpoint, "main-dynamodb").id });
        assert.strictEqual(ofType(result, T.endpoint).length, 2, "no interface endpoints by default");
        assert.strictEqual(ofType(result, "aws:ec2/securityGroup:SecurityGroup").length, 0, "no endpoint security group without interface endpoints");
    });

    it("adopts the VPC's default security group and leaves it with no rules at all", async () => {
        const result = await runInline(() => new Network("main"));
        const group = one(result, T.defaultSg, "main-default");
        const vpc = one(result, T.vpc, "main");
        assert.strictEqual(inputs(group).vpcId, vpc.id);
        assert.deepStrictEqual(inputs(group).ingress, [], "no ingress");
        assert.deepStrictEqual(inputs(group).egress, [], "no egress");
        assert.strictEqual(group.id, vpc.outputs.defaultSecurityGroupId, "the VPC's own default group");
        assert.strictEqual(outputsOf(result).defaultSecurityGroupId, group.id);
    });

    it("creates interface endpoints in the private subnets with private DNS behind one group admitting 443 from the VPC CIDR only", async () => {
        const result = await runInline(() => new Network("mm", { ...multimusic, cidr: "10.8.0.0/16" }));
        const interfaces = ofType(result, T.endpoint).filter((e) => inputs(e).vpcEndpointType === "Interface");
        assert.deepStrictEqual(interfaces.map((e) => [e.name, inputs(e).serviceName]), [
            ["mm-execute-api", "com.amazonaws.us-east-1.execute-api"], ["mm-secretsmanager", "com.amazonaws.us-east-1.secretsmanager"], ["mm-logs", "com.amazonaws.us-east-1.logs"],
        ]);
        assert.deepStrictEqual(ofType(result, T.endpoint).filter((e) => inputs(e).vpcEndpointType === "Gateway").map((e) => e.name), ["mm-dynamodb"], "only dynamodb is a gateway");
        const out = outputsOf(result, "mm");
        const sg = one(result, "aws:ec2/securityGroup:SecurityGroup");
        for (const e of interfaces.map(inputs)) {
            assert.strictEqual(e.privateDnsEnabled, true, "privateDnsEnabled");
            assert.deepStrictEqual(e.subnetIds, out.privateSubnetIds, "in the private subnets");
            assert.deepStrictEqual(e.securityGroupIds, [sg.id]);
            assert.strictEqual(e.policy, undefined, "interface endpoints keep the default policy (the private API's callers are unauthenticated)");
        }
        const rules = ofType(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(inputs);
        assert.deepStrictEqual(rules.map((r) => [r.cidrIpv4, r.ipProtocol, r.fromPort, r.toPort]), [["10.8.0.0/16", "tcp", 443, 443]], "443 from the VPC only");
        assert.strictEqual(ofType(result, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").length, 0, "no egress rules");
        assert.strictEqual(inputs(sg).egress, undefined, "no inline egress");
        const ids = out.endpointIds as Record<string, string>;
        assert.deepStrictEqual(Object.keys(ids).sort(), ["execute-api", "logs", "secretsmanager"]);
        assert.strictEqual(ids["execute-api"], one(result, T.endpoint, "mm-execute-api").id, "endpointIds[execute-api]");
        const enis = out.endpointNetworkInterfaceIds as Record<string, string[]>;
        assert.ok(enis["execute-api"].length > 0 && enis["execute-api"].every((id) => id.startsWith("eni-")), "networkInterfaceIds");
        assert.strictEqual(out.endpointSecurityGroupId, sg.id, "endpointSecurityGroupId");
    });

    it("logs ALL traffic to a KMS-encrypted log group through a role only vpc-flow-logs can assume for this account", async () => {
        const result = await runInline(() => new Network("main"));
        const flowLog = inputs(one(result, T.flowLog));
        const logGroup = one(result, "aws:cloudwatch/logGroup:LogGroup");
        const key = one(result, "aws:kms/key:Key");
        const role = one(result, "aws:iam/role:Role");
        assert.strictEqual(flowLog.trafficType, "ALL", "trafficType");
        assert.strictEqual(flowLog.maxAggregationInterval, 60, "one-minute aggregation");
        assert.strictEqual(flowLog.logDestinationType, "cloud-watch-logs");
        assert.strictEqual(flowLog.logDestination, (logGroup.outputs as Record<string, string>).arn, "to the encrypted group");
        assert.strictEqual(flowLog.iamRoleArn, (role.outputs as Record<string, string>).arn);
        assert.strictEqual(flowLog.vpcId, one(result, T.vpc).id, "the VPC's id");
        assert.strictEqual(inputs(logGroup).kmsKeyId, (key.outputs as Record<string, string>).arn, "log group kmsKeyId");
        assert.strictEqual(inputs(logGroup).retentionInDays, 365, "retentionInDays");
        assert.ok(policyDocument(key).Statement.some((s) => s.Principal?.Service === "logs.us-east-1.amazonaws.com"), "key allows logs");
        const trust = policyDocument(role, "assumeRolePolicy").Statement;
        assert.deepStrictEqual(trust[0].Principal, { Service: "vpc-flow-logs.amazonaws.com" });
        assert.deepStrictEqual(trust[0].Condition, {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*" },
        }, "trust conditioned on account and flow-log ARN");
        const groupArn = (logGroup.outputs as Record<string, string>).arn;
        const policy = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy")).Statement;
        assert.deepStrictEqual(policy.map((s) => s.Resource), [[groupArn, `${groupArn}:*`]], "writes only to its log group");
        assert.strictEqual(outputsOf(result).flowLogGroupName, (logGroup.outputs as Record<string, string>).name);
    });

    it("uses a given key and retention, and creates no flow log when flowLogs is false", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/logs";
        const result = await runInline(() => new Network("main", { kmsKeyArn: keyArn, flowLogRetentionDays: 30 }));
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created");
        assert.strictEqual(inputs(one(result, "aws:cloudwatch/logGroup:LogGroup")).kmsKeyId, keyArn);
        assert.strictEqual(inputs(one(result, "aws:cloudwatch/logGroup:LogGroup")).retentionInDays, 30);
        const off = await runInline(() => new Network("main", { flowLogs: false }));
        assert.strictEqual(ofType(off, T.flowLog).length, 0, "no flow log");
        assert.strictEqual(ofType(off, "aws:kms/key:Key").length, 0, "no key without flow logs");
    });

    it("protects the created key unless protectData is false (dev), and keeps the key's URN", async () => {
        const prod = await runInline(() => new Network("main"), { stack: "prod" });
        const key = one(prod, "aws:kms/key:Key");
        assert.strictEqual(key.options.protect, true);
        assert.strictEqual(key.urn, "urn:pulumi:prod::platform::platform:network:Network$platform:security:EncryptionKey$aws:kms/key:Key::main-logs-key");
        const dev = await runInline(() => new Network("main", { protectData: false }), { stack: "dev" });
        assert.strictEqual(one(dev, "aws:kms/key:Key").options.protect, false);
    });

    it("exports the VPC, subnets and route tables per tier, NAT gateways and their addresses, and the subnet plan (apply mode)", async () => {
        const result = await runInline(() => new Network("main", { azCount: 3 }));
        const out = outputsOf(result);
        const ids = (type: string, prefix: string) => ofType(result, type).filter((r) => r.name.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name)).map((r) => r.id);
        assert.match(out.vpcId, /^vpc-[0-9a-f]{17}$/);
        assert.strictEqual(out.vpcId, one(result, T.vpc).id);
        for (const tier of ["public", "private", "isolated"]) {
            assert.deepStrictEqual(out[`${tier}SubnetIds`], ids(T.subnet, `main-${tier}-`), `${tier}SubnetIds`);
            assert.ok((out[`${tier}SubnetIds`] as string[]).every((id) => /^subnet-/.test(id)), `${tier}SubnetIds`);
            assert.deepStrictEqual(out[`${tier}RouteTableIds`], ids(T.routeTable, `main-${tier}-`), `${tier}RouteTableIds`);
            assert.ok((out[`${tier}RouteTableIds`] as string[]).every((id) => /^rtb-/.test(id)), `${tier}RouteTableIds`);
        }
        assert.deepStrictEqual(out.natGatewayIds, ids(T.nat, "main-nat-"));
        assert.ok((out.natGatewayIds as string[]).every((id) => /^nat-/.test(id)));
        assert.deepStrictEqual(out.natPublicIps, ofType(result, T.eip).sort((a, b) => a.name.localeCompare(b.name)).map((e) => e.outputs.publicIp));
        assert.deepStrictEqual(out.natPublicIps, ofType(result, T.nat).sort((a, b) => a.name.localeCompare(b.name)).map((n) => n.outputs.publicIp), "the NATs' addresses");
        assert.match(out.internetGatewayId, /^igw-/);
        assert.strictEqual(out.internetGatewayId, one(result, T.igw).id);
        assert.deepStrictEqual(out.availabilityZones, ["us-east-1a", "us-east-1b", "us-east-1c"]);
        assert.deepStrictEqual(out.subnetPlan, {
            public: ["10.0.0.0/24", "10.0.64.0/24", "10.0.128.0/24"],
            private: ["10.0.16.0/20", "10.0.80.0/20", "10.0.144.0/20"],
            isolated: ["10.0.32.0/24", "10.0.96.0/24", "10.0.160.0/24"],
        });
        assert.deepStrictEqual([out.cidr, out.azCount], ["10.0.0.0/16", 3]);
        let network: Network | undefined;
        await runInline(() => { network = new Network("n", seedPlan); });
        assert.strictEqual(network?.natGatewayIds.length, 1, "natGatewayIds: one Output per NAT, counted before anything is deployed");
    });

    it("takes explicit per-AZ CIDR blocks (the Vibe seed's plan) and creates only the tiers asked for", async () => {
        const result = await runInline(() => new Network("vibe", seedPlan));
        assert.deepStrictEqual(ofType(result, T.subnet).map((s) => [s.name, inputs(s).cidrBlock, inputs(s).availabilityZone]).sort(), [
            ["vibe-private-1", "10.0.11.0/24", "us-east-1a"], ["vibe-private-2", "10.0.12.0/24", "us-east-1b"],
            ["vibe-public-1", "10.0.1.0/24", "us-east-1a"], ["vibe-public-2", "10.0.2.0/24", "us-east-1b"],
        ]);
        const out = outputsOf(result, "vibe");
        assert.deepStrictEqual(out.subnetPlan, { public: ["10.0.1.0/24", "10.0.2.0/24"], private: ["10.0.11.0/24", "10.0.12.0/24"], isolated: [] });
        assert.deepStrictEqual(out.isolatedSubnetIds, [], "no isolated subnets when none are asked for");
        assert.deepStrictEqual([...inputs(one(result, T.endpoint, "vibe-s3")).routeTableIds].sort(), [...out.privateRouteTableIds].sort(), "gateway endpoints on the private route tables");
    });

    it("declares the same children in preview, with ids unknown", async () => {
        const preview = await runInline(() => new Network("mm", multimusic), { mode: "preview" });
        const apply = await runInline(() => new Network("mm", multimusic));
        assert.deepStrictEqual(declaredResources(preview).map((r) => r.urn).sort(), declaredResources(apply).map((r) => r.urn).sort());
        assert.strictEqual(inputs(one(preview, T.subnet, "mm-private-1")).vpcId, UNKNOWN, "vpcId unknown in preview");
        assert.strictEqual(inputs(one(preview, T.subnet, "mm-private-1")).cidrBlock, "10.0.16.0/20", "the plan is known in preview");
        assert.strictEqual(inputs(one(preview, T.flowLog)).trafficType, "ALL");
    });

    it("two Networks with the same endpoints in one stack register distinct URNs, each complete", async () => {
        const endpoints = ["s3", "dynamodb", "execute-api", "sts"];
        const result = await runInline(() => {
            new Network("distro-nation-network", { endpoints });
            new Network("vibe-network", { endpoints, natGateways: "single" });
        });
        const urns = declaredResources(result).map((r) => r.urn);
        const duplicates = urns.filter((u, i) => urns.indexOf(u) !== i);
        assert.deepStrictEqual(duplicates, [], "no URN registered twice");
        for (const network of ["distro-nation-network", "vibe-network"]) {
            const children = declaredResources(result).filter((r) => r.parent === one(result, T.network, network).urn);
            assert.ok(children.length > 20, `${network}: ${children.length} children`);
            assert.ok(children.every((r) => r.name.startsWith(`${network}-`) || r.name === network), `${network}: every child named after it`);
            assert.deepStrictEqual(children.filter((r) => r.type === T.endpoint).map((r) => r.name).sort(), endpoints.map((e) => `${network}-${e}`).sort());
        }
    });

    it("keeps its Name tags when the system root adds the platform tags", async () => {
        const result = await runInline(() => {
            const scope = new SystemScope("sys", { environment: "prod", system: "sys", team: "platform", costCenter: "CC-1" });
            new Network("main", {}, { parent: scope });
        });
        for (const type of [T.vpc, T.subnet, T.routeTable, T.nat, T.eip, T.igw, T.endpoint, T.defaultSg]) {
            for (const r of ofType(result, type)) {
                const tags = inputs(r).tags as Record<string, string>;
                assert.ok(tags.Name.startsWith("main"), `${r.name}: Name tag`);
                for (const key of REQUIRED_TAG_KEYS) assert.ok(tags[key], `${type} ${r.name}: ${key}`);
            }
        }
    });

    describe("subnet plan", () => {
        const keys = { subnets: "subnets", azCount: "azCount" };
        it("gives each AZ an equal power-of-two block and lays tiers out in order, each aligned to its size", () => {
            const { plan, problems } = planSubnets("10.1.0.0/20", 1, [{ type: "public", cidrMask: 26 }, { type: "private", cidrMask: 22 }], keys);
            assert.deepStrictEqual(problems, []);
            assert.deepStrictEqual(plan, { public: ["10.1.0.0/26"], private: ["10.1.4.0/22"], isolated: [] }, "the /22 starts at the next /22 boundary");
        });
        it("splits an AZ block equally between tiers without cidrMask", () => {
            const { plan } = planSubnets("10.0.0.0/16", 2, [{ type: "public" }, { type: "private" }, { type: "isolated" }], keys);
            assert.deepStrictEqual(plan, {
                public: ["10.0.0.0/19", "10.0.128.0/19"], private: ["10.0.32.0/19", "10.0.160.0/19"], isolated: ["10.0.64.0/19", "10.0.192.0/19"],
            });
        });
        it("names every problem with the caller's key", () => {
            const { problems } = planSubnets("10.0.0.0/16", 2, [{ type: "public", cidrBlocks: ["10.0.1.0/24", "10.1.0.0/24"] }, { type: "private", cidrBlocks: ["10.0.1.128/25"] }],
                { subnets: "platform:network.subnets", azCount: "platform:network.azCount" });
            assert.deepStrictEqual(problems.map((p) => p.key), [
                "platform:network.subnets[0].cidrBlocks[1]", "platform:network.subnets[1].cidrBlocks", "platform:network.subnets[1].cidrBlocks[0]",
            ]);
        });
    });

    describe("rejects bad arguments, naming the component and argument, before registering anything", () => {
        const cases: [string, NetworkArgs, RegExp][] = [
            ["a host address as CIDR", { cidr: "10.0.0.5/16" }, /Network "n": argument cidr: got "10.0.0.5\/16"; allowed: an IPv4 network address/],
            ["a /8 VPC", { cidr: "10.0.0.0/8" }, /Network "n": argument cidr: got "10.0.0.0\/8"/],
            ["7 AZs", { azCount: 7 }, /Network "n": argument azCount: got 7; allowed: a whole number from 1 to 6/],
            ["an unknown NAT strategy", { natGateways: "two" as "single" }, /Network "n": argument natGateways: got "two"; allowed: none, single, one-per-az/],
            ["NAT without public subnets", { natGateways: "single", subnets: [{ type: "private" }] },
                /Network "n": argument natGateways: got "single"; allowed: "none" unless there are public subnets \(NAT gateways live there\) and private subnets/],
            ["NAT without private subnets", { natGateways: "one-per-az", subnets: [{ type: "public" }, { type: "isolated" }] }, /Network "n": argument natGateways: got "one-per-az"/],
            ["an unknown tier", { subnets: [{ type: "dmz" as "public" }] }, /Network "n": argument subnets\[0\].type: got "dmz"; allowed: public, private, isolated/],
            ["two specs of one tier", { subnets: [{ type: "public" }, { type: "public" }] }, /Network "n": argument subnets\[1\].type: got "public"; allowed: each tier once \(subnets\[0\] is already public\)/],
            ["no tiers", { subnets: [] }, /Network "n": argument subnets: got \[\]; allowed: at least one tier/],
            ["subnets too big for an AZ", { cidr: "10.0.0.0/20", subnets: [{ type: "public", cidrMask: 24 }, { type: "private", cidrMask: 21 }] },
                /Network "n": argument subnets: got "\/24 \/21"; allowed: tiers that fit one AZ's \/21 of 10.0.0.0\/20 \(2048 addresses; these need 4096 with alignment\)/],
            ["a mask wider than the AZ block", { subnets: [{ type: "private", cidrMask: 16 }], natGateways: "none" }, /Network "n": argument subnets\[0\].cidrMask: got 16; allowed: a prefix length from 17 to 28/],
            ["explicit blocks outside the VPC", { natGateways: "none", subnets: [{ type: "private", cidrBlocks: ["10.1.0.0/24", "10.0.1.0/24"] }] },
                /Network "n": argument subnets\[0\].cidrBlocks\[0\]: got "10.1.0.0\/24"; allowed: a block inside the VPC CIDR 10.0.0.0\/16/],
            ["explicit blocks on some specs only", { subnets: [{ type: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] }, { type: "private" }] },
                /Network "n": argument subnets\[1\].cidrBlocks: got nothing; allowed: cidrBlocks on every tier or on none \(subnets\[0\] has them\)/],
            ["a block per AZ missing", { natGateways: "none", subnets: [{ type: "private", cidrBlocks: ["10.0.1.0/24"] }] },
                /Network "n": argument subnets\[0\].cidrBlocks: got \["10.0.1.0\/24"\]; allowed: exactly one block per availability zone \(2\)/],
            ["a cidrMask beside blocks", { natGateways: "none", subnets: [{ type: "private", cidrMask: 24, cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] }] },
                /Network "n": argument subnets\[0\].cidrMask: got 24; allowed: no cidrMask beside cidrBlocks/],
            ["a block that is no network address", { natGateways: "none", subnets: [{ type: "private", cidrBlocks: ["10.0.1.5/24", "10.0.2.0/24"] }] },
                /Network "n": argument subnets\[0\].cidrBlocks\[0\]: got "10.0.1.5\/24"; allowed: a subnet CIDR: a network address/],
            ["overlapping blocks", { subnets: [{ type: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] }, { type: "private", cidrBlocks: ["10.0.0.0/23", "10.0.4.0/24"] }] },
                /Network "n": argument subnets\[1\].cidrBlocks\[0\]: got "10.0.0.0\/23"; allowed: a block that does not overlap subnets\[0\].cidrBlocks\[0\] \(10.0.1.0\/24\)/],
            ["a full endpoint service name", { endpoints: ["com.amazonaws.us-east-1.sts"] }, /Network "n": argument endpoints: got "com.amazonaws.us-east-1.sts"/],
            ["a duplicate endpoint", { endpoints: ["s3", "s3"] }, /Network "n": argument endpoints: got \["s3","s3"\]; allowed: each service once/],
            ["gateway endpoints with public subnets only", { natGateways: "none", subnets: [{ type: "public" }] },
                /Network "n": argument endpoints: got \["s3","dynamodb"\]; allowed: gateway endpoints only with private or isolated subnets/],
            ["interface endpoints without private subnets", { natGateways: "none", subnets: [{ type: "isolated" }], endpoints: ["sts"] },
                /Network "n": argument endpoints: got \["sts"\]; allowed: interface endpoints only with a private subnet/],
            ["a retention CloudWatch does not offer", { flowLogRetentionDays: 10 }, /Network "n": argument flowLogRetentionDays: got 10/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => new Network("n", args)), message);
            });
        }
        it("registers nothing for a bad plan", async () => {
            const result = await runProgram({ program: () => new Network("n", { subnets: [{ type: "public" }, { type: "public" }] }), project: "platform", stack: "test", config: { "aws:region": "us-east-1" } });
            assert.match(String(result.error?.message), /argument subnets\[1\].type/);
            assert.deepStrictEqual(declaredResources(result), [], "not even the component");
        });
    });

    it("documents every NetworkArgs property in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("network"), interfaceProperties("network", "NetworkArgs"));
    });
});
