import { byName, describePolicy, res, UNKNOWN, type Fixture } from "../support/spec";

const ACCOUNT = "123456789012";
const PARTNER = "210987654321";
const trust = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const ROLE = "aws:iam/role:Role";
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const EKS = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
const github = (sub: unknown, operator = "StringLike") => ({
    Sid: "GitHubDeploy", Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, [operator]: { "token.actions.githubusercontent.com:sub": sub } },
});
const statementOf = (f: Fixture, name: string) => (JSON.parse(byName(f, name).props.assumeRolePolicy as string) as { Statement: Record<string, unknown>[] }).Statement[0];
const setStatement = (f: Fixture, name: string, s: Record<string, unknown>) => (byName(f, name).props.assumeRolePolicy = trust(s));

describePolicy("aws-iam-role-trust-policy-restricted", {
    level: "mandatory",
    description: /trust no public principal, pin web-identity tokens .* and trust other accounts only with sts:ExternalId or an organization condition/,
    compliant: [
        res(ROLE, "fn", { assumeRolePolicy: trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }) }),
        res(ROLE, "deploy", { assumeRolePolicy: trust(github("repo:acme/platform:ref:refs/heads/main")) }),
        res(ROLE, "app-sa", { assumeRolePolicy: trust({ Effect: "Allow", Principal: { Federated: EKS }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:orders:api" } } }) }),
        res(ROLE, "users", { assumeRolePolicy: trust({ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:67f7ecab-834f-4925-a3ea-83401565882a" }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } } }) }),
        res(ROLE, "partner", { assumeRolePolicy: trust({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "acme-7f3c9e" } } }) }),
        res(ROLE, "org-audit", { assumeRolePolicy: trust({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }) }),
    ],
    alsoCompliant: [
        { title: "the trusted account is one of yours (accountIds)", change: (f) => setStatement(f, "partner", { ...statementOf(f, "partner"), Condition: undefined }), config: { accountIds: [PARTNER] } },
        { title: "another account is trusted within the organization", change: (f) => setStatement(f, "partner", { ...statementOf(f, "partner"), Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }) },
        { title: "a GitHub trust pins every repository of one owner", change: (f) => setStatement(f, "deploy", github("repo:acme/*")) },
        { title: "a SAML provider is trusted", change: (f) => setStatement(f, "deploy", { Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/okta` }, Action: "sts:AssumeRoleWithSAML", Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }) },
    ],
    cases: [
        { title: 'a trust policy names { AWS: "*" }', break: (f) => setStatement(f, "org-audit", { ...statementOf(f, "org-audit"), Condition: undefined }), expect: /statement #1 allows principal "\*" without a condition: anyone can assume the role/, resource: "org-audit" },
        { title: "the organization condition is IfExists", break: (f) => setStatement(f, "org-audit", { ...statementOf(f, "org-audit"), Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }), expect: /anyone can assume the role/, resource: "org-audit" },
        { title: "GitHub OIDC without a sub condition", break: (f) => setStatement(f, "deploy", { ...github("x"), Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } }), expect: /statement "GitHubDeploy" trusts web identities from token\.actions\.githubusercontent\.com without a token\.actions\.githubusercontent\.com:sub condition/, resource: "deploy" },
        { title: 'a GitHub sub of "*"', break: (f) => setStatement(f, "deploy", github("*")), expect: /without a token\.actions\.githubusercontent\.com:sub condition that pins/, resource: "deploy" },
        { title: 'a GitHub sub of "repo:*"', break: (f) => setStatement(f, "deploy", github("repo:*")), expect: /:sub condition that pins/, resource: "deploy" },
        { title: "a GitHub sub on a claim any repository can set (environment:)", break: (f) => setStatement(f, "deploy", github("environment:production", "StringEquals")), expect: /:sub condition that pins/, resource: "deploy" },
        { title: "a GitHub sub under ForAllValues (passes when absent)", break: (f) => setStatement(f, "deploy", github(["repo:acme/platform:*"], "ForAllValues:StringLike")), expect: /:sub condition that pins/, resource: "deploy" },
        { title: "an EKS service account trust without sub", break: (f) => setStatement(f, "app-sa", { Effect: "Allow", Principal: { Federated: EKS }, Action: "sts:AssumeRoleWithWebIdentity" }), expect: /trusts web identities from oidc\.eks\.us-east-1\.amazonaws\.com\/id\/EXAMPLED539D4633E53DE1B71EXAMPLE without a .*:sub condition/, resource: "app-sa" },
        { title: "a Cognito identity pool trust without aud", break: (f) => setStatement(f, "users", { ...statementOf(f, "users"), Condition: { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } } }), expect: /without a cognito-identity\.amazonaws\.com:aud condition that pins your identity pool/, resource: "users" },
        { title: "another account without sts:ExternalId", break: (f) => setStatement(f, "partner", { ...statementOf(f, "partner"), Condition: undefined }), expect: /trusts account 210987654321 without sts:ExternalId or an organization condition/, resource: "partner" },
        { title: "another account by bare id with a wildcard external id", break: (f) => setStatement(f, "partner", { Effect: "Allow", Principal: { AWS: PARTNER }, Action: "sts:AssumeRole", Condition: { StringLike: { "sts:ExternalId": "*" } } }), expect: /trusts account 210987654321/, resource: "partner" },
        { title: "an Allow with NotPrincipal", break: (f) => setStatement(f, "fn", { Effect: "Allow", NotPrincipal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }), expect: /everyone outside its NotPrincipal/, resource: "fn" },
    ],
    pending: [
        { title: "the trust policy is unknown", break: (f) => (byName(f, "fn").props.assumeRolePolicy = UNKNOWN) },
        { title: "the external id is unknown", break: (f) => setStatement(f, "partner", { ...statementOf(f, "partner"), Condition: { StringEquals: { "sts:ExternalId": UNKNOWN } } }) },
        { title: "the GitHub sub is unknown", break: (f) => setStatement(f, "deploy", github(UNKNOWN)) },
    ],
});
