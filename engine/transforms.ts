/**
 * Resource and invoke transforms, applied the way the Pulumi engine applies them.
 *
 * With `transforms` (unlike the legacy SDK-side `transformations`) the SDK only registers callbacks;
 * the engine calls them for every registration: first the resource's own transforms, then each
 * ancestor's (parent first, up to the root), then the stack transforms
 * (`pulumi.runtime.registerResourceTransform`), each seeing the previous one's result
 * (pkg/resource/deploy/source_eval.go, RegisterResource). What the last transform returns is what is
 * registered, recorded and checked. The SDK's stock mock monitor hands transforms to the mocks and
 * applies none; this module is the engine's side of that protocol.
 *
 * The SDK's CallbackServer normally serves the callbacks over gRPC on a loopback port. The offline
 * engine is in the same process, so it uses the SDK's own CallbackServer logic (request decoding,
 * option mapping, response building) without its listener: the request message goes in, the response
 * message comes out, and no server keeps the process alive.
 */
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type CallbackFn = (request: Uint8Array) => Promise<{ serializeBinary(): Uint8Array }>;

/** The parts of the SDK's CallbackServer this engine relies on (all set by its constructor). */
interface CallbackServerState {
    _callbacks: Map<string, CallbackFn>;
    _pendingRegistrations: number;
    _awaitQueue: unknown[];
    _monitor: unknown;
    _target: Promise<string>;
    _server: { forceShutdown(): void };
    registerTransform: unknown;
    registerStackTransform: unknown;
}

/**
 * An SDK CallbackServer without its gRPC listener, registered as the run's callback server. Fails
 * loudly when an SDK upgrade changes the internals it relies on (tests/engine/transforms.test.ts).
 */
export function inProcessCallbackServer(monitor: unknown): CallbackServerState {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CallbackServer } = require("@pulumi/pulumi/runtime/callbacks") as { CallbackServer: { prototype: object } };
    const proto = CallbackServer.prototype as Partial<CallbackServerState>;
    for (const method of ["registerTransform", "registerStackTransform", "registerStackInvokeTransform", "awaitStackRegistrations", "invoke"] as const) {
        if (typeof (proto as Record<string, unknown>)[method] !== "function") {
            throw new Error(`offline engine: @pulumi/pulumi's CallbackServer has no ${method}(); the engine's transform support must be updated for this SDK version`);
        }
    }
    const server = Object.create(proto) as CallbackServerState;
    Object.assign(server, {
        _callbacks: new Map(), _pendingRegistrations: 0, _awaitQueue: [], _monitor: monitor,
        // The address the engine would dial; nothing dials it in-process.
        _target: Promise.resolve("in-process"),
        _server: { forceShutdown: () => undefined },
    });
    return server;
}

/**
 * Calls a registered callback by token, as the engine's callbacks client would: the request goes in
 * as bytes, or as a carried message (below), which the SDK's decoding hands back as it is. The
 * response message is read as it is: encoding it only to decode it again on the same thread changed
 * nothing but cost a tenth of a large stack's run time.
 */
export async function invokeCallback<T>(server: CallbackServerState, token: string, request: Uint8Array): Promise<T> {
    const cb = server._callbacks.get(token);
    if (!cb) throw new Error(`callback not found: ${token}`);
    return (await cb(request)) as unknown as T;
}

/**
 * A request message handed to the SDK's callback as it is, where the callback expects its encoding:
 * the SDK's first step is to decode the bytes into a fresh message, and on the same thread, for a
 * message built for this one call, that decode gives back an equal message. Encoding and decoding
 * every transform's properties was about a tenth of a stack's run time.
 */
export class CarriedMessage<M> extends Uint8Array {
    constructor(readonly message: M) {
        super(0);
    }
}

/** The request types whose decoding recognises a carried message (and decodes any real bytes as before). */
function acceptCarriedMessages(type: { deserializeBinary(bytes: Uint8Array): unknown }): void {
    const decode = type.deserializeBinary;
    if ((decode as { carried?: boolean }).carried) return;
    const accepting = (bytes: Uint8Array) => (bytes instanceof CarriedMessage ? bytes.message : decode.call(type, bytes));
    type.deserializeBinary = Object.assign(accepting, { carried: true });
}
acceptCarriedMessages(resproto.TransformRequest);
acceptCarriedMessages(resproto.TransformInvokeRequest);

/**
 * Properties handed to a transform without the protobuf round trip: the SDK reads a request's
 * properties once, with toJavaScript(), and builds its own values from them (rpc.deserializeProperties
 * keeps no reference to what it reads). The values are JSON-shaped already (they came out of a
 * Struct), so a Struct built from them would give the same values back.
 */
class JavaScriptStruct extends structproto.Struct {
    constructor(private readonly value: Record<string, unknown>) {
        super();
    }

    override toJavaScript(): { [key: string]: structproto.JavaScriptValue } {
        return this.value as { [key: string]: structproto.JavaScriptValue };
    }
}

/** One transform callback; a failure reads as the engine reports it ("invoke transform: ..."). */
async function invokeTransform<T>(server: CallbackServerState, token: string, request: object): Promise<T> {
    try {
        return await invokeCallback<T>(server, token, new CarriedMessage(request));
    } catch (e) {
        throw new Error(`invoke transform: ${(e as Error).message}`);
    }
}

/**
 * The engine upgrades secrets and unknowns to output values before it hands properties to a transform
 * (UnmarshalProperties with UpgradeToOutputValues), and, when the resource has transforms of its
 * own, attaches each property's dependencies (upgradeOutputValues), so a transform can see them.
 */
function upgrade(value: unknown): unknown {
    if (value === UNKNOWN) return { [SIG_KEY]: OUTPUT_VALUE_SIG };
    if (Array.isArray(value)) return value.map(upgrade);
    if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SIG_KEY] === SECRET_SIG) return { [SIG_KEY]: OUTPUT_VALUE_SIG, secret: true, value: obj.value };
        if (typeof obj[SIG_KEY] === "string") return obj;
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, upgrade(v)]));
    }
    return value;
}

function withDependencies(value: unknown, deps: string[]): unknown {
    if (deps.length === 0) return value;
    if (value && typeof value === "object" && (value as Record<string, unknown>)[SIG_KEY] === OUTPUT_VALUE_SIG) {
        const output = value as Record<string, unknown>;
        const existing = Array.isArray(output.dependencies) ? output.dependencies as string[] : [];
        return { ...output, dependencies: [...new Set([...existing, ...deps])] };
    }
    return { [SIG_KEY]: OUTPUT_VALUE_SIG, value, dependencies: deps };
}

/**
 * Output values back to the wire forms the rest of the engine records: known -> the value, unknown
 * -> the unknown sentinel, secret -> the secret wrapper; the dependencies they carried are collected.
 */
function downgrade(value: unknown, deps: Set<string>): unknown {
    if (Array.isArray(value)) return value.map((v) => downgrade(v, deps));
    if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SIG_KEY] === OUTPUT_VALUE_SIG) {
            for (const d of (obj.dependencies as string[] | undefined) ?? []) deps.add(d);
            const inner = "value" in obj ? downgrade(obj.value, deps) : UNKNOWN;
            return obj.secret === true ? { [SIG_KEY]: SECRET_SIG, value: inner } : inner;
        }
        if (typeof obj[SIG_KEY] === "string") return obj;
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, downgrade(v, deps)]));
    }
    return value;
}

export interface TransformSubject {
    type: string;
    name: string;
    custom: boolean;
    parent: string | undefined;
    /** Wire-form inputs (unknown sentinel, secret wrappers). */
    inputs: Record<string, unknown>;
    propertyDependencies: Record<string, string[]>;
    options: resproto.TransformResourceOptions;
}

export interface TransformResult {
    inputs: Record<string, unknown>;
    options: resproto.TransformResourceOptions;
    /** Rebuilt as the engine does when the resource had transforms of its own; else undefined (keep the request's). */
    propertyDependencies?: Record<string, string[]>;
    dependencies?: string[];
}

/** Runs `tokens` (own, then ancestors', then stack transforms) over one registration. */
export async function applyResourceTransforms(server: CallbackServerState, tokens: string[], ownCount: number, subject: TransformSubject): Promise<TransformResult> {
    let props: Record<string, unknown> = upgrade(subject.inputs) as Record<string, unknown>;
    if (ownCount > 0) {
        props = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, withDependencies(v, subject.propertyDependencies[k] ?? [])]));
    }
    let options = subject.options;
    for (const token of tokens) {
        const request = new resproto.TransformRequest();
        request.setType(subject.type);
        request.setName(subject.name);
        request.setCustom(subject.custom);
        request.setParent(subject.parent ?? "");
        request.setProperties(new JavaScriptStruct(props));
        request.setOptions(options);
        const response = await invokeTransform<resproto.TransformResponse>(server, token, request);
        const newProps = response.getProperties();
        if (newProps) props = newProps.toJavaScript() as Record<string, unknown>;
        const newOptions = response.getOptions();
        if (newOptions) options = newOptions;
    }
    const deps = new Set<string>();
    const inputs: Record<string, unknown> = {};
    const propertyDependencies: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(props)) {
        const keyDeps = new Set<string>();
        inputs[k] = downgrade(v, keyDeps);
        propertyDependencies[k] = [...keyDeps].sort();
        keyDeps.forEach((d) => deps.add(d));
    }
    if (ownCount === 0) return { inputs, options };
    // With transforms of its own, the engine re-derives the dependencies from the transformed options
    // and output values (what a transform returned as plain values carries none).
    return { inputs, options, propertyDependencies, dependencies: [...new Set([...options.getDependsOnList(), ...deps])].sort() };
}

/** Runs the stack's invoke transforms over one invoke's arguments. */
export async function applyInvokeTransforms(server: CallbackServerState, tokens: string[], token: string, args: Record<string, unknown>, options: resproto.TransformInvokeOptions): Promise<{ args: Record<string, unknown>; options: resproto.TransformInvokeOptions }> {
    let current = upgrade(args) as Record<string, unknown>;
    let opts = options;
    for (const cb of tokens) {
        const request = new resproto.TransformInvokeRequest();
        request.setToken(token);
        request.setArgs(structproto.Struct.fromJavaScript(current as Record<string, structproto.JavaScriptValue>));
        request.setOptions(opts);
        const response = await invokeTransform<resproto.TransformInvokeResponse>(server, cb, request);
        const newArgs = response.getArgs();
        if (newArgs) current = newArgs.toJavaScript() as Record<string, unknown>;
        const newOpts = response.getOptions();
        if (newOpts) opts = newOpts;
    }
    return { args: downgrade(current, new Set()) as Record<string, unknown>, options: opts };
}
