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
/**
 * How many frames the walk captures: first a short walk, which finds the declaring line of nearly
 * every resource (it is the frame after the constructors); only when a library helper created the
 * resource, further down, a longer one. V8 builds a call-site object for every captured frame.
 */
const SHORT_WALK = 8;
/** Deep enough for a resource created by a component created by a component, shallow enough to be cheap. */
const MAX_FRAMES = 40;
/** file:// URLs of the files positions were found in (a handful of files, thousands of resources). */
const fileUrls = new Map<string, string>();

export interface WireSourcePosition {
    uri: string;
    line: number;
    column: number;
}

function isProjectFile(file: string): boolean {
    return path.isAbsolute(file) && !file.includes(NODE_MODULES) && !file.startsWith(ENGINE_DIR);
}

function callSites(limit: number): NodeJS.CallSite[] {
    const errorClass = Error as { prepareStackTrace?: unknown; stackTraceLimit: number };
    const saved = { prepare: errorClass.prepareStackTrace, limit: errorClass.stackTraceLimit };
    const holder: { stack?: unknown } = {};
    try {
        errorClass.prepareStackTrace = (_e: unknown, sites: NodeJS.CallSite[]) => sites;
        errorClass.stackTraceLimit = limit;
        Error.captureStackTrace(holder, declaringFrame);
        return (holder.stack as NodeJS.CallSite[] | undefined) ?? [];
    } finally {
        errorClass.prepareStackTrace = saved.prepare;
        errorClass.stackTraceLimit = saved.limit;
    }
}

/** The nearest project frame after the leading constructors, from `from` on; undefined when none is among `sites`. */
function projectFrame(sites: NodeJS.CallSite[], from: number): WireSourcePosition | undefined {
    for (let i = from; i < sites.length; i++) {
        const site = sites[i];
        const file = site.getFileName();
        const line = site.getLineNumber();
        const column = site.getColumnNumber();
        if (!file || !line || !column || !isProjectFile(file)) continue;
        const pos = originalPosition(file, line, column);
        let uri = fileUrls.get(pos.file);
        if (uri === undefined) {
            uri = pathToFileURL(pos.file).toString();
            fileUrls.set(pos.file, uri);
        }
        return { uri, line: pos.line, column: pos.column };
    }
    return undefined;
}

/** Stands in for the SDK's `Resource.stackTrace`: the declaring frame only (the SDK uses the first entry as the source position). */
export function declaringFrame(): WireSourcePosition[] {
    // The first frames are the constructors of the resource being built: Resource, then
    // CustomResource or ComponentResource, then the concrete class (as the SDK itself assumes when it
    // skips them). The frame after them is the declaring code; it is in node_modules only when a
    // library helper created the resource, then the nearest project frame below it declared it.
    const short = callSites(SHORT_WALK);
    let found = projectFrame(short, LEADING_CONSTRUCTORS);
    if (found === undefined && short.length === SHORT_WALK) found = projectFrame(callSites(MAX_FRAMES), SHORT_WALK);
    return found ? [found] : [];
}
