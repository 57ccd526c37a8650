/**
 * The line that declared a resource, captured cheaply: one structured V8 call-site walk (no string
 * formatting, at most a few dozen frames) per registration, stopping at the nearest frame in the
 * project's own files (neither node_modules nor Node's internals nor this engine). The SDK sends it to
 * the engine as the registration's source position, as the Pulumi CLI records it; the gate's reports
 * point at it. TypeScript positions are mapped back through the transpiler's source maps.
 */
import * as path from "path";
import { pathToFileURL } from "url";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { originalPosition } = require("./register-ts") as { originalPosition(file: string, line: number, column: number): { file: string; line: number; column: number } };

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const ENGINE_DIR = __dirname + path.sep;
const LEADING_CONSTRUCTORS = 3;
/** Deep enough for a resource created by a component created by a component, shallow enough to be cheap. */
const MAX_FRAMES = 40;

export interface WireSourcePosition {
    uri: string;
    line: number;
    column: number;
}

function isProjectFile(file: string): boolean {
    return path.isAbsolute(file) && !file.includes(NODE_MODULES) && !file.startsWith(ENGINE_DIR);
}

/** Stands in for the SDK's `Resource.stackTrace`: the declaring frame only (the SDK uses the first entry as the source position). */
export function declaringFrame(): WireSourcePosition[] {
    const errorClass = Error as { prepareStackTrace?: unknown; stackTraceLimit: number };
    const saved = { prepare: errorClass.prepareStackTrace, limit: errorClass.stackTraceLimit };
    const holder: { stack?: unknown } = {};
    let sites: NodeJS.CallSite[] = [];
    try {
        errorClass.prepareStackTrace = (_e: unknown, callSites: NodeJS.CallSite[]) => callSites;
        errorClass.stackTraceLimit = MAX_FRAMES;
        Error.captureStackTrace(holder, declaringFrame);
        sites = (holder.stack as NodeJS.CallSite[] | undefined) ?? [];
    } finally {
        errorClass.prepareStackTrace = saved.prepare;
        errorClass.stackTraceLimit = saved.limit;
    }
    // The first frames are the constructors of the resource being built: Resource, then
    // CustomResource or ComponentResource, then the concrete class (as the SDK itself assumes when it
    // skips them). The frame after them is the declaring code; it is in node_modules only when a
    // library helper created the resource, then the nearest project frame below it declared it.
    for (const site of sites.slice(LEADING_CONSTRUCTORS)) {
        const file = site.getFileName();
        const line = site.getLineNumber();
        const column = site.getColumnNumber();
        if (!file || !line || !column || !isProjectFile(file)) continue;
        const pos = originalPosition(file, line, column);
        return [{ uri: pathToFileURL(pos.file).toString(), line: pos.line, column: pos.column }];
    }
    return [];
}
