import * as assert from "assert";
import { ec2VpcEndpointUsedByWorkloads as policy } from "../../../policies/cost/ec2-vpcendpoint-used-by-workloads";
import { assertNoViolations, runPolicy, type StackFixtureResource } from "../../../policies/testing";
import { byName, describePolicy } from "../support/spec";
import { r } from "./support";

const NAME = "aws-ec2-vpcendpoint-used-by-workloads";

/** A VPC with a private subnet, an interface endpoint for `service` in it, and what may use the endpoint. */
function vpc(service: string, workload?: "fn" | "task", referenced = false): StackFixtureResource[] {
    return [
        r("aws:ec2/vpc:Vpc", "vpc"),
        r("aws:ec2/subnet:Subnet", "private-1", { deps: { vpcId: ["vpc"] } }),
        r("aws:ec2/vpcEndpoint:VpcEndpoint", `ep-${service}`, { deps: { vpcId: ["vpc"], subnetIds: ["private-1"] } }, { vpcEndpointType: "Interface", serviceName: `com.amazonaws.us-east-1.${service}` }),
        ...(workload === "fn" ? [r("aws:lambda/function:Function", "fn", { deps: { vpcConfig: ["private-1"] } })] : []),
        ...(workload === "task" ? [r("aws:ecs/service:Service", "svc", { deps: { networkConfiguration: ["private-1"] } })] : []),
        ...(referenced ? [r("aws:apigateway/restApi:RestApi", "api", { deps: { policy: [`ep-${service}`] } })] : []),
    ];
}

const idle = /no function or task runs in its VPC and no resource refers to it/;
const toLogs = (f: StackFixtureResource[]) => {
    const e = byName(f, "ep-secretsmanager");
    e.name = "ep-logs";
    e.props.serviceName = "com.amazonaws.us-east-1.logs";
};

describePolicy("aws-ec2-vpcendpoint-used-by-workloads", {
    level: "advisory",
    description: /interface VPC endpoint serves something/,
    compliant: vpc("secretsmanager", "fn"),
    alsoCompliant: [
        { title: "a task uses it instead of a function", change: (f) => { f.pop(); f.push(...vpc("secretsmanager", "task").slice(3)); } },
        { title: "it is a logs endpoint and a task runs in its VPC", change: (f) => { toLogs(f); f.pop(); f.push(...vpc("secretsmanager", "task").slice(3)); } },
        { title: "no workload runs in its VPC but a resource refers to it", change: (f) => { f.pop(); f.push(r("aws:apigateway/restApi:RestApi", "api", { deps: { policy: ["ep-secretsmanager"] } })); } },
        { title: "it is a gateway endpoint (free) with no workload", change: (f) => { f.pop(); byName(f, "ep-secretsmanager").props.vpcEndpointType = "Gateway"; } },
    ],
    cases: [
        { title: "no function or task runs in its VPC", break: (f) => f.pop(), expect: idle, resource: "ep-secretsmanager" },
        {
            title: "the function runs in another VPC",
            break: (f) => {
                f.push(r("aws:ec2/vpc:Vpc", "other"), r("aws:ec2/subnet:Subnet", "other-1", { deps: { vpcId: ["other"] } }));
                byName(f, "fn").deps = { vpcConfig: ["other-1"] };
            },
            expect: idle,
            resource: "ep-secretsmanager",
        },
        {
            title: "it is a logs endpoint and only a function runs in its VPC",
            break: toLogs,
            expect: /no task runs in its VPC, and functions do not use a logs endpoint \(Lambda delivers its own logs/,
            resource: "ep-logs",
        },
    ],
});

describe(`${NAME}: the finding`, () => {
    it("names an endpoint with no workload in its VPC, and a logs endpoint only functions could use", async () => {
        assert.match((await runPolicy(policy, vpc("secretsmanager")))[0].message, /"ep-secretsmanager": no function or task runs in its VPC and no resource refers to it/);
        assert.match((await runPolicy(policy, vpc("logs", "fn")))[0].message, /"ep-logs": no task runs in its VPC, and functions do not use a logs endpoint \(Lambda delivers its own logs/);
    });

    it("is not raised for an endpoint a function or task in its VPC can use, or that a resource refers to", async () => {
        assertNoViolations(await runPolicy(policy, vpc("secretsmanager", "fn")));
        assertNoViolations(await runPolicy(policy, vpc("logs", "task")));
        assertNoViolations(await runPolicy(policy, vpc("execute-api", undefined, true)));
    });
});
