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
import { answerInvoke, computedOutputs, digest } from "./aws-fakes";
import { remoteComponentOutputs } from "./awsx-fakes";

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
}

export interface InvokeRecord {
    token: string;
    args: Record<string, unknown>;
}

type Callback<T> = (err: Error | null, resp?: T) => void;

function sortedUnique(values: string[]): string[] {
    return [...new Set(values)].sort();
}

export class RecordingMonitor extends MockMonitor {
    readonly records: ResourceRecord[] = [];
    readonly invokes: InvokeRecord[] = [];
    private readonly byUrn = new Map<string, ResourceRecord>();
    private readonly providerRegions = new Map<string, string>();

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

    private aliasUrns(req: resproto.RegisterResourceRequest, type: string, name: string, parent: string | undefined): string[] {
        const out: string[] = [...req.getAliasurnsList()];
        for (const alias of req.getAliasesList()) {
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

    async registerResource(req: resproto.RegisterResourceRequest, callback: Callback<resproto.RegisterResourceResponse>): Promise<void> {
        try {
            const type = req.getType();
            const name = req.getName();
            const parent = req.getParent() || undefined;
            const urn = this.urnFor(parent, type, name);
            const inputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
            const custom = req.getCustom();
            const remote = req.getRemote();
            const provider = req.getProvider() || undefined;
            const propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((deps, key) => {
                propertyDependencies[key] = sortedUnique(deps.getUrnsList());
            });
            const dependsOn = sortedUnique(req.getDependenciesList());
            if (this.byUrn.has(urn)) {
                throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
            }

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
                const fake = remoteComponentOutputs(type, urn, inputs, preview, this.regionOf(provider));
                if (!fake) throw new Error(`the offline engine cannot construct the remote component ${type}; add its outputs to engine/awsx-fakes.ts`);
                outputs = fake;
            }

            const record: ResourceRecord = {
                urn, type, name, parent, custom, remote, provider, inputs, outputs, id: id || undefined,
                options: {
                    protect: req.getProtect() === true,
                    retainOnDelete: req.getRetainondelete() === true,
                    aliases: this.aliasUrns(req, type, name, parent),
                    dependsOn,
                    ignoreChanges: [...req.getIgnorechangesList()].sort(),
                    deleteBeforeReplace: req.getDeletebeforereplace(),
                    replaceOnChanges: [...req.getReplaceonchangesList()].sort(),
                    additionalSecretOutputs: [...req.getAdditionalsecretoutputsList()].sort(),
                    deletedWith: req.getDeletedwith() || undefined,
                    importId: req.getImportid() || undefined,
                },
                dependencies: sortedUnique([...dependsOn, ...Object.values(propertyDependencies).flat()]),
                propertyDependencies,
            };
            this.records.push(record);
            this.byUrn.set(urn, record);

            const response = new resproto.RegisterResourceResponse();
            response.setUrn(urn);
            response.setId(id);
            response.setObject(structproto.Struct.fromJavaScript(outputs as Record<string, structproto.JavaScriptValue>));
            callback(null, response);
        } catch (err) {
            callback(err as Error);
        }
    }

    registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, callback: Callback<unknown>): void {
        const record = this.byUrn.get(req.getUrn());
        if (record) record.outputs = (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        callback(null, {});
    }

    async invoke(req: resproto.ResourceInvokeRequest, callback: Callback<resproto.ResourceInvokeResponse>): Promise<void> {
        try {
            const token = req.getTok();
            const args = (req.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
            this.invokes.push({ token, args });
            const result = answerInvoke(token, args, this.regionOf(req.getProvider() || undefined));
            const response = new resproto.ResourceInvokeResponse();
            response.setReturn(structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(result))));
            callback(null, response);
        } catch (err) {
            callback(err as Error);
        }
    }

    async readResource(req: resproto.ReadResourceRequest, callback: Callback<resproto.ReadResourceResponse>): Promise<void> {
        try {
            const urn = this.urnFor(req.getParent() || undefined, req.getType(), req.getName());
            const inputs = (req.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
            const computed = computedOutputs({ type: req.getType(), name: req.getName(), urn, inputs, region: this.regionOf(req.getProvider() || undefined) });
            const response = new resproto.ReadResourceResponse();
            response.setUrn(urn);
            response.setProperties(structproto.Struct.fromJavaScript({ ...inputs, ...computed.outputs } as Record<string, structproto.JavaScriptValue>));
            callback(null, response);
        } catch (err) {
            callback(err as Error);
        }
    }
}
