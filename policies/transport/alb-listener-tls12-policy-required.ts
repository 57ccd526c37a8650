import { resourceRule } from "../lib/define";
import { at, isUnknown, pendingUntilUpdate } from "../lib/values";
import { LISTENER_TYPES } from "./alb-listener-http-redirect-only";

/** ELB security policies that allow nothing older than TLS 1.2. */
export function isTls12Policy(policy: string): boolean {
    return /TLS13|TLS-1-2|TLS-1-3|FS-1-2|FIPS-2023/.test(policy);
}

export const albListenerTls12PolicyRequired = resourceRule({
    name: "aws-alb-listener-tls12-policy-required",
    description: "HTTPS (and TLS) listeners use a security policy that allows TLS 1.2 or newer only.",
    area: "transport",
    severity: "high",
    remediation: 'set sslPolicy "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS 1.2+ policy)',
    checkov: ["CKV_AWS_103"],
    types: LISTENER_TYPES,
    check({ props }, report) {
        const protocol = at(props, "protocol");
        if (protocol !== "HTTPS" && protocol !== "TLS") return;
        const policy = at(props, "sslPolicy");
        if (isUnknown(policy)) pendingUntilUpdate("sslPolicy");
        if (typeof policy !== "string" || !isTls12Policy(policy)) {
            report(`uses sslPolicy ${typeof policy === "string" ? `"${policy}"` : "unset (the default ELBSecurityPolicy-2016-08 allows TLS 1.0)"}`);
        }
    },
});
