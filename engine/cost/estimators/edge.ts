/** CloudFront, API Gateway, Route 53. */
import { bool } from "../values";
import { fixed, usage, type Estimator } from "./types";

export const edgeEstimators: Record<string, Estimator> = {
    "aws:cloudfront/distribution:Distribution": {
        usage: {
            dataTransferOutGb: "GB per month delivered to viewers (priced at the North America and Europe rate)",
            httpsRequests: "HTTPS requests per month",
            standardLogsGb: "GB of standard logs (v2) delivered per month",
        },
        estimate: (c) => {
            const requests = c.usage("httpsRequests");
            return [
                ...usage("data transfer out", "cloudfront.dataTransferOut", c.usage("dataTransferOutGb")),
                ...usage("HTTPS requests", "cloudfront.httpsRequests", requests === undefined ? undefined : requests / 10_000),
                ...usage("standard logs delivered", "logs.vendedToS3", c.usage("standardLogsGb")),
            ];
        },
    },
    "aws:apigateway/restApi:RestApi": {
        usage: { requestsPerMonth: "API calls per month" },
        estimate: (c) => {
            const requests = c.usage("requestsPerMonth");
            return usage("REST API requests", "apigateway.restRequests", requests === undefined ? undefined : requests / 1e6);
        },
    },
    "aws:apigatewayv2/api:Api": {
        usage: { requestsPerMonth: "API calls per month" },
        estimate: (c) => {
            const requests = c.usage("requestsPerMonth");
            return usage("HTTP API requests", "apigateway.httpRequests", requests === undefined ? undefined : requests / 1e6);
        },
    },
    "aws:apigateway/stage:Stage": {
        usage: {},
        estimate: (c) => (bool(c.resource.props, "cacheClusterEnabled") === true
            ? { unpriced: "API Gateway cache clusters are not in the price table" }
            : { free: "stages are free without a cache cluster; requests are billed on the API" }),
    },
    "aws:route53/zone:Zone": {
        usage: { queriesPerMonth: "standard DNS queries per month (alias queries to AWS resources are free)" },
        estimate: (c) => {
            const queries = c.usage("queriesPerMonth");
            return [fixed("hosted zone", "route53.hostedZone", 1), ...usage("queries", "route53.queries", queries === undefined ? undefined : queries / 1e6)];
        },
    },
};
