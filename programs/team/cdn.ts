/**
 * The CDN site: CdnSite `<team>-cdn` over the spec's bucket (read through Origin Access Control only),
 * with a CLOUDFRONT WebFirewall `<team>-edge` in us-east-1 when the stack config enables the firewall
 * (required in production), price class, geo blocking and logging from the stack config.
 */
import { CdnSite } from "../../components/cdn-site";
import { teamName, type TeamContext } from "./context";
import type { TeamStorage } from "./storage";
import { edgeFirewall } from "../shared";

export function buildCdn(ctx: TeamContext, storage: TeamStorage): CdnSite | undefined {
    const { config, spec } = ctx;
    if (!spec.cdn) return undefined;
    const bucket = storage.buckets.get(spec.cdn.bucket)!;
    const waf = edgeFirewall(config, { name: teamName(ctx, "edge"), providerName: teamName(ctx, "us-east-1"), description: `${spec.team} site` }, ctx.parent);
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
