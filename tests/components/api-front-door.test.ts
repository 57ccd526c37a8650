import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { ApiFrontDoor, nthEndpointValue, type ApiFrontDoorArgs } from "../../components/api-front-door";
import { isUnknown, runInline } from "../../engine/run";
import { inputs, one, ofType } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const T = {
    sg: "aws:ec2/securityGroup:SecurityGroup",
    alb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    attachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    listener: "aws:lb/listener:Listener",
    vpcOrigin: "aws:cloudfront/vpcOrigin:VpcOrigin",
};

const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
const base = (extra: Partial<ApiFrontDoorArgs> = {}): ApiFrontDoorArgs => ({
    vpcId: "vpc-0123",
    subnetIds: ["subnet-a", "subnet-b"],
    vpcCidrBlock: "10.0.0.0/16",
    certificateArn: CERT,
    restApiId: "a1b2c3d4e5",
    endpointIps: ["10.0.1.10", "10.0.2.10"],
    endpointInterfaceCount: 2,
    ...extra,
});
const run = (args: ApiFrontDoorArgs, opts: Parameters<typeof runInline>[1] = {}) => runInline(() => { new ApiFrontDoor("door", args); }, opts);

describe("ApiFrontDoor", () => {
    it("admits 443 only from the CloudFront origin-facing prefix list (us-east-1 default) and sends 443 only into the VPC", async () => {
        const result = await run(base());
        const sg = inputs(one(result, T.sg));
        assert.strictEqual(sg.vpcId, "vpc-0123");
        assert.strictEqual(sg.ingress.length, 1, "one ingress rule");
        assert.strictEqual(sg.ingress[0].fromPort, 443, "ingress fromPort");
        assert.strictEqual(sg.ingress[0].toPort, 443, "ingress toPort");
        assert.deepStrictEqual(sg.ingress[0].prefixListIds, ["pl-3b927c52"], "CloudFront prefix list");
        assert.strictEqual(sg.ingress[0].cidrBlocks, undefined, "no CIDR ingress");
        assert.deepStrictEqual(sg.egress.map((e: Record<string, unknown>) => [e.fromPort, e.toPort, e.cidrBlocks]), [[443, 443, ["10.0.0.0/16"]]], "egress 443 to the VPC only");
    });

    it("admits given CIDRs instead of the prefix list, and another region's prefix list when given", async () => {
        const cidrs = await run(base({ allowedCidrBlocks: ["10.1.0.0/16"] }));
        assert.deepStrictEqual(inputs(one(cidrs, T.sg)).ingress[0].cidrBlocks, ["10.1.0.0/16"]);
        assert.strictEqual(inputs(one(cidrs, T.sg)).ingress[0].prefixListIds, undefined);
        const euWest = await run(base({ originPrefixListId: "pl-4fa04526" }));
        assert.deepStrictEqual(inputs(one(euWest, T.sg)).ingress[0].prefixListIds, ["pl-4fa04526"]);
    });

    it("creates an internal ALB in the private subnets with invalid headers dropped and deletion protection on by default", async () => {
        const result = await run(base());
        const alb = inputs(one(result, T.alb));
        assert.strictEqual(alb.internal, true, "internal");
        assert.strictEqual(alb.loadBalancerType, "application");
        assert.deepStrictEqual(alb.subnets, ["subnet-a", "subnet-b"], "subnets");
        assert.deepStrictEqual(alb.securityGroups, [one(result, T.sg).id], "its security group");
        assert.strictEqual(alb.dropInvalidHeaderFields, true, "dropInvalidHeaderFields");
        assert.strictEqual(alb.enableDeletionProtection, true, "deletion protection (prod default)");
        assert.strictEqual(alb.accessLogs, undefined, "no access logs without a bucket");
    });

    it("turns deletion protection off with protectData false (dev) and writes access logs to the given bucket", async () => {
        const result = await run(base({ protectData: false, accessLogsBucket: "logs-bucket", accessLogsPrefix: "oauth-alb" }), { stack: "dev" });
        const alb = inputs(one(result, T.alb));
        assert.strictEqual(alb.enableDeletionProtection, false, "deletion protection off");
        assert.deepStrictEqual(alb.accessLogs, { bucket: "logs-bucket", prefix: "oauth-alb", enabled: true }, "accessLogs");
    });

    it("forwards HTTPS (TLS 1.3/1.2 policy, given certificate) to an IP target group on 443 with HTTPS health checks accepting 200-499", async () => {
        const result = await run(base());
        const listener = inputs(one(result, T.listener));
        assert.strictEqual(listener.port, 443);
        assert.strictEqual(listener.protocol, "HTTPS");
        assert.strictEqual(listener.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06", "sslPolicy");
        assert.strictEqual(listener.certificateArn, CERT, "certificateArn");
        assert.strictEqual(listener.loadBalancerArn, one(result, T.alb).id, "on the ALB");
        const tg = one(result, T.tg);
        assert.deepStrictEqual(listener.defaultActions, [{ type: "forward", targetGroupArn: tg.outputs.arn }], "forwards to the target group");
        assert.strictEqual(inputs(tg).targetType, "ip");
        assert.strictEqual(inputs(tg).protocol, "HTTPS");
        assert.strictEqual(inputs(tg).port, 443);
        assert.strictEqual(inputs(tg).vpcId, "vpc-0123");
        assert.strictEqual(inputs(tg).healthCheck.protocol, "HTTPS", "health check protocol");
        assert.strictEqual(inputs(tg).healthCheck.path, "/", "health check path");
        assert.strictEqual(inputs(tg).healthCheck.matcher, "200-499", "health check matcher");
    });

    it("attaches each execute-api endpoint interface IP to the target group on 443", async () => {
        const result = await run(base());
        const attachments = ofType(result, T.attachment).map(inputs);
        assert.deepStrictEqual(attachments.map((a) => a.targetId), ["10.0.1.10", "10.0.2.10"]);
        const tgArn = one(result, T.tg).outputs.arn;
        for (const a of attachments) {
            assert.strictEqual(a.targetGroupArn, tgArn);
            assert.strictEqual(a.port, 443);
        }
    });

    it("resolves IPs from the endpoint's network interface ids once they are known (preview: one attachment per interface)", async () => {
        const result = await runInline(() => {
            const endpoint = new aws.ec2.VpcEndpoint("execute-api", { vpcId: "vpc-0123", serviceName: "com.amazonaws.us-east-1.execute-api", vpcEndpointType: "Interface" });
            new ApiFrontDoor("door", { ...base(), endpointIps: undefined, endpointNetworkInterfaceIds: endpoint.networkInterfaceIds });
        }, { mode: "preview" });
        const attachments = ofType(result, T.attachment);
        assert.strictEqual(attachments.length, 2, "one attachment per interface");
        assert.ok(attachments.every((a) => isUnknown(inputs(a).targetId)), "target IPs unknown until the endpoint exists");
        assert.ok(!result.invokes.some((i) => i.token === "aws:ec2/getNetworkInterface:getNetworkInterface"), "no lookup before the interface ids are known");
    });

    it("points a CloudFront VPC origin at the ALB, https-only with TLSv1.2", async () => {
        const result = await run(base());
        const config = inputs(one(result, T.vpcOrigin)).vpcOriginEndpointConfig;
        assert.strictEqual(config.arn, one(result, T.alb).outputs.arn, "VPC origin targets the ALB");
        assert.strictEqual(config.originProtocolPolicy, "https-only");
        assert.deepStrictEqual(config.originSslProtocols, { items: ["TLSv1.2"], quantity: 1 });
        assert.strictEqual(config.httpsPort, 443);
        assert.strictEqual(config.name, "platform-test-door");
    });

    it("exposes the ALB, VPC origin and security group, and an origin config carrying the x-apigw-api-id header", async () => {
        const result = await runInline(() => {
            const door = new ApiFrontDoor("door", base({ originPath: "/v1" }));
            return { albArn: door.albArn, albDnsName: door.albDnsName, vpcOriginId: door.vpcOriginId, vpcOriginArn: door.vpcOriginArn, securityGroupId: door.securityGroupId, originConfig: door.originConfig };
        });
        const alb = one(result, T.alb);
        const origin = one(result, T.vpcOrigin);
        assert.strictEqual(result.outputs.albArn, alb.outputs.arn);
        assert.strictEqual(result.outputs.albDnsName, alb.outputs.dnsName);
        assert.match(String(result.outputs.albDnsName), /^internal-/, "internal ALB DNS name");
        assert.strictEqual(result.outputs.vpcOriginId, origin.id);
        assert.strictEqual(result.outputs.vpcOriginArn, origin.outputs.arn);
        assert.strictEqual(result.outputs.securityGroupId, one(result, T.sg).id);
        assert.deepStrictEqual(result.outputs.originConfig, {
            originId: "door",
            domainName: alb.outputs.dnsName,
            originPath: "/v1",
            vpcOriginConfig: { vpcOriginId: origin.id },
            customHeaders: [{ name: "x-apigw-api-id", value: "a1b2c3d4e5" }],
        });
    });

    it("uses a custom origin domain name (covered by the certificate) when given", async () => {
        const result = await runInline(() => ({ domainName: new ApiFrontDoor("door", base({ originDomainName: "api-origin.multimusic.example" })).originConfig.domainName }));
        assert.strictEqual(result.outputs.domainName, "api-origin.multimusic.example");
    });

    describe("rejects bad arguments, naming the component and the argument", () => {
        const cases: [string, Partial<ApiFrontDoorArgs>, RegExp][] = [
            ["0.0.0.0/0 as a source", { allowedCidrBlocks: ["0.0.0.0/0"] }, /ApiFrontDoor "bad": argument allowedCidrBlocks: got "0.0.0.0\/0"; allowed: private CIDR blocks, never 0.0.0.0\/0 or ::\/0/],
            ["::/0 as a source", { allowedCidrBlocks: ["::/0"] }, /argument allowedCidrBlocks: got "::\/0"/],
            ["an empty CIDR list", { allowedCidrBlocks: [] }, /argument allowedCidrBlocks: got \[\]/],
            ["CIDRs and a prefix list", { allowedCidrBlocks: ["10.0.0.0/8"], originPrefixListId: "pl-1" }, /argument originPrefixListId/],
            ["one subnet", { subnetIds: ["subnet-a"] }, /ApiFrontDoor "bad": argument subnetIds: got \["subnet-a"\]; allowed: at least two private subnets/],
            ["neither IPs nor interface ids", { endpointIps: undefined }, /ApiFrontDoor "bad": argument endpointIps: got nothing; allowed: exactly one of endpointIps or endpointNetworkInterfaceIds/],
            ["both IPs and interface ids", { endpointNetworkInterfaceIds: ["eni-1", "eni-2"] }, /argument endpointIps: got "\(both given\)"/],
            ["an interface count of 0", { endpointInterfaceCount: 0 }, /argument endpointInterfaceCount: got 0/],
            ["IPs disagreeing with the count", { endpointInterfaceCount: 3 }, /argument endpointIps: got \["10.0.1.10","10.0.2.10"\]; allowed: 3 IPs/],
            ["an origin path ending with /", { originPath: "/v1/" }, /argument originPath: got "\/v1\/"/],
        ];
        for (const [what, extra, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => { new ApiFrontDoor("bad", base(extra)); }), message);
            });
        }
        it("fails once known when the endpoint has fewer interfaces than endpointInterfaceCount", () => {
            assert.throws(() => nthEndpointValue("door", ["10.0.0.5", "10.0.1.5"], 2, 3, "endpointIps"),
                /ApiFrontDoor "door": argument endpointInterfaceCount: got 3; allowed: at most the 2 endpointIps the endpoint has/);
            assert.strictEqual(nthEndpointValue("door", ["10.0.0.5", "10.0.1.5"], 1, 2, "endpointIps"), "10.0.1.5");
        });
    });

    it("documents every ApiFrontDoorArgs property in the README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("api-front-door"), interfaceProperties("api-front-door", "ApiFrontDoorArgs"));
    });
});
