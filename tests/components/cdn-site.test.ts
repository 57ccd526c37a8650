import * as assert from "assert";
import { generateKeyPairSync } from "crypto";
import { CdnSite, type CdnSiteArgs } from "../../components/cdn-site";
import { LogBucket, SecureBucket } from "../../components/secure-bucket";
import { runInline, UNKNOWN, type RunResult } from "../../engine/run";
import { inputs, ofType, one, plain, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const DIST = "aws:cloudfront/distribution:Distribution";
const CACHE = "aws:cloudfront/cachePolicy:CachePolicy";
const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
const API_HOST = "abc123.execute-api.us-east-1.amazonaws.com";
const WAF_ARN = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0f1e2d3c";
const CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/6f1e2d3c-aaaa-4bbb-8ccc-123456789abc";
const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();

/**
 * A site over one private bucket; extra args override. When CdnSite rejects its arguments, the bucket's
 * policy would wait forever for the grant (a real run exits on the error; the offline engine waits for
 * every registration), so the test completes the grant before rethrowing.
 */
function site(extra: Partial<CdnSiteArgs> = {}): void {
    const bucket = new SecureBucket("assets", { cloudFrontReadAccess: true, protectData: false });
    try {
        new CdnSite("cdn", { origins: [{ id: "assets", bucket }], defaultBehavior: { originId: "assets" }, ...extra });
    } catch (e) {
        if (!bucket.cloudFrontReadGranted) bucket.grantCloudFrontRead("arn:aws:cloudfront::123456789012:distribution/EUNUSED");
        throw e;
    }
}

function distribution(result: RunResult): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return inputs(one(result, DIST));
}

function idOf(result: RunResult, type: string, name: string): string {
    return one(result, type, name).id!;
}

describe("CdnSite", () => {
    it("with default args: OAC (s3, sigv4, always), HTTPS redirect, HTTP/2+3, IPv6, compression, PriceClass_100, CloudFront certificate, no geo restriction", async () => {
        const result = await runInline(() => site());
        assert.deepStrictEqual(inputs(one(result, "aws:cloudfront/originAccessControl:OriginAccessControl")), {
            description: "cdn: S3 origins, SigV4 on every request", originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4",
        });
        const d = distribution(result);
        assert.strictEqual(d.enabled, true);
        assert.strictEqual(d.httpVersion, "http2and3");
        assert.strictEqual(d.isIpv6Enabled, true);
        assert.strictEqual(d.defaultRootObject, "index.html");
        assert.strictEqual(d.priceClass, "PriceClass_100");
        assert.deepStrictEqual(d.viewerCertificate, { cloudfrontDefaultCertificate: true });
        assert.deepStrictEqual(d.restrictions, { geoRestriction: { restrictionType: "none" } });
        assert.strictEqual(d.webAclId, undefined);
        assert.strictEqual(d.customErrorResponses, undefined, "no SPA fallback by default");
        const bucket = plain(one(result, "aws:s3/bucket:Bucket", "assets").outputs) as { bucketRegionalDomainName: string };
        assert.deepStrictEqual(d.origins, [{ originId: "assets", domainName: bucket.bucketRegionalDomainName, originAccessControlId: idOf(result, "aws:cloudfront/originAccessControl:OriginAccessControl", "cdn-oac") }]);
        const b = d.defaultCacheBehavior;
        assert.strictEqual(b.viewerProtocolPolicy, "redirect-to-https");
        assert.strictEqual(b.compress, true);
        assert.deepStrictEqual(b.allowedMethods, ["GET", "HEAD"]);
        assert.strictEqual(b.cachePolicyId, idOf(result, CACHE, "cdn-cache-standard"));
        assert.strictEqual(b.responseHeadersPolicyId, idOf(result, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "cdn-security-headers"));
        assert.strictEqual(b.trustedKeyGroups, undefined);
        assert.deepStrictEqual(inputs(one(result, CACHE)), {
            comment: "cdn: standard", minTtl: 1, defaultTtl: 86400, maxTtl: 31536000,
            parametersInCacheKeyAndForwardedToOrigin: {
                enableAcceptEncodingGzip: true, enableAcceptEncodingBrotli: true,
                cookiesConfig: { cookieBehavior: "none" }, headersConfig: { headerBehavior: "none" }, queryStringsConfig: { queryStringBehavior: "none" },
            },
        });
        for (const t of ["aws:cloudwatch/logDeliverySource:LogDeliverySource", "aws:cloudfront/keyGroup:KeyGroup"]) assert.strictEqual(ofType(result, t).length, 0, `${t} only when asked for`);
    });

    it("adds a response-headers policy with HSTS (2 years, subdomains, preload), nosniff, frame DENY, strict referrer policy and a default CSP", async () => {
        const result = await runInline(() => site());
        const h = inputs(one(result, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy")).securityHeadersConfig;
        assert.deepStrictEqual(h.strictTransportSecurity, { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: true, override: true });
        assert.deepStrictEqual(h.contentTypeOptions, { override: true });
        assert.deepStrictEqual(h.frameOptions, { frameOption: "DENY", override: true });
        assert.deepStrictEqual(h.referrerPolicy, { referrerPolicy: "strict-origin-when-cross-origin", override: true });
        assert.match(h.contentSecurityPolicy.contentSecurityPolicy, /^default-src 'self'.*frame-ancestors 'none'/);
        const custom = await runInline(() => site({ contentSecurityPolicy: "default-src 'self'; media-src https://media.example.com" }));
        assert.strictEqual(inputs(one(custom, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy")).securityHeadersConfig.contentSecurityPolicy.contentSecurityPolicy,
            "default-src 'self'; media-src https://media.example.com");
    });

    it("completes the bucket's single policy: TLS denies plus GetObject for cloudfront.amazonaws.com conditioned on this distribution's ARN (known in apply)", async () => {
        const result = await runInline(() => site());
        const policies = ofType(result, "aws:s3/bucketPolicy:BucketPolicy");
        assert.strictEqual(policies.length, 1, "still one bucket policy");
        const statements = policyDocument(policies[0]).Statement;
        const distArn = (plain(one(result, DIST).outputs) as { arn: string }).arn;
        const bucketArn = (plain(one(result, "aws:s3/bucket:Bucket").outputs) as { arn: string }).arn;
        assert.deepStrictEqual(statements.map((s) => s.Sid), ["DenyInsecureTransport", "DenyOutdatedTls", "AllowCloudFrontReadThroughOac"]);
        assert.deepStrictEqual(statements[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
        assert.deepStrictEqual(statements[1].Condition, { NumericLessThan: { "s3:TlsVersion": "1.2" } });
        assert.deepStrictEqual(statements[2], {
            Sid: "AllowCloudFrontReadThroughOac", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject",
            Resource: `${bucketArn}/*`, Condition: { StringEquals: { "aws:SourceArn": distArn } },
        });
        assert.ok(policies[0].propertyDependencies.policy.includes(one(result, DIST).urn), "the policy depends on the distribution (bucket -> distribution -> policy, no cycle)");
        assert.ok(!one(result, DIST).dependencies.includes(policies[0].urn), "the distribution does not wait for the policy");
    });

    it("in preview registers the same resources; the bucket policy is unknown until the distribution ARN is", async () => {
        const preview = await runInline(() => site(), { mode: "preview" });
        const apply = await runInline(() => site(), { mode: "apply" });
        assert.deepStrictEqual(preview.resources.map((r) => r.urn).sort(), apply.resources.map((r) => r.urn).sort());
        assert.strictEqual(inputs(one(preview, "aws:s3/bucketPolicy:BucketPolicy")).policy, UNKNOWN);
        assert.strictEqual(distribution(preview).defaultCacheBehavior.viewerProtocolPolicy, "redirect-to-https");
    });

    it("exposes distribution id, ARN, domain name and an https URL", async () => {
        const result = await runInline(() => site());
        const record = one(result, DIST);
        const out = plain(one(result, "platform:cdn:CdnSite").outputs) as Record<string, string>;
        const d = plain(record.outputs) as { arn: string; domainName: string };
        assert.deepStrictEqual(out, {
            distributionId: record.id, arn: d.arn, domainName: d.domainName, url: `https://${d.domainName}`, certificateValidationRecords: [], aliasesAttached: false,
        });
    });

    it("custom origins are https-only with TLSv1.2, uncached, all methods, forwarding viewer headers except Host; VPC origins use vpcOriginConfig", async () => {
        const result = await runInline(() => {
            const bucket = new SecureBucket("assets", { cloudFrontReadAccess: true, protectData: false });
            new CdnSite("cdn", {
                origins: [
                    { id: "assets", bucket },
                    { id: "api", domainName: API_HOST, originPath: "/prod", customHeaders: { "x-origin-verify": "token" } },
                    { id: "broker", domainName: "internal-broker.example.internal", vpcOriginId: "vo_abc" },
                ],
                defaultBehavior: { originId: "assets" },
                behaviors: [{ pathPattern: "/api/*", originId: "api" }, { pathPattern: "/oauth/*", originId: "broker" }],
            });
        });
        const d = distribution(result);
        assert.deepStrictEqual(d.origins[1], {
            originId: "api", domainName: API_HOST, originPath: "/prod", customHeaders: [{ name: "x-origin-verify", value: "token" }],
            customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
        });
        assert.deepStrictEqual(d.origins[2].vpcOriginConfig, { vpcOriginId: "vo_abc" });
        const api = d.orderedCacheBehaviors[0];
        assert.strictEqual(api.cachePolicyId, CACHING_DISABLED);
        assert.strictEqual(api.originRequestPolicyId, ALL_VIEWER_EXCEPT_HOST);
        assert.deepStrictEqual(api.allowedMethods, ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
        assert.ok([d.defaultCacheBehavior, ...d.orderedCacheBehaviors].every((b) => b.viewerProtocolPolicy === "redirect-to-https"), "every behavior redirects to https");
    });

    it("cache presets per path (24 h video, 1 h images, 1 year images) and custom TTLs, one cache policy per distinct setting", async () => {
        const result = await runInline(() => site({
            behaviors: [
                { pathPattern: "/video/*", originId: "assets", cache: "video-24h" },
                { pathPattern: "/frames/*", originId: "assets", cache: "images-1h" },
                { pathPattern: "/image/*", originId: "assets", cache: "images-1h" },
                { pathPattern: "/profile/*", originId: "assets", cache: "images-1y" },
                { pathPattern: "/feed.json", originId: "assets", cache: { defaultTtl: 60, maxTtl: 300 }, methods: "read-options" },
            ],
        }));
        const ttl = (name: string) => { const i = inputs(one(result, CACHE, name)); return [i.minTtl, i.defaultTtl, i.maxTtl]; };
        assert.deepStrictEqual(ttl("cdn-cache-video-24h"), [0, 86400, 86400]);
        assert.deepStrictEqual(ttl("cdn-cache-images-1h"), [0, 3600, 3600]);
        assert.deepStrictEqual(ttl("cdn-cache-images-1y"), [0, 31536000, 31536000]);
        assert.deepStrictEqual(ttl("cdn-cache-ttl-0-60-300"), [0, 60, 300]);
        assert.strictEqual(ofType(result, CACHE).length, 5, "standard + four distinct settings (images-1h shared)");
        const behaviors = distribution(result).orderedCacheBehaviors;
        assert.strictEqual(behaviors[1].cachePolicyId, behaviors[2].cachePolicyId);
        assert.strictEqual(behaviors[0].cachePolicyId, idOf(result, CACHE, "cdn-cache-video-24h"));
        assert.deepStrictEqual(behaviors[4].allowedMethods, ["GET", "HEAD", "OPTIONS"]);
    });

    it("dev vs prod through args: price class and a required web ACL", async () => {
        const dev = await runInline(() => site({ priceClass: "PriceClass_100" }), { stack: "dev" });
        const prod = await runInline(() => site({ priceClass: "PriceClass_All", requireWebAcl: true, webAclArn: WAF_ARN }), { stack: "prod" });
        assert.strictEqual(distribution(dev).priceClass, "PriceClass_100");
        assert.strictEqual(distribution(dev).webAclId, undefined);
        assert.strictEqual(distribution(prod).priceClass, "PriceClass_All");
        assert.strictEqual(distribution(prod).webAclId, WAF_ARN);
        await assert.rejects(runInline(() => site({ requireWebAcl: true }), { stack: "prod" }),
            /CdnSite "cdn": argument webAclArn: got nothing; allowed: a WAFv2 web ACL ARN \(scope CLOUDFRONT\): requireWebAcl is set/);
    });

    it("a custom domain uses the ACM certificate with sni-only and TLSv1.2_2021, and the URL names the alias", async () => {
        const result = await runInline(() => site({ aliases: ["media.padmakara.example"], certificateArn: CERT_ARN }));
        const d = distribution(result);
        assert.deepStrictEqual(d.aliases, ["media.padmakara.example"]);
        assert.deepStrictEqual(d.viewerCertificate, { acmCertificateArn: CERT_ARN, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" });
        assert.strictEqual((plain(one(result, "platform:cdn:CdnSite").outputs) as { url: string }).url, "https://media.padmakara.example");
    });

    describe("requested certificate", () => {
        const CERT = "aws:acm/certificate:Certificate";
        const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
        const RECORD = "aws:route53/record:Record";
        const ZONE = "Z0123456789EXAMPLE";
        const outputs = (result: RunResult) => plain(one(result, "platform:cdn:CdnSite").outputs) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

        it("with a Route 53 zone: a DNS-validated certificate in us-east-1, its records in the zone, a validation, then aliases, TLSv1.2_2021 and alias records", async () => {
            const result = await runInline(() => site({ aliases: ["crm.example.com", "www.crm.example.com"], requestCertificate: true, hostedZoneId: ZONE }), { mode: "apply", config: { "aws:region": "eu-west-1" } });
            const cert = one(result, CERT);
            assert.deepStrictEqual(inputs(cert), {
                domainName: "crm.example.com", subjectAlternativeNames: ["www.crm.example.com"], validationMethod: "DNS", keyAlgorithm: "RSA_2048",
                options: { certificateTransparencyLoggingPreference: "ENABLED" },
            });
            const provider = result.resources.find((r) => r.urn === cert.provider?.split("::").slice(0, -1).join("::"));
            assert.strictEqual((plain(provider!.inputs) as { region: string }).region, "us-east-1", "the certificate's provider is us-east-1 (CloudFront reads certificates there), whatever the stack's region");
            assert.match(String(cert.outputs.arn), /^arn:aws:acm:us-east-1:/);
            const options = cert.outputs.domainValidationOptions as { resourceRecordName: string; resourceRecordValue: string }[];
            const validationRecords = ofType(result, RECORD).filter((r) => inputs(r).type === "CNAME").map(inputs);
            assert.deepStrictEqual(validationRecords.map((r) => [r.zoneId, r.name, r.records, r.ttl, r.allowOverwrite]),
                options.map((o) => [ZONE, o.resourceRecordName, [o.resourceRecordValue], 300, true]));
            const validation = one(result, VALIDATION);
            assert.strictEqual(validation.provider, cert.provider, "validated in the certificate's region");
            assert.deepStrictEqual(inputs(validation).validationRecordFqdns, ofType(result, RECORD).filter((r) => inputs(r).type === "CNAME").map((r) => r.outputs.fqdn));
            const d = distribution(result);
            assert.deepStrictEqual(d.aliases, ["crm.example.com", "www.crm.example.com"]);
            assert.deepStrictEqual(d.viewerCertificate, { acmCertificateArn: validation.outputs.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" });
            const dist = one(result, DIST);
            assert.ok(dist.dependencies.includes(validation.urn), "the distribution waits for the validation (ISSUED) before using the certificate");
            const aliases = ofType(result, RECORD).filter((r) => inputs(r).aliases).map(inputs);
            assert.deepStrictEqual(aliases.map((r) => [r.name, r.type]).sort(), [["crm.example.com", "A"], ["crm.example.com", "AAAA"], ["www.crm.example.com", "A"], ["www.crm.example.com", "AAAA"]]);
            assert.deepStrictEqual(aliases[0].aliases, [{ name: dist.outputs.domainName, zoneId: dist.outputs.hostedZoneId, evaluateTargetHealth: false }]);
            const out = outputs(result);
            assert.strictEqual(out.url, "https://crm.example.com");
            assert.strictEqual(out.aliasesAttached, true);
            assert.strictEqual(out.certificateArn, cert.outputs.arn);
            assert.strictEqual(out.certificateValidationRecords.length, 2);
        });

        it("a wildcard and its base name share one validation record", async () => {
            const result = await runInline(() => site({ aliases: ["example.com", "*.example.com"], requestCertificate: true, hostedZoneId: ZONE }), { mode: "apply" });
            assert.strictEqual(ofType(result, RECORD).filter((r) => inputs(r).type === "CNAME").length, 1);
            assert.strictEqual(outputs(result).certificateValidationRecords.length, 1);
        });

        it("without a zone, first deploy: the certificate and its validation records as outputs, no aliases, the CloudFront certificate, a warning saying what to do", async () => {
            const result = await runInline(() => site({ aliases: ["cdn.example.com"], requestCertificate: true }), { mode: "apply" });
            assert.strictEqual(ofType(result, CERT).length, 1, "the certificate is requested now, so it can be validated before the next deploy");
            assert.strictEqual(ofType(result, VALIDATION).length, 0, "nothing waits for a validation nobody can publish (no hang)");
            assert.strictEqual(ofType(result, RECORD).length, 0);
            const d = distribution(result);
            assert.strictEqual(d.aliases, undefined, "CloudFront refuses aliases with a certificate that is not ISSUED");
            assert.deepStrictEqual(d.viewerCertificate, { cloudfrontDefaultCertificate: true });
            const out = outputs(result);
            assert.strictEqual(out.aliasesAttached, false);
            assert.match(out.url, /^https:\/\/d[0-9a-f]+\.cloudfront\.net$/);
            const options = one(result, CERT).outputs.domainValidationOptions as { resourceRecordName: string; resourceRecordType: string; resourceRecordValue: string }[];
            assert.deepStrictEqual(out.certificateValidationRecords, options.map((o) => ({ name: o.resourceRecordName, type: o.resourceRecordType, content: o.resourceRecordValue })));
            const warning = result.diagnostics.find((x) => x.severity === "warning");
            assert.match(warning?.message ?? "", /CdnSite "cdn": the certificate for cdn\.example\.com awaits DNS validation.*certificateValidationRecords.*certificateValidated/);
        });

        it("without a zone, once the records are published (certificateValidated): a short validation wait, then aliases on the validated certificate", async () => {
            const result = await runInline(() => site({ aliases: ["cdn.example.com"], requestCertificate: true, certificateValidated: true }), { mode: "apply" });
            const validation = one(result, VALIDATION);
            assert.strictEqual(inputs(validation).validationRecordFqdns, undefined, "records published elsewhere");
            assert.deepStrictEqual(distribution(result).aliases, ["cdn.example.com"]);
            assert.strictEqual(distribution(result).viewerCertificate.acmCertificateArn, validation.outputs.certificateArn);
            assert.strictEqual(result.diagnostics.filter((x) => x.severity === "warning").length, 0);
        });

        it("a given certificate with a zone: alias records, no certificate requested", async () => {
            const result = await runInline(() => site({ aliases: ["media.example.com"], certificateArn: CERT_ARN, hostedZoneId: ZONE }), { mode: "apply" });
            assert.strictEqual(ofType(result, CERT).length, 0);
            assert.deepStrictEqual(ofType(result, RECORD).map((r) => inputs(r).type).sort(), ["A", "AAAA"]);
            assert.strictEqual(outputs(result).certificateArn, CERT_ARN);
        });

        it("declares the same resources in preview, with the validation records unknown", async () => {
            const result = await runInline(() => site({ aliases: ["crm.example.com"], requestCertificate: true, hostedZoneId: ZONE }), { mode: "preview" });
            assert.strictEqual(ofType(result, VALIDATION).length, 1);
            const validationRecord = one(result, RECORD, "cdn-validation-crm.example.com");
            assert.strictEqual(inputs(validationRecord).name, UNKNOWN, "ACM names the record at create time");
        });
    });

    it("geo restriction blocks the given countries; SPA fallback answers 403/404 with /index.html", async () => {
        const result = await runInline(() => site({ blockedCountries: ["KP", "IR"], spaFallback: true }));
        const d = distribution(result);
        assert.deepStrictEqual(d.restrictions.geoRestriction, { restrictionType: "blacklist", locations: ["IR", "KP"] });
        assert.deepStrictEqual(d.customErrorResponses.map((e: { errorCode: number; responseCode: number; responsePagePath: string }) => [e.errorCode, e.responseCode, e.responsePagePath]),
            [[403, 200, "/index.html"], [404, 200, "/index.html"]]);
    });

    it("signed URLs: public keys in a key group, trusted only by the signed behaviors", async () => {
        const result = await runInline(() => site({
            trustedPublicKeys: [{ name: "signer-2026", pem: PEM }],
            behaviors: [{ pathPattern: "/audio/*", originId: "assets", signed: true }, { pathPattern: "/pdf/*", originId: "assets", signed: true }, { pathPattern: "/img/*", originId: "assets" }],
        }));
        const key = one(result, "aws:cloudfront/publicKey:PublicKey", "cdn-key-signer-2026");
        assert.strictEqual(inputs(key).encodedKey, PEM);
        const group = one(result, "aws:cloudfront/keyGroup:KeyGroup");
        assert.deepStrictEqual(inputs(group).items, [key.id]);
        const behaviors = distribution(result).orderedCacheBehaviors;
        assert.deepStrictEqual(behaviors.map((b: { trustedKeyGroups?: string[] }) => b.trustedKeyGroups), [[group.id], [group.id], undefined]);
        assert.strictEqual(distribution(result).defaultCacheBehavior.trustedKeyGroups, undefined);
    });

    it("access logging v2 (no ACLs): delivery source for the distribution in us-east-1, S3 destination at the log bucket, delivery with a suffix path", async () => {
        const result = await runInline(() => {
            const logs = new LogBucket("logs", { deliveries: ["cloudfront-access-logs"], protectData: false });
            site({ accessLogs: { bucket: logs, suffixPath: "media/{yyyy}/{MM}" } });
        });
        const distArn = (plain(one(result, DIST).outputs) as { arn: string }).arn;
        const logArn = (plain(one(result, "aws:s3/bucket:Bucket", "logs").outputs) as { arn: string }).arn;
        const source = inputs(one(result, "aws:cloudwatch/logDeliverySource:LogDeliverySource"));
        assert.deepStrictEqual([source.region, source.logType, source.resourceArn], ["us-east-1", "ACCESS_LOGS", distArn]);
        const destination = inputs(one(result, "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination"));
        assert.deepStrictEqual([destination.region, destination.deliveryDestinationType, destination.deliveryDestinationConfiguration.destinationResourceArn], ["us-east-1", "S3", logArn]);
        const delivery = inputs(one(result, "aws:cloudwatch/logDelivery:LogDelivery"));
        assert.strictEqual(delivery.deliverySourceName, source.name);
        assert.deepStrictEqual(delivery.s3DeliveryConfigurations, [{ suffixPath: "media/{yyyy}/{MM}", enableHiveCompatiblePath: false }]);
    });

    describe("rejects bad arguments, naming component and argument", () => {
        const cases: [string, Partial<CdnSiteArgs>, RegExp][] = [
            ["empty origins", { origins: [] }, /CdnSite "cdn": argument origins: got \[\]; allowed: at least one origin/],
            ["defaultTtl above maxTtl", { defaultBehavior: { originId: "assets", cache: { defaultTtl: 600, maxTtl: 60 } } }, /argument defaultBehavior\.cache: got .*allowed: minTtl <= defaultTtl <= maxTtl/],
            ["a negative TTL", { behaviors: [{ pathPattern: "/x/*", originId: "assets", cache: { defaultTtl: -1, maxTtl: 60 } }] }, /argument behaviors\[0\]\.cache\.defaultTtl: got -1/],
            ["a TTL above one year", { behaviors: [{ pathPattern: "/x/*", originId: "assets", cache: { defaultTtl: 60, maxTtl: 31536001 } }] }, /argument behaviors\[0\]\.cache\.maxTtl: got 31536001/],
            ["an unknown cache preset", { defaultBehavior: { originId: "assets", cache: "video-1w" as never } }, /argument defaultBehavior\.cache: got "video-1w"; allowed: one of standard, video-24h, images-1h, images-1y, disabled/],
            ["a behavior naming an unknown origin", { behaviors: [{ pathPattern: "/x/*", originId: "nope" }] }, /argument behaviors\[0\]\.originId: got "nope"; allowed: one of the origin ids: assets/],
            ["a \"*\" path behavior", { behaviors: [{ pathPattern: "*", originId: "assets" }] }, /argument behaviors\[0\]\.pathPattern: got "\*"/],
            ["a custom origin with a scheme", { origins: [{ id: "api", domainName: `https://${API_HOST}` }], defaultBehavior: { originId: "api" } }, /argument origins\[0\]\.domainName: got "https:\/\/abc123/],
            ["duplicate origin ids", { origins: [{ id: "api", domainName: API_HOST }, { id: "api", domainName: API_HOST }], defaultBehavior: { originId: "api" } }, /argument origins\[1\]\.id: got "api"/],
            ["signed behaviors without keys", { defaultBehavior: { originId: "assets", signed: true } }, /argument defaultBehavior\.signed: got true; allowed: signed: true only together with trustedPublicKeys/],
            ["keys without a signed behavior", { trustedPublicKeys: [{ name: "k", pem: PEM }] }, /argument trustedPublicKeys: got "1 key\(s\)"; allowed: keys only when at least one behavior has signed: true/],
            ["a key that is not a PEM", { trustedPublicKeys: [{ name: "k", pem: "ssh-rsa AAAA" }], defaultBehavior: { originId: "assets", signed: true } }, /argument trustedPublicKeys\[0\]\.pem/],
            ["a regional web ACL", { webAclArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/1" }, /argument webAclArn: got "arn:aws:wafv2:us-east-1:123456789012:regional\/webacl\/api\/1"; allowed: a WAFv2 web ACL ARN of scope CLOUDFRONT/],
            ["a lowercase country code", { blockedCountries: ["kp"] }, /argument blockedCountries: got \["kp"\]/],
            ["aliases without a certificate", { aliases: ["media.example.com"] }, /argument certificateArn: got nothing; allowed: an ACM certificate ARN in us-east-1 covering the aliases, or requestCertificate: true/],
            ["a requested certificate and a given one", { aliases: ["media.example.com"], requestCertificate: true, certificateArn: CERT_ARN }, /argument certificateArn: got "arn:aws:acm:.*allowed: no certificateArn with requestCertificate/],
            ["a requested certificate without aliases", { requestCertificate: true }, /argument aliases: got nothing; allowed: the custom domain names to certify/],
            ["certificateValidated with a zone", { aliases: ["media.example.com"], requestCertificate: true, hostedZoneId: "Z0123456789EXAMPLE", certificateValidated: true }, /argument certificateValidated: got true; allowed: only with requestCertificate and without hostedZoneId/],
            ["certificateValidated with a given certificate", { aliases: ["media.example.com"], certificateArn: CERT_ARN, certificateValidated: true }, /argument certificateValidated: got true/],
            ["a malformed hosted zone id", { aliases: ["media.example.com"], certificateArn: CERT_ARN, hostedZoneId: "example.com" }, /argument hostedZoneId: got "example.com"; allowed: a Route 53 hosted zone id/],
            ["a hosted zone without aliases", { hostedZoneId: "Z0123456789EXAMPLE" }, /argument hostedZoneId: got "Z0123456789EXAMPLE"; allowed: a hosted zone only together with aliases/],
            ["11 names on a requested certificate", { aliases: Array.from({ length: 11 }, (_, i) => `s${i}.example.com`), requestCertificate: true }, /argument aliases: got "11 names"; allowed: at most 10 names/],
            ["a duplicate alias", { aliases: ["a.example.com", "a.example.com"], certificateArn: CERT_ARN }, /argument aliases: .*allowed: a non-empty list of distinct domain names/],
            ["a certificate outside us-east-1", { aliases: ["media.example.com"], certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x" }, /argument certificateArn: got "arn:aws:acm:eu-west-1.*allowed: an ACM certificate ARN in us-east-1/],
            ["an unknown price class", { priceClass: "PriceClass_300" as never }, /argument priceClass: got "PriceClass_300"/],
            ["a multi-line CSP", { contentSecurityPolicy: "default-src 'self'\nscript-src *" }, /argument contentSecurityPolicy/],
            ["a default root object with a leading slash", { defaultRootObject: "/index.html" }, /argument defaultRootObject: got "\/index.html"/],
        ];
        for (const [what, extra, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => site(extra)), message);
            });
        }

        it("a bucket without cloudFrontReadAccess, a bucket already granted, a log bucket that does not admit CloudFront", async () => {
            await assert.rejects(runInline(() => {
                const bucket = new SecureBucket("assets", { protectData: false });
                new CdnSite("cdn", { origins: [{ id: "assets", bucket }], defaultBehavior: { originId: "assets" } });
            }), /CdnSite "cdn": argument origins\[0\]\.bucket: got "a SecureBucket without cloudFrontReadAccess"; allowed: a SecureBucket constructed with cloudFrontReadAccess: true/);
            await assert.rejects(runInline(() => {
                const bucket = new SecureBucket("assets", { cloudFrontReadAccess: true, protectData: false });
                new CdnSite("one", { origins: [{ id: "assets", bucket }], defaultBehavior: { originId: "assets" } });
                new CdnSite("two", { origins: [{ id: "assets", bucket }], defaultBehavior: { originId: "assets" } });
            }), /CdnSite "two": argument origins\[0\]\.bucket: got "a SecureBucket already granted to a distribution"/);
            await assert.rejects(runInline(() => site({ accessLogs: { bucket: new LogBucket("logs", { protectData: false }) } })),
                /CdnSite "cdn": argument accessLogs\.bucket: got \["s3-server-access-logs"\]; allowed: a LogBucket whose deliveries include "cloudfront-access-logs"/);
        });
    });
});

describe("CdnSite README", () => {
    it("documents exactly the CdnSiteArgs properties in its inputs table", () => {
        const props = interfaceProperties("cdn-site", "CdnSiteArgs");
        assert.ok(props.length > 10, "found the properties of CdnSiteArgs");
        assert.deepStrictEqual(readmeInputNames("cdn-site"), props);
    });
});
