/**
 * Padmakara (seed 001) under the offline engine: the real stack files, only the padmakara system.
 * Asserts the seed's parts by type and key inputs, and what differs between dev and prod.
 * The committed dev stack runs without the shared web ACLs (`platform:firewall.enabled: false`):
 * what the system does with them is asserted on prod and on dev with the firewall on (`devWaf`).
 */
import * as assert from "assert";
import type { RunResult } from "../../engine/run";
import { PADMAKARA_REQUEST_VALIDATION } from "../../programs/padmakara-requests";
import { ungraphedAlarmMetrics, unlistedAlarms } from "../support/dashboards";
import { NO_WAF, sharedAcl, systemRules, wafFootprint } from "../support/firewalls";
import { keyCoverage, systemKeys } from "../support/keys";
import { inputs, ofType, one, policyDocument } from "../support/records";
import { runSystem, systemRuns, systemRunsWithFirewall } from "../support/stacks";

const TABLE = "aws:dynamodb/table:Table";
const FUNCTION = "aws:lambda/function:Function";
const METHOD = "aws:apigateway/method:Method";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const API = "padmakara-api";

/** The seed's endpoint list, verbatim. */
const SEED_ROUTES = [
    "POST /auth/login", "POST /auth/register", "POST /auth/refresh", "POST /auth/logout", "POST /auth/forgot-password", "POST /auth/verify-email",
    "GET /user/profile", "PUT /user/profile", "GET /user/preferences", "PUT /user/preferences", "DELETE /user/account",
    "GET /content/retreats", "GET /content/retreat/{id}", "GET /content/track/{id}", "GET /content/search",
    "GET /progress/user", "POST /progress/track", "GET /progress/stats", "POST /progress/bookmark", "DELETE /progress/bookmark/{id}",
    "GET /media/audio/{trackId}", "GET /media/transcript/{trackId}", "POST /media/download",
];
const OPEN_ROUTES = ["POST /auth/login", "POST /auth/register", "POST /auth/refresh", "POST /auth/forgot-password", "POST /auth/verify-email"];

/** The API's methods (CORS preflights aside) by "<METHOD> <path>", from the component's child names. */
function methods(result: RunResult): Record<string, Record<string, unknown>> {
    const prefix = `${API}-`;
    return Object.fromEntries(ofType(result, METHOD)
        .filter((m) => m.name.startsWith(prefix) && inputs(m).httpMethod !== "OPTIONS")
        .map((m) => {
            const rest = m.name.slice(prefix.length);
            const slash = rest.indexOf("/");
            return [`${rest.slice(0, slash)} ${rest.slice(slash)}`, inputs(m)];
        }));
}

function gsis(result: RunResult, table: string): Record<string, [string, string | undefined]> {
    const t = inputs(one(result, TABLE, `padmakara-${table}`));
    return Object.fromEntries((t.globalSecondaryIndexes ?? []).map((g: { name: string; hashKey: string; rangeKey?: string; keySchemas?: { attributeName: string; keyType: string }[] }) => {
        const hash = g.hashKey ?? g.keySchemas?.find((k) => k.keyType === "HASH")?.attributeName;
        const range = g.rangeKey ?? g.keySchemas?.find((k) => k.keyType === "RANGE")?.attributeName;
        return [g.name, [hash, range]];
    }));
}

describe("Padmakara program", function () {
    this.timeout(120_000);
    let dev: RunResult;
    let prod: RunResult;
    /** The dev stack with `platform:firewall.enabled` on (the committed one has it off). */
    let devWaf: RunResult;

    before(async () => {
        ({ dev, prod } = await systemRuns("padmakara"));
        ({ dev: devWaf } = await systemRunsWithFirewall("padmakara"));
    });

    it("runs in preview mode in both stacks", async () => {
        for (const stack of ["dev", "prod"] as const) {
            const result = await runSystem("padmakara", stack, "preview");
            assert.ifError(result.error);
            assert.strictEqual(ofType(result, DISTRIBUTION).length, 1, `${stack}: the media distribution is planned`);
        }
    });

    it("creates the user pool: e-mail sign-in with self sign-up, optional TOTP MFA, e-mail verification and reset through the verified e-mail", () => {
        const pool = inputs(one(dev, "aws:cognito/userPool:UserPool", "padmakara-users"));
        assert.deepStrictEqual(pool.usernameAttributes, ["email"]);
        assert.strictEqual(pool.mfaConfiguration, "OPTIONAL");
        assert.strictEqual(pool.softwareTokenMfaConfiguration.enabled, true);
        assert.strictEqual(pool.adminCreateUserConfig.allowAdminCreateUserOnly, false);
        assert.deepStrictEqual(pool.autoVerifiedAttributes, ["email"]);
        assert.strictEqual(pool.verificationMessageTemplate.defaultEmailOption, "CONFIRM_WITH_CODE");
        assert.match(pool.verificationMessageTemplate.emailMessage, /\{####\}/);
        assert.deepStrictEqual(pool.accountRecoverySetting.recoveryMechanisms, [{ name: "verified_email", priority: 1 }]);
    });

    it("creates an identity pool without unauthenticated identities, limited to the user's own prefix of the user-content bucket", () => {
        const pool = inputs(one(dev, "aws:cognito/identityPool:IdentityPool"));
        assert.strictEqual(pool.allowUnauthenticatedIdentities, false);
        const bucket = one(dev, "aws:s3/bucket:Bucket", "padmakara-user-content");
        const statements = policyDocument(one(dev, "aws:iam/rolePolicy:RolePolicy", "padmakara-users-authenticated")).Statement;
        assert.strictEqual(statements[0].Resource, `arn:aws:s3:::${String(bucket.outputs.bucket)}/users/\${cognito-identity.amazonaws.com:sub}/*`);
    });

    it("exposes every route the seed lists, the open auth routes without and all others with the Cognito authorizer", () => {
        const m = methods(dev);
        assert.deepStrictEqual(Object.keys(m).sort(), [...SEED_ROUTES].sort());
        for (const [route, method] of Object.entries(m)) {
            assert.strictEqual(method.authorization, OPEN_ROUTES.includes(route) ? "NONE" : "COGNITO_USER_POOLS", route);
        }
        const authorizer = inputs(one(dev, "aws:apigateway/authorizer:Authorizer"));
        assert.strictEqual(authorizer.type, "COGNITO_USER_POOLS");
        assert.deepStrictEqual(authorizer.providerArns, [one(dev, "aws:cognito/userPool:UserPool").outputs.arn]);
    });

    it("is regional behind the stack's shared REGIONAL WAF wherever the firewall is on, with tighter limits on login, register and password reset for this API's hosts only, and traces with X-Ray", () => {
        assert.strictEqual(inputs(one(dev, "aws:apigateway/restApi:RestApi", API)).endpointConfiguration.types, "REGIONAL");
        assert.deepStrictEqual(ofType(dev, "aws:wafv2/webAclAssociation:WebAclAssociation"), [], "committed dev: no association (and no ACL to carry the auth limits)");
        for (const result of [devWaf, prod]) {
            const acl = sharedAcl(result, "REGIONAL");
            assert.strictEqual(inputs(one(result, "aws:wafv2/webAclAssociation:WebAclAssociation", `${API}-waf`)).webAclArn, acl.outputs.arn, `${result.stack}: the stage on the shared ACL`);
            const rules = systemRules(acl, "padmakara");
            assert.deepStrictEqual(rules.map((r) => [r.name, r.statement.rateBasedStatement.limit]), [["padmakara-login", 30], ["padmakara-register", 10], ["padmakara-forgot-password", 10]]);
            // Scoped down to the path and to this API's hosts: its execute-api host, and its custom domain.
            const apiId = one(result, "aws:apigateway/restApi:RestApi", API).id;
            const domain = result.stack === "prod" ? "api.padmakara.example.com" : "api.dev.padmakara.example.com";
            for (const rule of rules) {
                const [path, hosts] = rule.statement.rateBasedStatement.scopeDownStatement.andStatement.statements;
                assert.strictEqual(path.byteMatchStatement.positionalConstraint, "ENDS_WITH", rule.name);
                assert.deepStrictEqual(hosts.orStatement.statements.map((h: { byteMatchStatement: { searchString: string } }) => h.byteMatchStatement.searchString),
                    [`${apiId}.execute-api.us-east-1.amazonaws.com`, domain], `${result.stack} ${rule.name}: this API's hosts`);
            }
            // Within WAF's capacity, Bot Control (prod) included.
            const capacity = result.resources.find((r) => r.type === "platform:security:WebFirewall" && r.name === "platform-regional-waf")!.outputs.capacity as number;
            assert.ok(capacity <= 1500, `${result.stack}: ${capacity} WCU`);
        }
        assert.strictEqual(inputs(one(dev, "aws:apigateway/stage:Stage", API)).xrayTracingEnabled, true);
        for (const fn of ofType(dev, FUNCTION)) assert.strictEqual(inputs(fn).tracingConfig.mode, "Active", fn.name);
    });

    it("validates the JSON bodies of the write routes (closed objects, every Content-Type) and the search query before any function runs", () => {
        const m = methods(dev);
        const models = Object.fromEntries(ofType(dev, "aws:apigateway/model:Model").map((x) => [inputs(x).name, JSON.parse(inputs(x).schema)]));
        const validators = Object.fromEntries(ofType(dev, "aws:apigateway/requestValidator:RequestValidator").map((v) => [v.id, inputs(v)]));
        const withBody = Object.keys(PADMAKARA_REQUEST_VALIDATION).filter((k) => PADMAKARA_REQUEST_VALIDATION[k].bodySchema);
        assert.deepStrictEqual(withBody.sort(), [
            "POST /auth/forgot-password", "POST /auth/login", "POST /auth/refresh", "POST /auth/register", "POST /auth/verify-email",
            "POST /media/download", "POST /progress/bookmark", "POST /progress/track", "PUT /user/preferences", "PUT /user/profile",
        ]);
        for (const route of Object.keys(PADMAKARA_REQUEST_VALIDATION)) assert.ok(SEED_ROUTES.includes(route), `${route} is one of the seed's routes`);
        for (const route of withBody) {
            const method = m[route] as { requestModels: Record<string, string>; requestValidatorId: string };
            assert.ok(method, route);
            const model = method.requestModels["application/json"];
            assert.strictEqual(method.requestModels.$default, model, `${route}: any Content-Type is validated`);
            assert.strictEqual(models[model].additionalProperties, false, `${route}: a closed object`);
            assert.strictEqual(validators[method.requestValidatorId].validateRequestBody, true, `${route}: body validator`);
        }
        assert.deepStrictEqual(models[(m["POST /auth/login"] as { requestModels: Record<string, string> }).requestModels.$default].required, ["email", "password"]);
        assert.strictEqual(models[(m["PUT /user/profile"] as { requestModels: Record<string, string> }).requestModels.$default].properties.subscription, undefined, "subscription is not the client's to set");
        const search = m["GET /content/search"] as { requestParameters: Record<string, boolean>; requestValidatorId: string };
        assert.deepStrictEqual(search.requestParameters, { "method.request.querystring.q": true });
        assert.strictEqual(validators[search.requestValidatorId].validateRequestBody, false);
        assert.deepStrictEqual((m["GET /content/track/{id}"] as { requestParameters: Record<string, boolean> }).requestParameters, { "method.request.path.id": true }, "path parameters required");
        assert.strictEqual((m["GET /user/profile"] as { requestModels?: unknown }).requestModels, undefined, "no body on GET");
    });

    it("serves media and the API on their configured domains: prod validated in its zone, dev waiting for its records", () => {
        const distribution = (r: RunResult) => inputs(one(r, DISTRIBUTION));
        assert.deepStrictEqual(distribution(prod).aliases, ["media.padmakara.example.com"]);
        assert.strictEqual(distribution(dev).aliases, undefined);
        const domain = inputs(one(prod, "aws:apigateway/domainName:DomainName"));
        assert.deepStrictEqual([domain.domainName, domain.securityPolicy, domain.endpointConfiguration.types], ["api.padmakara.example.com", "TLS_1_2", "REGIONAL"]);
        const certs = Object.fromEntries(ofType(prod, "aws:acm/certificate:Certificate").map((c) => [inputs(c).domainName, c]));
        assert.ok(certs["media.padmakara.example.com"].provider, "the media certificate has its us-east-1 provider");
        assert.strictEqual(certs["api.padmakara.example.com"].provider, undefined, "the API certificate is in the stack's region");
        assert.strictEqual(ofType(dev, "aws:apigateway/domainName:DomainName").length, 0, "dev: no API domain until its certificate is validated");
        const out = dev.outputs.padmakara as Record<string, unknown>;
        assert.strictEqual((out.apiCertificateValidationRecords as unknown[]).length, 1);
        assert.strictEqual((out.mediaCertificateValidationRecords as unknown[]).length, 1);
        // The media function signs URLs for the host viewers use.
        assert.strictEqual(inputs(one(prod, FUNCTION, "padmakara-media")).environment.variables.CDN_DOMAIN, "media.padmakara.example.com");
        assert.strictEqual(inputs(one(dev, FUNCTION, "padmakara-media")).environment.variables.CDN_DOMAIN, one(dev, DISTRIBUTION).outputs.domainName);
    });

    it("watches the age of the operator-set media signing key and has a dashboard covering every alarm", () => {
        assert.deepStrictEqual(Object.keys(JSON.parse(inputs(one(prod, FUNCTION, "padmakara-secret-age")).environment.variables.TARGETS)), ["media-signing-key"]);
        one(prod, "aws:cloudwatch/metricAlarm:MetricAlarm", "padmakara-alarms-padmakara-secret-age-media-signing-key-age");
        for (const r of [dev, devWaf, prod]) {
            assert.deepStrictEqual(ungraphedAlarmMetrics(r, "padmakara-dashboard"), [], r.stack);
            assert.deepStrictEqual(unlistedAlarms(r, "padmakara-dashboard"), [], r.stack);
        }
    });

    it("takes throttling from config.api and CORS from config.corsOrigins", () => {
        const settings = (r: RunResult) => inputs(one(r, "aws:apigateway/methodSettings:MethodSettings", `${API}-all-methods`)).settings;
        assert.deepStrictEqual([settings(dev).throttlingRateLimit, settings(dev).throttlingBurstLimit], [20, 40]);
        assert.deepStrictEqual([settings(prod).throttlingRateLimit, settings(prod).throttlingBurstLimit], [200, 400]);
        const preflight = inputs(one(dev, "aws:apigateway/integrationResponse:IntegrationResponse", `${API}-OPTIONS/user/profile`));
        assert.match(preflight.responseTemplates["application/json"], /https:\/\/dev\.example\.com/);
        assert.match(preflight.responseTemplates["application/json"], /http:\/\/localhost:3000/);
        const prodPreflight = inputs(one(prod, "aws:apigateway/integrationResponse:IntegrationResponse", `${API}-OPTIONS/user/profile`));
        assert.doesNotMatch(prodPreflight.responseTemplates["application/json"], /localhost/);
    });

    it("creates the DynamoDB tables with the GSIs the data model needs, CMK-encrypted with PITR", () => {
        assert.deepStrictEqual(gsis(dev, "profiles"), { "email-index": ["email", undefined] });
        assert.deepStrictEqual(gsis(dev, "progress"), { "track-index": ["trackId", "userId"], "last-played-index": ["userId", "lastPlayed"] });
        assert.deepStrictEqual(gsis(dev, "content"), { "retreat-index": ["retreatId", "order"], "session-index": ["sessionId", "order"] });
        const progress = inputs(one(dev, TABLE, "padmakara-progress"));
        assert.deepStrictEqual([progress.hashKey, progress.rangeKey], ["userId", "trackId"], "progress by user and track");
        for (const t of ["profiles", "progress", "bookmarks", "content", "retreats"]) {
            const table = inputs(one(dev, TABLE, `padmakara-${t}`));
            assert.strictEqual(table.pointInTimeRecovery.enabled, true, `${t}: PITR`);
            assert.strictEqual(table.serverSideEncryption.enabled, true, `${t}: SSE`);
            assert.ok(table.serverSideEncryption.kmsKeyArn, `${t}: CMK`);
        }
    });

    it("backs up every table daily with AWS Backup, kept config.database.backupRetentionDays, in a KMS-encrypted vault protected in prod", () => {
        for (const [result, days] of [[dev, 1], [prod, 14]] as const) {
            const plan = inputs(one(result, "aws:backup/plan:Plan", "padmakara-backups-plan"));
            assert.strictEqual(plan.rules.length, 1);
            const [rule] = plan.rules;
            assert.strictEqual(rule.schedule, "cron(0 5 * * ? *)", "daily");
            assert.strictEqual(rule.lifecycle.deleteAfter, days, `${result.stack}: retention from config.database.backupRetentionDays`);
            const vault = one(result, "aws:backup/vault:Vault", "padmakara-backups");
            assert.strictEqual(rule.targetVaultName, inputs(vault).name, "the rule fills the vault");
            const tableArns = ofType(result, TABLE).map((t) => t.outputs.arn).sort();
            assert.strictEqual(tableArns.length, 5);
            const selection = inputs(one(result, "aws:backup/selection:Selection"));
            assert.deepStrictEqual([...selection.resources].sort(), tableArns, `${result.stack}: the selection covers every table`);
            assert.strictEqual(selection.planId, one(result, "aws:backup/plan:Plan").id);
            const keyArns = ofType(result, "aws:kms/key:Key").map((k) => k.outputs.arn);
            assert.ok(keyArns.includes(inputs(vault).kmsKeyArn), `${result.stack}: the vault is encrypted with a platform CMK`);
            const keyUse = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy", "padmakara-backups-keys")).Statement[0].Resource as string[];
            const tableKey = inputs(one(result, TABLE, "padmakara-profiles")).serverSideEncryption.kmsKeyArn;
            assert.ok(keyUse.includes(tableKey), `${result.stack}: the backup role can use the tables' key (restores)`);
        }
        const vault = (r: RunResult) => one(r, "aws:backup/vault:Vault", "padmakara-backups");
        assert.ok(vault(prod).options.protect && vault(prod).options.retainOnDelete, "prod: vault protected and retained");
        assert.strictEqual(inputs(vault(prod)).forceDestroy, false, "prod: recovery points survive a destroy");
        assert.strictEqual(vault(dev).options.protect, false, "dev: vault disposable");
    });

    it("grants each function only its tables: content reads content, progress writes progress", () => {
        const tableArn = (t: string) => one(dev, TABLE, `padmakara-${t}`).outputs.arn;
        const actions = (grant: string) => policyDocument(one(dev, "aws:iam/rolePolicy:RolePolicy", grant)).Statement[0].Action as string[];
        assert.ok(!actions("padmakara-content-content").includes("dynamodb:PutItem"), "content function reads only");
        assert.ok(actions("padmakara-progress-progress").includes("dynamodb:PutItem"), "progress function writes progress");
        assert.strictEqual(policyDocument(one(dev, "aws:iam/rolePolicy:RolePolicy", "padmakara-progress-progress")).Statement[0].Resource[0], tableArn("progress"));
        assert.strictEqual(ofType(dev, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name === "padmakara-profiles-content").length, 0, "content function cannot read profiles");
    });

    it("serves audio and transcripts only through signed URLs of a trusted key group, from private buckets behind a CLOUDFRONT WAF wherever the firewall is on", () => {
        const dist = inputs(one(dev, DISTRIBUTION, "padmakara-media"));
        const keyGroup = one(dev, "aws:cloudfront/keyGroup:KeyGroup");
        assert.ok(keyGroup.id, "the key group has an id");
        for (const b of [dist.defaultCacheBehavior, ...dist.orderedCacheBehaviors]) {
            assert.deepStrictEqual(b.trustedKeyGroups, [keyGroup.id], `${b.pathPattern ?? "default"}: signed`);
        }
        assert.deepStrictEqual(dist.orderedCacheBehaviors.map((b: { pathPattern: string }) => b.pathPattern), ["/audio/*", "/transcripts/*"]);
        assert.match(inputs(one(dev, "aws:cloudfront/publicKey:PublicKey")).encodedKey, /^-----BEGIN PUBLIC KEY-----/);
        for (const result of [devWaf, prod]) {
            assert.strictEqual(inputs(one(result, DISTRIBUTION, "padmakara-media")).webAclId, sharedAcl(result, "CLOUDFRONT").outputs.arn, `${result.stack}: the stack's shared CloudFront web ACL`);
        }
        assert.strictEqual(dist.webAclId, undefined, "committed dev: no web ACL (signed URLs still required)");
        const media = inputs(one(dev, FUNCTION, "padmakara-media")).environment.variables;
        assert.strictEqual(media.CDN_KEY_GROUP_ID, keyGroup.id);
        assert.strictEqual(media.SIGNING_KEY_SECRET_ARN, one(dev, "aws:secretsmanager/secret:Secret").outputs.arn);
        assert.strictEqual(ofType(dev, "aws:secretsmanager/secretVersion:SecretVersion").length, 0, "the signing key is a placeholder the operators fill");
    });

    it("keeps Bot Control off in dev and on in prod (the shared ACLs, from platform:firewall.botControl)", () => {
        const bot = (r: RunResult) => inputs(sharedAcl(r, "REGIONAL")).rules
            .some((rule: { statement?: { managedRuleGroupStatement?: { name: string } } }) => rule.statement?.managedRuleGroupStatement?.name === "AWSManagedRulesBotControlRuleSet");
        assert.strictEqual(bot(devWaf), false);
        assert.strictEqual(bot(prod), true);
    });

    it("encrypts with one key per data class: logs, data (tables and buckets), the signing key's secret, the backup vault's own (a changed key replaces a vault)", () => {
        assert.deepStrictEqual(systemKeys(dev, "padmakara"), ["padmakara-backups-key", "padmakara-data-key", "padmakara-functions-key", "padmakara-media-signing-key-key"]);
        assert.deepStrictEqual(systemKeys(prod, "padmakara"), ["padmakara-backups-key", "padmakara-data-key", "padmakara-functions-key", "padmakara-media-signing-key-key", "padmakara-replica-data-key"],
            "prod: one key for both replicas, in the replica region");
        for (const result of [dev, prod]) {
            const { problems, users } = keyCoverage(result);
            assert.deepStrictEqual(problems, [], `${result.stack}: every key allows the services that use it`);
            const data = users["padmakara-data-key"];
            assert.strictEqual(data.filter((u) => u.startsWith("Table ")).length, 5, "the five tables");
            assert.deepStrictEqual(data.filter((u) => u.startsWith("Bucket")).sort(),
                ["audio", "transcripts", "user-content"].map((b) => `BucketServerSideEncryptionConfiguration padmakara-${b}-encryption`), "the three buckets");
            assert.ok(users["padmakara-functions-key"].some((u) => u === "Topic padmakara-alarms-topic"), "the alarm topic on the logs key");
            assert.strictEqual(inputs(one(result, "aws:backup/vault:Vault")).kmsKeyArn, one(result, "aws:kms/key:Key", "padmakara-backups-key").outputs.arn, "the vault keeps its key");
        }
        const replicaKey = one(prod, "aws:kms/key:Key", "padmakara-replica-data-key");
        assert.match(String(replicaKey.provider), /padmakara-replica-region/, "in the replica region");
        for (const b of ["audio", "transcripts"]) {
            const rule = inputs(one(prod, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", new RegExp(`padmakara-${b}`))).rules[0];
            assert.strictEqual(rule.destination.encryptionConfiguration.replicaKmsKeyId, replicaKey.outputs.arn, `${b}: replicas on the shared replica key`);
        }
    });

    it("replicates the audio and transcript buckets cross-region only in prod", () => {
        assert.strictEqual(ofType(dev, "aws:s3/bucketReplicationConfig:BucketReplicationConfig").length, 0);
        const replicated = ofType(prod, "aws:s3/bucketReplicationConfig:BucketReplicationConfig").map((r) => r.name).sort();
        assert.deepStrictEqual(replicated.map((r) => r.split("-")[1]), ["audio", "transcripts"]);
    });

    it("raises alarms on the API, every function and every table, and on the API firewall's block rate wherever there is one", () => {
        const names = (r: RunResult) => ofType(r, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name.replace("padmakara-alarms-", ""));
        for (const r of [dev, devWaf, prod]) {
            for (const a of ["api-5xx", "api-p99-latency",
                ...["auth", "user", "content", "progress", "media"].flatMap((g) => [`${g}-function-errors`, `${g}-function-throttles`]),
                ...["profiles", "progress", "bookmarks", "content", "retreats"].map((t) => `${t}-table-throttles`)]) {
                assert.ok(names(r).includes(a), `${r.stack}: alarm ${a}`);
            }
        }
        for (const r of [devWaf, prod]) assert.ok(names(r).includes("api-waf-blocks"), `${r.stack}: alarm api-waf-blocks`);
        assert.ok(!names(dev).includes("api-waf-blocks"), "committed dev: no alarm on a web ACL it does not have");
    });

    it("runs without WAF in the committed dev stack (platform:firewall.enabled false): no web ACL, association, WAF alarm or dashboard graph; prod has them all", () => {
        assert.deepStrictEqual(wafFootprint(dev), NO_WAF);
        assert.deepStrictEqual(wafFootprint(prod), {
            acls: ["platform-edge-waf", "platform-regional-waf"],
            associations: ["padmakara-api-waf"],
            protectedDistributions: ["padmakara-media"],
            alarms: ["padmakara-alarms-api-waf-blocks: platform-regional-waf"],
            graphs: ["padmakara-dashboard: platform-regional-waf"],
        });
        assert.deepStrictEqual(wafFootprint(devWaf), wafFootprint(prod), "dev with the firewall on: as prod");
    });

    it("protects tables, buckets, keys, the secret, the user pool and the backup vault in prod (with deletion protection), not in dev", () => {
        const stateful = [TABLE, "aws:s3/bucket:Bucket", "aws:kms/key:Key", "aws:secretsmanager/secret:Secret", "aws:cognito/userPool:UserPool", "aws:backup/vault:Vault"];
        assert.ok(stateful.flatMap((t) => ofType(prod, t)).length > 15);
        for (const r of stateful.flatMap((t) => ofType(prod, t))) assert.ok(r.options.protect && r.options.retainOnDelete, `prod: ${r.type} ${r.name}`);
        for (const r of stateful.flatMap((t) => ofType(dev, t))) assert.strictEqual(r.options.protect, false, `dev: ${r.type} ${r.name}`);
        assert.ok(ofType(prod, TABLE).every((t) => inputs(t).deletionProtectionEnabled === true));
        assert.ok(ofType(dev, TABLE).every((t) => inputs(t).deletionProtectionEnabled === false));
        assert.strictEqual(inputs(one(prod, "aws:cognito/userPool:UserPool")).deletionProtection, "ACTIVE");
    });

    it("starts every route function on the bootstrap code, which the app team's pipeline then owns", () => {
        const routeFunctions = ofType(dev, FUNCTION).filter((f) => f.name !== "padmakara-secret-age");
        for (const fn of routeFunctions) assert.deepStrictEqual(fn.options.ignoreChanges, ["code", "sourceCodeHash"], fn.name);
        assert.deepStrictEqual(routeFunctions.map((f) => f.name).sort(), ["padmakara-auth", "padmakara-content", "padmakara-media", "padmakara-progress", "padmakara-user"]);
        assert.deepStrictEqual(one(dev, FUNCTION, "padmakara-secret-age").options.ignoreChanges, [], "the platform's own monitor keeps its code in step");
    });

    it("exports the API and media URLs, pool and client ids, table names and the secret ARN", () => {
        const out = prod.outputs.padmakara as Record<string, unknown>;
        assert.strictEqual(String(out.apiUrl), "https://api.padmakara.example.com", "prod: the API's custom domain (validated in its Route 53 zone)");
        assert.match(String((dev.outputs.padmakara as Record<string, unknown>).apiUrl), /^https:\/\/.*execute-api/, "dev: the execute-api URL until its certificate is validated");
        assert.match(String(out.mediaUrl), /^https:\/\//);
        assert.ok(out.userPoolId && out.appClientId && out.identityPoolId);
        assert.deepStrictEqual(Object.keys(out.tables as object).sort(), ["bookmarks", "content", "profiles", "progress", "retreats"]);
        assert.match(String(out.signingKeySecretArn), /^arn:aws:secretsmanager:/);
    });
});
