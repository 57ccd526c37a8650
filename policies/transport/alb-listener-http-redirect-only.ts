/**
 * An HTTP listener may only redirect to HTTPS: its default actions, and the actions of every listener
 * rule attached to it (a rule that forwards `/api/*` serves that path in plaintext whatever the default
 * action does). A listener rule names its listener only by ARN, so this is a stack rule: rules are
 * linked to listeners through the `listenerArn` dependency (or a known ARN).
 *
 * Anchors: checkov CKV_AWS_2 (ALB protocol is HTTPS, or HTTP redirecting to HTTPS), CKV2_AWS_20 (ALB
 * redirects HTTP to HTTPS), cdk-nag NIST.800.53.R5-ALBHttpToHttpsRedirection.
 * Beyond them: listener rules, and every default action (not only the first).
 * Not checked: rules of a listener that is not managed in this stack (its protocol cannot be read).
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../lib/define";
import { linksTo, ofTypes, propsOf } from "../lib/links";
import { at, isUnknown, list, pendingUntilUpdate } from "../lib/values";

export const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const RULE_TYPES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];

/** "ok", "unknown", or the actions that serve traffic instead of redirecting to HTTPS. */
function servesPlaintext(actions: unknown): "ok" | "unknown" | string[] {
    if (isUnknown(actions)) return "unknown";
    const all = list(actions);
    if (all.length === 0) return ["no action"];
    const bad: string[] = [];
    for (const a of all) {
        const type = at(a, "type");
        const protocol = at(a, "redirect", "protocol");
        if (isUnknown(type) || (type === "redirect" && isUnknown(protocol))) return "unknown";
        if (type !== "redirect" || protocol !== "HTTPS") bad.push(type === "redirect" ? `redirect to ${String(protocol ?? "HTTP")}` : String(type));
    }
    return bad.length === 0 ? "ok" : bad;
}

export const albListenerHttpRedirectOnly = stackRule({
    name: "aws-alb-listener-http-redirect-only",
    description: "ALB HTTP listeners, and the listener rules attached to them, only redirect to HTTPS.",
    area: "transport",
    severity: "high",
    remediation: 'make every action of the HTTP listener and its rules { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }, and serve traffic from the HTTPS listener',
    cdkNag: ["NIST.800.53.R5-ALBHttpToHttpsRedirection"],
    checkov: ["CKV_AWS_2", "CKV2_AWS_20"],
    types: [...LISTENER_TYPES, ...RULE_TYPES],
    check(resources, report) {
        const pending: string[] = [];
        const httpListeners: PolicyResource[] = [];
        const listeners = ofTypes(resources, LISTENER_TYPES);
        const protocolOf = new Map<PolicyResource, unknown>(listeners.map((l) => [l, at(propsOf(l), "protocol")]));
        for (const l of listeners) {
            const protocol = protocolOf.get(l);
            if (isUnknown(protocol)) pending.push(`the protocol of ${l.name}`);
            if (protocol !== "HTTP") continue;
            httpListeners.push(l);
            const verdict = servesPlaintext(at(propsOf(l), "defaultActions"));
            if (verdict === "unknown") pending.push(`the default actions of ${l.name}`);
            else if (verdict !== "ok") report(l, `is an HTTP listener that serves traffic instead of redirecting to HTTPS (default action: ${verdict.join(", ")})`);
        }
        for (const rule of ofTypes(resources, RULE_TYPES)) {
            let undecided = false;
            const listener = listeners.find((l) => {
                const link = linksTo(rule, "listenerArn", l, ["arn"]);
                if (link === "unknown") undecided = true;
                return link === "yes";
            });
            if (!listener) {
                if (undecided) pending.push(`the listener of ${rule.name}`);
                continue;
            }
            if (!httpListeners.includes(listener)) continue;
            const verdict = servesPlaintext(at(propsOf(rule), "actions"));
            if (verdict === "unknown") pending.push(`the actions of ${rule.name}`);
            else if (verdict !== "ok") report(rule, `serves traffic on HTTP listener "${listener.name}" instead of redirecting to HTTPS (action: ${verdict.join(", ")})`);
        }
        if (pending.length > 0) pendingUntilUpdate(pending.join(", "));
    },
});
