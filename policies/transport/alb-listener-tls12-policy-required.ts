/**
 * Anchors: checkov CKV_AWS_103 (load balancer uses at least TLS 1.2).
 * Beyond it: an allow-list of the ELB security policies whose minimum protocol is TLS 1.2: CKV_AWS_103
 * accepts any `ELBSecurityPolicy-TLS13` prefix, which includes ELBSecurityPolicy-TLS13-1-0-2021-06 and
 * -1-1- (TLS 1.0 and 1.1) and their FIPS and post-quantum variants. A policy AWS adds later is refused
 * until it is added here.
 */
import { resourceRule } from "../lib/define";
import { at, isUnknown, pendingUntilUpdate } from "../lib/values";
import { LISTENER_TYPES } from "./alb-listener-http-redirect-only";

/** ELB security policies (ALB HTTPS and NLB TLS listeners) whose oldest protocol is TLS 1.2 or 1.3. */
export const TLS12_ELB_POLICIES = new Set([
    "ELBSecurityPolicy-TLS-1-2-2017-01",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
    "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07",
    "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07",
    "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07",
    "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07",
    "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07",
    "ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
]);

export const albListenerTls12PolicyRequired = resourceRule({
    name: "aws-alb-listener-tls12-policy-required",
    description: "HTTPS (ALB) and TLS (NLB) listeners use a security policy known to refuse TLS 1.0 and 1.1 (an allow-list of ELB policy names).",
    area: "transport",
    severity: "high",
    remediation: 'set sslPolicy "ELBSecurityPolicy-TLS13-1-2-2021-06" (or "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"); TLS13-1-0 and TLS13-1-1 policies still accept TLS 1.0/1.1',
    checkov: ["CKV_AWS_103"],
    types: LISTENER_TYPES,
    check({ props }, report) {
        const protocol = at(props, "protocol");
        if (isUnknown(protocol)) pendingUntilUpdate("protocol");
        if (protocol !== "HTTPS" && protocol !== "TLS") return;
        const policy = at(props, "sslPolicy");
        if (isUnknown(policy)) pendingUntilUpdate("sslPolicy");
        if (typeof policy !== "string" || !TLS12_ELB_POLICIES.has(policy)) {
            report(`uses sslPolicy ${typeof policy === "string" ? `"${policy}", which is not known to refuse TLS 1.0/1.1` : "unset (the default ELBSecurityPolicy-2016-08 allows TLS 1.0)"}`);
        }
    },
});
