/**
 * A REST API custom domain's security policy sets the oldest TLS version clients may use. `TLS_1_0`
 * accepts TLS 1.0 and 1.1; the names below refuse them. Left unset, the provider does not manage it
 * (and the service's default for some endpoint types is TLS 1.0), so it must be set.
 *
 * Anchors: checkov CKV_AWS_206 (API Gateway domain uses a modern security policy), with the same list of
 * TLS 1.2+ policies.
 */
import { resourceRule } from "../lib/define";
import { at, isUnknown, pendingUntilUpdate } from "../lib/values";

/** Security policies that refuse TLS 1.0 and 1.1 (legacy TLS_1_2 and the enhanced SecurityPolicy_* ones). */
export const TLS12_DOMAIN_POLICIES = new Set([
    "TLS_1_2",
    "SecurityPolicy_TLS12_2018_EDGE",
    "SecurityPolicy_TLS12_PFS_2025_EDGE",
    "SecurityPolicy_TLS13_1_2_2021_06",
    "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_PQ_2025_09",
    "SecurityPolicy_TLS13_1_3_2025_09",
    "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
    "SecurityPolicy_TLS13_2025_EDGE",
]);

export const apigatewayDomainNameTls12Required = resourceRule({
    name: "aws-apigateway-domainname-tls12-required",
    description: "API Gateway custom domain names set a security policy that refuses TLS 1.0 and 1.1 (TLS_1_2 or a SecurityPolicy_TLS12/TLS13 one).",
    area: "transport",
    severity: "high",
    remediation: 'set securityPolicy "TLS_1_2" (or an enhanced policy such as "SecurityPolicy_TLS13_1_2_2021_06" with endpointAccessMode)',
    checkov: ["CKV_AWS_206"],
    types: ["aws:apigateway/domainName:DomainName"],
    check({ props }, report) {
        const policy = at(props, "securityPolicy");
        if (isUnknown(policy)) pendingUntilUpdate("securityPolicy");
        if (typeof policy !== "string" || !TLS12_DOMAIN_POLICIES.has(policy)) {
            report(`uses securityPolicy ${typeof policy === "string" ? `"${policy}", which accepts TLS older than 1.2` : "unset (not managed; TLS 1.0 may be accepted)"}`);
        }
    },
});
