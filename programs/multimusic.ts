/**
 * MultiMusic (seed 004_07a51bf6c3e3d4a6.txt): an OAuth broker that lets a web app connect users'
 * streaming accounts (Spotify, SoundCloud; more by configuration) and hands the app access tokens.
 *
 * Seed part -> what this program creates (all through the OAuthBroker component):
 * - "CloudFront + WAF as the only entry point"         -> CdnSite + WebFirewall (CLOUDFRONT scope, 100
 *   requests / 5 min per IP, login 10/min per IP, refresh 20/min per user, managed Common,
 *   KnownBadInputs, IP reputation, SQLi; Bot Control from platform:firewall.botControl)
 * - "private API Gateway reached through a VPC endpoint" -> PrivateApi (PRIVATE, resource policy
 *   limited to the execute-api VPC endpoint) behind ApiFrontDoor (CloudFront VPC origin: an internal
 *   ALB targeting the endpoint's interfaces, with the x-apigw-api-id header)
 * - "Lambda in private subnets, NAT for outbound OAuth calls" -> three ServerlessFunctions (login,
 *   callback, refresh; Node.js 22, arm64) in private subnets with HTTPS-only egress when
 *   platform:multimusic.lambdaInVpc is true (prod); outside the VPC when false (dev: the seed's own
 *   cost option, which saves the NAT gateway for the functions). Cost (issue 17, as `npm run plan`
 *   estimates it): outside the VPC the broker's Network gets no NAT gateway whatever
 *   platform:network.natGateways says, since nothing would route through it; that saves $36.50 a
 *   month in dev ($32.85 of NAT hours, $3.65 of public IPv4). Prod keeps the stack's NAT strategy
 *   (one per AZ) for the functions' calls to the OAuth providers
 * - "VPC endpoints for DynamoDB, Secrets Manager, CloudWatch Logs" -> Network with a DynamoDB gateway
 *   endpoint and Secrets Manager, KMS, Logs and execute-api interface endpoints
 * - "DynamoDB token table (PK userId, SK platform#name, KMS-encrypted tokens, TTL)" -> DataTable
 *   (CMK, PITR, deletion protection from platform:protectData) plus a single-use OAuth state table
 *   with a short TTL; tokens are encrypted with a dedicated KMS key under the { userId, platform }
 *   encryption context before they are stored
 * - "Spotify/SoundCloud OAuth login, callback, refresh" -> the broker's handlers
 *   (components/oauth-broker/handlers), with PKCE, single-use state and short-lived session JWTs
 * - client secrets -> one Secrets Manager secret per provider (operators put the client id and secret
 *   there; nothing in plain configuration), session signing key generated with @pulumi/random
 * - "alarms" -> WAF block rate > 10 %, API 5xx > 5 %, p99 latency > 1 s, Lambda errors, timeouts and
 *   throttles, DynamoDB throttles, NAT gateway errors
 *
 * Left out: the frontend web app and its hosting (the app team's), provider app registration (done in
 * each provider's developer console), music API calls (made by the browser with the tokens).
 * Nothing the seed asks for is unsafe; its optional public Lambda function URLs are not used: every
 * request enters through CloudFront and WAF.
 */
import { OAuthBroker } from "../components/oauth-broker";
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
    };
};
