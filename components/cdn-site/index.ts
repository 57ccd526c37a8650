/**
 * CdnSite: a CloudFront distribution in front of private S3 buckets (Origin Access Control, SigV4,
 * always signed) and HTTPS-only custom origins (API Gateway, ALB, VPC origins), with security
 * headers, per-path cache presets, standard logging v2 (works with ACL-less buckets), optional WAF,
 * geo restriction, custom domains (a given certificate, or a DNS-validated one requested in us-east-1,
 * Route 53 validation and alias records) and signed URLs through a trusted key group.
 *
 * S3 origins are SecureBucket objects constructed with `cloudFrontReadAccess: true`; after creating the
 * distribution, CdnSite calls each one's `grantCloudFrontRead(distribution.arn)`, which completes that
 * bucket's single policy with a statement conditioned on this distribution's ARN.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { aliasRecords, DNS_CERTIFICATE_DEFAULTS, HOSTED_ZONE_ID, requestCertificate, type ValidationRecord } from "../shared/dns-certificate";
import { requireArg } from "../shared/errors";
import { LogBucket, SecureBucket } from "../secure-bucket";
import { CACHE_PRESETS, CDN_SITE_DEFAULTS, MANAGED_POLICY_IDS, MAX_TTL_SECONDS, METHOD_SETS, PRICE_CLASSES, type CachePreset, type CacheTtl } from "./defaults";

export { CACHE_PRESETS, type CachePreset, type CacheTtl } from "./defaults";

const COMPONENT = "CdnSite";

/** A private S3 origin, read through OAC. */
export interface BucketOrigin {
    /** Origin id, referenced by behaviors. */
    id: string;
    /** A SecureBucket constructed with `cloudFrontReadAccess: true`. */
    bucket: SecureBucket;
    /** Path inside the bucket, starting with "/" (e.g. "/site"). */
    originPath?: string;
}

/** An HTTPS origin: API Gateway, an ALB, or a CloudFront VPC origin. */
export interface CustomOrigin {
    id: string;
    /** Host name, without scheme (e.g. `abc123.execute-api.us-east-1.amazonaws.com`). */
    domainName: pulumi.Input<string>;
    originPath?: string;
    /** HTTPS port. Default 443. */
    httpsPort?: number;
    /** Headers CloudFront adds to every origin request (e.g. `x-apigw-api-id`). */
    customHeaders?: Record<string, pulumi.Input<string>>;
    /** A CloudFront VPC origin id (internal ALB/NLB): the origin is then reached privately. */
    vpcOriginId?: pulumi.Input<string>;
}

export type CdnOrigin = BucketOrigin | CustomOrigin;

export interface CdnBehavior {
    /** Which origin serves it. */
    originId: string;
    /** A cache preset (`standard`, `video-24h`, `images-1h`, `images-1y`, `disabled`) or TTLs. Default: `standard` for buckets, `disabled` for custom origins. */
    cache?: CachePreset | CacheTtl;
    /** `read` (GET, HEAD), `read-options` (+OPTIONS, for CORS), `all` (APIs). Default: `read` for buckets, `all` for custom origins. */
    methods?: keyof typeof METHOD_SETS;
    /** Viewers need a URL or cookie signed with one of `trustedPublicKeys` (paid audio, PDFs). Default false. */
    signed?: boolean;
}

export interface PathBehavior extends CdnBehavior {
    /** Path pattern, e.g. `/video/*` or `*.mp4`. */
    pathPattern: string;
}

/** A public key (PEM) whose private half signs URLs/cookies for `signed` behaviors. */
export interface TrustedPublicKey {
    /** Short name, used in the child resource's name. */
    name: string;
    /** `-----BEGIN PUBLIC KEY-----` PEM (RSA 2048 or ECDSA P-256). */
    pem: string;
}

/** Standard logging v2 into a LogBucket that admits `cloudfront-access-logs`. */
export interface CdnAccessLogs {
    bucket: LogBucket;
    /** Suffix path after `AWSLogs/<account>/CloudFront/`. Default: the component name. */
    suffixPath?: string;
}

export interface CdnSiteArgs {
    /** Origins: at least one. */
    origins: CdnOrigin[];
    /** The behavior for paths no other behavior matches. */
    defaultBehavior: CdnBehavior;
    /** Path-specific behaviors, first match wins (at most 25). */
    behaviors?: PathBehavior[];
    /** Object served for "/". Default `index.html`. */
    defaultRootObject?: string;
    /** Serve `/index.html` with 200 for 403/404 (single-page apps). Default false. */
    spaFallback?: boolean;
    /** Content-Security-Policy header value. Default: a same-origin policy (see defaults.ts). */
    contentSecurityPolicy?: string;
    /** `PriceClass_100`, `PriceClass_200` or `PriceClass_All`. Default `PriceClass_100`. */
    priceClass?: (typeof PRICE_CLASSES)[number];
    /** WAFv2 web ACL ARN (scope CLOUDFRONT, us-east-1). Default: none. */
    webAclArn?: pulumi.Input<string>;
    /** Fail unless webAclArn is given (set by prod config). Default false. */
    requireWebAcl?: boolean;
    /** ISO 3166-1 alpha-2 country codes to block. Default: none. */
    blockedCountries?: string[];
    /** Custom domain names (the first is the site's URL); need certificateArn or requestCertificate. */
    aliases?: string[];
    /** An existing ACM certificate in us-east-1 covering the aliases (SNI, TLSv1.2_2021). Default: none. */
    certificateArn?: pulumi.Input<string>;
    /** Request a DNS-validated ACM certificate for the aliases (in us-east-1, with its own provider) instead of certificateArn. Default false. */
    requestCertificate?: boolean;
    /**
     * Route 53 hosted zone serving the aliases: A/AAAA alias records to the distribution and, with
     * requestCertificate, the certificate's validation records. Default: none (DNS is managed elsewhere).
     */
    hostedZoneId?: pulumi.Input<string>;
    /**
     * With requestCertificate and no hostedZoneId: the validation records (output
     * certificateValidationRecords) are published and ACM shows the certificate Issued, so attach it and
     * the aliases. Until then the site serves its CloudFront domain. Default false.
     */
    certificateValidated?: boolean;
    /** Public keys of the trusted key group for `signed` behaviors. */
    trustedPublicKeys?: TrustedPublicKey[];
    /** Standard logging v2 to a LogBucket. Default: off (advisory policy recommends it). */
    accessLogs?: CdnAccessLogs;
    /** Distribution comment. Default: the component name. */
    comment?: string;
}

export class CdnSite extends pulumi.ComponentResource {
    readonly distribution: aws.cloudfront.Distribution;
    readonly responseHeadersPolicy: aws.cloudfront.ResponseHeadersPolicy;
    readonly originAccessControl?: aws.cloudfront.OriginAccessControl;
    readonly keyGroup?: aws.cloudfront.KeyGroup;
    readonly cachePolicies: Record<string, aws.cloudfront.CachePolicy> = {};
    readonly distributionId: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    readonly domainName: pulumi.Output<string>;
    /** `https://<first alias>` once the aliases are attached, else `https://<CloudFront domain>`. */
    readonly url: pulumi.Output<string>;
    /** The certificate CdnSite requested (requestCertificate). */
    readonly certificate?: aws.acm.Certificate;
    /** The certificate serving the aliases: the given or requested one. */
    readonly certificateArn?: pulumi.Output<string>;
    /** DNS records that validate a requested certificate (publish them when no hostedZoneId is given). */
    readonly certificateValidationRecords: pulumi.Output<ValidationRecord[]>;
    /** True when the distribution answers for its aliases; false while a requested certificate awaits validation. */
    readonly aliasesAttached: boolean;

    constructor(name: string, args: CdnSiteArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validateArgs(name, args);
        super("platform:cdn:CdnSite", name, {}, opts);
        const bucketOrigins = args.origins.filter(isBucketOrigin);

        if (bucketOrigins.length > 0) {
            const oac = CDN_SITE_DEFAULTS.originAccessControl;
            this.originAccessControl = new aws.cloudfront.OriginAccessControl(`${name}-oac`, {
                description: `${name}: S3 origins, SigV4 on every request`,
                originAccessControlOriginType: oac.originType,
                signingBehavior: oac.signingBehavior,
                signingProtocol: oac.signingProtocol,
            }, { parent: this });
        }

        const headers = CDN_SITE_DEFAULTS.securityHeaders;
        this.responseHeadersPolicy = new aws.cloudfront.ResponseHeadersPolicy(`${name}-security-headers`, {
            comment: `${name}: HSTS, nosniff, frame DENY, referrer policy, CSP`,
            securityHeadersConfig: {
                strictTransportSecurity: { accessControlMaxAgeSec: headers.hstsMaxAgeSeconds, includeSubdomains: headers.hstsIncludeSubdomains, preload: headers.hstsPreload, override: true },
                contentTypeOptions: { override: true },
                frameOptions: { frameOption: headers.frameOption, override: true },
                referrerPolicy: { referrerPolicy: headers.referrerPolicy, override: true },
                contentSecurityPolicy: { contentSecurityPolicy: args.contentSecurityPolicy ?? headers.contentSecurityPolicy, override: true },
            },
        }, { parent: this });

        if (args.trustedPublicKeys !== undefined) {
            const keys = args.trustedPublicKeys.map((k) => new aws.cloudfront.PublicKey(`${name}-key-${k.name}`, {
                encodedKey: k.pem, comment: `${name}: signer ${k.name}`,
            }, { parent: this }));
            this.keyGroup = new aws.cloudfront.KeyGroup(`${name}-key-group`, {
                items: keys.map((k) => k.id), comment: `${name}: trusted signers of signed URLs`,
            }, { parent: this });
        }

        const originKind = new Map(args.origins.map((o) => [o.id, isBucketOrigin(o) ? "bucket" : "custom"] as const));
        const behavior = (b: CdnBehavior) => {
            const kind = originKind.get(b.originId)!;
            const methods = METHOD_SETS[b.methods ?? (kind === "bucket" ? "read" : "all")];
            const cache = b.cache ?? (kind === "bucket" ? "standard" : "disabled");
            return {
                targetOriginId: b.originId,
                viewerProtocolPolicy: CDN_SITE_DEFAULTS.viewerProtocolPolicy,
                allowedMethods: [...methods.allowed],
                cachedMethods: [...methods.cached],
                compress: CDN_SITE_DEFAULTS.compress,
                cachePolicyId: this.cachePolicyId(name, cache),
                originRequestPolicyId: kind === "custom" ? MANAGED_POLICY_IDS.allViewerExceptHostHeader : undefined,
                responseHeadersPolicyId: this.responseHeadersPolicy.id,
                trustedKeyGroups: b.signed && this.keyGroup ? [this.keyGroup.id] : undefined,
            };
        };

        // Custom domain: the given certificate, or one requested here (usable once validated).
        let servingArn: pulumi.Input<string> | undefined = args.certificateArn;
        this.certificateValidationRecords = pulumi.output([]);
        if (args.requestCertificate) {
            const usEast1 = new aws.Provider(`${name}-certificate-region`, { region: CDN_SITE_DEFAULTS.certificateRegion }, { parent: this });
            const requested = requestCertificate(name, {
                domainNames: args.aliases!, hostedZoneId: args.hostedZoneId, validated: args.certificateValidated, provider: usEast1,
            }, this);
            this.certificate = requested.certificate;
            this.certificateValidationRecords = requested.validationRecords;
            servingArn = requested.usableArn;
            if (servingArn === undefined) {
                void pulumi.log.warn(`CdnSite "${name}": the certificate for ${args.aliases!.join(", ")} awaits DNS validation, so the distribution serves its CloudFront domain only. `
                    + "Publish the records of the output certificateValidationRecords at your DNS provider, wait until ACM shows the certificate Issued, "
                    + "then set certificateValidated (or give a Route 53 hostedZoneId) and run pulumi up again to attach the aliases.", this);
            }
        }
        this.aliasesAttached = args.aliases !== undefined && servingArn !== undefined;
        this.certificateArn = this.certificate?.arn ?? (args.certificateArn !== undefined ? pulumi.output(args.certificateArn) : undefined);
        // With aliases the viewer certificate is always the custom one: the default *.cloudfront.net
        // certificate cannot serve them (and CloudFront refuses aliases without a matching certificate).
        const certificate = this.aliasesAttached
            ? { acmCertificateArn: servingArn, sslSupportMethod: CDN_SITE_DEFAULTS.sslSupportMethod, minimumProtocolVersion: CDN_SITE_DEFAULTS.minimumProtocolVersion }
            : { cloudfrontDefaultCertificate: true };

        this.distribution = new aws.cloudfront.Distribution(name, {
            enabled: true,
            comment: args.comment ?? name,
            isIpv6Enabled: CDN_SITE_DEFAULTS.isIpv6Enabled,
            httpVersion: CDN_SITE_DEFAULTS.httpVersion,
            defaultRootObject: args.defaultRootObject ?? CDN_SITE_DEFAULTS.defaultRootObject,
            priceClass: args.priceClass ?? CDN_SITE_DEFAULTS.priceClass,
            webAclId: args.webAclArn,
            aliases: this.aliasesAttached ? args.aliases : undefined,
            viewerCertificate: certificate,
            origins: args.origins.map((o) => isBucketOrigin(o)
                ? { originId: o.id, domainName: o.bucket.regionalDomainName, originAccessControlId: this.originAccessControl!.id, originPath: o.originPath }
                : customOrigin(o)),
            defaultCacheBehavior: behavior(args.defaultBehavior),
            orderedCacheBehaviors: args.behaviors?.map((b) => ({ pathPattern: b.pathPattern, ...behavior(b) })),
            restrictions: {
                geoRestriction: args.blockedCountries?.length
                    ? { restrictionType: "blacklist", locations: [...args.blockedCountries].sort() }
                    : { restrictionType: "none" },
            },
            customErrorResponses: args.spaFallback
                ? [403, 404].map((errorCode) => ({ errorCode, responseCode: 200, responsePagePath: "/index.html", errorCachingMinTtl: 10 }))
                : undefined,
        }, { parent: this });

        // Completes each bucket's single policy with this distribution's SourceArn-conditioned read.
        for (const bucket of new Set(bucketOrigins.map((o) => o.bucket))) bucket.grantCloudFrontRead(this.distribution.arn);

        if (args.accessLogs !== undefined) this.enableLogging(name, args.accessLogs);

        this.distributionId = this.distribution.id;
        this.arn = this.distribution.arn;
        this.domainName = this.distribution.domainName;
        this.url = this.aliasesAttached ? pulumi.output(`https://${args.aliases![0]}`) : pulumi.interpolate`https://${this.distribution.domainName}`;
        if (this.aliasesAttached && args.hostedZoneId !== undefined) {
            aliasRecords(name, {
                hostedZoneId: args.hostedZoneId, domainNames: args.aliases!, ipv6: CDN_SITE_DEFAULTS.isIpv6Enabled,
                target: { dnsName: this.distribution.domainName, zoneId: this.distribution.hostedZoneId },
            }, this);
        }
        this.registerOutputs({
            distributionId: this.distributionId, arn: this.arn, domainName: this.domainName, url: this.url,
            certificateArn: this.certificateArn, certificateValidationRecords: this.certificateValidationRecords, aliasesAttached: this.aliasesAttached,
        });
    }

    /** One CachePolicy per distinct preset/TTL set; `disabled` is AWS's managed policy. */
    private cachePolicyId(name: string, cache: CachePreset | CacheTtl): pulumi.Input<string> {
        if (cache === "disabled") return MANAGED_POLICY_IDS.cachingDisabled;
        const ttl = typeof cache === "string" ? CACHE_PRESETS[cache] : { minTtl: cache.minTtl ?? 0, defaultTtl: cache.defaultTtl, maxTtl: cache.maxTtl };
        const key = typeof cache === "string" ? cache : `ttl-${ttl.minTtl}-${ttl.defaultTtl}-${ttl.maxTtl}`;
        this.cachePolicies[key] ??= new aws.cloudfront.CachePolicy(`${name}-cache-${key}`, {
            comment: `${name}: ${key}`,
            minTtl: ttl.minTtl,
            defaultTtl: ttl.defaultTtl,
            maxTtl: ttl.maxTtl,
            parametersInCacheKeyAndForwardedToOrigin: {
                enableAcceptEncodingGzip: true,
                enableAcceptEncodingBrotli: true,
                cookiesConfig: { cookieBehavior: "none" },
                headersConfig: { headerBehavior: "none" },
                queryStringsConfig: { queryStringBehavior: "none" },
            },
        }, { parent: this });
        return this.cachePolicies[key].id;
    }

    /** Standard logging v2: delivery source (the distribution) -> destination (the log bucket) -> delivery. */
    private enableLogging(name: string, logs: CdnAccessLogs): void {
        const region = CDN_SITE_DEFAULTS.logRegion;
        // Delivery names are unique per account and region: qualify them with project and stack.
        const deliveryName = `${pulumi.getProject()}-${pulumi.getStack()}-${name}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 60);
        const source = new aws.cloudwatch.LogDeliverySource(`${name}-logs`, {
            name: deliveryName, region, logType: "ACCESS_LOGS", resourceArn: this.distribution.arn,
        }, { parent: this });
        const destination = new aws.cloudwatch.LogDeliveryDestination(`${name}-logs`, {
            name: deliveryName,
            region,
            deliveryDestinationType: "S3",
            outputFormat: CDN_SITE_DEFAULTS.logOutputFormat,
            deliveryDestinationConfiguration: { destinationResourceArn: logs.bucket.arn },
        }, { parent: this });
        new aws.cloudwatch.LogDelivery(`${name}-logs`, {
            region,
            deliverySourceName: source.name,
            deliveryDestinationArn: destination.arn,
            s3DeliveryConfigurations: [{ suffixPath: logs.suffixPath ?? name, enableHiveCompatiblePath: false }],
        }, { parent: this });
    }
}

function isBucketOrigin(origin: CdnOrigin): origin is BucketOrigin {
    return (origin as BucketOrigin).bucket !== undefined;
}

function customOrigin(o: CustomOrigin): aws.types.input.cloudfront.DistributionOrigin {
    const customHeaders = o.customHeaders ? Object.entries(o.customHeaders).map(([headerName, value]) => ({ name: headerName, value })) : undefined;
    if (o.vpcOriginId !== undefined) {
        return { originId: o.id, domainName: o.domainName, originPath: o.originPath, customHeaders, vpcOriginConfig: { vpcOriginId: o.vpcOriginId } };
    }
    const c = CDN_SITE_DEFAULTS.customOrigin;
    return {
        originId: o.id, domainName: o.domainName, originPath: o.originPath, customHeaders,
        customOriginConfig: { httpPort: c.httpPort, httpsPort: o.httpsPort ?? c.httpsPort, originProtocolPolicy: c.originProtocolPolicy, originSslProtocols: [...c.originSslProtocols] },
    };
}

const ORIGIN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const COUNTRY = /^[A-Z]{2}$/;
const WAF_GLOBAL_ARN = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/.+/;
const ACM_US_EAST_1 = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/.+/;
const PEM = /^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/;

function validateTtl(name: string, at: string, cache: CachePreset | CacheTtl | undefined): void {
    if (cache === undefined) return;
    if (typeof cache === "string") {
        requireArg(cache === "disabled" || cache in CACHE_PRESETS, COMPONENT, name, at, cache, `one of ${[...Object.keys(CACHE_PRESETS), "disabled"].join(", ")}, or { minTtl, defaultTtl, maxTtl }`);
        return;
    }
    const whole = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_TTL_SECONDS;
    const min = cache.minTtl ?? 0;
    requireArg(whole(min), COMPONENT, name, `${at}.minTtl`, cache.minTtl, `a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`);
    requireArg(whole(cache.defaultTtl), COMPONENT, name, `${at}.defaultTtl`, cache.defaultTtl, `a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`);
    requireArg(whole(cache.maxTtl), COMPONENT, name, `${at}.maxTtl`, cache.maxTtl, `a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`);
    requireArg(min <= cache.defaultTtl && cache.defaultTtl <= cache.maxTtl, COMPONENT, name, at, cache, "minTtl <= defaultTtl <= maxTtl");
}

function validateArgs(name: string, args: CdnSiteArgs): void {
    requireArg(Array.isArray(args.origins) && args.origins.length > 0, COMPONENT, name, "origins", args.origins, "at least one origin (a SecureBucket or an HTTPS domain)");
    const ids = new Set<string>();
    args.origins.forEach((o, i) => {
        const at = `origins[${i}]`;
        requireArg(typeof o.id === "string" && ORIGIN_ID.test(o.id) && !ids.has(o.id), COMPONENT, name, `${at}.id`, o.id, "a unique id of 1 to 64 letters, digits, - or _");
        ids.add(o.id);
        if (o.originPath !== undefined) {
            requireArg(/^\/[^*?]*[^/]$/.test(o.originPath), COMPONENT, name, `${at}.originPath`, o.originPath, "a path starting with \"/\" and not ending with \"/\"");
        }
        if (isBucketOrigin(o)) {
            requireArg(o.bucket instanceof SecureBucket, COMPONENT, name, `${at}.bucket`, "(not a SecureBucket)", "a SecureBucket");
            requireArg(o.bucket.cloudFrontReadAccess, COMPONENT, name, `${at}.bucket`, "a SecureBucket without cloudFrontReadAccess",
                "a SecureBucket constructed with cloudFrontReadAccess: true (its policy must reserve the CloudFront statement)");
            requireArg(!o.bucket.cloudFrontReadGranted, COMPONENT, name, `${at}.bucket`, "a SecureBucket already granted to a distribution",
                "a SecureBucket not yet granted (S3 allows one policy; serve one bucket through one CdnSite)");
        } else {
            requireArg(o.domainName !== undefined && (typeof o.domainName !== "string" || HOST.test(o.domainName)), COMPONENT, name, `${at}.domainName`, o.domainName,
                "a host name without scheme or path (HTTPS is always used)");
            if (o.httpsPort !== undefined) {
                requireArg(Number.isInteger(o.httpsPort) && o.httpsPort >= 1 && o.httpsPort <= 65535, COMPONENT, name, `${at}.httpsPort`, o.httpsPort, "a port from 1 to 65535");
            }
        }
    });

    const keyed = args.trustedPublicKeys !== undefined;
    const checkBehavior = (b: CdnBehavior, at: string) => {
        requireArg(ids.has(b.originId), COMPONENT, name, `${at}.originId`, b.originId, `one of the origin ids: ${[...ids].join(", ")}`);
        validateTtl(name, `${at}.cache`, b.cache);
        if (b.methods !== undefined) requireArg(b.methods in METHOD_SETS, COMPONENT, name, `${at}.methods`, b.methods, Object.keys(METHOD_SETS).join(", "));
        if (b.signed) requireArg(keyed, COMPONENT, name, `${at}.signed`, true, "signed: true only together with trustedPublicKeys");
    };
    requireArg(args.defaultBehavior !== undefined, COMPONENT, name, "defaultBehavior", args.defaultBehavior, "a behavior naming an origin id");
    checkBehavior(args.defaultBehavior, "defaultBehavior");
    const patterns = new Set<string>();
    requireArg((args.behaviors ?? []).length <= 25, COMPONENT, name, "behaviors", `${args.behaviors?.length} behaviors`, "at most 25 path behaviors");
    (args.behaviors ?? []).forEach((b, i) => {
        requireArg(typeof b.pathPattern === "string" && b.pathPattern.length > 0 && b.pathPattern !== "*" && !patterns.has(b.pathPattern), COMPONENT, name,
            `behaviors[${i}].pathPattern`, b.pathPattern, "a unique path pattern such as /video/* (\"*\" is the default behavior)");
        patterns.add(b.pathPattern);
        checkBehavior(b, `behaviors[${i}]`);
    });

    if (keyed) {
        const keys = args.trustedPublicKeys!;
        requireArg(keys.length > 0 && keys.length <= 5, COMPONENT, name, "trustedPublicKeys", keys, "1 to 5 public keys (omit for none)");
        const names = new Set<string>();
        keys.forEach((k, i) => {
            requireArg(typeof k.name === "string" && /^[a-z0-9-]{1,32}$/.test(k.name) && !names.has(k.name), COMPONENT, name, `trustedPublicKeys[${i}].name`, k.name, "a unique name of 1 to 32 lowercase letters, digits or -");
            names.add(k.name);
            requireArg(typeof k.pem === "string" && PEM.test(k.pem.trim() + "\n"), COMPONENT, name, `trustedPublicKeys[${i}].pem`, typeof k.pem === "string" ? `${k.pem.slice(0, 30)}...` : k.pem,
                "a PEM public key (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)");
        });
        const anySigned = args.defaultBehavior.signed || (args.behaviors ?? []).some((b) => b.signed);
        requireArg(!!anySigned, COMPONENT, name, "trustedPublicKeys", `${keys.length} key(s)`, "keys only when at least one behavior has signed: true");
    }

    if (args.defaultRootObject !== undefined) {
        requireArg(/^[^/*?][^*?]*$/.test(args.defaultRootObject), COMPONENT, name, "defaultRootObject", args.defaultRootObject, "an object key without a leading \"/\" or wildcard, e.g. index.html");
    }
    if (args.contentSecurityPolicy !== undefined) {
        requireArg(args.contentSecurityPolicy.trim().length > 0 && args.contentSecurityPolicy.length <= 1783 && !/[\r\n]/.test(args.contentSecurityPolicy), COMPONENT, name,
            "contentSecurityPolicy", args.contentSecurityPolicy, "a non-empty single-line policy of at most 1783 characters");
    }
    if (args.priceClass !== undefined) {
        requireArg((PRICE_CLASSES as readonly string[]).includes(args.priceClass), COMPONENT, name, "priceClass", args.priceClass, PRICE_CLASSES.join(", "));
    }
    if (args.requireWebAcl) {
        requireArg(args.webAclArn !== undefined && args.webAclArn !== "", COMPONENT, name, "webAclArn", args.webAclArn,
            "a WAFv2 web ACL ARN (scope CLOUDFRONT): requireWebAcl is set (prod config demands a WAF in front of this distribution)");
    }
    if (typeof args.webAclArn === "string") {
        requireArg(WAF_GLOBAL_ARN.test(args.webAclArn), COMPONENT, name, "webAclArn", args.webAclArn, "a WAFv2 web ACL ARN of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/...)");
    }
    if (args.blockedCountries !== undefined) {
        requireArg(args.blockedCountries.length > 0 && args.blockedCountries.every((c) => COUNTRY.test(c)), COMPONENT, name, "blockedCountries", args.blockedCountries,
            "a non-empty list of ISO 3166-1 alpha-2 codes such as [\"KP\", \"IR\"] (omit for no restriction)");
    }
    if (args.aliases !== undefined) {
        requireArg(args.aliases.length > 0 && args.aliases.every((a) => HOST.test(a) || /^\*\.[a-z0-9.-]+$/i.test(a)) && new Set(args.aliases).size === args.aliases.length,
            COMPONENT, name, "aliases", args.aliases, "a non-empty list of distinct domain names");
        requireArg(args.certificateArn !== undefined || args.requestCertificate === true, COMPONENT, name, "certificateArn", args.certificateArn,
            "an ACM certificate ARN in us-east-1 covering the aliases, or requestCertificate: true (aliases are given; the default CloudFront certificate cannot serve them)");
    }
    if (args.requestCertificate) {
        requireArg(args.aliases !== undefined, COMPONENT, name, "aliases", args.aliases, "the custom domain names to certify (requestCertificate is set)");
        requireArg(args.certificateArn === undefined, COMPONENT, name, "certificateArn", args.certificateArn, "no certificateArn with requestCertificate (one certificate or the other)");
        requireArg(args.aliases!.length <= DNS_CERTIFICATE_DEFAULTS.maxDomainNames, COMPONENT, name, "aliases", `${args.aliases!.length} names`,
            `at most ${DNS_CERTIFICATE_DEFAULTS.maxDomainNames} names on a requested certificate (ACM's default quota)`);
    }
    if (args.certificateValidated === true) {
        requireArg(args.requestCertificate === true && args.hostedZoneId === undefined, COMPONENT, name, "certificateValidated", args.certificateValidated,
            "only with requestCertificate and without hostedZoneId (a Route 53 zone validates the certificate by itself)");
    }
    if (args.hostedZoneId !== undefined) {
        requireArg(args.aliases !== undefined, COMPONENT, name, "hostedZoneId", args.hostedZoneId, "a hosted zone only together with aliases");
        if (typeof args.hostedZoneId === "string") {
            requireArg(HOSTED_ZONE_ID.test(args.hostedZoneId), COMPONENT, name, "hostedZoneId", args.hostedZoneId, "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ");
        }
    }
    if (args.certificateArn !== undefined) {
        requireArg(args.aliases !== undefined, COMPONENT, name, "aliases", args.aliases, "the custom domain names the certificate serves (certificateArn is given)");
        if (typeof args.certificateArn === "string") {
            requireArg(ACM_US_EAST_1.test(args.certificateArn), COMPONENT, name, "certificateArn", args.certificateArn, "an ACM certificate ARN in us-east-1 (CloudFront only reads certificates there)");
        }
    }
    if (args.accessLogs !== undefined) {
        requireArg(args.accessLogs.bucket instanceof LogBucket && args.accessLogs.bucket.deliveries.includes("cloudfront-access-logs"), COMPONENT, name, "accessLogs.bucket",
            args.accessLogs.bucket instanceof LogBucket ? args.accessLogs.bucket.deliveries : "(not a LogBucket)", "a LogBucket whose deliveries include \"cloudfront-access-logs\"");
        if (args.accessLogs.suffixPath !== undefined) {
            requireArg(/^[A-Za-z0-9{}_\-/.]{1,256}$/.test(args.accessLogs.suffixPath) && !args.accessLogs.suffixPath.startsWith("/"), COMPONENT, name, "accessLogs.suffixPath",
                args.accessLogs.suffixPath, "a relative path such as site/{yyyy}/{MM}");
        }
    }
}
