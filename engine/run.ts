/**
 * The offline engine: runs a Pulumi program with no CLI and no cloud.
 *
 * It does what the Pulumi CLI's language host does before handing control to a program: sets the
 * project, stack, preview flag and configuration (flat PULUMI_CONFIG form), then loads the program
 * inside the root `pulumi:pulumi:Stack` resource and collects its exports as stack outputs. Each run
 * gets its own runtime state (the SDK's per-run local storage), so many stacks can run in one process
 * one after the other, deterministically.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as publicSettings from "@pulumi/pulumi/runtime/settings";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { RecordingEngine, type Diagnostic } from "./engine-log";
import { RecordingMonitor, ROOT_STACK_TYPE, UNKNOWN, type InvokeRecord, type Mode, type ResourceRecord } from "./monitor";
import { programOf, readProject, readStackFile, stackFilePath } from "./stack-file";
import { declaringFrame } from "./source-position";
import { installLeanDebugAids, pendingRegistrationsReport } from "./sdk-debug-aids";

export { UNKNOWN, ROOT_STACK_TYPE, type ResourceRecord, type Mode };

export interface RunOptions {
    /** The program: a module path (the stack entry, or any program file), or an inline function (tests). */
    program: string | (() => unknown);
    project: string;
    stack: string;
    /** Flat config, as the CLI passes it: "namespace:key" -> string (JSON text for structured values). */
    config: Record<string, string>;
    secretKeys?: string[];
    /** The project directory (Pulumi.yaml's), as pulumi.runtime.getRootDirectory() reports it. */
    rootDirectory?: string;
    /** preview (default): AWS-computed values are unknown. apply: plausible computed values. */
    mode?: Mode;
    organization?: string;
}

export interface RunResult {
    project: string;
    stack: string;
    mode: Mode;
    /** Every registered resource in registration order, root stack first. */
    resources: ResourceRecord[];
    invokes: InvokeRecord[];
    /** What the program (and the SDK) logged: info, warnings and errors, as the CLI shows them. */
    diagnostics: Diagnostic[];
    /** The stack's exports (apply mode; in preview, values AWS computes are undefined). */
    outputs: Record<string, unknown>;
    /** Set when the program (or its configuration) failed; resources then holds what was registered before. */
    error?: Error;
}

/**
 * SDK internals the CLI's language host uses and the public typings omit (marked @internal):
 * per-run local storage and waiting for outstanding registrations.
 */
interface SdkInternals {
    state: { withLocalStorage<T>(fn: () => Promise<T>): Promise<T>; getStore(): Record<string, unknown> };
    settings: { waitForRPCs(): Promise<void> };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state") as SdkInternals["state"];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = { ...(require("@pulumi/pulumi/runtime/settings") as SdkInternals["settings"]), setMockOptions: publicSettings.setMockOptions };

/**
 * Unhandled promise rejections during a run. A failing program rejects more than the one promise the
 * engine awaits (every Output derived from the failed step rejects too); the Pulumi language host
 * treats them as the program's failure, and so does this engine: a rejection whose reason is the
 * run's error is expected, any other one during a run becomes the run's error.
 */
const expectedRejections = new WeakSet<object>();
let strayRejections: unknown[] | undefined;
let rejectionHandlerInstalled = false;
function installRejectionHandler(): void {
    if (rejectionHandlerInstalled) return;
    rejectionHandlerInstalled = true;
    process.on("unhandledRejection", (reason) => {
        if (reason !== null && typeof reason === "object" && expectedRejections.has(reason)) return;
        if (strayRejections) { strayRejections.push(reason); return; }
        process.stderr.write(`offline engine: unhandled rejection after a run: ${reason instanceof Error ? reason.message : String(reason)}\n`);
    });
}

/**
 * A program that can never finish (a deferred output nobody resolves, a cycle between resources, a
 * promise it awaits that never settles) makes the Pulumi CLI report, when the process runs out of
 * work, which registrations were left pending. An in-process engine never runs out of work, so it
 * watches for a stall instead, in ticks of the event loop (a loop blocked by synchronous work, such
 * as bundling, does not tick and so never counts as a stall):
 * - registrations pending and no registration, invoke or completion for STALL_TICKS: stuck; the run
 *   fails with the SDK's own explanation of what is pending;
 * - nothing pending and no progress for the settle timeout (`PLATFORM_ENGINE_SETTLE_SECONDS`,
 *   default 10 s, the gate's `--settle-timeout`): the program's work never settled.
 * The watch keeps the process alive while the run lasts, so an unsettled program can never end the
 * process early with no verdict.
 */
const TICK_MS = 100;
const STALL_TICKS = 30;
export const DEFAULT_SETTLE_SECONDS = 10;

function settleSeconds(): number {
    const raw = process.env.PLATFORM_ENGINE_SETTLE_SECONDS;
    const value = raw === undefined ? DEFAULT_SETTLE_SECONDS : Number(raw);
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_SETTLE_SECONDS;
}

function stallWatch(monitor: RecordingMonitor): { promise: Promise<never>; stop(): void } {
    let timer: NodeJS.Timeout | undefined;
    const settleTicks = Math.ceil((settleSeconds() * 1000) / TICK_MS);
    const promise = new Promise<never>((_, reject) => {
        let last = "";
        let quiet = 0;
        timer = setInterval(() => {
            const pending = (state.getStore().pendingResourceRegistrations as Map<unknown, unknown> | undefined)?.size ?? 0;
            const now = `${monitor.records.length}:${monitor.invokes.length}:${pending}`;
            if (now !== last) { last = now; quiet = 0; return; }
            quiet++;
            if (pending > 0 && quiet >= STALL_TICKS) {
                clearInterval(timer);
                reject(new Error(pendingRegistrationsReport() || `the program stopped making progress with ${pending} resource registration(s) pending`));
            } else if (pending === 0 && quiet >= settleTicks) {
                clearInterval(timer);
                reject(new Error(`the program never settled: it registered ${monitor.records.length} resource(s), then made no progress for ${settleSeconds()} s `
                    + "while something it awaits stayed pending (a promise that never resolves, a timer that never fires); set PLATFORM_ENGINE_SETTLE_SECONDS (the gate's --settle-timeout) if it is only slow"));
            }
        }, TICK_MS);
    });
    promise.catch(() => undefined);
    return { promise, stop: () => clearInterval(timer) };
}

/** Lets plain `node` load TypeScript programs (engine/register-ts.js: esbuild, transpile only). */
export function ensureTypeScript(): void {
    if (require.extensions[".ts"]) return;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("./register-ts") as { register(): void }).register();
}

/**
 * Forgets the program's own modules so the next run executes them again. Only modules in the
 * program's folder (and below) are evicted: components and libraries have no import-time side effects
 * (a rule of this codebase), so they stay loaded and later runs are fast.
 */
function evictProgramModules(program: string): void {
    const dir = path.dirname(program) + path.sep;
    for (const key of Object.keys(require.cache)) {
        if ((key === program || key.startsWith(dir)) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[key];
    }
}

/** Loads a program module; a missing module is one line naming it and the file that imports it. */
function requireProgram(program: string): unknown {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(program);
    } catch (e) {
        const err = e as NodeJS.ErrnoException & { requireStack?: string[] };
        if (err?.code !== "MODULE_NOT_FOUND") throw e;
        const missing = /Cannot find module '([^']+)'/.exec(err.message)?.[1] ?? "(unknown)";
        const importer = err.requireStack?.[0];
        const where = importer ? ` imported by ${path.relative(process.cwd(), importer) || importer}` : "";
        const hint = missing.startsWith(".") || path.isAbsolute(missing) ? "" : " (is it in package.json and installed with npm ci?)";
        throw new Error(`cannot find module '${missing}'${where}${hint}`);
    }
}

function resolveProgram(program: string): string {
    try {
        return require.resolve(program);
    } catch {
        throw new Error(`cannot find the program ${program}`);
    }
}

export async function runProgram(opts: RunOptions): Promise<RunResult> {
    ensureTypeScript();
    installRejectionHandler();
    installLeanDebugAids();
    const mode = opts.mode ?? "preview";
    const program = typeof opts.program === "string" ? resolveProgram(path.resolve(opts.program)) : opts.program;
    const region = opts.config["aws:region"] ?? "us-east-1";
    const monitor = new RecordingMonitor(opts.project, opts.stack, mode, region);
    // The SDK captures a stack trace for every promise and registration (debugging aids for leaked
    // promises and source positions). Formatting them (through source maps) was most of the engine's
    // time, so runs format none: errors keep their messages, which is what the gate reports.
    // PLATFORM_ENGINE_STACK_TRACES=1 keeps them for debugging. A resource's source position (the line
    // that declared it, which the gate's reports point at) is captured instead from one structured
    // frame: the nearest one in the project's own files.
    const errorClass = Error as { prepareStackTrace?: unknown; stackTraceLimit: number };
    const resourceClass = pulumi.Resource as unknown as { stackTrace: (skip: number) => unknown[] };
    const saved = { prepare: errorClass.prepareStackTrace, limit: errorClass.stackTraceLimit, stackTrace: resourceClass.stackTrace };
    if (!process.env.PLATFORM_ENGINE_STACK_TRACES) {
        errorClass.prepareStackTrace = undefined;
        errorClass.stackTraceLimit = 0;
        resourceClass.stackTrace = declaringFrame;
    }
    try {
        return await runInLocalStore(opts, program, mode, monitor);
    } finally {
        errorClass.prepareStackTrace = saved.prepare;
        errorClass.stackTraceLimit = saved.limit;
        resourceClass.stackTrace = saved.stackTrace;
    }
}

/**
 * The SDK also keeps each run's root stack resource in `globalThis.stackResource` (for other copies of
 * the SDK in the process; its own code reads the run's store). A CLI process runs one program and
 * exits; the engine runs many, and that global kept a finished run's whole resource graph (every
 * resource and Output, about 120 MiB at 10,000 resources) alive while the gate went on to evaluate
 * policies and run the next pass. Once a run is over, the global no longer names its stack.
 */
function forgetGlobalStackResource(stack: unknown): void {
    const global = globalThis as { stackResource?: unknown };
    if (stack !== undefined && global.stackResource === stack) global.stackResource = undefined;
}

async function runInLocalStore(opts: RunOptions, program: string | (() => unknown), mode: Mode, monitor: RecordingMonitor): Promise<RunResult> {
    // The CLI runs a program with its project's root directory known (pulumi.runtime.getRootDirectory()).
    if (opts.rootDirectory) process.env.PULUMI_NODEJS_ROOT_DIRECTORY = opts.rootDirectory;
    return state.withLocalStorage(async () => {
        settings.setMockOptions(monitor, opts.project, opts.stack, mode === "preview", opts.organization);
        const store = state.getStore();
        // The features the real engine advertises (the same set pulumi.runtime.setMocks declares).
        Object.assign(store, {
            supportsSecrets: true, supportsResourceReferences: true, supportsOutputValues: false, supportsDeletedWith: true,
            supportsReplaceWith: true, supportsAliasSpecs: true, supportsTransforms: true, supportsInvokeTransforms: true,
            supportsParameterization: true, supportsResourceHooks: false, supportsErrorHooks: false,
        });
        // Transforms: the SDK registers callbacks with the run's callback server, the monitor applies them.
        store.callbacks = monitor.callbacks;
        const engine = new RecordingEngine();
        (store.settings as { engine?: unknown }).engine = engine;
        pulumi.runtime.setAllConfig(opts.config, opts.secretKeys ?? []);
        if (typeof program === "string") evictProgramModules(program);
        let outputs: Record<string, unknown> = {};
        let error: Error | undefined;
        strayRejections = [];
        const stall = stallWatch(monitor);
        try {
            const work = async () => {
                const exported = (await runInPulumiStack(async () => {
                    const mod = (typeof program === "string" ? requireProgram(program) : program) as { default?: unknown } | (() => unknown) | undefined;
                    const entry = typeof mod === "function" ? mod : typeof mod?.default === "function" ? mod.default as () => unknown : undefined;
                    return entry ? await entry() : mod;
                })) as Record<string, unknown> ?? {};
                await settings.waitForRPCs();
                return exported;
            };
            outputs = await Promise.race([work(), stall.promise]);
        } catch (e) {
            error = e instanceof Error ? e : new Error(String(e));
            expectedRejections.add(error);
            try { await Promise.race([settings.waitForRPCs(), stall.promise]); } catch { /* already failing: the first error is the one to report */ }
        } finally {
            stall.stop();
        }
        // Let derived rejections surface while this run's handler state is current.
        await new Promise((resolve) => setImmediate(resolve));
        const stray = strayRejections;
        strayRejections = undefined;
        if (!error && stray.length > 0) {
            const first = stray[0];
            error = first instanceof Error ? first : new Error(String(first));
        }
        // An error the program logged fails it, as in the CLI.
        const logged = engine.diagnostics.find((d) => d.severity === "error");
        if (!error && logged) error = new Error(logged.message);
        forgetGlobalStackResource(store.stackResource);
        return { project: opts.project, stack: opts.stack, mode, resources: monitor.records, invokes: monitor.invokes, diagnostics: engine.diagnostics, outputs, error };
    });
}

export interface RunStackOptions {
    /** Project directory (holds Pulumi.yaml and the stack files). */
    projectDir: string;
    stack: string;
    mode?: Mode;
    /** Override the program (default: Pulumi.yaml's main). */
    program?: string;
    /** Extra or overriding config ("namespace:key" -> string), applied over the stack file's. */
    configOverrides?: Record<string, string>;
}

/** Runs a stack of a project from its Pulumi.<stack>.yaml, with config set as the CLI would set it. */
export async function runStack(opts: RunStackOptions): Promise<RunResult> {
    const project = readProject(opts.projectDir);
    const stackFile = readStackFile(opts.projectDir, project.name, opts.stack);
    const program = opts.program ?? programOf(project);
    return runProgram({
        program, project: project.name, stack: opts.stack, mode: opts.mode, rootDirectory: path.resolve(opts.projectDir),
        config: { ...stackFile.config, ...opts.configOverrides }, secretKeys: stackFile.secretKeys,
    });
}

export { stackFilePath };

/** Resources other than the root stack and provider resources: what a program declared. */
export function declaredResources(result: RunResult): ResourceRecord[] {
    return result.resources.filter((r) => r.type !== ROOT_STACK_TYPE && !r.type.startsWith("pulumi:providers:"));
}

/** True when a recorded value (or anything inside it) is unknown. */
export function isUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(isUnknown);
    if (value && typeof value === "object") return Object.values(value).some(isUnknown);
    return false;
}

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * A recorded value made plain for assertions: secrets unwrapped, unknowns left as the UNKNOWN
 * sentinel, JSON text kept as text (use JSON.parse where a policy document is expected).
 */
export function plain(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[pulumi.runtime.specialSigKey] === SECRET_SIG) return plain(obj.value);
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plain(v)]));
    }
    return value;
}

export interface InlineOptions {
    stack?: string;
    project?: string;
    mode?: Mode;
    /** Flat config ("namespace:key" -> value); objects are passed as JSON text, as the CLI does. */
    config?: Record<string, unknown>;
}

/**
 * Runs an inline program (a function that creates resources) under the offline engine: the way tests
 * exercise a component. Throws if the program fails, with the program's own error.
 */
export async function runInline(fn: () => unknown, opts: InlineOptions = {}): Promise<RunResult> {
    const config: Record<string, string> = { "aws:region": "us-east-1" };
    for (const [k, v] of Object.entries(opts.config ?? {})) config[k] = typeof v === "string" ? v : JSON.stringify(v);
    const result = await runProgram({ program: fn, project: opts.project ?? "platform", stack: opts.stack ?? "test", config, mode: opts.mode ?? "apply" });
    if (result.error) throw result.error;
    return result;
}
