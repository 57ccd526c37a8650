import { resourceRule } from "../lib/define";
import { at, isUnknown, list } from "../lib/values";

export const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];

export const albListenerHttpRedirectOnly = resourceRule({
    name: "aws-alb-listener-http-redirect-only",
    description: "ALB HTTP listeners only redirect to HTTPS.",
    area: "transport",
    severity: "high",
    remediation: 'make the HTTP listener\'s only default action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }',
    checkov: ["CKV_AWS_2", "CKV2_AWS_20"],
    types: LISTENER_TYPES,
    check({ props }, report) {
        if (at(props, "protocol") !== "HTTP") return;
        const actions = list(at(props, "defaultActions"));
        if (isUnknown(at(props, "defaultActions"))) return;
        const bad = actions.filter((a) => at(a, "type") !== "redirect" || (at(a, "redirect", "protocol") !== "HTTPS" && !isUnknown(at(a, "redirect", "protocol"))));
        if (actions.length === 0 || bad.length > 0) report("is an HTTP listener that serves traffic instead of redirecting to HTTPS");
    },
});
