/**
 * What AWS would compute, faked deterministically for the offline engine's apply-like mode, and the
 * data sources programs call, answered with real logic (not an echo).
 *
 * Everything here is a pure function of (type, name, urn, inputs, region), so two runs of the same
 * program give JSON-equal records.
 */
import { createHash } from "crypto";

export const FAKE_ACCOUNT_ID = "123456789012";
export const FAKE_PARTITION = "aws";

/** Stable hex digest of the given parts. */
export function digest(...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** A stable physical name, as Pulumi auto-naming would produce (logical name + 7 hex characters). */
export function physicalName(name: string, urn: string, maxLength = 63): string {
    const suffix = digest("name", urn).slice(0, 7);
    return `${name.slice(0, Math.max(1, maxLength - 8))}-${suffix}`.toLowerCase();
}

function uuid(seed: string): string {
    const h = digest("uuid", seed);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function str(v: unknown): string | undefined {
    return typeof v === "string" && v.length > 0 ? v : undefined;
}

export interface FakeContext {
    type: string;
    name: string;
    urn: string;
    inputs: Record<string, unknown>;
    region: string;
}

/** The computed outputs (id included) a create would produce for a custom resource. */
export function computedOutputs(ctx: FakeContext): { id: string; outputs: Record<string, unknown> } {
    const { type, name, urn, inputs, region } = ctx;
    const acct = FAKE_ACCOUNT_ID;
    const h = digest("id", urn);
    const arn = (service: string, resource: string, r: string = region, a: string = acct) => `arn:${FAKE_PARTITION}:${service}:${r}:${a}:${resource}`;
    const out: Record<string, unknown> = {};
    let id = `${name}-${h.slice(0, 8)}`;
    const [, mod = "", kind = ""] = /^aws:([^/]+)\/[^:]+:(.+)$/.exec(type) ?? [];

    switch (type) {
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2": {
            const bucket = str(inputs.bucket) ?? physicalName(name, urn);
            id = bucket;
            Object.assign(out, {
                bucket, arn: `arn:${FAKE_PARTITION}:s3:::${bucket}`, region,
                bucketDomainName: `${bucket}.s3.amazonaws.com`,
                bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
                hostedZoneId: "Z3AQBSTGFYJSTF",
            });
            break;
        }
        case "aws:kms/key:Key": id = uuid(urn); Object.assign(out, { keyId: id, arn: arn("kms", `key/${id}`) }); break;
        case "aws:kms/alias:Alias": id = str(inputs.name) ?? `alias/${name}`; Object.assign(out, { arn: arn("kms", id), targetKeyArn: arn("kms", `key/${uuid(String(inputs.targetKeyId))}`) }); break;
        case "aws:iam/role:Role": id = str(inputs.name) ?? physicalName(name, urn); Object.assign(out, { name: id, arn: arn("iam", `role/${id}`, ""), uniqueId: `AROA${h.slice(0, 17).toUpperCase()}` }); break;
        case "aws:iam/policy:Policy": { const n = str(inputs.name) ?? physicalName(name, urn); id = arn("iam", `policy/${n}`, ""); Object.assign(out, { name: n, arn: id, policyId: `ANPA${h.slice(0, 17).toUpperCase()}` }); break; }
        case "aws:iam/user:User": id = str(inputs.name) ?? physicalName(name, urn); Object.assign(out, { arn: arn("iam", `user/${id}`, "") }); break;
        case "aws:dynamodb/table:Table": id = str(inputs.name) ?? physicalName(name, urn); Object.assign(out, { name: id, arn: arn("dynamodb", `table/${id}`), streamArn: inputs.streamEnabled ? arn("dynamodb", `table/${id}/stream/2026-01-01T00:00:00.000`) : undefined }); break;
        case "aws:lambda/function:Function": {
            id = str(inputs.name) ?? physicalName(name, urn);
            const fnArn = arn("lambda", `function:${id}`);
            Object.assign(out, { name: id, arn: fnArn, invokeArn: `arn:${FAKE_PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`, qualifiedArn: `${fnArn}:$LATEST`, version: "$LATEST" });
            break;
        }
        case "aws:cloudwatch/logGroup:LogGroup": id = str(inputs.name) ?? physicalName(name, urn); Object.assign(out, { name: id, arn: arn("logs", `log-group:${id}`) }); break;
        case "aws:sns/topic:Topic": { const n = str(inputs.name) ?? physicalName(name, urn); id = arn("sns", n); Object.assign(out, { name: n, arn: id }); break; }
        case "aws:sqs/queue:Queue": { const n = str(inputs.name) ?? physicalName(name, urn); id = `https://sqs.${region}.amazonaws.com/${acct}/${n}`; Object.assign(out, { name: n, arn: arn("sqs", n), url: id }); break; }
        case "aws:secretsmanager/secret:Secret": { const n = str(inputs.name) ?? physicalName(name, urn); id = arn("secretsmanager", `secret:${n}-${h.slice(0, 6)}`); Object.assign(out, { name: n, arn: id }); break; }
        case "aws:secretsmanager/secretVersion:SecretVersion": Object.assign(out, { versionId: uuid(urn), arn: inputs.secretId }); id = `${String(inputs.secretId)}|${uuid(urn)}`; break;
        case "aws:cloudfront/distribution:Distribution": id = `E${h.slice(0, 13).toUpperCase()}`; Object.assign(out, { arn: arn("cloudfront", `distribution/${id}`, ""), domainName: `d${h.slice(0, 13)}.cloudfront.net`, hostedZoneId: "Z2FDTNDATAQYW2", status: "Deployed", etag: `E${h.slice(14, 27).toUpperCase()}` }); break;
        case "aws:cloudfront/originAccessControl:OriginAccessControl":
        case "aws:cloudfront/cachePolicy:CachePolicy":
        case "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy":
        case "aws:cloudfront/originRequestPolicy:OriginRequestPolicy":
        case "aws:cloudfront/keyGroup:KeyGroup":
        case "aws:cloudfront/publicKey:PublicKey": id = uuid(urn); Object.assign(out, { etag: `E${h.slice(0, 13).toUpperCase()}` }); break;
        case "aws:cloudfront/vpcOrigin:VpcOrigin": id = `vo_${h.slice(0, 20)}`; Object.assign(out, { arn: arn("cloudfront", `vpcorigin/${id}`, ""), etag: `E${h.slice(0, 13).toUpperCase()}` }); break;
        case "aws:wafv2/webAcl:WebAcl": {
            const n = str(inputs.name) ?? physicalName(name, urn);
            id = uuid(urn);
            const scope = inputs.scope === "CLOUDFRONT" ? "global" : "regional";
            Object.assign(out, { name: n, arn: arn("wafv2", `${scope}/webacl/${n}/${id}`, inputs.scope === "CLOUDFRONT" ? "us-east-1" : region), capacity: 700 });
            break;
        }
        case "aws:apigateway/restApi:RestApi": id = h.slice(0, 10); Object.assign(out, { name: str(inputs.name) ?? physicalName(name, urn), rootResourceId: h.slice(10, 20), arn: `arn:${FAKE_PARTITION}:apigateway:${region}::/restapis/${id}`, executionArn: arn("execute-api", id), createdDate: "2026-01-01T00:00:00Z" }); break;
        case "aws:apigateway/resource:Resource": id = h.slice(0, 6); Object.assign(out, { path: `/${String(inputs.pathPart ?? "")}` }); break;
        case "aws:apigateway/stage:Stage": id = `ags-${h.slice(0, 10)}`; Object.assign(out, { arn: `arn:${FAKE_PARTITION}:apigateway:${region}::/restapis/${String(inputs.restApi)}/stages/${String(inputs.stageName)}`, invokeUrl: `https://${String(inputs.restApi)}.execute-api.${region}.amazonaws.com/${String(inputs.stageName)}`, executionArn: arn("execute-api", `${String(inputs.restApi)}/${String(inputs.stageName)}`) }); break;
        case "aws:apigateway/deployment:Deployment": id = h.slice(0, 6); break;
        case "aws:apigateway/apiKey:ApiKey": id = h.slice(0, 10); Object.assign(out, { value: digest("apikey", urn).slice(0, 40), arn: `arn:${FAKE_PARTITION}:apigateway:${region}::/apikeys/${id}` }); break;
        case "aws:apigateway/usagePlan:UsagePlan": id = h.slice(0, 6); Object.assign(out, { arn: `arn:${FAKE_PARTITION}:apigateway:${region}::/usageplans/${id}` }); break;
        case "aws:apigateway/authorizer:Authorizer": id = h.slice(0, 6); break;
        case "aws:cognito/userPool:UserPool": id = `${region}_${h.slice(0, 9)}`; Object.assign(out, { arn: arn("cognito-idp", `userpool/${id}`), endpoint: `cognito-idp.${region}.amazonaws.com/${id}` }); break;
        case "aws:cognito/userPoolClient:UserPoolClient": id = h.slice(0, 26); break;
        case "aws:cognito/identityPool:IdentityPool": id = `${region}:${uuid(urn)}`; Object.assign(out, { arn: arn("cognito-identity", `identitypool/${id}`) }); break;
        case "aws:rds/cluster:Cluster": id = str(inputs.clusterIdentifier) ?? physicalName(name, urn); Object.assign(out, { clusterIdentifier: id, arn: arn("rds", `cluster:${id}`), endpoint: `${id}.cluster-${h.slice(0, 12)}.${region}.rds.amazonaws.com`, readerEndpoint: `${id}.cluster-ro-${h.slice(0, 12)}.${region}.rds.amazonaws.com`, port: 5432, clusterResourceId: `cluster-${h.slice(0, 26).toUpperCase()}`, masterUserSecrets: inputs.manageMasterUserPassword ? [{ secretArn: arn("secretsmanager", `secret:rds!cluster-${uuid(urn)}-${h.slice(0, 6)}`), secretStatus: "active", kmsKeyId: inputs.masterUserSecretKmsKeyId }] : [] }); break;
        case "aws:rds/clusterInstance:ClusterInstance": id = str(inputs.identifier) ?? physicalName(name, urn); Object.assign(out, { identifier: id, arn: arn("rds", `db:${id}`), endpoint: `${id}.${h.slice(0, 12)}.${region}.rds.amazonaws.com` }); break;
        case "aws:rds/instance:Instance": id = str(inputs.identifier) ?? physicalName(name, urn); Object.assign(out, { identifier: id, arn: arn("rds", `db:${id}`), address: `${id}.${h.slice(0, 12)}.${region}.rds.amazonaws.com`, endpoint: `${id}.${h.slice(0, 12)}.${region}.rds.amazonaws.com:5432`, port: 5432, resourceId: `db-${h.slice(0, 26).toUpperCase()}`, masterUserSecrets: inputs.manageMasterUserPassword ? [{ secretArn: arn("secretsmanager", `secret:rds!db-${uuid(urn)}-${h.slice(0, 6)}`), secretStatus: "active", kmsKeyId: inputs.masterUserSecretKmsKeyId }] : [] }); break;
        case "aws:rds/subnetGroup:SubnetGroup":
        case "aws:rds/clusterParameterGroup:ClusterParameterGroup":
        case "aws:rds/parameterGroup:ParameterGroup": id = str(inputs.name) ?? physicalName(name, urn); Object.assign(out, { name: id, arn: arn("rds", `${kind === "SubnetGroup" ? "subgrp" : kind === "ParameterGroup" ? "pg" : "cluster-pg"}:${id}`) }); break;
        case "aws:ec2/securityGroup:SecurityGroup": id = `sg-${h.slice(0, 17)}`; Object.assign(out, { arn: arn("ec2", `security-group/${id}`), name: str(inputs.name) ?? physicalName(name, urn) }); break;
        case "aws:ec2/vpcEndpoint:VpcEndpoint": id = `vpce-${h.slice(0, 17)}`; Object.assign(out, { arn: arn("ec2", `vpc-endpoint/${id}`), networkInterfaceIds: inputs.vpcEndpointType === "Interface" ? [`eni-${h.slice(0, 17)}`, `eni-${h.slice(17, 34)}`] : [], dnsEntries: [{ dnsName: `${id}.${String(inputs.serviceName ?? "").split(".").pop()}.${region}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" }], prefixListId: inputs.vpcEndpointType === "Gateway" ? `pl-${h.slice(0, 8)}` : undefined }); break;
        case "aws:ec2/flowLog:FlowLog": id = `fl-${h.slice(0, 17)}`; Object.assign(out, { arn: arn("ec2", `vpc-flow-log/${id}`) }); break;
        case "aws:ec2/vpc:Vpc": {
            id = `vpc-${h.slice(0, 17)}`;
            // The default security group, main route table and network ACL AWS creates with a VPC; their
            // ids follow from the VPC id so a DefaultSecurityGroup adopting the group gets the same id.
            Object.assign(out, { arn: arn("ec2", `vpc/${id}`), ownerId: acct, defaultSecurityGroupId: vpcDefaultId("sg", id), mainRouteTableId: vpcDefaultId("rtb", id),
                defaultRouteTableId: vpcDefaultId("rtb", id), defaultNetworkAclId: vpcDefaultId("acl", id), dhcpOptionsId: `dopt-${h.slice(17, 34)}`, instanceTenancy: inputs.instanceTenancy ?? "default" });
            break;
        }
        case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": id = vpcDefaultId("sg", String(inputs.vpcId)); Object.assign(out, { arn: arn("ec2", `security-group/${id}`), name: "default", ownerId: acct }); break;
        case "aws:ec2/subnet:Subnet": {
            id = `subnet-${h.slice(0, 17)}`;
            const zones = availabilityZones(region);
            const zoneId = zones.zoneIds[zones.names.indexOf(String(inputs.availabilityZone))];
            Object.assign(out, { arn: arn("ec2", `subnet/${id}`), ownerId: acct, availabilityZoneId: zoneId, mapPublicIpOnLaunch: inputs.mapPublicIpOnLaunch ?? false });
            break;
        }
        case "aws:ec2/internetGateway:InternetGateway": id = `igw-${h.slice(0, 17)}`; Object.assign(out, { arn: arn("ec2", `internet-gateway/${id}`), ownerId: acct }); break;
        case "aws:ec2/eip:Eip": {
            id = `eipalloc-${h.slice(0, 17)}`;
            const ip = fakePublicIp(id);
            Object.assign(out, { allocationId: id, publicIp: ip, publicDns: `ec2-${ip.replace(/\./g, "-")}.${region === "us-east-1" ? "compute-1" : `${region}.compute`}.amazonaws.com`, domain: inputs.domain ?? "vpc", arn: arn("ec2", `elastic-ip/${id}`) });
            break;
        }
        case "aws:ec2/natGateway:NatGateway":
            id = `nat-${h.slice(0, 17)}`;
            Object.assign(out, { networkInterfaceId: `eni-${h.slice(17, 34)}`, connectivityType: inputs.connectivityType ?? "public",
                publicIp: typeof inputs.allocationId === "string" ? fakePublicIp(inputs.allocationId) : undefined });
            break;
        case "aws:ec2/routeTable:RouteTable": id = `rtb-${h.slice(0, 17)}`; Object.assign(out, { arn: arn("ec2", `route-table/${id}`), ownerId: acct }); break;
        // The provider's route id: r-<route table id> and a hash of the destination.
        case "aws:ec2/route:Route": id = `r-${String(inputs.routeTableId)}${parseInt(digest("route", String(inputs.destinationCidrBlock)).slice(0, 8), 16)}`; Object.assign(out, { origin: "CreateRoute", state: "active" }); break;
        case "aws:ec2/routeTableAssociation:RouteTableAssociation": id = `rtbassoc-${h.slice(0, 17)}`; break;
        case "aws:lb/loadBalancer:LoadBalancer":
        case "aws:alb/loadBalancer:LoadBalancer": {
            const n = str(inputs.name) ?? physicalName(name, urn, 32);
            const t = inputs.loadBalancerType === "network" ? "net" : "app";
            id = arn("elasticloadbalancing", `loadbalancer/${t}/${n}/${h.slice(0, 16)}`);
            Object.assign(out, { name: n, arn: id, arnSuffix: `${t}/${n}/${h.slice(0, 16)}`, dnsName: `${inputs.internal ? "internal-" : ""}${n}-${h.slice(0, 10)}.${region}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K" });
            break;
        }
        case "aws:lb/targetGroup:TargetGroup":
        case "aws:alb/targetGroup:TargetGroup": { const n = str(inputs.name) ?? physicalName(name, urn, 32); id = arn("elasticloadbalancing", `targetgroup/${n}/${h.slice(0, 16)}`); Object.assign(out, { name: n, arn: id, arnSuffix: `targetgroup/${n}/${h.slice(0, 16)}` }); break; }
        case "aws:lb/listener:Listener":
        case "aws:alb/listener:Listener": id = arn("elasticloadbalancing", `listener/app/${name}/${h.slice(0, 16)}/${h.slice(16, 32)}`); Object.assign(out, { arn: id }); break;
        case "aws:ecs/cluster:Cluster": { const n = str(inputs.name) ?? physicalName(name, urn); id = arn("ecs", `cluster/${n}`); Object.assign(out, { name: n, arn: id }); break; }
        case "aws:ecs/taskDefinition:TaskDefinition": {
            // A new resource is the family's first revision; the id is the family, as the provider keeps it.
            const family = str(inputs.family) ?? physicalName(name, urn, 255);
            id = family;
            Object.assign(out, { family, revision: 1, arn: arn("ecs", `task-definition/${family}:1`), arnWithoutRevision: arn("ecs", `task-definition/${family}`) });
            break;
        }
        case "aws:ecs/service:Service": {
            const n = str(inputs.name) ?? physicalName(name, urn, 255);
            const cluster = str(inputs.cluster)?.split("/").pop() ?? "default";
            id = arn("ecs", `service/${cluster}/${n}`);
            Object.assign(out, { name: n, arn: id });
            break;
        }
        case "aws:acm/certificate:Certificate": {
            id = arn("acm", `certificate/${uuid(urn)}`);
            // DNS validation: one CNAME per name (a wildcard shares its base name's record), as ACM answers.
            const names = [inputs.domainName, ...(Array.isArray(inputs.subjectAlternativeNames) ? inputs.subjectAlternativeNames : [])].filter((d): d is string => typeof d === "string");
            const domainValidationOptions = inputs.validationMethod === "DNS" ? names.map((d) => {
                const base = d.replace(/^\*\./, "");
                return { domainName: d, resourceRecordName: `_${digest("acm-name", base).slice(0, 32)}.${base}.`, resourceRecordType: "CNAME", resourceRecordValue: `_${digest("acm-value", base).slice(0, 32)}.acm-validations.aws.` };
            }) : [];
            Object.assign(out, { arn: id, status: inputs.validationMethod === "DNS" ? "PENDING_VALIDATION" : "ISSUED", domainValidationOptions });
            break;
        }
        case "aws:acm/certificateValidation:CertificateValidation": id = String(inputs.certificateArn); Object.assign(out, { certificateArn: inputs.certificateArn }); break;
        case "aws:route53/record:Record": {
            const fqdn = String(inputs.name ?? name).replace(/\.$/, "");
            id = `${String(inputs.zoneId)}_${fqdn}_${String(inputs.type)}`;
            Object.assign(out, { fqdn });
            break;
        }
        case "aws:apigateway/domainName:DomainName": {
            id = String(inputs.domainName);
            Object.assign(out, {
                arn: `arn:${FAKE_PARTITION}:apigateway:${region}::/domainnames/${id}`, domainNameId: h.slice(0, 10),
                regionalDomainName: `d-${h.slice(0, 10)}.execute-api.${region}.amazonaws.com`, regionalZoneId: "Z1UJRXOUMOOFQ8",
            });
            break;
        }
        case "aws:apigateway/basePathMapping:BasePathMapping": id = `${String(inputs.domainName)}/${String(inputs.basePath ?? "")}`; break;
        case "aws:cloudwatch/dashboard:Dashboard": id = str(inputs.dashboardName) ?? physicalName(name, urn); Object.assign(out, { dashboardArn: `arn:${FAKE_PARTITION}:cloudwatch::${acct}:dashboard/${id}` }); break;
        case "aws:s3/bucketMetric:BucketMetric": id = `${String(inputs.bucket)}:${String(inputs.name)}`; break;
        case "aws:secretsmanager/secretRotation:SecretRotation": id = String(inputs.secretId); Object.assign(out, { rotationEnabled: true }); break;
        case "aws:ecr/repository:Repository": {
            const n = str(inputs.name) ?? physicalName(name, urn);
            id = n;
            Object.assign(out, { name: n, arn: arn("ecr", `repository/${n}`), registryId: acct, repositoryUrl: `${acct}.dkr.ecr.${region}.amazonaws.com/${n}` });
            break;
        }
        case "aws:backup/vault:Vault": {
            const n = str(inputs.name) ?? physicalName(name, urn, 50);
            id = n;
            Object.assign(out, { name: n, arn: arn("backup", `backup-vault:${n}`), recoveryPoints: 0 });
            break;
        }
        case "aws:backup/plan:Plan": id = uuid(urn); Object.assign(out, { arn: arn("backup", `backup-plan:${id}`), version: h.slice(0, 32) }); break;
        case "aws:cloudwatch/metricAlarm:MetricAlarm": { const n = str(inputs.name) ?? physicalName(name, urn); id = n; Object.assign(out, { name: n, arn: arn("cloudwatch", `alarm:${n}`) }); break; }
        case "aws:cloudwatch/eventRule:EventRule": { const n = str(inputs.name) ?? physicalName(name, urn); id = n; Object.assign(out, { name: n, arn: arn("events", `rule/${n}`) }); break; }
        case "aws:sns/topicSubscription:TopicSubscription": id = `${String(inputs.topic)}:${uuid(urn)}`; Object.assign(out, { arn: id }); break;
        case "random:index/randomPassword:RandomPassword":
        case "random:index/randomString:RandomString": {
            const length = typeof inputs.length === "number" ? inputs.length : 16;
            const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789" + (inputs.special === false ? "" : "!#%*-_=+");
            let result = "";
            for (let i = 0; result.length < length; i++) {
                const block = digest("random", urn, String(i));
                for (let j = 0; j < block.length && result.length < length; j += 2) result += alphabet[parseInt(block.slice(j, j + 2), 16) % alphabet.length];
            }
            id = "none";
            Object.assign(out, { result, ...(type.endsWith("RandomPassword") ? { bcryptHash: `$2a$10$${digest("bcrypt", result).slice(0, 53)}` } : {}) });
            break;
        }
        case "random:index/randomId:RandomId": {
            const bytes = typeof inputs.byteLength === "number" ? inputs.byteLength : 8;
            const hex = digest("randomid", urn).slice(0, bytes * 2);
            id = Buffer.from(hex, "hex").toString("base64url");
            Object.assign(out, { hex, b64Url: id, b64Std: Buffer.from(hex, "hex").toString("base64"), dec: BigInt(`0x${hex}`).toString() });
            break;
        }
        case "random:index/randomUuid:RandomUuid": id = uuid(urn); Object.assign(out, { result: id }); break;
        default: {
            // Any other type: an id and, where the schema has one, an ARN in the service's usual shape.
            const service = mod === "cloudwatch" ? "logs" : mod;
            Object.assign(out, { arn: arn(service, `${kind.toLowerCase()}/${id}`) });
        }
    }
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return { id, outputs: out };
}

/** The id of a resource AWS creates with a VPC (default security group, main route table, network ACL), from the VPC id. */
function vpcDefaultId(prefix: string, vpcId: string): string {
    return `${prefix}-${digest("vpc-default", prefix, vpcId).slice(0, 17)}`;
}

/** An Elastic IP's address, stable per allocation id, from the documentation range 203.0.113.0/24 (never a real host). */
function fakePublicIp(allocationId: string): string {
    return `203.0.113.${parseInt(digest("eip", allocationId).slice(0, 4), 16) % 254 + 1}`;
}

/** Fixed availability zones per region: the region's first six letters, as most regions have at least three. */
export function availabilityZones(region: string): { names: string[]; zoneIds: string[] } {
    const letters = ["a", "b", "c", "d", "e", "f"];
    const short = region.split("-").map((p, i) => (i === region.split("-").length - 1 ? p : p.slice(0, p.length > 2 ? 3 : 2))).join("");
    const count = region === "us-east-1" ? 6 : 3;
    return {
        names: letters.slice(0, count).map((l) => `${region}${l}`),
        zoneIds: letters.slice(0, count).map((_, i) => `${short.replace(/-/g, "")}-az${i + 1}`),
    };
}

type Statement = {
    sid?: string; effect?: string; actions?: string[]; notActions?: string[]; resources?: string[]; notResources?: string[];
    principals?: { type: string; identifiers: string[] }[]; notPrincipals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
};

function oneOrMany(values: string[]): string | string[] {
    const sorted = [...values];
    return sorted.length === 1 ? sorted[0] : sorted;
}

function renderPrincipals(principals: { type: string; identifiers: string[] }[]): unknown {
    if (principals.length === 1 && principals[0].type === "*") return "*";
    const out: Record<string, string | string[]> = {};
    for (const p of principals) {
        const existing = out[p.type];
        const ids = [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), ...p.identifiers];
        out[p.type] = oneOrMany(ids);
    }
    return out;
}

/** Renders aws.iam.getPolicyDocument arguments to the JSON document AWS (and the provider) would produce. */
export function renderPolicyDocument(args: { version?: string; policyId?: string; statements?: Statement[]; sourcePolicyDocuments?: string[]; overridePolicyDocuments?: string[] }): { json: string; minifiedJson: string; id: string } {
    const statements: Record<string, unknown>[] = [];
    for (const src of args.sourcePolicyDocuments ?? []) statements.push(...(JSON.parse(src).Statement ?? []));
    for (const s of args.statements ?? []) {
        const rendered: Record<string, unknown> = {};
        if (s.sid) rendered.Sid = s.sid;
        rendered.Effect = s.effect ?? "Allow";
        if (s.actions?.length) rendered.Action = oneOrMany(s.actions);
        if (s.notActions?.length) rendered.NotAction = oneOrMany(s.notActions);
        if (s.resources?.length) rendered.Resource = oneOrMany(s.resources);
        if (s.notResources?.length) rendered.NotResource = oneOrMany(s.notResources);
        if (s.principals?.length) rendered.Principal = renderPrincipals(s.principals);
        if (s.notPrincipals?.length) rendered.NotPrincipal = renderPrincipals(s.notPrincipals);
        if (s.conditions?.length) {
            const cond: Record<string, Record<string, string | string[]>> = {};
            for (const c of s.conditions) (cond[c.test] ??= {})[c.variable] = oneOrMany(c.values);
            rendered.Condition = cond;
        }
        const sameSid = s.sid ? statements.findIndex((x) => x.Sid === s.sid) : -1;
        if (sameSid >= 0) statements[sameSid] = rendered; else statements.push(rendered);
    }
    for (const src of args.overridePolicyDocuments ?? []) {
        for (const st of JSON.parse(src).Statement ?? []) {
            const i = st.Sid ? statements.findIndex((x) => x.Sid === st.Sid) : -1;
            if (i >= 0) statements[i] = st; else statements.push(st);
        }
    }
    const doc: Record<string, unknown> = { Version: args.version ?? "2012-10-17" };
    if (args.policyId) doc.Id = args.policyId;
    doc.Statement = statements;
    const minifiedJson = JSON.stringify(doc);
    return { json: JSON.stringify(doc, null, 2), minifiedJson, id: String(parseInt(digest("policy", minifiedJson).slice(0, 8), 16)) };
}

/** Answers the data sources (invokes) the platform's programs call. Unknown tokens are an error, not an echo. */
export function answerInvoke(token: string, args: Record<string, unknown>, region: string): Record<string, unknown> {
    switch (token) {
        case "aws:index/getRegion:getRegion": {
            const r = str(args.region) ?? str(args.name) ?? region;
            return { id: r, name: r, region: r, endpoint: `ec2.${r}.amazonaws.com`, description: r };
        }
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { id: FAKE_ACCOUNT_ID, accountId: FAKE_ACCOUNT_ID, arn: `arn:${FAKE_PARTITION}:iam::${FAKE_ACCOUNT_ID}:user/offline-engine`, userId: "AIDAOFFLINEENGINE0000" };
        case "aws:index/getPartition:getPartition":
            return { id: FAKE_PARTITION, partition: FAKE_PARTITION, dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            const { names, zoneIds } = availabilityZones(region);
            return { id: region, names, zoneIds, groupNames: [region], state: args.state ?? "available" };
        }
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return renderPolicyDocument(args as Parameters<typeof renderPolicyDocument>[0]);
        case "aws:ec2/getNetworkInterface:getNetworkInterface": {
            // An interface's private address, stable per id, inside 10.0.0.0/16 (the platform's default VPC range).
            const id = str(args.id) ?? "eni-unknown";
            const h = digest("eni", id);
            const ip = `10.0.${parseInt(h.slice(0, 2), 16) % 64 + 64}.${parseInt(h.slice(2, 4), 16) % 250 + 4}`;
            return { id, privateIp: ip, privateIps: [ip], privateDnsName: `ip-${ip.replace(/\./g, "-")}.ec2.internal`, interfaceType: "vpc_endpoint", status: "in-use", tags: {} };
        }
        case "aws:elb/getServiceAccount:getServiceAccount":
            return { id: "127311923021", arn: `arn:${FAKE_PARTITION}:iam::127311923021:root` };
        default:
            throw new Error(`the offline engine does not answer the data source ${token}; add it to engine/aws-fakes.ts`);
    }
}
