/**
 * The placeholder code of a function whose real code the owning app team deploys through its own
 * pipeline. The platform creates the function (role, logs, tracing, network, triggers) with this
 * handler, so every trigger is wired and observable from day one, and a caller gets an honest answer
 * instead of a silent success: HTTP 503 `{ error: { code: "not_deployed", message } }`.
 *
 * It logs one structured line per invocation describing the trigger, never the event body (which may
 * carry tokens, e-mail addresses or file names).
 */

interface BootstrapResponse {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
}

/** What kind of trigger sent the event, from its shape only. */
export function triggerOf(event: unknown): string {
    if (event === null || typeof event !== "object") return "direct";
    const e = event as Record<string, unknown>;
    if (typeof e.httpMethod === "string" || typeof e.requestContext === "object") return "api-gateway";
    if (Array.isArray(e.Records)) {
        const first = e.Records[0] as Record<string, unknown> | undefined;
        const source = first?.eventSource ?? first?.EventSource;
        return typeof source === "string" ? source : "records";
    }
    if (typeof e.source === "string" && typeof e["detail-type"] === "string") return "eventbridge";
    return "direct";
}

export async function handler(event: unknown, context?: { functionName?: string; awsRequestId?: string }): Promise<BootstrapResponse> {
    const functionName = context?.functionName ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? "unknown";
    console.log(JSON.stringify({
        level: "WARN",
        msg: "function code not deployed",
        function: functionName,
        requestId: context?.awsRequestId,
        trigger: triggerOf(event),
    }));
    return {
        statusCode: 503,
        headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
        body: JSON.stringify({ error: { code: "not_deployed", message: `The code of ${functionName} has not been deployed yet by its owning team.` } }),
    };
}
