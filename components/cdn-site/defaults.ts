/** Secure defaults of CdnSite, in one place. */
export const CDN_SITE_DEFAULTS = {
    /** Every behavior: plain HTTP is redirected, never served. */
    viewerProtocolPolicy: "redirect-to-https",
    httpVersion: "http2and3",
    isIpv6Enabled: true,
    compress: true,
    defaultRootObject: "index.html",
    /** The cheapest edge set (North America, Europe); prod config usually picks PriceClass_All. */
    priceClass: "PriceClass_100",
    /** With a custom certificate: TLS 1.2 with modern ciphers only. */
    minimumProtocolVersion: "TLSv1.2_2021",
    /** CloudFront reads certificates from us-east-1 only: a requested certificate gets a provider there. */
    certificateRegion: "us-east-1",
    /** SNI only: dedicated-IP custom SSL costs $600/month and serves no modern client. */
    sslSupportMethod: "sni-only",
    /** OAC: CloudFront signs every request to S3 with SigV4, so the bucket can stay private. */
    originAccessControl: { originType: "s3", signingBehavior: "always", signingProtocol: "sigv4" },
    /** Custom origins (API Gateway, ALB): HTTPS only, TLS 1.2 only. */
    customOrigin: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
    /** Security headers on every response. */
    securityHeaders: {
        /** Two years, subdomains, preload list eligible. */
        hstsMaxAgeSeconds: 63072000,
        hstsIncludeSubdomains: true,
        hstsPreload: true,
        frameOption: "DENY",
        referrerPolicy: "strict-origin-when-cross-origin",
        /** Same-origin everything; media and images also from https sources; no plugins, no framing. */
        contentSecurityPolicy: "default-src 'self'; img-src 'self' data: https:; media-src 'self' https:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; upgrade-insecure-requests",
    },
    /** Standard logging v2 record format. */
    logOutputFormat: "json",
    /** CloudFront log delivery sources exist only in us-east-1. */
    logRegion: "us-east-1",
} as const;

/** TTLs in seconds. */
export interface CacheTtl {
    /** Lowest TTL honoured even if the origin says less. Default 0. */
    minTtl?: number;
    /** TTL when the origin sends no Cache-Control. */
    defaultTtl: number;
    /** Highest TTL honoured even if the origin says more. */
    maxTtl: number;
}

/** The cache presets the seeds ask for. `disabled` uses AWS's managed CachingDisabled policy (APIs). */
export const CACHE_PRESETS = {
    /** Static sites: like AWS's CachingOptimized (1 day default, up to 1 year). */
    "standard": { minTtl: 1, defaultTtl: 86400, maxTtl: 31536000 },
    /** VidVerse: generated video, 24 hours. */
    "video-24h": { minTtl: 0, defaultTtl: 86400, maxTtl: 86400 },
    /** VidVerse: images, 1 hour. */
    "images-1h": { minTtl: 0, defaultTtl: 3600, maxTtl: 3600 },
    /** Vibe: immutable images, 1 year. */
    "images-1y": { minTtl: 0, defaultTtl: 31536000, maxTtl: 31536000 },
} as const satisfies Record<string, Required<CacheTtl>>;

export type CachePreset = keyof typeof CACHE_PRESETS | "disabled";

/** AWS managed policies (fixed IDs, the same in every account). */
export const MANAGED_POLICY_IDS = {
    cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    allViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
} as const;

/** The longest TTL CloudFront accepts (one year). */
export const MAX_TTL_SECONDS = 31536000;

export const METHOD_SETS = {
    "read": { allowed: ["GET", "HEAD"], cached: ["GET", "HEAD"] },
    "read-options": { allowed: ["GET", "HEAD", "OPTIONS"], cached: ["GET", "HEAD"] },
    "all": { allowed: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"], cached: ["GET", "HEAD"] },
} as const;

export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;
