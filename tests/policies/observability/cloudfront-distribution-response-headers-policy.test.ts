import { describePolicy, res, UNKNOWN } from "../support/spec";

const CF = "aws:cloudfront/distribution:Distribution";

describePolicy("aws-cloudfront-distribution-response-headers-policy", {
    level: "advisory",
    description: /response headers policy/,
    compliant: [res(CF, "cdn", { defaultCacheBehavior: { responseHeadersPolicyId: UNKNOWN } })],
    cases: [{ title: "no policy", break: (f) => (f[0].props.defaultCacheBehavior = {}), expect: /no response headers policy/ }],
});
