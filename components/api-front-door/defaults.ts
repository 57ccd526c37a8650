/** Secure defaults of ApiFrontDoor, in one place. */
export const API_FRONT_DOOR_DEFAULTS = {
    /**
     * The CloudFront origin-facing managed prefix list (com.amazonaws.global.cloudfront.origin-facing)
     * in us-east-1. Its id differs per region: look it up with
     * `aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.global.cloudfront.origin-facing`.
     */
    originPrefixListId: "pl-3b927c52",
    /** TLS 1.3 with TLS 1.2 fallback, no older protocols. */
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    /** CloudFront reaches the ALB over HTTPS only, TLS 1.2. */
    originProtocolPolicy: "https-only",
    originSslProtocols: ["TLSv1.2"],
    /**
     * execute-api answers `/` with 403 (no such route): any 2xx-4xx proves the endpoint interface is up;
     * 5xx or a timeout means it is not.
     */
    healthCheck: { protocol: "HTTPS", path: "/", matcher: "200-499", port: "traffic-port", interval: 30, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 3 },
    /** Malformed headers are dropped instead of forwarded (request smuggling defence). */
    dropInvalidHeaderFields: true,
    /** The header a private API Gateway endpoint routes by when the Host is not its own. */
    apiIdHeader: "x-apigw-api-id",
    accessLogsPrefix: "api-front-door",
    protectData: true,
} as const;
