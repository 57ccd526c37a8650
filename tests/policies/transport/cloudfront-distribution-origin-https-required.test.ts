import { describePolicy, res, UNKNOWN } from "../support/spec";

const dist = () => ({
    defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https", targetOriginId: "site" },
    origins: [{ originId: "site", domainName: "b.s3.amazonaws.com" }, { originId: "api", domainName: "api.example.com", customOriginConfig: { originProtocolPolicy: "https-only", httpPort: 80, httpsPort: 443, originSslProtocols: ["TLSv1.2"] } }],
});
const CF = "aws:cloudfront/distribution:Distribution";
const VPC_ORIGIN = "aws:cloudfront/vpcOrigin:VpcOrigin";
type Origin = { customOriginConfig: Record<string, unknown> };
const api = (f: { props: Record<string, unknown> }[]) => (f[0].props.origins as Origin[])[1].customOriginConfig;
const endpoint = (f: { props: Record<string, unknown> }[]) => f[1].props.vpcOriginEndpointConfig as Record<string, unknown>;

describePolicy("aws-cloudfront-distribution-origin-https-required", {
    level: "mandatory",
    description: /custom and VPC origins are reached over HTTPS only, with TLSv1\.2/,
    compliant: [
        res(CF, "cdn", dist()),
        res(VPC_ORIGIN, "door", { vpcOriginEndpointConfig: { arn: UNKNOWN, name: "door", httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: { items: ["TLSv1.2"], quantity: 1 } } }),
    ],
    cases: [
        { title: "http-only origin", break: (f) => (api(f).originProtocolPolicy = "http-only"), expect: /custom origin "api" uses originProtocolPolicy "http-only"/ },
        { title: "match-viewer origin", break: (f) => (api(f).originProtocolPolicy = "match-viewer"), expect: /match-viewer/ },
        { title: "TLSv1 and TLSv1.1 allowed to the origin", break: (f) => (api(f).originSslProtocols = ["TLSv1", "TLSv1.1", "TLSv1.2"]), expect: /custom origin "api" allows TLSv1, TLSv1\.1 in originSslProtocols/ },
        { title: "SSLv3 allowed to the origin", break: (f) => (api(f).originSslProtocols = ["SSLv3", "TLSv1.2"]), expect: /allows SSLv3/ },
        { title: "a VPC origin over HTTP", break: (f) => (endpoint(f).originProtocolPolicy = "http-only"), expect: /the VPC origin uses originProtocolPolicy "http-only"/, resource: "door" },
        { title: "a VPC origin allowing TLSv1.1", break: (f) => (endpoint(f).originSslProtocols = { items: ["TLSv1.1", "TLSv1.2"], quantity: 2 }), expect: /the VPC origin allows TLSv1\.1/, resource: "door" },
    ],
    pending: [
        { title: "an origin's protocol policy is unknown", break: (f) => (api(f).originProtocolPolicy = UNKNOWN) },
        { title: "a VPC origin's protocols are unknown", break: (f) => (endpoint(f).originSslProtocols = UNKNOWN) },
    ],
});
