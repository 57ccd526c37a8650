import * as assert from "assert";
import { Identity, type IdentityArgs } from "../../components/identity";
import { runInline } from "../../engine/run";
import { inputs, ofType, one, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const POOL = "aws:cognito/userPool:UserPool";
const CLIENT = "aws:cognito/userPoolClient:UserPoolClient";
const WEB = { callbackUrls: ["https://app.example.com/callback"], logoutUrls: ["https://app.example.com/"] };

function identity(args: IdentityArgs = {}, name = "users"): () => void {
    return () => void new Identity(name, args);
}

describe("Identity", () => {
    it("creates an email-username pool with the seeds' password rules, optional TOTP MFA, email recovery, admin-only sign-up, protected", async () => {
        const result = await runInline(identity());
        const record = one(result, POOL);
        const pool = inputs(record);
        assert.deepStrictEqual(pool.usernameAttributes, ["email"], "usernameAttributes");
        assert.deepStrictEqual(pool.autoVerifiedAttributes, ["email"], "autoVerifiedAttributes");
        assert.deepStrictEqual(pool.passwordPolicy, { minimumLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: true, temporaryPasswordValidityDays: 7 }, "passwordPolicy");
        assert.strictEqual(pool.mfaConfiguration, "OPTIONAL", "mfaConfiguration");
        assert.deepStrictEqual(pool.softwareTokenMfaConfiguration, { enabled: true }, "TOTP MFA");
        assert.deepStrictEqual(pool.accountRecoverySetting, { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] });
        assert.deepStrictEqual(pool.adminCreateUserConfig, { allowAdminCreateUserOnly: true }, "admin-create-only");
        assert.strictEqual(pool.deletionProtection, "ACTIVE", "deletionProtection");
        assert.strictEqual(pool.userPoolTier, "ESSENTIALS", "userPoolTier");
        assert.strictEqual(pool.userPoolAddOns, undefined, "no threat protection by default");
        assert.deepStrictEqual(pool.verificationMessageTemplate, { defaultEmailOption: "CONFIRM_WITH_CODE", emailSubject: "Your verification code", emailMessage: "Your verification code is {####}" });
        assert.strictEqual(record.options.protect, true, "protect");
        assert.strictEqual(record.options.retainOnDelete, true, "retainOnDelete");
        assert.strictEqual(ofType(result, CLIENT).length, 0, "no clients unless asked");
    });

    it("creates public code-flow clients with explicit URLs, SRP + refresh only, token lifetimes and revocation", async () => {
        const result = await runInline(identity({ clients: { web: WEB } }));
        const record = one(result, CLIENT, "users-web");
        const c = inputs(record);
        assert.strictEqual(c.generateSecret, false, "no secret");
        assert.deepStrictEqual(c.allowedOauthFlows, ["code"], "code flow only");
        assert.strictEqual(c.allowedOauthFlowsUserPoolClient, true);
        assert.deepStrictEqual(c.allowedOauthScopes, ["openid", "email", "profile"]);
        assert.deepStrictEqual(c.callbackUrls, WEB.callbackUrls);
        assert.deepStrictEqual(c.logoutUrls, WEB.logoutUrls);
        assert.deepStrictEqual(c.explicitAuthFlows, ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
        assert.strictEqual(c.preventUserExistenceErrors, "ENABLED");
        assert.strictEqual(c.enableTokenRevocation, true);
        assert.deepStrictEqual([c.accessTokenValidity, c.idTokenValidity, c.refreshTokenValidity], [1, 1, 30]);
        assert.deepStrictEqual(c.tokenValidityUnits, { accessToken: "hours", idToken: "hours", refreshToken: "days" });
        assert.deepStrictEqual(c.supportedIdentityProviders, ["COGNITO"]);
        assert.strictEqual(c.userPoolId, one(result, POOL).id);
        const outputs = result.resources.find((r) => r.type === "platform:identity:Identity")!.outputs;
        assert.deepStrictEqual(outputs.clientIds, { web: record.id }, "clientIds by name");
    });

    it("honours per-client lifetimes and scopes, and localhost callbacks only when allowed", async () => {
        const result = await runInline(identity({
            allowLocalhostCallbacks: true,
            clients: { dev: { callbackUrls: ["http://localhost:3000/callback"], logoutUrls: ["http://localhost:3000/"], scopes: ["openid"], accessTokenValidityHours: 2, idTokenValidityHours: 3, refreshTokenValidityDays: 7 } },
        }));
        const c = inputs(one(result, CLIENT));
        assert.deepStrictEqual([c.callbackUrls, c.allowedOauthScopes, c.accessTokenValidity, c.idTokenValidity, c.refreshTokenValidity], [["http://localhost:3000/callback"], ["openid"], 2, 3, 7]);
    });

    it("creates groups such as crm-admins", async () => {
        const result = await runInline(identity({ groups: [{ name: "crm-admins", description: "CRM administrators", precedence: 1 }] }));
        const group = inputs(one(result, "aws:cognito/userGroup:UserGroup"));
        assert.deepStrictEqual([group.name, group.description, group.precedence, group.userPoolId], ["crm-admins", "CRM administrators", 1, one(result, POOL).id]);
    });

    it("MFA ON and OFF, self sign-up, a custom password policy and verification email", async () => {
        const on = inputs(one(await runInline(identity({ mfa: "ON", selfSignUp: true, passwordPolicy: { minimumLength: 12 }, emailVerificationMessage: "Code: {####}" })), POOL));
        assert.deepStrictEqual([on.mfaConfiguration, on.softwareTokenMfaConfiguration], ["ON", { enabled: true }]);
        assert.deepStrictEqual(on.adminCreateUserConfig, { allowAdminCreateUserOnly: false }, "self sign-up");
        assert.strictEqual(on.passwordPolicy.minimumLength, 12);
        assert.strictEqual(on.passwordPolicy.requireSymbols, true, "other rules keep their defaults");
        assert.strictEqual(on.verificationMessageTemplate.emailMessage, "Code: {####}");
        const off = inputs(one(await runInline(identity({ mfa: "OFF" })), POOL));
        assert.deepStrictEqual([off.mfaConfiguration, off.softwareTokenMfaConfiguration], ["OFF", undefined]);
    });

    it("threat protection switches to the PLUS plan with the matching advanced security mode", async () => {
        const pool = inputs(one(await runInline(identity({ threatProtection: "enforced" })), POOL));
        assert.strictEqual(pool.userPoolTier, "PLUS");
        assert.deepStrictEqual(pool.userPoolAddOns, { advancedSecurityMode: "ENFORCED" });
        const audit = inputs(one(await runInline(identity({ threatProtection: "audit", featurePlan: "PLUS" })), POOL));
        assert.deepStrictEqual(audit.userPoolAddOns, { advancedSecurityMode: "AUDIT" });
    });

    it("dev (protectData false) has deletion protection off and is not protected; prod defaults protect", async () => {
        const dev = one(await runInline(identity({ protectData: false }), { stack: "dev" }), POOL);
        assert.strictEqual(inputs(dev).deletionProtection, "INACTIVE");
        assert.strictEqual(dev.options.protect, false);
        const prod = one(await runInline(identity({ protectData: true, mfa: "ON" }), { stack: "prod" }), POOL);
        assert.deepStrictEqual([inputs(prod).deletionProtection, prod.options.protect, inputs(prod).mfaConfiguration], ["ACTIVE", true, "ON"]);
    });

    it("adds a hosted UI domain: a Cognito prefix or a custom domain with a certificate", async () => {
        const result = await runInline(identity({ hostedUiDomain: { domain: "vidverse-dev" } }));
        const d = inputs(one(result, "aws:cognito/userPoolDomain:UserPoolDomain"));
        assert.deepStrictEqual([d.domain, d.userPoolId, d.certificateArn], ["vidverse-dev", one(result, POOL).id, undefined]);
        const outputs = result.resources.find((r) => r.type === "platform:identity:Identity")!.outputs;
        assert.strictEqual(outputs.domain, "vidverse-dev.auth.us-east-1.amazoncognito.com");
        const custom = await runInline(identity({ hostedUiDomain: { domain: "auth.example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/c" } }));
        assert.strictEqual(inputs(one(custom, "aws:cognito/userPoolDomain:UserPoolDomain")).certificateArn, "arn:aws:acm:us-east-1:123456789012:certificate/c");
    });

    it("identity pool: no unauthenticated identities, the client as provider, a role limited to the caller's own prefix", async () => {
        const result = await runInline(identity({
            clients: { web: WEB },
            identityPool: { bucketName: "vidverse-assets", prefix: "users", bucketKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/b" },
        }));
        const poolRecord = one(result, "aws:cognito/identityPool:IdentityPool");
        const pool = inputs(poolRecord);
        assert.strictEqual(pool.allowUnauthenticatedIdentities, false, "allowUnauthenticatedIdentities");
        assert.strictEqual(pool.allowClassicFlow, false);
        assert.deepStrictEqual(pool.cognitoIdentityProviders, [{ clientId: one(result, CLIENT).id, providerName: one(result, POOL).outputs.endpoint, serverSideTokenCheck: true }]);
        const role = one(result, "aws:iam/role:Role");
        const trust = policyDocument(role, "assumeRolePolicy").Statement[0];
        assert.deepStrictEqual(trust.Principal, { Federated: "cognito-identity.amazonaws.com" });
        assert.strictEqual(trust.Action, "sts:AssumeRoleWithWebIdentity");
        assert.deepStrictEqual(trust.Condition, {
            StringEquals: { "cognito-identity.amazonaws.com:aud": poolRecord.id },
            "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
        });
        const statements = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy")).Statement;
        assert.deepStrictEqual(statements[0], { Sid: "OwnPrefixObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: "arn:aws:s3:::vidverse-assets/users/${cognito-identity.amazonaws.com:sub}/*" });
        assert.deepStrictEqual(statements[1], { Sid: "ListOwnPrefix", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::vidverse-assets", Condition: { StringLike: { "s3:prefix": ["users/${cognito-identity.amazonaws.com:sub}/", "users/${cognito-identity.amazonaws.com:sub}/*"] } } });
        assert.deepStrictEqual(statements[2].Condition, { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } }, "bucket key through S3 only");
        const attachment = inputs(one(result, "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment"));
        assert.deepStrictEqual(attachment, { identityPoolId: poolRecord.id, roles: { authenticated: role.outputs.arn } });
        const outputs = result.resources.find((r) => r.type === "platform:identity:Identity")!.outputs;
        assert.deepStrictEqual([outputs.identityPoolId, outputs.authenticatedRoleArn], [poolRecord.id, role.outputs.arn]);
    });

    it("registers its outputs", async () => {
        const result = await runInline(identity({ clients: { web: WEB } }));
        const outputs = result.resources.find((r) => r.type === "platform:identity:Identity")!.outputs;
        const pool = one(result, POOL);
        assert.deepStrictEqual([outputs.userPoolId, outputs.userPoolArn], [pool.id, pool.outputs.arn]);
        assert.strictEqual(outputs.identityPoolId, undefined, "no identity pool");
    });

    describe("rejects bad arguments, naming the component and the argument", () => {
        const cases: [string, IdentityArgs, RegExp][] = [
            ["a 6-character minimum", { passwordPolicy: { minimumLength: 6 } }, /Identity "bad": argument passwordPolicy.minimumLength: got 6; allowed: a whole number from 8 to 99/],
            ["an unknown MFA mode", { mfa: "SOMETIMES" as "ON" }, /argument mfa: got "SOMETIMES"/],
            ["threat protection without PLUS", { threatProtection: "enforced", featurePlan: "ESSENTIALS" }, /argument featurePlan: got "ESSENTIALS"; allowed: PLUS when threatProtection is "enforced"/],
            ["password history without PLUS", { passwordPolicy: { passwordHistorySize: 5 } }, /argument passwordPolicy.passwordHistorySize/],
            ["a verification message without the code", { emailVerificationMessage: "hello" }, /argument emailVerificationMessage: got "hello"/],
            ["an http callback", { clients: { web: { callbackUrls: ["http://app.example.com/cb"], logoutUrls: [] } } }, /Identity "bad": argument clients.web.callbackUrls\[0\]: got "http:\/\/app.example.com\/cb"; allowed: an https URL/],
            ["a localhost callback without the switch", { clients: { web: { callbackUrls: ["http://localhost:3000/cb"], logoutUrls: [] } } }, /argument clients.web.callbackUrls\[0\].*allowLocalhostCallbacks/],
            ["a wildcard logout URL", { clients: { web: { callbackUrls: ["https://a.example.com/cb"], logoutUrls: ["https://*.example.com/"] } } }, /argument clients.web.logoutUrls\[0\]/],
            ["no callback URLs", { clients: { web: { callbackUrls: [], logoutUrls: [] } } }, /argument clients.web.callbackUrls: got \[\]/],
            ["a 48-hour access token", { clients: { web: { ...WEB, accessTokenValidityHours: 48 } } }, /argument clients.web.accessTokenValidityHours: got 48/],
            ["a 0-day refresh token", { clients: { web: { ...WEB, refreshTokenValidityDays: 0 } } }, /argument clients.web.refreshTokenValidityDays: got 0/],
            ["duplicate groups", { groups: [{ name: "a" }, { name: "a" }] }, /argument groups: .*distinct/],
            ["a domain prefix with 'cognito'", { hostedUiDomain: { domain: "my-cognito" } }, /argument hostedUiDomain.domain: got "my-cognito"/],
            ["an identity pool without clients", { identityPool: { bucketName: "b", prefix: "users" } }, /argument identityPool.clientName: got nothing; allowed: one of the clients \(none given\)/],
            ["an identity pool prefix with a wildcard", { clients: { web: WEB }, identityPool: { bucketName: "b", prefix: "users/*" } }, /argument identityPool.prefix: got "users\/\*"/],
            ["an object action wildcard", { clients: { web: WEB }, identityPool: { bucketName: "b", prefix: "users", objectActions: ["s3:*"] } }, /argument identityPool.objectActions\[0\]: got "s3:\*"/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(identity(args, "bad")), message);
            });
        }
    });

    it("documents every argument in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("identity"), interfaceProperties("identity", "IdentityArgs"));
    });
});
