import { byName, describePolicy, res, UNKNOWN, type Fixture } from "../support/spec";

const ACCOUNT = "123456789012";
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
/** The policy document of fixture resource `name`, parsed, for a case to edit one statement. */
const edit = (f: Fixture, name: string, change: (statements: Record<string, unknown>[]) => void, path = "policy") => {
    const r = byName(f, name);
    const parsed = JSON.parse(r.props[path] as string) as { Statement: Record<string, unknown>[] };
    change(parsed.Statement);
    r.props[path] = JSON.stringify(parsed);
};

describePolicy("aws-resource-policy-disallow-public-principal", {
    level: "mandatory",
    description: /No resource policy \(SQS, SNS, Secrets Manager, ECR, DynamoDB.*allows a public principal without a condition that narrows it/,
    compliant: [
        res("aws:sqs/queuePolicy:QueuePolicy", "jobs-policy", {
            queueUrl: UNKNOWN,
            policy: doc({ Sid: "FromTopic", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*", Condition: { ArnEquals: { "aws:SourceArn": TOPIC } } }),
        }),
        res("aws:sqs/queue:Queue", "events", {
            policy: doc({ Sid: "FromBucket", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme-uploads" } } }),
        }),
        res("aws:sns/topicPolicy:TopicPolicy", "alerts-policy", {
            arn: TOPIC,
            policy: doc(
                { Sid: "Alarms", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: TOPIC, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } },
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: TOPIC, Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ),
        }),
        res("aws:secretsmanager/secretPolicy:SecretPolicy", "db-secret-policy", {
            secretArn: UNKNOWN,
            policy: doc({ Sid: "DenyOutsideAccount", Effect: "Deny", Principal: "*", Action: "secretsmanager:*", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalAccount": ACCOUNT } } }),
        }),
        res("aws:ecr/repositoryPolicy:RepositoryPolicy", "images-policy", {
            repository: "images",
            policy: { Statement: [{ Sid: "Pull", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/deployer` }, Action: ["ecr:BatchGetImage"] }] },
        }),
        res("aws:apigateway/restApiPolicy:RestApiPolicy", "api-policy", {
            restApiId: UNKNOWN,
            policy: doc({ Sid: "ThroughEndpoint", Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } } }),
        }),
        res("aws:apigateway/domainName:DomainName", "api-domain", {
            domainName: "api.internal.example.com",
            securityPolicy: "TLS_1_2",
            policy: doc(
                { Sid: "Invoke", Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" },
                { Sid: "DenyOutsideVpc", Effect: "Deny", Principal: "*", Action: "execute-api:Invoke", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-0123456789abcdef0" } } },
            ),
        }),
        res("aws:s3control/accessPointPolicy:AccessPointPolicy", "ap-policy", {
            accessPointArn: UNKNOWN,
            policy: doc({ Sid: "Org", Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }),
        }),
        res("aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy", "mrap-policy", {
            details: { name: "mrap", policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "s3:GetObject", Resource: "*" }) },
        }),
        res("aws:cloudwatch/eventBusPolicy:EventBusPolicy", "bus-policy", {
            policy: doc({ Sid: "OrgPutEvents", Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }),
        }),
        res("aws:lambda/layerVersionPermission:LayerVersionPermission", "layer-share", { layerName: "common", versionNumber: 3, statementId: "org", action: "lambda:GetLayerVersion", principal: "*", organizationId: "o-a1b2c3d4e5" }),
    ],
    alsoCompliant: [
        { title: "a Deny with NotPrincipal narrows an Allow to those principals", change: (f) => edit(f, "events", (s) => { delete s[0].Condition; s.push({ Effect: "Deny", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "*", Resource: "*" }); }) },
        { title: "the source IP range is not /0", change: (f) => edit(f, "events", (s) => (s[0].Condition = { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } })) },
        { title: "aws:PrincipalOrgPaths names an organization", change: (f) => edit(f, "ap-policy", (s) => (s[0].Condition = { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-*"] } })) },
        { title: "the S3 source ARN is a literal bucket", change: (f) => edit(f, "events", (s) => (s[0].Condition = { ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme-uploads/*" } })) },
        { title: "the layer is shared with one account", change: (f) => Object.assign(byName(f, "layer-share").props, { principal: ACCOUNT, organizationId: undefined }) },
    ],
    cases: [
        { title: 'an SQS queue policy allows "*" without a condition', break: (f) => edit(f, "jobs-policy", (s) => { s[0].Principal = "*"; delete s[0].Condition; }), expect: /statement "FromTopic" allows principal "\*" without a condition/, resource: "jobs-policy" },
        { title: 'an inline queue policy (object form) allows { AWS: ["*"] }', break: (f) => (byName(f, "events").props.policy = { Statement: { Effect: "Allow", Principal: { AWS: ["*"] }, Action: "sqs:*", Resource: "*" } }), expect: /statement #1 allows principal "\*"/, resource: "events" },
        { title: "a topic policy allows with NotPrincipal", break: (f) => edit(f, "alerts-policy", (s) => { delete s[0].Principal; s[0].NotPrincipal = { AWS: `arn:aws:iam::${ACCOUNT}:role/blocked` }; delete s[0].Condition; }), expect: /statement "Alarms" allows everyone outside its NotPrincipal/, resource: "alerts-policy" },
        { title: "the source ARN's account is a wildcard", break: (f) => edit(f, "jobs-policy", (s) => { s[0].Principal = "*"; s[0].Condition = { ArnLike: { "aws:SourceArn": "arn:aws:sns:us-east-1:*:alerts" } }; }), expect: /aws:sourcearn "arn:aws:sns:us-east-1:\*:alerts" does not narrow it \(the ARN names no account/, resource: "jobs-policy" },
        { title: "the S3 source ARN is a bucket wildcard", break: (f) => edit(f, "events", (s) => (s[0].Condition = { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } })), expect: /does not narrow it/, resource: "events" },
        { title: "the condition is IfExists", break: (f) => edit(f, "ap-policy", (s) => (s[0].Condition = { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } })), expect: /StringEqualsIfExists condition on aws:principalorgid does not narrow it \(it passes when the key is absent\)/, resource: "ap-policy" },
        { title: "the condition is ForAllValues:", break: (f) => edit(f, "ap-policy", (s) => (s[0].Condition = { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } })), expect: /does not narrow it/, resource: "ap-policy" },
        { title: "an Allow uses a negated operator", break: (f) => edit(f, "bus-policy", (s) => (s[0].Condition = { StringNotEquals: { "aws:PrincipalOrgID": "o-evil" } })), expect: /StringNotEquals condition on aws:principalorgid does not narrow it/, resource: "bus-policy" },
        { title: "the account condition is a wildcard", break: (f) => edit(f, "bus-policy", (s) => (s[0].Condition = { StringLike: { "aws:SourceAccount": "*" } })), expect: /aws:sourceaccount "\*" does not narrow it \(the value is a wildcard\)/, resource: "bus-policy" },
        { title: "the source IP range is the world", break: (f) => edit(f, "events", (s) => (s[0].Condition = { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } })), expect: /\(the range is open to the world\)/, resource: "events" },
        { title: "the narrowing Deny carries a second condition", break: (f) => edit(f, "api-domain", (s) => ((s[1].Condition as Record<string, unknown>).Bool = { "aws:SecureTransport": "false" })), expect: /statement "Invoke" allows principal "\*" without a condition/, resource: "api-domain" },
        { title: "the narrowing Deny covers other actions", break: (f) => edit(f, "api-domain", (s) => (s[1].Action = "execute-api:ManageConnections")), expect: /statement "Invoke" allows principal/, resource: "api-domain" },
        { title: "an ECR repository policy is public", break: (f) => (byName(f, "images-policy").props.policy = doc({ Sid: "Pull", Effect: "Allow", Principal: "*", Action: "ecr:BatchGetImage" })), expect: /statement "Pull" allows principal "\*"/, resource: "images-policy" },
        { title: "a secret's inline policy is public", break: (f) => f.push(res("aws:secretsmanager/secret:Secret", "api-key", { kmsKeyId: UNKNOWN, policy: doc({ Effect: "allow", Principal: { AWS: "*" }, Action: "secretsmanager:GetSecretValue", Resource: "*" }) })), expect: /statement #1 allows principal "\*"/, resource: "api-key" },
        { title: "a REST API's inline policy is public", break: (f) => f.push(res("aws:apigateway/restApi:RestApi", "api", { policy: doc({ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }) })), expect: /allows principal "\*" without a condition/, resource: "api" },
        { title: "a DynamoDB resource policy lists * among accounts", break: (f) => f.push(res("aws:dynamodb/resourcePolicy:ResourcePolicy", "table-policy", { resourceArn: UNKNOWN, policy: doc({ Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`, "*"] }, Action: "dynamodb:GetItem", Resource: "*" }) })), expect: /allows principal "\*"/, resource: "table-policy" },
        { title: "a multi-Region access point policy is public", break: (f) => (byName(f, "mrap-policy").props.details = { name: "mrap", policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }) }), expect: /allows principal "\*"/, resource: "mrap-policy" },
        { title: "a backup vault policy is public", break: (f) => f.push(res("aws:backup/vaultPolicy:VaultPolicy", "vault-policy", { backupVaultName: "vault", policy: doc({ Effect: "Allow", Principal: "*", Action: "backup:*", Resource: "*" }) })), expect: /allows principal "\*"/, resource: "vault-policy" },
        { title: "a layer is shared with everyone", break: (f) => delete byName(f, "layer-share").props.organizationId, expect: /shares the layer with principal "\*" and no organizationId/, resource: "layer-share" },
    ],
    pending: [
        { title: "a policy document is unknown", break: (f) => (byName(f, "jobs-policy").props.policy = UNKNOWN) },
        { title: "the value of the only narrowing condition is unknown", break: (f) => (byName(f, "bus-policy").props.policy = { Statement: [{ Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": UNKNOWN } } }] }) },
        { title: "a layer's principal is unknown and no organization narrows it", break: (f) => Object.assign(byName(f, "layer-share").props, { principal: UNKNOWN, organizationId: undefined }) },
    ],
});
