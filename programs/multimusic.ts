/**
 * MultiMusic (seed 004_07a51bf6c3e3d4a6.txt): an OAuth broker that lets a web app connect users'
 * streaming accounts (Spotify, SoundCloud; more by configuration) and hands the app access tokens.
 *
 * Seed part -> what this program creates (all through the OAuthBroker component):
 * - "CloudFront + WAF as the only entry point"         -> CdnSite + WebFirewall (CLOUDFRONT scope, 100
 *   requests / 5 min per IP, login 10/min per IP, session redemption 10/min per IP, refresh 20/min
 *   and disconnect 10/min per user, managed Common, KnownBadInputs, IP reputation, SQLi; Bot Control
 *   from platform:firewall.botControl)
 * - "private API Gateway reached through a VPC endpoint" -> PrivateApi (PRIVATE, resource policy
 *   limited to the execute-api VPC endpoint) behind ApiFrontDoor (CloudFront VPC origin: an internal
 *   ALB targeting the endpoint's interfaces, with the x-apigw-api-id header)
 * - "Lambda in private subnets, NAT for outbound OAuth calls" -> five ServerlessFunctions (login,
 *   callback, session, refresh, disconnect; Node.js 22, arm64) in private subnets with HTTPS-only egress when
 *   platform:multimusic.lambdaInVpc is true (prod); outside the VPC when false (dev: the seed's own
 *   cost option, which saves the NAT gateway for the functions). Cost (issue 17, as `npm run plan`
 *   estimates it): outside the VPC the broker's Network gets no NAT gateway whatever
 *   platform:network.natGateways says, since nothing would route through it; that saves $36.50 a
 *   month in dev ($32.85 of NAT hours, $3.65 of public IPv4). Prod keeps the stack's NAT strategy
 *   (one per AZ) for the functions' calls to the OAuth providers
 * - "VPC endpoints for DynamoDB, Secrets Manager, CloudWatch Logs" -> Network with a DynamoDB gateway
 *   endpoint and Secrets Manager, KMS and execute-api interface endpoints. No CloudWatch Logs
 *   endpoint: Lambda delivers the functions' logs itself, never through their VPC, so it would serve
 *   nothing (issue 17: $14.60 a month in prod)
 * - "DynamoDB token table (PK userId, SK platform#name, KMS-encrypted tokens, TTL)" -> DataTable
 *   (CMK, PITR, deletion protection from platform:protectData) plus a single-use OAuth state table
 *   with a short TTL; tokens are encrypted with a dedicated KMS key under the { userId, platform }
 *   encryption context before they are stored
 * - "Spotify/SoundCloud OAuth login, callback, refresh" -> the broker's handlers
 *   (components/oauth-broker/handlers), with PKCE towards the provider, single-use state, and flows
 *   bound to the browser that started them: the callback only parks the tokens in a single-use
 *   pending grant, which the starting browser redeems at POST /auth/{provider}/session with its own
 *   S256 verifier (so neither account-linking nor login CSRF works); versioned refresh returning a
 *   renewed session up to an absolute lifetime; DELETE /auth/{provider} to disconnect (with
 *   revocation at the provider where it has an endpoint); kid-signed session JWTs
 * - client secrets -> one Secrets Manager secret per provider (operators put the client id and secret
 *   there; nothing in plain configuration), session signing key generated, rotated every 30 days by
 *   the Secret's built-in rotation (current and previous keys both verify for an hour)
 * - "alarms" -> WAF block rate > 10 %, API 5xx > 5 %, p99 latency > 1 s, Lambda errors, timeouts and
 *   throttles, DynamoDB throttles, NAT gateway errors
 * - "CloudWatch Metrics" (Lambda, API Gateway 4xx/5xx, DynamoDB, NAT, WAF) -> Dashboard
 *   `multimusic-dashboard` (this program, from the broker's outputs): alarm status, CloudFront, the edge
 *   WAF, the private API, the functions, both tables and, when the functions run in the VPC, the NAT
 *   gateways' alarmed metrics (read from the broker's Alarms, which know exactly what they watch)
 * - "Rotate secrets regularly" for the provider client secrets -> they are issued in each provider's
 *   console, so rotation is manual and watched: SecretAgeMonitor `multimusic-secret-age` (on the
 *   broker's log key and alarm topic) pages once a client secret was last set more than
 *   `secrets.maxAgeDays` days ago. The session signing key rotates by itself (above).
 * - "Request validation at API Gateway" -> PrivateApi's request validation from the handlers' own
 *   contract (handlers/contract.ts): JSON body models for login and session (any Content-Type),
 *   required `state` on the callback, the session header on refresh and disconnect.
 *
 * Its own web ACL, not the stack's shared one (programs/firewalls.ts), by decision: the seed's limits
 * (100 requests per IP per 5 minutes overall, 10 logins a minute...) are the broker's alone, and a
 * shared CLOUDFRONT ACL can scope a rule to one system only by its Host header or its paths. The
 * broker's distribution has no custom domain, so its Host is the CloudFront domain, known only once
 * the distribution exists, and the distribution needs the ACL first; its paths (`/auth/{provider}/...`)
 * overlap the CRM's `/auth/callback` and any single-page app's routes. Scoped that way its limits
 * would throttle other systems, or, left unscoped, not apply. The seed's alarm on the WAF block rate
 * also needs the broker's own totals (a shared ACL's totals count every distribution). The price of
 * keeping it: $14 a month in dev, $25 in prod. It stays in every stack whatever
 * `platform:firewall.enabled` says (the broker does not read it): the committed dev stack turns the
 * shared ACLs off (programs/firewalls.ts), but "CloudFront + WAF as the only entry point" is the
 * seed's design, so the broker's dev distribution, alarm and dashboard keep their ACL (Bot Control
 * still from `platform:firewall.botControl`: off in dev). Its logs and the alarm topic share the
 * broker's logs key (three keys in all: logs, data, tokens; the alarm topic's own key is gone: $1 a
 * month).
 *
 * Left out: the frontend web app and its hosting (the app team's), provider app registration (done in
 * each provider's developer console), music API calls (made by the browser with the tokens).
 * Nothing the seed asks for is unsafe; its optional public Lambda function URLs are not used: every
 * request enters through CloudFront and WAF.
 */
import { Dashboard } from "../components/dashboard";
import { OAuthBroker } from "../components/oauth-broker";
import { SecretAgeMonitor } from "../components/secret-age-monitor";
import { LogBucket } from "../components/secure-bucket/log-bucket";
import type { SystemBuilder, SystemOutputs } from "./systems";

export const buildMultiMusic: SystemBuilder = ({ config, parent, apiAccountLogging }): SystemOutputs => {
    const mm = config.multimusic;
    const accessLogs = config.storage.accessLogging
        ? new LogBucket("multimusic-access-logs", {
            deliveries: ["cloudfront-access-logs", "alb-access-logs"],
            retentionDays: config.logs.retentionDays,
            forceDestroy: config.storage.forceDestroy,
            protectData: config.protectData,
        }, parent)
        : undefined;
    const broker = new OAuthBroker("multimusic", {
        frontendUrl: mm.frontendUrl,
        lambdaInVpc: mm.lambdaInVpc,
        providers: mm.providers,
        sessionMaxLifetimeDays: mm.sessionMaxLifetimeDays,
        sessionKeyRotationDays: mm.sessionKeyRotationDays,
        botControl: config.firewall.botControl,
        protectData: config.protectData,
        logRetentionDays: config.logs.retentionDays,
        alarmEmails: config.alarmEmails,
        priceClass: config.cdn.priceClass,
        // The stack's NAT strategy serves functions in the VPC only: outside it (dev) nothing routes
        // through a NAT gateway, which would bill $36.50 a month (hours and Elastic IP) for nothing.
        network: { cidr: config.network.cidr, azCount: config.network.azCount, natGateways: mm.lambdaInVpc ? config.network.natGateways : "none" },
        // Validated as present by the configuration loader whenever multimusic is deployed.
        originDomainName: mm.originDomainName as string,
        originCertificateArn: mm.originCertificateArn as string,
        accessLogBucket: accessLogs,
        apiAccountLogging,
    }, parent);
    // Provider client secrets are issued in each provider's console: rotated by hand, watched for age.
    const providerSecrets = Object.fromEntries(Object.entries(broker.providerSecretArns).map(([provider, arn]) => [`${provider}-client`, arn]));
    const secretAge = new SecretAgeMonitor("multimusic-secret-age", {
        secrets: providerSecrets,
        maxAgeDays: config.secrets.maxAgeDays,
        alarms: broker.alarms,
        kmsKeyArn: broker.logsKey.arn,
        logRetentionInDays: config.logs.retentionDays,
        protectData: config.protectData,
    }, parent);

    const natAlarms = broker.alarms.watched.filter((w) => w.helper === "natGatewayErrors");
    const dashboard = new Dashboard("multimusic-dashboard", {
        description: "MultiMusic OAuth broker: CloudFront + WAF in front of a private API Gateway, its functions and token tables.",
        alarmArns: [...broker.alarms.alarms, ...(broker.edgeAlarms?.alarms ?? [])].map((a) => a.arn),
        sections: [
            { kind: "cloudfront", title: "Entry point (CloudFront)", distributionId: broker.distributionId },
            { kind: "waf", title: "Edge firewall", webAclName: broker.firewall.metrics.webAclName, scope: "CLOUDFRONT" },
            { kind: "apiGateway", title: "Private API", apiName: broker.api.restApi.name, stage: broker.api.stageName },
            { kind: "lambda", title: "OAuth functions", functions: { ...broker.functionNames, "session-key-rotation": broker.sessionKeyRotationFunctionName, "secret-age": secretAge.functionName } },
            { kind: "dynamodb", title: "Tables", tables: { tokens: broker.tokenTableName, state: broker.stateTableName } },
            { kind: "secrets", title: "Provider client secrets", monitor: "multimusic-secret-age", secrets: secretAge.labels, maxAgeDays: secretAge.maxAgeDays },
            // The broker's NAT gateways (functions in the VPC) are alarmed inside it: graph those alarms' own metrics.
            ...(natAlarms.length > 0 ? [{ kind: "alarmMetrics" as const, title: "NAT gateways (outbound OAuth calls)", alarms: natAlarms }] : []),
        ],
    }, parent);

    return {
        url: broker.url,
        distributionId: broker.distributionId,
        restApiId: broker.restApiId,
        tokenTableName: broker.tokenTableName,
        stateTableName: broker.stateTableName,
        providerSecretArns: broker.providerSecretArns,
        sessionKeySecretArn: broker.sessionKeySecretArn,
        functionNames: broker.functionNames,
        webAclArn: broker.webAclArn,
        alarmTopicArn: broker.alarmTopicArn,
        dashboardUrl: dashboard.url,
    };
};
