/**
 * The CDN site: CdnSite `<team>-cdn` over the spec's bucket (read through Origin Access Control only),
 * with a CLOUDFRONT WebFirewall `<team>-edge` in us-east-1 when the stack config enables the firewall
 * (required in production), price class, geo blocking and logging from the stack config.
 */
import * as aws from "@pulumi/aws";
import { CdnSite } from "../../components/cdn-site";
import { WebFirewall } from "../../components/web-firewall";
import { teamName, type TeamContext } from "./context";
import type { TeamStorage } from "./storage";

export function buildCdn(ctx: TeamContext, storage: TeamStorage): CdnSite | undefined {
    const { config, spec } = ctx;
    if (!spec.cdn) return undefined;
    const bucket = storage.buckets.get(spec.cdn.bucket)!;
    // CloudFront web ACLs live in us-east-1, whatever the stack's region.
    const usEast1 = new aws.Provider(teamName(ctx, "us-east-1"), { region: "us-east-1" }, ctx.parent);
    const waf = config.firewall.enabled
        ? new WebFirewall(teamName(ctx, "edge"), {
            scope: "CLOUDFRONT",
            description: `${spec.team} site`,
            rateLimitPer5Minutes: config.firewall.rateLimitPer5Minutes,
            botControl: config.firewall.botControl,
            logRetentionInDays: config.logs.retentionDays,
            protectData: config.protectData,
        }, { ...ctx.parent, provider: usEast1 })
        : undefined;
    return new CdnSite(teamName(ctx, "cdn"), {
        comment: `${spec.team}: ${spec.cdn.bucket}`,
        origins: [{ id: spec.cdn.bucket, bucket }],
        defaultBehavior: { originId: spec.cdn.bucket, cache: "standard" },
        spaFallback: spec.cdn.spa,
        priceClass: config.cdn.priceClass,
        blockedCountries: config.cdn.blockedCountries.length > 0 ? config.cdn.blockedCountries : undefined,
        webAclArn: waf?.webAclArn,
        requireWebAcl: config.firewall.enabled,
        accessLogs: storage.logs ? { bucket: storage.logs, suffixPath: teamName(ctx, "cdn") } : undefined,
    }, ctx.parent);
}
