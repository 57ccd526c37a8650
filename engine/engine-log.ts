/**
 * The engine side of a program's log: `pulumi.log.info/warn/error` (and the SDK's own warnings) go to
 * the Pulumi engine, which shows them as the update's diagnostics. Offline, they are recorded with the
 * run instead of being printed, and an error logged by the program fails the run, as it fails a
 * `pulumi preview`.
 */
import type * as engproto from "@pulumi/pulumi/proto/engine_pb";

export type DiagnosticSeverity = "info" | "warning" | "error";

export interface Diagnostic {
    severity: DiagnosticSeverity;
    message: string;
    /** The resource the message is about, when the program named one. */
    urn?: string;
}

const SEVERITIES: Record<number, DiagnosticSeverity | undefined> = { 1: "info", 2: "warning", 3: "error" };

type Callback = (err: Error | null, resp?: unknown) => void;

/** Stands where the SDK expects its Engine gRPC client (only the calls a program makes). */
export class RecordingEngine {
    readonly diagnostics: Diagnostic[] = [];

    log(req: engproto.LogRequest, callback: Callback): void {
        const severity = SEVERITIES[req.getSeverity()];
        if (severity) this.diagnostics.push({ severity, message: req.getMessage(), ...(req.getUrn() ? { urn: req.getUrn() } : {}) });
        callback(null, {});
    }

    setRootResource(_req: unknown, callback: Callback): void {
        callback(null, {});
    }

    requirePulumiVersion(_req: unknown, callback: Callback): void {
        callback(null, {});
    }

    close(): void {
        // Nothing to close: no connection.
    }
}
