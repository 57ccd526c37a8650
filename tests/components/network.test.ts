import * as assert from "assert";
import { Network, type NetworkArgs } from "../../components/network";
import { runInline, UNKNOWN } from "../../engine/run";
import { inputs, one, ofType, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const VPC = "awsx:ec2:Vpc";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
/** MultiMusic: API Gateway, Secrets Manager and Logs through interface endpoints, DynamoDB through a gateway. */
const multimusic: NetworkArgs = { natGateways: "single", endpoints: ["dynamodb", "execute-api", "secretsmanager", "logs"] };

describe("Network", () => {
    it("wraps awsx.ec2.Vpc with 10.0.0.0/16 over 2 AZs, public/private/isolated subnets, NAT per AZ, DNS on, and no tags of its own", async () => {
        const result = await runInline(() => new Network("main"));
        const vpc = inputs(one(result, VPC));
        assert.strictEqual(vpc.cidrBlock, "10.0.0.0/16", "cidrBlock");
        assert.strictEqual(vpc.numberOfAvailabilityZones, 2, "numberOfAvailabilityZones");
        assert.strictEqual(vpc.enableDnsHostnames, true, "enableDnsHostnames");
        assert.strictEqual(vpc.enableDnsSupport, true, "enableDnsSupport");
        assert.deepStrictEqual(vpc.natGateways, { strategy: "OnePerAz" }, "natGateways");
        assert.strictEqual(vpc.subnetStrategy, "Auto", "subnetStrategy");
        assert.deepStrictEqual(vpc.subnetSpecs, [{ type: "Public", cidrMask: 24 }, { type: "Private", cidrMask: 20 }, { type: "Isolated", cidrMask: 24 }], "subnetSpecs");
        assert.strictEqual(vpc.tags, undefined, "tags come from SystemScope, not the component");
    });

    it("maps the NAT strategy from config: none, single, one-per-az", async () => {
        for (const [given, expected] of [["none", "None"], ["single", "Single"], ["one-per-az", "OnePerAz"]] as const) {
            const result = await runInline(() => new Network("main", { natGateways: given }));
            assert.deepStrictEqual(inputs(one(result, VPC)).natGateways, { strategy: expected }, given);
        }
    });

    it("exports the VPC id, subnet ids per kind (one per AZ) and the CIDR", async () => {
        const result = await runInline(() => new Network("main", { azCount: 3 }));
        const out = one(result, "platform:network:Network").outputs as Record<string, unknown>;
        assert.match(String(out.vpcId), /^vpc-/, "vpcId");
        for (const kind of ["publicSubnetIds", "privateSubnetIds", "isolatedSubnetIds"]) {
            assert.strictEqual((out[kind] as string[]).length, 3, kind);
            assert.ok((out[kind] as string[]).every((id) => id.startsWith("subnet-")), kind);
        }
        assert.strictEqual(out.cidr, "10.0.0.0/16");
    });

    it("passes explicit CIDR blocks and a chosen layout through to awsx", async () => {
        const result = await runInline(() => new Network("vibe", {
            natGateways: "single",
            subnets: [
                { type: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] },
                { type: "private", cidrBlocks: ["10.0.11.0/24", "10.0.12.0/24"] },
            ],
        }));
        assert.deepStrictEqual(inputs(one(result, VPC)).subnetSpecs, [
            { type: "Public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] }, { type: "Private", cidrBlocks: ["10.0.11.0/24", "10.0.12.0/24"] },
        ]);
        const out = one(result, "platform:network:Network").outputs as Record<string, string[]>;
        assert.strictEqual(out.isolatedSubnetIds.length, 0, "no isolated subnets when none are asked for");
    });

    it("logs ALL traffic to a KMS-encrypted log group through a role only vpc-flow-logs can assume for this account", async () => {
        const result = await runInline(() => new Network("main"));
        const flowLog = inputs(one(result, "aws:ec2/flowLog:FlowLog"));
        const logGroup = one(result, "aws:cloudwatch/logGroup:LogGroup");
        const key = one(result, "aws:kms/key:Key");
        const role = one(result, "aws:iam/role:Role");
        assert.strictEqual(flowLog.trafficType, "ALL", "trafficType");
        assert.strictEqual(flowLog.logDestinationType, "cloud-watch-logs");
        assert.strictEqual(flowLog.logDestination, (logGroup.outputs as Record<string, string>).arn, "to the encrypted group");
        assert.strictEqual(flowLog.iamRoleArn, (role.outputs as Record<string, string>).arn);
        assert.match(flowLog.vpcId, /^vpc-/, "the VPC's id");
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
    });

    it("uses a given key and retention, and creates no flow log when flowLogs is false", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/logs";
        const result = await runInline(() => new Network("main", { kmsKeyArn: keyArn, flowLogRetentionDays: 30 }));
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created");
        assert.strictEqual(inputs(one(result, "aws:cloudwatch/logGroup:LogGroup")).kmsKeyId, keyArn);
        assert.strictEqual(inputs(one(result, "aws:cloudwatch/logGroup:LogGroup")).retentionInDays, 30);
        const off = await runInline(() => new Network("main", { flowLogs: false }));
        assert.strictEqual(ofType(off, "aws:ec2/flowLog:FlowLog").length, 0, "no flow log");
        assert.strictEqual(ofType(off, "aws:kms/key:Key").length, 0, "no key without flow logs");
    });

    it("protects the created key unless protectData is false (dev)", async () => {
        const prod = await runInline(() => new Network("main"), { stack: "prod" });
        assert.strictEqual(one(prod, "aws:kms/key:Key").options.protect, true);
        const dev = await runInline(() => new Network("main", { protectData: false }), { stack: "dev" });
        assert.strictEqual(one(dev, "aws:kms/key:Key").options.protect, false);
    });

    it("declares S3 and DynamoDB gateway endpoints through awsx's Auto endpoint strategy (its own route tables)", async () => {
        const result = await runInline(() => new Network("main"));
        const vpc = inputs(one(result, VPC));
        assert.strictEqual(vpc.vpcEndpointStrategy, "Auto", "vpcEndpointStrategy");
        assert.deepStrictEqual(vpc.vpcEndpointSpecs, [
            { serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway" },
            { serviceName: "com.amazonaws.us-east-1.dynamodb", vpcEndpointType: "Gateway" },
        ]);
        assert.strictEqual(ofType(result, ENDPOINT).length, 0, "no interface endpoints by default");
        assert.strictEqual(ofType(result, "aws:ec2/securityGroup:SecurityGroup").length, 0, "no endpoint security group without interface endpoints");
    });

    it("creates interface endpoints in the private subnets with private DNS behind one group admitting 443 from the VPC CIDR only", async () => {
        const result = await runInline(() => new Network("mm", { ...multimusic, cidr: "10.8.0.0/16" }));
        const vpc = inputs(one(result, VPC));
        assert.deepStrictEqual(vpc.vpcEndpointSpecs, [{ serviceName: "com.amazonaws.us-east-1.dynamodb", vpcEndpointType: "Gateway" }], "only dynamodb is a gateway");
        const endpoints = ofType(result, ENDPOINT).map(inputs);
        assert.deepStrictEqual(endpoints.map((e) => e.serviceName), ["com.amazonaws.us-east-1.execute-api", "com.amazonaws.us-east-1.secretsmanager", "com.amazonaws.us-east-1.logs"]);
        const out = one(result, "platform:network:Network").outputs as Record<string, unknown>;
        const sg = one(result, "aws:ec2/securityGroup:SecurityGroup");
        for (const e of endpoints) {
            assert.strictEqual(e.vpcEndpointType, "Interface");
            assert.strictEqual(e.privateDnsEnabled, true, "privateDnsEnabled");
            assert.deepStrictEqual(e.subnetIds, out.privateSubnetIds, "in the private subnets");
            assert.deepStrictEqual(e.securityGroupIds, [sg.id]);
        }
        const rules = ofType(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(inputs);
        assert.deepStrictEqual(rules.map((r) => [r.cidrIpv4, r.ipProtocol, r.fromPort, r.toPort]), [["10.8.0.0/16", "tcp", 443, 443]], "443 from the VPC only");
        assert.strictEqual(ofType(result, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").length, 0, "no egress rules");
        assert.strictEqual(inputs(sg).egress, undefined, "no inline egress");
        const ids = out.endpointIds as Record<string, string>;
        assert.deepStrictEqual(Object.keys(ids).sort(), ["execute-api", "logs", "secretsmanager"]);
        assert.match(ids["execute-api"], /^vpce-/, "endpointIds[execute-api]");
        const enis = out.endpointNetworkInterfaceIds as Record<string, string[]>;
        assert.ok(enis["execute-api"].length > 0 && enis["execute-api"].every((id) => id.startsWith("eni-")), "networkInterfaceIds");
        assert.strictEqual(out.endpointSecurityGroupId, sg.id, "endpointSecurityGroupId");
    });

    it("declares the same children in preview, with ids unknown", async () => {
        const result = await runInline(() => new Network("mm", multimusic), { mode: "preview" });
        assert.strictEqual(ofType(result, ENDPOINT).length, 3);
        assert.strictEqual(inputs(ofType(result, ENDPOINT)[0]).vpcId, UNKNOWN, "vpcId unknown in preview");
        assert.strictEqual(inputs(one(result, "aws:ec2/flowLog:FlowLog")).trafficType, "ALL");
    });

    describe("rejects bad arguments, naming the component and argument", () => {
        const cases: [string, NetworkArgs, RegExp][] = [
            ["a host address as CIDR", { cidr: "10.0.0.5/16" }, /Network "n": argument cidr: got "10.0.0.5\/16"; allowed: an IPv4 network address/],
            ["a /8 VPC", { cidr: "10.0.0.0/8" }, /Network "n": argument cidr: got "10.0.0.0\/8"/],
            ["7 AZs", { azCount: 7 }, /Network "n": argument azCount: got 7; allowed: a whole number from 1 to 6/],
            ["an unknown NAT strategy", { natGateways: "two" as "single" }, /Network "n": argument natGateways: got "two"/],
            ["NAT without public subnets", { natGateways: "single", subnets: [{ type: "private" }] }, /Network "n": argument natGateways: got "single"; allowed: "none" when there is no public subnet/],
            ["two specs of one type", { subnets: [{ type: "public" }, { type: "public" }] }, /Network "n": argument subnets: got \["public","public"\]; allowed: at most one spec per subnet type/],
            ["subnets too big for an AZ", { cidr: "10.0.0.0/20", subnets: [{ type: "public", cidrMask: 24 }, { type: "private", cidrMask: 21 }] },
                /Network "n": argument subnets: got "\/24 \/21"; allowed: subnets that fit one AZ's \/21 \(2048 addresses; these need 4096\)/],
            ["a mask wider than the AZ block", { subnets: [{ type: "private", cidrMask: 16 }], natGateways: "none" }, /Network "n": argument subnets.cidrMask: got 16; allowed: a prefix length from 17 to 28/],
            ["explicit blocks outside the VPC", { natGateways: "none", subnets: [{ type: "private", cidrBlocks: ["10.1.0.0/24", "10.0.1.0/24"] }] },
                /Network "n": argument subnets.cidrBlocks: got "10.1.0.0\/24"; allowed: network addresses inside 10.0.0.0\/16/],
            ["explicit blocks on some specs only", { subnets: [{ type: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] }, { type: "private" }] },
                /Network "n": argument subnets.cidrBlocks: got "1 of 2 specs"/],
            ["overlapping blocks", { subnets: [{ type: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] }, { type: "private", cidrBlocks: ["10.0.0.0/23", "10.0.4.0/24"] }] },
                /Network "n": argument subnets.cidrBlocks: got "10.0.0.0\/23"; allowed: blocks that do not overlap \(clashes with 10.0.1.0\/24\)/],
            ["a full endpoint service name", { endpoints: ["com.amazonaws.us-east-1.sts"] }, /Network "n": argument endpoints: got "com.amazonaws.us-east-1.sts"/],
            ["a duplicate endpoint", { endpoints: ["s3", "s3"] }, /Network "n": argument endpoints: got \["s3","s3"\]; allowed: each service once/],
            ["interface endpoints without private subnets", { natGateways: "none", subnets: [{ type: "isolated" }], endpoints: ["sts"] },
                /Network "n": argument endpoints: got \["sts"\]; allowed: interface endpoints only with a private subnet/],
            ["a retention CloudWatch does not offer", { flowLogRetentionDays: 10 }, /Network "n": argument flowLogRetentionDays: got 10/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => new Network("n", args)), message);
            });
        }
    });

    it("documents every NetworkArgs property in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("network"), interfaceProperties("network", "NetworkArgs"));
    });
});
