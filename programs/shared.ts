/**
 * Building blocks every system program (and the team program) uses the same way: a system's keys per
 * data class, a team's CloudFront firewall from `platform:firewall`, per-AZ subnet lists, and the
 * localhost test for dev CORS origins. One place, so the systems cannot drift apart in how they read
 * the configuration. (The seed systems' web ACLs are the stack's shared ones: programs/firewalls.ts.)
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CdnSiteArgs } from "../components/cdn-site";
import { EncryptionKey, type KeyService } from "../components/encryption-key";
import type { ApiCustomDomain } from "../components/private-api";
import { WebFirewall } from "../components/web-firewall";
import type { ApiDomain, PlatformConfig, SiteDomain } from "./config/schema";

/** An `http://localhost[:port]` or `http://127.0.0.1[:port]` origin (allowed by dev stacks only). */
export function isLocalhostOrigin(origin: string): boolean {
    return /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin);
}

/** One Input per AZ from an array output (components validate subnet counts up front). */
export function perAz(ids: pulumi.Output<string[]>, azCount: number): pulumi.Output<string>[] {
    return Array.from({ length: azCount }, (_, i) => ids.apply((list) => list[i]));
}

/**
 * What a system encrypts, by class: one customer managed key per class ($1 a month each) instead of
 * one per resource. Each class's key allows the AWS services that use it on the account's behalf:
 * - `logs`: every log group (functions, APIs, containers, flow logs) and the alarm topic, to which
 *   CloudWatch publishes (the Alarms component's key needs cloudwatch and sns);
 * - `data`: buckets and tables (S3 and DynamoDB use the caller's own grants; buckets CloudFront
 *   reads through OAC add `cloudfront`);
 * - `secrets`: Secrets Manager secrets.
 * Stores whose key cannot change without replacing them (an RDS instance, an Aurora cluster, an ECR
 * repository, an AWS Backup vault) keep the key their component creates.
 */
export type DataClass = "logs" | "data" | "secrets";

const DATA_CLASS_SERVICES: Record<DataClass, KeyService[]> = {
    logs: ["logs", "cloudwatch", "sns"],
    data: [],
    secrets: ["secretsmanager"],
};

/** A system's key for one data class, with the services the class needs plus `services`. */
export function dataClassKey(name: string, dataClass: DataClass, spec: { description: string; services?: KeyService[] }, config: PlatformConfig, opts: pulumi.ComponentResourceOptions): EncryptionKey {
    return new EncryptionKey(name, {
        description: spec.description,
        services: [...new Set([...DATA_CLASS_SERVICES[dataClass], ...(spec.services ?? [])])],
        protectData: config.protectData,
    }, opts);
}

export interface FirewallSpec {
    /** The WebFirewall's name (its children, such as the log key, are named after it). */
    name: string;
    description: string;
}

/**
 * A team stack's CLOUDFRONT web ACL from `platform:firewall`, or none when the stack turns firewalls
 * off. CloudFront web ACLs live in us-east-1 whatever the stack's region, hence their own provider.
 */
export function edgeFirewall(config: PlatformConfig, spec: FirewallSpec & { providerName: string }, opts: pulumi.ComponentResourceOptions): WebFirewall | undefined {
    if (!config.firewall.enabled) return undefined;
    const usEast1 = new aws.Provider(spec.providerName, { region: "us-east-1" }, opts);
    return new WebFirewall(spec.name, { scope: "CLOUDFRONT", ...firewallArgs(config, spec) }, { ...opts, provider: usEast1 });
}

function firewallArgs(config: PlatformConfig, spec: FirewallSpec) {
    return {
        description: spec.description,
        rateLimitPer5Minutes: config.firewall.rateLimitPer5Minutes,
        botControl: config.firewall.botControl,
        logRetentionInDays: config.logs.retentionDays,
        protectData: config.protectData,
    };
}

type DomainArgs = Pick<CdnSiteArgs, "aliases" | "certificateArn" | "requestCertificate" | "hostedZoneId" | "certificateValidated">;

/**
 * CdnSite's custom-domain arguments from a stack's site domain: the given certificate, or a requested
 * one (validated in the zone when one is named). No domain configured: none (the CloudFront domain).
 */
export function siteDomainArgs(domain: SiteDomain | undefined): DomainArgs {
    if (!domain) return {};
    return domain.certificateArn !== undefined
        ? { aliases: domain.aliases, certificateArn: domain.certificateArn, hostedZoneId: domain.hostedZoneId }
        : { aliases: domain.aliases, requestCertificate: true, hostedZoneId: domain.hostedZoneId, certificateValidated: domain.certificateValidated };
}

/** PrivateApi's customDomain from a stack's API domain (undefined when none is configured). */
export function apiDomainArgs(domain: ApiDomain | undefined): ApiCustomDomain | undefined {
    if (!domain) return undefined;
    return domain.certificateArn !== undefined
        ? { domainName: domain.domainName, certificateArn: domain.certificateArn, hostedZoneId: domain.hostedZoneId }
        : { domainName: domain.domainName, requestCertificate: true, hostedZoneId: domain.hostedZoneId, certificateValidated: domain.certificateValidated };
}

/** The database components' password rotation settings from `platform:database`. */
export function passwordRotationArgs(config: PlatformConfig): { passwordRotationSchedule: string; passwordRotationWindowHours: number } {
    return { passwordRotationSchedule: config.database.passwordRotationSchedule, passwordRotationWindowHours: config.database.passwordRotationWindowHours };
}
