import * as assert from "assert";
import { ec2NatGatewayUsedByWorkloads as policy } from "../../../policies/cost/ec2-natgateway-used-by-workloads";
import { assertNoViolations, runPolicy, type StackFixtureResource } from "../../../policies/testing";
import { byName, describePolicy } from "../support/spec";
import { r } from "./support";

const NAME = "aws-ec2-natgateway-used-by-workloads";

/** A NAT gateway, the private route table routing through it and its subnet, another subnet, and a function in `fnSubnet`. */
function net(fnSubnet?: string): StackFixtureResource[] {
    return [
        r("aws:ec2/natGateway:NatGateway", "nat-1"),
        r("aws:ec2/routeTable:RouteTable", "private-1"),
        r("aws:ec2/route:Route", "private-1-default", { deps: { natGatewayId: ["nat-1"], routeTableId: ["private-1"] } }),
        r("aws:ec2/subnet:Subnet", "private-1-subnet"),
        r("aws:ec2/subnet:Subnet", "other-subnet"),
        r("aws:ec2/routeTableAssociation:RouteTableAssociation", "private-1-assoc", { deps: { routeTableId: ["private-1"], subnetId: ["private-1-subnet"] } }),
        ...(fnSubnet ? [r("aws:lambda/function:Function", "fn", { deps: { vpcConfig: [fnSubnet] } })] : []),
    ];
}

const unused = /no function or task runs in the subnets that route through it \(private-1-subnet\)/;

describePolicy("aws-ec2-natgateway-used-by-workloads", {
    level: "advisory",
    description: /NAT gateway serves a function or task/,
    compliant: net("private-1-subnet"),
    alsoCompliant: [
        {
            title: "a task runs in the routed subnet instead of a function",
            change: (f) => {
                f.pop();
                f.push(r("aws:ecs/service:Service", "svc", { deps: { networkConfiguration: ["private-1-subnet"] } }));
            },
        },
    ],
    cases: [
        { title: "the function runs in a subnet that does not route through it", break: (f) => (byName(f, "fn").deps = { vpcConfig: ["other-subnet"] }), expect: unused },
        { title: "no function runs at all", break: (f) => f.pop(), expect: unused },
        { title: "a task runs in a subnet that does not route through it", break: (f) => { f.pop(); f.push(r("aws:ecs/service:Service", "svc", { deps: { networkConfiguration: ["other-subnet"] } })); }, expect: unused },
        { title: "no route sends traffic to it", break: (f) => f.splice(f.indexOf(byName(f, "private-1-default")), 1), expect: /no route sends traffic to it/ },
    ],
});

describe(`${NAME}: the finding`, () => {
    it("is one per idle NAT gateway, naming the subnets that route through it", async () => {
        const found = await runPolicy(policy, net("other-subnet"));
        assert.strictEqual(found.length, 1);
        assert.match(found[0].message, /aws:ec2\/natGateway:NatGateway "nat-1": no function or task runs in the subnets that route through it \(private-1-subnet\)/);
    });

    it("says so when no route sends traffic to the gateway", async () => {
        assert.match((await runPolicy(policy, net().slice(0, 1)))[0].message, /no route sends traffic to it/);
    });

    it("is not raised for a NAT gateway with a function in a subnet routed through it", async () => {
        assertNoViolations(await runPolicy(policy, net("private-1-subnet")));
    });
});
