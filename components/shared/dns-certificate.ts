/**
 * A DNS-validated ACM certificate for custom domains (CdnSite's aliases, PrivateApi's custom domain),
 * and Route 53 alias records pointing names at an AWS endpoint.
 *
 * An ACM certificate is usable (CloudFront and API Gateway accept it) only once it is ISSUED, which
 * takes its DNS validation records being published. With a Route 53 hosted zone the records are
 * created here and an `aws.acm.CertificateValidation` waits for ISSUED, so the certificate is attached
 * in the same `pulumi up`. Without a zone nothing can publish them: the certificate is requested, its
 * records are returned for an operator to publish at their DNS provider, and the caller keeps serving
 * its AWS domain until the operator says the records are published (`validated`). Attaching a
 * pending certificate instead would fail the deployment with CloudFront's "certificate is not valid"
 * error, and waiting for it would hang the deployment until ACM gives up (72 hours).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export const DNS_CERTIFICATE_DEFAULTS = {
    /** RSA 2048: accepted by CloudFront and API Gateway and by every client. */
    keyAlgorithm: "RSA_2048",
    /** Certificate transparency logging on: browsers distrust certificates missing from the logs. */
    transparencyLogging: "ENABLED",
    validationRecordTtlSeconds: 300,
    /** With a zone: DNS validation normally completes within minutes; give it up to 45. */
    zoneValidationTimeout: "45m",
    /** Without a zone the operator says the records are published: fail fast, with ACM's message, if it is not ISSUED. */
    publishedValidationTimeout: "5m",
    /** ACM's default quota of names per certificate. */
    maxDomainNames: 10,
} as const;

export interface ValidationRecord {
    /** The CNAME's name (e.g. `_x1.crm.example.com.`). */
    name: string;
    type: string;
    /** What the CNAME points to (e.g. `_y2.acm-validations.aws.`). */
    content: string;
}

export interface CertificateRequest {
    /** The names the certificate covers: the first is its subject, the rest alternative names. */
    domainNames: string[];
    /** Route 53 hosted zone that serves the names: validation records are created there. */
    hostedZoneId?: pulumi.Input<string>;
    /** Without a zone: the validation records are published (elsewhere), so the certificate can be waited for and used. */
    validated?: boolean;
    /** The region's provider (us-east-1 for CloudFront). Default: the parent's. */
    provider?: pulumi.ProviderResource;
}

export interface RequestedCertificate {
    certificate: aws.acm.Certificate;
    /** The records that validate the certificate, one per distinct name (a wildcard shares its base name's). */
    validationRecords: pulumi.Output<ValidationRecord[]>;
    /** The ARN to attach, once validated; undefined while the certificate awaits records nobody published yet. */
    usableArn?: pulumi.Output<string>;
}

/** The base name whose validation record covers a name: `*.example.com` is validated by `example.com`'s record. */
export function validationBase(domain: string): string {
    return domain.replace(/^\*\./, "");
}

/** Requests `${name}-certificate` and, with a zone, its validation records and the wait for ISSUED. */
export function requestCertificate(name: string, request: CertificateRequest, parent: pulumi.Resource): RequestedCertificate {
    const d = DNS_CERTIFICATE_DEFAULTS;
    const regional = { parent, provider: request.provider };
    const [subject, ...alternatives] = request.domainNames;
    const certificate = new aws.acm.Certificate(`${name}-certificate`, {
        domainName: subject,
        subjectAlternativeNames: alternatives.length > 0 ? alternatives : undefined,
        validationMethod: "DNS",
        keyAlgorithm: d.keyAlgorithm,
        options: { certificateTransparencyLoggingPreference: d.transparencyLogging },
    }, regional);
    const validationRecords = certificate.domainValidationOptions.apply((options) => {
        const seen = new Set<string>();
        return (options ?? []).filter((o) => !seen.has(o.resourceRecordName) && seen.add(o.resourceRecordName))
            .map((o) => ({ name: o.resourceRecordName, type: o.resourceRecordType, content: o.resourceRecordValue }));
    });

    if (request.hostedZoneId !== undefined) {
        const bases = [...new Set(request.domainNames.map(validationBase))];
        const records = bases.map((base) => {
            const option = certificate.domainValidationOptions.apply((options) => {
                const found = (options ?? []).find((o) => validationBase(o.domainName) === base);
                if (!found) throw new Error(`${name}: ACM returned no validation record for ${base}`);
                return found;
            });
            return new aws.route53.Record(`${name}-validation-${base}`, {
                zoneId: request.hostedZoneId!,
                name: option.resourceRecordName,
                type: option.resourceRecordType,
                records: [option.resourceRecordValue],
                ttl: d.validationRecordTtlSeconds,
                // The record is the same for every certificate of this name in the account: a previous
                // certificate's (or another stack's) record is the right one, not a conflict.
                allowOverwrite: true,
            }, { parent });
        });
        const validation = new aws.acm.CertificateValidation(`${name}-certificate`, {
            certificateArn: certificate.arn,
            validationRecordFqdns: records.map((r) => r.fqdn),
        }, { ...regional, customTimeouts: { create: d.zoneValidationTimeout } });
        return { certificate, validationRecords, usableArn: validation.certificateArn };
    }
    if (request.validated) {
        const validation = new aws.acm.CertificateValidation(`${name}-certificate`, {
            certificateArn: certificate.arn,
        }, { ...regional, customTimeouts: { create: d.publishedValidationTimeout } });
        return { certificate, validationRecords, usableArn: validation.certificateArn };
    }
    return { certificate, validationRecords };
}

export interface AliasTarget {
    /** The endpoint's DNS name (a distribution's `domainName`, an API domain's `regionalDomainName`). */
    dnsName: pulumi.Input<string>;
    /** The endpoint's hosted zone id (a distribution's `hostedZoneId`, an API domain's `regionalZoneId`). */
    zoneId: pulumi.Input<string>;
}

/** `${name}-alias-${domain}-${type}`: Route 53 alias records (A, and AAAA for IPv6 endpoints) for each name. */
export function aliasRecords(name: string, args: { hostedZoneId: pulumi.Input<string>; domainNames: string[]; target: AliasTarget; ipv6: boolean },
    parent: pulumi.Resource): aws.route53.Record[] {
    const types = args.ipv6 ? ["A", "AAAA"] : ["A"];
    return args.domainNames.flatMap((domain) => types.map((type) => new aws.route53.Record(`${name}-alias-${domain}-${type.toLowerCase()}`, {
        zoneId: args.hostedZoneId,
        name: domain,
        type,
        aliases: [{ name: args.target.dnsName, zoneId: args.target.zoneId, evaluateTargetHealth: false }],
    }, { parent })));
}

/** Route 53 hosted zone ids: `Z` and up to 31 upper-case letters and digits. */
export const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
