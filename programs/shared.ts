/**
 * Building blocks every system program (and the team program) uses the same way: firewalls sized
 * from `platform:firewall`, per-AZ subnet lists, and the localhost test for dev CORS origins. One
 * place, so the systems cannot drift apart in how they read the configuration.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CdnSiteArgs } from "../components/cdn-site";
import type { ApiCustomDomain } from "../components/private-api";
import { WebFirewall, type PathRateLimit } from "../components/web-firewall";
import type { ApiDomain, PlatformConfig, SiteDomain } from "./config/schema";

/** An `http://localhost[:port]` or `http://127.0.0.1[:port]` origin (allowed by dev stacks only). */
export function isLocalhostOrigin(origin: string): boolean {
    return /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin);
}

/** One Input per AZ from an array output (components validate subnet counts up front). */
export function perAz(ids: pulumi.Output<string[]>, azCount: number): pulumi.Output<string>[] {
    return Array.from({ length: azCount }, (_, i) => ids.apply((list) => list[i]));
}

export interface FirewallSpec {
    /** The WebFirewall's name (its children, such as the log key, are named after it). */
    name: string;
    description: string;
    pathRateLimits?: PathRateLimit[];
    associatedResourceArns?: pulumi.Input<string>[];
}

/** A REGIONAL web ACL from `platform:firewall`, or none when the stack turns firewalls off. */
export function regionalFirewall(config: PlatformConfig, spec: FirewallSpec, opts: pulumi.ComponentResourceOptions): WebFirewall | undefined {
    return config.firewall.enabled ? new WebFirewall(spec.name, { scope: "REGIONAL", ...firewallArgs(config, spec) }, opts) : undefined;
}

/**
 * A CLOUDFRONT web ACL from `platform:firewall`, or none when the stack turns firewalls off.
 * CloudFront web ACLs live in us-east-1 whatever the stack's region, hence their own provider.
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
        pathRateLimits: spec.pathRateLimits,
        associatedResourceArns: spec.associatedResourceArns,
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
