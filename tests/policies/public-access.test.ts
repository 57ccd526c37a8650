import { byName, describePolicy, res, T, UNKNOWN } from "./support/spec";

const allFlags = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describe("no public access", () => {
    describePolicy("aws-s3-bucket-public-access-block-required", {
        level: "mandatory",
        description: /public access block with all four flags/,
        compliant: [res(T.bucket, "site", { bucket: UNKNOWN }), res(T.pab, "site-pab", { bucket: UNKNOWN, ...allFlags }, { bucket: ["site"] })],
        cases: [
            { title: "no public access block", break: (f) => f.pop(), expect: /has no public access block/ },
            { title: "one flag off", break: (f) => (byName(f, "site-pab").props.restrictPublicBuckets = false), expect: /leaves restrictPublicBuckets off \(for bucket "site"\)/, resource: "site-pab" },
            {
                title: "the block belongs to another bucket",
                break: (f) => { f.push(res(T.bucket, "other", { bucket: UNKNOWN })); byName(f, "site-pab").deps = { bucket: ["other"] }; },
                expect: /has no public access block/,
            },
        ],
        pending: [{ title: "a flag is unknown", break: (f) => (byName(f, "site-pab").props.blockPublicAcls = UNKNOWN) }],
    });

    describePolicy("aws-s3-bucket-acl-disallow-public", {
        level: "mandatory",
        description: /ACL grants access to everyone/,
        compliant: [res(T.bucketAcl, "site-acl", { bucket: UNKNOWN, acl: "private" }), res(T.bucketObject, "index", { bucket: UNKNOWN, key: "index.html" })],
        cases: [
            { title: "public-read canned ACL", break: (f) => (f[0].props.acl = "public-read"), expect: /public canned ACL "public-read"/ },
            { title: "authenticated-read canned ACL on an object", break: (f) => (f[1].props.acl = "authenticated-read"), expect: /"authenticated-read"/, resource: "index" },
            {
                title: "a grant to AllUsers",
                break: (f) => (f[0].props.accessControlPolicy = { owner: { id: "x" }, grants: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }] }),
                expect: /grants READ to the AllUsers group/,
            },
            { title: "public ACL decided even when other fields are unknown", break: (f) => (f[0].props = { bucket: UNKNOWN, acl: "public-read-write", accessControlPolicy: UNKNOWN }), expect: /public-read-write/ },
        ],
    });

    const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
    describePolicy("aws-s3-bucket-policy-disallow-public-principal", {
        level: "mandatory",
        description: /`\*` principal/,
        compliant: [res(T.bucketPolicy, "site-policy", { bucket: UNKNOWN, policy: policy({ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*", Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::1:distribution/X" } } }) })],
        alsoCompliant: [{ title: '"*" is conditioned on aws:SourceVpce', change: (f) => (f[0].props.policy = { Statement: { Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } } }) }],
        cases: [
            { title: 'Principal "*" without a condition', break: (f) => (f[0].props.policy = policy({ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" })), expect: /statement "Public" allows principal "\*"/ },
            { title: '{ AWS: "*" } as an object document', break: (f) => (f[0].props.policy = { Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:*", Resource: "*" }] }), expect: /statement #1 allows principal/ },
        ],
        pending: [{ title: "the document is unknown", break: (f) => (f[0].props.policy = UNKNOWN) }],
    });

    describePolicy("aws-rds-instance-not-publicly-accessible", {
        level: "mandatory",
        description: /not publicly accessible/,
        compliant: [res("aws:rds/instance:Instance", "db", { publiclyAccessible: false }), res("aws:rds/clusterInstance:ClusterInstance", "aurora-1", {})],
        cases: [
            { title: "instance public", break: (f) => (f[0].props.publiclyAccessible = true), expect: /publiclyAccessible: true/ },
            { title: "cluster instance public", break: (f) => (f[1].props.publiclyAccessible = true), expect: /publiclyAccessible/, resource: "aurora-1" },
        ],
    });

    describePolicy("aws-ec2-securitygroup-disallow-public-ingress", {
        level: "mandatory",
        description: /0\.0\.0\.0\/0/,
        compliant: [
            res("aws:ec2/securityGroup:SecurityGroup", "web-sg", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }] }),
            res("aws:ec2/securityGroupRule:SecurityGroupRule", "http-rule", { type: "ingress", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"], securityGroupId: UNKNOWN }),
            res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "https-v6", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0", securityGroupId: UNKNOWN }),
        ],
        alsoCompliant: [{ title: "an egress rule is open", change: (f) => Object.assign(f[1].props, { type: "egress", protocol: "-1", fromPort: 0, toPort: 0 }) }],
        cases: [
            { title: "inline SSH from anywhere", break: (f) => (f[0].props.ingress as unknown[]).push({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }), expect: /ingress rule #3 admits tcp 22 from 0\.0\.0\.0\/0/ },
            { title: "rule resource for all traffic", break: (f) => Object.assign(f[1].props, { protocol: "-1", fromPort: 0, toPort: 0 }), expect: /admits all traffic/, resource: "http-rule" },
            { title: "ingress rule resource with a port range from ::/0", break: (f) => Object.assign(f[2].props, { fromPort: 0, toPort: 65535 }), expect: /tcp 0-65535 from ::\/0/, resource: "https-v6" },
        ],
    });

    const stage = res("aws:apigateway/stage:Stage", "api-stage", { restApi: UNKNOWN, stageName: "v1" }, { restApi: ["api"] });
    describePolicy("aws-apigateway-restapi-private-or-waf", {
        level: "mandatory",
        description: /PRIVATE with a resource policy limited to VPC endpoints, or have a WAF/,
        compliant: [
            res("aws:apigateway/restApi:RestApi", "api", { endpointConfiguration: { types: "REGIONAL" } }),
            stage,
            res("aws:wafv2/webAclAssociation:WebAclAssociation", "api-waf", { resourceArn: UNKNOWN, webAclArn: UNKNOWN }, { resourceArn: ["api-stage"] }),
        ],
        alsoCompliant: [
            {
                title: "a PRIVATE API's resource policy is limited to a VPC endpoint",
                change: (f) => {
                    f.splice(1);
                    f[0].props = { endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: [UNKNOWN] }, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } }] }) };
                },
            },
            { title: "the association names the stage by known ARN", change: (f) => { f[0].props.id = "a1b2c3"; delete f[2].deps; f[2].props.resourceArn = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/v1"; } },
        ],
        cases: [
            { title: "regional API without WAF", break: (f) => f.pop(), expect: /is REGIONAL and no WAF web ACL is associated/ },
            { title: "the WAF is associated with another API's stage", break: (f) => { f.push(res("aws:apigateway/restApi:RestApi", "other", {})); byName(f, "api-stage").deps = { restApi: ["other"] }; }, expect: /no WAF web ACL/ },
            {
                title: "a PRIVATE API without a VPC endpoint condition",
                break: (f) => { f.splice(1); f[0].props = { endpointConfiguration: { types: ["PRIVATE"] }, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] }) }; },
                expect: /is PRIVATE but its resource policy does not limit access to VPC endpoints/,
            },
        ],
        pending: [{ title: "the association's target is unknown without dependencies", break: (f) => delete f[2].deps }],
    });

    describePolicy("aws-lambda-permission-source-arn-required", {
        level: "mandatory",
        description: /sourceArn/,
        compliant: [res("aws:lambda/permission:Permission", "s3-invoke", { action: "lambda:InvokeFunction", function: UNKNOWN, principal: "s3.amazonaws.com", sourceArn: UNKNOWN })],
        alsoCompliant: [{ title: "the principal is an account", change: (f) => (f[0].props = { action: "lambda:InvokeFunction", function: "fn", principal: "123456789012" }) }],
        cases: [
            { title: "service principal without sourceArn", break: (f) => delete f[0].props.sourceArn, expect: /principal "s3\.amazonaws\.com" without a sourceArn/ },
            { title: '"*" principal without sourceArn', break: (f) => { f[0].props.principal = "*"; delete f[0].props.sourceArn; }, expect: /principal "\*"/ },
        ],
    });

    describePolicy("aws-lambda-functionurl-auth-required", {
        level: "mandatory",
        description: /auth(orization)? type NONE/,
        compliant: [res("aws:lambda/functionUrl:FunctionUrl", "url", { functionName: UNKNOWN, authorizationType: "AWS_IAM" })],
        cases: [{ title: "auth NONE", break: (f) => (f[0].props.authorizationType = "NONE"), expect: /authorizationType "NONE"/ }],
    });

    describePolicy("aws-cognito-identitypool-disallow-unauthenticated", {
        level: "mandatory",
        description: /unauthenticated/,
        compliant: [res("aws:cognito/identityPool:IdentityPool", "ids", { identityPoolName: "ids", allowUnauthenticatedIdentities: false })],
        cases: [{ title: "guests allowed", break: (f) => (f[0].props.allowUnauthenticatedIdentities = true), expect: /allows unauthenticated identities/ }],
    });
});
