/**
 * "With default inputs, no component may create anything that a mandatory rule of the policy pack
 * rejects": each component, given only its required arguments, inside a SystemScope (which adds the
 * tags), through the pack with the prod configuration: no mandatory violation. Tested in apply mode,
 * where policy documents are known and every check can decide.
 */
import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { Alarms } from "../../components/alarms";
import { BackupPlan } from "../../components/backup-plan";
import { ContainerRegistry } from "../../components/container-registry";
import { ApiFrontDoor } from "../../components/api-front-door";
import { CdnSite } from "../../components/cdn-site";
import { ContainerService } from "../../components/container-service";
import { Dashboard } from "../../components/dashboard";
import { DataTable } from "../../components/data-table";
import { EncryptionKey } from "../../components/encryption-key";
import { Identity } from "../../components/identity";
import { Network } from "../../components/network";
import { OAuthBroker } from "../../components/oauth-broker";
import { PostgresInstance } from "../../components/postgres-instance";
import { PrivateApi } from "../../components/private-api";
import { Secret } from "../../components/secret";
import { SecretAgeMonitor } from "../../components/secret-age-monitor";
import { SecureBucket } from "../../components/secure-bucket";
import { ServerlessDb } from "../../components/serverless-db";
import { ServerlessFunction } from "../../components/serverless-function";
import { SystemScope } from "../../components/system";
import { WebFirewall } from "../../components/web-firewall";
import { analyzeStack } from "../../engine/gate/analyzer";
import { loadPolicyPack } from "../../engine/gate/pack";
import { readPolicyConfigFile, reconcilePolicyConfig } from "../../engine/gate/policy-config";
import { runInline } from "../../engine/run";

const ROOT = path.join(__dirname, "..", "..");
const FN = path.join(__dirname, "..", "fixtures", "functions", "hello.ts");
const VPC = "vpc-0123456789abcdef0";
const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"];
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0d5e8f7a-1b2c-4d3e-9f40-5a6b7c8d9e0f";
const LAMBDA = {
    name: "fn", arn: "arn:aws:lambda:us-east-1:123456789012:function:fn",
    invokeArn: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations",
};

/** Each component with only its required arguments. */
const COMPONENTS: Record<string, (opts: pulumi.ComponentResourceOptions) => unknown> = {
    SecureBucket: (o) => new SecureBucket("defaults-bucket", {}, o),
    CdnSite: (o) => {
        const bucket = new SecureBucket("defaults-site", { cloudFrontReadAccess: true }, o);
        return new CdnSite("defaults-cdn", { origins: [{ id: "site", bucket }], defaultBehavior: { originId: "site" } }, o);
    },
    PrivateApi: (o) => new PrivateApi("defaults-api", { routes: [{ method: "GET", path: "/health", function: LAMBDA, authorization: "iam" }], vpcEndpointIds: ["vpce-0123456789abcdef0"] }, o),
    ApiFrontDoor: (o) => new ApiFrontDoor("defaults-door", {
        vpcId: VPC, subnetIds: SUBNETS, vpcCidrBlock: "10.0.0.0/16", certificateArn: CERT, restApiId: "a1b2c3d4e5",
        endpointIps: ["10.0.64.10", "10.0.65.10"], endpointInterfaceCount: 2,
    }, o),
    WebFirewall: (o) => new WebFirewall("defaults-waf", { scope: "REGIONAL" }, o),
    Network: (o) => new Network("defaults-net", {}, o),
    ServerlessDb: (o) => new ServerlessDb("defaults-aurora", { vpcId: VPC, subnetIds: SUBNETS, allowedSecurityGroups: {} }, o),
    DataTable: (o) => new DataTable("defaults-table", { partitionKey: { name: "pk", type: "S" } }, o),
    PostgresInstance: (o) => new PostgresInstance("defaults-pg", { vpcId: VPC, subnetIds: SUBNETS, allowedSecurityGroups: {} }, o),
    Identity: (o) => new Identity("defaults-users", {}, o),
    ContainerService: (o) => new ContainerService("defaults-svc", {
        vpcId: VPC, loadBalancerSubnetIds: SUBNETS, taskSubnetIds: SUBNETS, image: "public.ecr.aws/nginx/nginx:1.27", certificateArn: CERT,
    }, o),
    ServerlessFunction: (o) => new ServerlessFunction("defaults-fn", { entry: FN }, o),
    Secret: (o) => new Secret("defaults-secret", { description: "a secret with defaults" }, o),
    EncryptionKey: (o) => new EncryptionKey("defaults-key", { description: "a key with defaults" }, o),
    Alarms: (o) => new Alarms("defaults-alarms", {}, o),
    ContainerRegistry: (o) => new ContainerRegistry("defaults-images", {}, o),
    "CdnSite (requested certificate, Route 53 zone)": (o) => {
        const bucket = new SecureBucket("defaults-domain-site", { cloudFrontReadAccess: true }, o);
        return new CdnSite("defaults-domain-cdn", {
            origins: [{ id: "site", bucket }], defaultBehavior: { originId: "site" }, aliases: ["site.example.com"], requestCertificate: true, hostedZoneId: "Z0123456789EXAMPLE",
        }, o);
    },
    Dashboard: (o) => new Dashboard("defaults-dashboard", { sections: [{ kind: "lambda", title: "Functions", functions: { api: "defaults-fn" } }] }, o),
    SecretAgeMonitor: (o) => new SecretAgeMonitor("defaults-secret-age", {
        secrets: { key: "arn:aws:secretsmanager:us-east-1:123456789012:secret:defaults-key-AbCdEf" }, alarms: new Alarms("defaults-age-alarms", {}, o),
    }, o),
    BackupPlan: (o) => new BackupPlan("defaults-backups", { resourceArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/t"] }, o),
    OAuthBroker: (o) => new OAuthBroker("defaults-oauth", {
        frontendUrl: "https://app.example.com", originDomainName: "oauth-origin.example.com", originCertificateArn: CERT,
    }, o),
};

describe("components with default inputs pass the policy pack (prod configuration)", function () {
    this.timeout(60_000);
    const pack = loadPolicyPack(path.join(ROOT, "policies"));
    const config = reconcilePolicyConfig(pack.policies, pack.enforcementLevel, readPolicyConfigFile(path.join(ROOT, "policies", "config", "prod.json")));
    before(() => pack.exemptions.load([]));
    after(() => pack.exemptions.load());

    async function mandatoryViolations(build: (opts: pulumi.ComponentResourceOptions) => unknown): Promise<string[]> {
        const result = await runInline(() => {
            const scope = new SystemScope("defaults", { environment: "prod", system: "defaults", team: "platform", costCenter: "CC-1" });
            build({ parent: scope });
        }, { stack: "prod", mode: "apply" });
        pack.exemptions.reset();
        const { violations } = await analyzeStack(result.resources, { packName: pack.name, packVersion: pack.version, policies: pack.policies, config });
        return violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy} ${v.urn ?? ""}: ${v.message.split("\n").pop()}`);
    }

    it("(the harness itself catches violations: a bare bucket fails encryption, public access and transport rules)", async () => {
        const found = await mandatoryViolations((o) => new aws.s3.Bucket("bare", {}, o));
        for (const policy of ["aws-s3-bucket-encryption-required", "aws-s3-bucket-public-access-block-required", "aws-s3-bucket-policy-deny-insecure-transport"]) {
            assert.ok(found.some((v) => v.startsWith(policy)), `${policy} in ${JSON.stringify(found)}`);
        }
    });

    for (const [component, build] of Object.entries(COMPONENTS)) {
        it(`${component}: no mandatory violation`, async () => {
            assert.deepStrictEqual(await mandatoryViolations(build), []);
        });
    }
});
