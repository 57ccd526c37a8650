/**
 * The offline engine's resource monitor: it stands where the Pulumi engine would, answers every
 * RegisterResource / Invoke request the SDK sends, and records each request whole.
 *
 * The SDK's stock MockMonitor drops what a policy needs (dependencies, property dependencies,
 * protect, aliases...). This one keeps all of it, computes URNs the way the engine does (the root
 * stack's type is not part of its children's URNs) and answers in preview or apply semantics.
 */
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type * as aliasproto from "@pulumi/pulumi/proto/alias_pb";
import type * as callbackproto from "@pulumi/pulumi/proto/callback_pb";
import { fileURLToPath } from "url";
import { answerInvoke, computedOutputs, digest } from "./aws-fakes";
import { remoteComponentOutputs } from "./awsx-fakes";
import { applyInvokeTransforms, applyResourceTransforms, inProcessCallbackServer } from "./transforms";

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
/** The wire sentinel for a value unknown during preview (the same string the Pulumi engine uses). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Mode = "preview" | "apply";

export interface ResourceOptionsRecord {
    protect: boolean;
    retainOnDelete: boolean;
    /** Aliases resolved to full URNs. */
    aliases: string[];
    dependsOn: string[];
    ignoreChanges: string[];
    deleteBeforeReplace: boolean;
    replaceOnChanges: string[];
    additionalSecretOutputs: string[];
    deletedWith?: string;
    importId?: string;
}

/** Where a resource was declared: the nearest frame in the project's own files (not node_modules). */
export interface SourcePosition {
    /** Absolute path of the file. */
    file: string;
    line: number;
    column: number;
}

export interface ResourceRecord {
    urn: string;
    type: string;
    name: string;
    /** Parent URN; undefined only for the root stack. */
    parent?: string;
    custom: boolean;
    remote: boolean;
    /** Provider reference (`urn::id`) for custom resources. */
    provider?: string;
    /** Inputs as the engine receives them: unknowns are the UNKNOWN sentinel, secrets keep their signature wrapper. */
    inputs: Record<string, unknown>;
    /** What the engine answered (preview: the inputs; apply: inputs plus computed values). */
    outputs: Record<string, unknown>;
    id?: string;
    options: ResourceOptionsRecord;
    /** URNs this resource depends on (explicit dependsOn and every input's sources). */
    dependencies: string[];
    /** Input property -> URNs whose outputs flowed into it. */
    propertyDependencies: Record<string, string[]>;
    /** The declaring line, when the engine captured one (see run.ts). */
    sourcePosition?: SourcePosition;
}

export interface InvokeRecord {
    token: string;
    args: Record<string, unknown>;
}

type Callback<T> = (err: Error | null, resp?: T) => void;

/**
 * A response as the SDK receives it, but that prints as its type's name. The SDK interpolates every
 * response into a debug-level log message (`resp: ${innerResponse}`), which a protobuf message
 * answers by flattening all its fields, outputs included, into one string; the engine discards
 * debug messages (sdk-debug-aids.ts), so the flattening was pure cost: a few percent of a run.
 */
function printedByName<M extends object>(message: M, name: string): M {
    Object.defineProperty(message, "toString", { value: () => name });
    return message;
}

function sortedUnique(values: string[]): string[] {
    return [...new Set(values)].sort();
}

export class RecordingMonitor extends MockMonitor {
    readonly records: ResourceRecord[] = [];
    readonly invokes: InvokeRecord[] = [];
    private readonly byUrn = new Map<string, ResourceRecord>();
    private readonly providerRegions = new Map<string, string>();
    /** The SDK's callback registry, served in-process (transforms). */
    readonly callbacks = inProcessCallbackServer(this);
    /** Each registered resource's own transforms (callback tokens), which apply to its descendants too. */
    private readonly ownTransforms = new Map<string, string[]>();
    private readonly stackTransforms: string[] = [];
    private readonly stackInvokeTransforms: string[] = [];

    constructor(
        readonly project: string,
        readonly stack: string,
        readonly mode: Mode,
        readonly defaultRegion: string,
    ) {
        super({
            newResource: () => { throw new Error("unused: RecordingMonitor answers registrations itself"); },
            call: () => { throw new Error("unused: RecordingMonitor answers invokes itself"); },
        });
    }

    /** URNs as the engine builds them: the parent's type chain, except the root stack's, prefixes the type. */
    urnFor(parent: string | undefined, type: string, name: string): string {
        let qualified = type;
        if (parent) {
            const parentQualified = parent.split("::")[2];
            if (parentQualified !== ROOT_STACK_TYPE) qualified = `${parentQualified}$${type}`;
        }
        return `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`;
    }

    private regionOf(providerRef: string | undefined): string {
        if (!providerRef) return this.defaultRegion;
        const urn = providerRef.split("::").slice(0, -1).join("::");
        return this.providerRegions.get(urn) ?? this.defaultRegion;
    }

    private aliasUrns(aliases: aliasproto.Alias[], aliasUrns: string[], type: string, name: string, parent: string | undefined): string[] {
        const out: string[] = [...aliasUrns];
        for (const alias of aliases) {
            if (alias.hasUrn()) { out.push(alias.getUrn()); continue; }
            const spec = alias.getSpec();
            if (!spec) continue;
            const aliasParent = spec.getNoparent() ? undefined : (spec.getParenturn() || parent);
            const stack = spec.getStack() || this.stack;
            const project = spec.getProject() || this.project;
            const urn = this.urnFor(aliasParent, spec.getType() || type, spec.getName() || name)
                .replace(`urn:pulumi:${this.stack}::${this.project}::`, `urn:pulumi:${stack}::${project}::`);
            out.push(urn);
        }
        return sortedUnique(out);
    }

    /** The transforms that apply to a registration: its own, then each ancestor's (nearest first), then the stack's. */
    private transformChain(own: string[], parent: string | undefined): string[] {
        const chain = [...own];
        for (let p = parent; p; p = this.byUrn.get(p)?.parent) chain.push(...(this.ownTransforms.get(p) ?? []));
        return [...chain, ...this.stackTransforms];
    }

    async registerResource(req: resproto.RegisterResourceRequest, callback: Callback<resproto.RegisterResourceResponse>): Promise<void> {
        try {
            const type = req.getType();
            const name = req.getName();
            const parent = req.getParent() || undefined;
            const urn = this.urnFor(parent, type, name);
            const custom = req.getCustom();
            const remote = req.getRemote();
            // The root stack's position is wherever the host started the program: not a declaration.
            const sourcePosition = type === ROOT_STACK_TYPE ? undefined : sourcePositionOf(req);
            // What the Pulumi engine refuses, this engine refuses, before anything is recorded.
            if (parent && !this.byUrn.has(parent)) throw new Error(`could not find parent resource ${parent} (of ${type} "${name}"${describePosition(sourcePosition)})`);
            const existing = this.byUrn.get(urn);
            if (existing) {
                throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name (registered first${describePosition(existing.sourcePosition) || " earlier"}, again${describePosition(sourcePosition) || " later"})`);
            }

            let inputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
            let propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((deps, key) => {
                propertyDependencies[key] = sortedUnique(deps.getUrnsList());
            });
            let dependsOn = sortedUnique(req.getDependenciesList());
            let options = transformOptionsOf(req);

            const own = req.getTransformsList().map((cb) => cb.getToken());
            const chain = this.transformChain(own, parent);
            if (chain.length > 0) {
                const result = await applyResourceTransforms(this.callbacks, chain, own.length, { type, name, custom, parent, inputs, propertyDependencies, options });
                inputs = result.inputs;
                options = result.options;
                if (result.propertyDependencies) propertyDependencies = result.propertyDependencies;
                if (result.dependencies) dependsOn = result.dependencies;
            }
            const provider = options.getProvider() || undefined;

            let id = "";
            let outputs: Record<string, unknown> = {};
            const preview = this.mode === "preview";
            if (type.startsWith("pulumi:providers:")) {
                id = digest("provider", urn).slice(0, 36);
                outputs = inputs;
                if (typeof inputs.region === "string" && inputs.region !== UNKNOWN) this.providerRegions.set(urn, inputs.region);
            } else if (custom) {
                if (preview) {
                    outputs = inputs;
                } else {
                    const computed = computedOutputs({ type, name, urn, inputs, region: this.regionOf(provider) });
                    id = computed.id;
                    outputs = { ...inputs, ...computed.outputs };
                }
            } else if (remote) {
                // A multi-language component: its provider plugin would build its children, which cannot
                // happen offline. It is recorded (the gate lists it as unchecked); well-known ones get
                // outputs consistent with their inputs, any other gets none (unknown during preview).
                outputs = remoteComponentOutputs(type, urn, inputs, preview, this.regionOf(provider)) ?? {};
            }

            const record: ResourceRecord = {
                urn, type, name, parent, custom, remote, provider, inputs, outputs, id: id || undefined,
                options: {
                    protect: options.getProtect() === true,
                    retainOnDelete: options.getRetainOnDelete() === true,
                    aliases: this.aliasUrns(options.getAliasesList(), req.getAliasurnsList(), type, name, parent),
                    dependsOn,
                    ignoreChanges: [...options.getIgnoreChangesList()].sort(),
                    deleteBeforeReplace: options.getDeleteBeforeReplace() === true,
                    replaceOnChanges: [...options.getReplaceOnChangesList()].sort(),
                    additionalSecretOutputs: [...options.getAdditionalSecretOutputsList()].sort(),
                    deletedWith: options.getDeletedWith() || undefined,
                    importId: options.getImport() || undefined,
                },
                dependencies: sortedUnique([...dependsOn, ...Object.values(propertyDependencies).flat()]),
                propertyDependencies,
                ...(sourcePosition ? { sourcePosition } : {}),
            };
            this.records.push(record);
            this.byUrn.set(urn, record);
            this.ownTransforms.set(urn, own);

            const response = printedByName(new resproto.RegisterResourceResponse(), "RegisterResourceResponse");
            response.setUrn(urn);
            response.setId(id);
            response.setObject(structproto.Struct.fromJavaScript(outputs as Record<string, structproto.JavaScriptValue>));
            callback(null, response);
        } catch (err) {
            callback(err as Error);
        }
    }

    registerStackTransform(req: callbackproto.Callback, callback: Callback<unknown>): void {
        this.stackTransforms.push(req.getToken());
        callback(null, {});
    }

    registerStackInvokeTransform(req: callbackproto.Callback, callback: Callback<unknown>): void {
        this.stackInvokeTransforms.push(req.getToken());
        callback(null, {});
    }

    registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, callback: Callback<unknown>): void {
        const record = this.byUrn.get(req.getUrn());
        if (record) record.outputs = (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        callback(null, {});
    }

    async invoke(req: resproto.ResourceInvokeRequest, callback: Callback<resproto.ResourceInvokeResponse>): Promise<void> {
        try {
            const token = req.getTok();
            let args = (req.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
            let provider = req.getProvider() || undefined;
            if (this.stackInvokeTransforms.length > 0) {
                const options = new resproto.TransformInvokeOptions();
                options.setProvider(req.getProvider());
                options.setVersion(req.getVersion());
                options.setPluginDownloadUrl(req.getPlugindownloadurl());
                const transformed = await applyInvokeTransforms(this.callbacks, this.stackInvokeTransforms, token, args, options);
                args = transformed.args;
                provider = transformed.options.getProvider() || undefined;
            }
            this.invokes.push({ token, args });
            const result = answerInvoke(token, args, this.regionOf(provider));
            const response = printedByName(new resproto.ResourceInvokeResponse(), "ResourceInvokeResponse");
            response.setReturn(structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(result))));
            callback(null, response);
        } catch (err) {
            // The SDK reports a failed invoke by the gRPC error's `details` (what the engine sends).
            const e = err instanceof Error ? err : new Error(String(err));
            callback(Object.assign(e, { details: e.message, code: 2 /* grpc UNKNOWN */ }));
        }
    }

    async readResource(req: resproto.ReadResourceRequest, callback: Callback<resproto.ReadResourceResponse>): Promise<void> {
        try {
            const urn = this.urnFor(req.getParent() || undefined, req.getType(), req.getName());
            const inputs = (req.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
            const computed = computedOutputs({ type: req.getType(), name: req.getName(), urn, inputs, region: this.regionOf(req.getProvider() || undefined) });
            const response = printedByName(new resproto.ReadResourceResponse(), "ReadResourceResponse");
            response.setUrn(urn);
            response.setProperties(structproto.Struct.fromJavaScript({ ...inputs, ...computed.outputs } as Record<string, structproto.JavaScriptValue>));
            callback(null, response);
        } catch (err) {
            callback(err as Error);
        }
    }
}

/** The options of a registration as the engine hands them to transforms (TransformResourceOptions). */
function transformOptionsOf(req: resproto.RegisterResourceRequest): resproto.TransformResourceOptions {
    const o = new resproto.TransformResourceOptions();
    o.setDependsOnList(req.getDependenciesList());
    if (req.getProtect() !== undefined) o.setProtect(req.getProtect() as boolean);
    o.setIgnoreChangesList(req.getIgnorechangesList());
    o.setReplaceOnChangesList(req.getReplaceonchangesList());
    o.setVersion(req.getVersion());
    o.setAliasesList(req.getAliasesList());
    o.setProvider(req.getProvider());
    req.getProvidersMap().forEach((v, k) => o.getProvidersMap().set(k, v));
    if (req.hasCustomtimeouts()) o.setCustomTimeouts(req.getCustomtimeouts());
    o.setPluginDownloadUrl(req.getPlugindownloadurl());
    if (req.getRetainondelete() !== undefined) o.setRetainOnDelete(req.getRetainondelete() as boolean);
    o.setDeletedWith(req.getDeletedwith());
    if (req.getDeletebeforereplacedefined() || req.getDeletebeforereplace()) o.setDeleteBeforeReplace(req.getDeletebeforereplace());
    o.setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList());
    o.setImport(req.getImportid());
    o.setHideDiffList(req.getHidediffsList());
    o.setReplaceWithList(req.getReplaceWithList());
    return o;
}

function sourcePositionOf(req: resproto.RegisterResourceRequest): SourcePosition | undefined {
    const pos = req.getSourceposition();
    if (!pos || !pos.getUri()) return undefined;
    const uri = pos.getUri();
    return { file: uri.startsWith("file:") ? fileURLToPath(uri) : uri, line: pos.getLine(), column: pos.getColumn() };
}

function describePosition(pos: SourcePosition | undefined): string {
    if (!pos) return "";
    const rel = pos.file.startsWith(process.cwd() + "/") ? pos.file.slice(process.cwd().length + 1) : pos.file;
    return ` at ${rel}:${pos.line}:${pos.column}`;
}
