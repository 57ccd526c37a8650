/** Secure defaults of Network, in one place. */
export const NETWORK_DEFAULTS = {
    /** The seeds' VPC range (Vibe, MultiMusic). */
    cidr: "10.0.0.0/16",
    /** Two AZs: the minimum for Multi-AZ databases and load balancers. */
    azCount: 2,
    /** One NAT per AZ: an AZ outage does not cut the other AZs' egress. Dev passes "single" or "none". */
    natGateways: "one-per-az",
    /**
     * Per AZ (laid out in this order, each aligned to its size): a small public subnet for load
     * balancers and NAT, a large private one for functions and tasks (ENIs), a small isolated one
     * for databases (no route out).
     */
    subnets: [
        { type: "public", cidrMask: 24 },
        { type: "private", cidrMask: 20 },
        { type: "isolated", cidrMask: 24 },
    ],
    /**
     * No subnet hands out public IPs: NAT gateways use Elastic IPs and internet-facing load balancers
     * get their own addresses, so nothing launched into a subnet is ever reachable by accident.
     */
    mapPublicIpOnLaunch: false,
    /** DNS support and hostnames: private DNS of interface endpoints needs both. */
    enableDnsSupport: true,
    enableDnsHostnames: true,
    /** Gateway endpoints are free and keep S3/DynamoDB traffic off NAT and the internet. */
    endpoints: ["s3", "dynamodb"],
    /** Services reached through gateway endpoints (route tables); every other service is an interface endpoint. */
    gatewayServices: ["s3", "dynamodb"],
    /**
     * Tiers whose route tables get the gateway endpoints: where workloads run. Public subnets hold
     * only NAT gateways and load balancers, which never call S3 or DynamoDB themselves.
     */
    gatewayEndpointTiers: ["private", "isolated"],
    /** All accepted and rejected traffic is logged (advisory rule: VPC flow logs). */
    flowLogs: true,
    flowLogTrafficType: "ALL",
    /** One-minute aggregation: faster incident evidence than the 10-minute default. */
    flowLogMaxAggregationInterval: 60,
    flowLogRetentionDays: 365,
    /** Interface endpoints listen on HTTPS only. */
    endpointPort: 443,
    protectData: true,
} as const;
