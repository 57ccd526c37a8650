// Loads only the parts of @pulumi/pulumi that the offline engine runs. The SDK's entry loads, at
// start-up, the Automation API and the closure serializer, and through them the TypeScript compiler and
// npm's arborist, pacote and sigstore: about 900 modules, half the gate's module-loading time, for code
// that only `pulumi.dynamic` providers, `aws.lambda.CallbackFunction` and Automation API programs call.
//
// Each module listed in DEFERRED is put in Node's module cache as a stand-in before the SDK loads:
// the SDK's entry gets the stand-in, and the real module is loaded the first time anything is used
// from it (a listed function is called, or any other property is read), so a program that does use
// one still works, only slower. Nothing is replaced once the SDK is loaded, and PLATFORM_LEAN_SDK=0
// turns this off. tests/engine/lean-sdk.test.ts fails when an SDK upgrade moves these parts (a gate
// run loads a forbidden module again) or renames a listed function.
//
// It also loads three SDK files with exact passages replaced, so that a registration in flight holds
// about 60 % less (a bucket: 94 KiB to 37 KiB), all of it promise machinery for values nobody reads yet:
// - output.js (OUTPUT_CHANGES): the Output class builds the chains behind isKnown, isSecret,
//   allResources() and promise() when one is first used rather than for every Output; it stays in
//   V8's fast object layout, and shares its Proxy handler, toString and toJSON.
// - runtime/rpc.js (TRANSFER_CHANGES) and runtime/resource.js (URN_AND_ID_CHANGES): a resource's
//   output properties, urn and id settle their value, knownness, secrecy and dependencies together
//   (one LeanSettlement for all four), promised only when the lean Output first builds its chains.
// What every member gives is unchanged, and so is a failure: when an Output's value rejects, its
// isKnown and isSecret chains are built at once, so the same error reaches whoever awaits them, or
// goes unhandled, as with the SDK's own. (Every Output the SDK builds takes its value, knownness,
// secrecy and resources from one source, which rejects them together; an Output built by hand, through
// the constructor the SDK's typings keep internal, whose knownness alone rejects, reports that
// rejection once rather than twice.) If any passage is not found exactly once in the installed SDK,
// the files are loaded as installed (the rpc.js and resource.js changes only with output.js's).
// Only the offline engine loads them (the Pulumi CLI runs the SDK as installed);
// tests/engine/lean-sdk.test.ts fails when an SDK upgrade changes a passage, and compares what
// Outputs give and what programs register with the SDK's own files.
"use strict";
const fs = require("fs");
const path = require("path");
const Module = require("module");

/** The mark (a registered symbol's key) of a LeanSettlement (runtime/rpc.js), which the lean Output recognizes. */
const SETTLES_WITH_VALUE = "platform.leanSdk.settlesWithValue";

/** SDK modules (paths inside @pulumi/pulumi) deferred until first use, with the functions the SDK reads from them as it loads. */
const DEFERRED = [
    { module: "automation/index.js", functions: [], why: "the Automation API (drives the Pulumi CLI)" },
    {
        module: "runtime/closure/serializeClosure.js", functions: ["serializeFunction", "serializeFunctionAsync"],
        why: "closure serialization (pulumi.dynamic providers, aws.lambda.CallbackFunction); loads the TypeScript compiler",
    },
    { module: "runtime/closure/codePaths.js", functions: ["computeCodePaths"], why: "a Lambda archive's code paths; loads npm's arborist, pacote and sigstore" },
];

/** Files of deferred modules that have been loaded for real in this thread. */
const loadedForReal = [];

function sdkRoot(fromDir) {
    try {
        return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [fromDir] }));
    } catch {
        return undefined;
    }
}

function standIn(filename, functions) {
    const stub = new Module(filename, null);
    stub.filename = filename;
    stub.paths = Module._nodeModulePaths(path.dirname(filename));
    stub.loaded = true;
    let real;
    const load = () => {
        if (real === undefined) {
            if (require.cache[filename] === stub) delete require.cache[filename];
            real = require(filename);
            loadedForReal.push(filename);
        }
        return real;
    };
    const target = { __esModule: true };
    for (const name of functions) {
        target[name] = function deferred(...args) {
            const fn = load()[name];
            if (typeof fn !== "function") {
                throw new Error(`@pulumi/pulumi ${path.relative(path.dirname(path.dirname(filename)), filename)} no longer exports a function ${name} (an SDK upgrade moved it): update engine/lean-sdk.js`);
            }
            return fn.apply(this, args);
        };
    }
    const own = (k) => Object.prototype.hasOwnProperty.call(target, k);
    stub.exports = new Proxy(target, {
        get: (t, k) => (own(k) ? t[k] : Reflect.get(load(), k)),
        has: (t, k) => own(k) || k in load(),
        ownKeys: (t) => [...new Set([...Reflect.ownKeys(t), ...Reflect.ownKeys(load())])],
        getOwnPropertyDescriptor: (t, k) => {
            const d = own(k) ? Reflect.getOwnPropertyDescriptor(t, k) : Reflect.getOwnPropertyDescriptor(load(), k);
            return d === undefined ? undefined : { ...d, configurable: true };
        },
    });
    return stub;
}

/** The lines of OutputImpl's constructor (output.js) that build its promise chains, exactly as the SDK has them. */
const EAGER_OUTPUT = `        const resourcesCopy = copyResources(resources);
        // Create a copy of the async resources.  Populate this with the sync-resources if that's
        // all we have.  That way this is always ensured to be a superset of the list of sync resources.
        allResources = allResources || Promise.resolve([]);
        const allResourcesCopy = allResources.then((r) => utils.union(copyResources(r), resourcesCopy));
        // We are only known if we are not explicitly unknown and the resolved value of the output
        // contains no distinguished unknown values.
        isKnown = Promise.all([isKnown, promise]).then(([known, val]) => known && !containsUnknowns(val));
        const lifted = Promise.all([allResourcesCopy, promise, isKnown, isSecret]).then(([liftedResources, value, liftedIsKnown, liftedIsSecret]) => liftInnerOutput(liftedResources, value, liftedIsKnown, liftedIsSecret));
        this.resources = () => resourcesCopy;
        this.allResources = () => lifted.then((l) => l.allResources);
        this.isKnown = lifted.then((l) => l.isKnown);
        this.isSecret = lifted.then((l) => l.isSecret);
        this.promise = (withUnknowns) => OutputImpl.getPromisedValue(lifted.then((l) => l.value), withUnknowns);
`;

/**
 * The same chains, each built on first use; a rejected value builds isKnown's and isSecret's at once
 * (see the header). What the chains need is kept in private fields, and isKnown and isSecret are
 * accessors whose functions every Output shares: V8 keeps such objects in its fast layout, as the
 * SDK's own Output, where an accessor of its own per Output turns each one into a hash table of
 * about 450 bytes. Assigning isKnown or isSecret makes it a data property, as it is on the SDK's
 * class. The Set that resources() returns is copied from an array or Set given at construction, as
 * the SDK copies it; one made of a single resource (every resource property's Output) is made the
 * first time resources() is called, there being nothing to copy.
 */
const LAZY_OUTPUT = `        // The offline engine's lean Output (engine/lean-sdk.js): the chains below are built on first use.
        this.#resourcesIn = resources;
        if (Array.isArray(resources) || resources instanceof Set) this.#resourcesCopy = copyResources(resources);
        this.#allResourcesIn = allResources;
        this.#promiseIn = promise;
        this.#isKnownIn = isKnown;
        this.#isSecretIn = isSecret;
        // (A transferred property's failure builds them itself, without a reaction per property: LAZY_TRANSFER.)
        if (typeof promise?.then === "function" && !isKnown?.[leanSettlesWithValue]) promise.then(undefined, () => { this.#knownPromise(); this.#secretPromise(); });
        this.resources = () => this.#resources();
        this.allResources = () => this.#lift().then((l) => l.allResources);
        Object.defineProperty(this, "isKnown", OutputImpl.#isKnownAccessor);
        Object.defineProperty(this, "isSecret", OutputImpl.#isSecretAccessor);
        this.promise = (withUnknowns) => OutputImpl.getPromisedValue(this.#lift().then((l) => l.value), withUnknowns);
`;

/** The lean Output's private members, declared first in the class body (LAZY_OUTPUT uses them). */
const LEAN_OUTPUT_MEMBERS = `    // The offline engine's lean Output (engine/lean-sdk.js): the constructor's inputs, and what is built from them on first use.
    #resourcesIn;
    #resourcesCopy;
    #allResourcesIn;
    #promiseIn;
    #isKnownIn;
    #isSecretIn;
    #lifted;
    #liftedIsKnown;
    #liftedIsSecret;
    #resources() {
        return this.#resourcesCopy || (this.#resourcesCopy = copyResources(this.#resourcesIn));
    }
    #lift() {
        if (this.#lifted) return this.#lifted;
        const promise = this.#promiseIn;
        const resourcesCopy = this.#resources();
        // A resource's property, urn or id: one LeanSettlement stands for all four inputs, which settle together, and
        // one promise of all four gives what the four-way Promise.all below gives, computed the same way.
        if (promise?.[leanSettlesWithValue] && this.#isKnownIn === promise && this.#isSecretIn === promise && this.#allResourcesIn === promise) {
            return (this.#lifted = promise.promise(-1).then(([value, known, secret, deps]) =>
                liftInnerOutput(utils.union(copyResources(deps), resourcesCopy), value, known && !containsUnknowns(value), secret)));
        }
        return (this.#lifted = Promise.all([
            (this.#allResourcesIn || Promise.resolve([])).then((r) => utils.union(copyResources(r), resourcesCopy)),
            promise,
            Promise.all([this.#isKnownIn, promise]).then(([known, val]) => known && !containsUnknowns(val)),
            this.#isSecretIn,
        ]).then(([liftedResources, value, liftedKnown, liftedSecret]) => liftInnerOutput(liftedResources, value, liftedKnown, liftedSecret)));
    }
    #knownPromise() {
        return this.#liftedIsKnown || (this.#liftedIsKnown = this.#lift().then((l) => l.isKnown));
    }
    #secretPromise() {
        return this.#liftedIsSecret || (this.#liftedIsSecret = this.#lift().then((l) => l.isSecret));
    }
    static #dataProperty(target, name, value) {
        Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
    }
    static #isKnownAccessor = {
        get() { return this.#knownPromise(); },
        set(value) { OutputImpl.#dataProperty(this, "isKnown", value); },
        enumerable: true, configurable: true,
    };
    static #isSecretAccessor = {
        get() { return this.#secretPromise(); },
        set(value) { OutputImpl.#dataProperty(this, "isSecret", value); },
        enumerable: true, configurable: true,
    };
`;

/**
 * The Proxy every Output is wrapped in (which lifts property reads into `apply`), and its toString and
 * toJSON (which only explain why an Output has no string or JSON form): none reads anything of the
 * Output it was made for, so the lean output.js makes each once instead of once per Output.
 */
const SHARED_PROXY_HANDLER = [
    { eager: "class OutputImpl {\n", lean: `// The offline engine's lean Output (engine/lean-sdk.js): one Proxy handler, toString and toJSON for every Output.\nlet sharedProxyHandler, sharedToString, sharedToJSON;\nconst leanSettlesWithValue = Symbol.for("${SETTLES_WITH_VALUE}");\nclass OutputImpl {\n${LEAN_OUTPUT_MEMBERS}` },
    // Made by a static method, outside any Output's scope: a function made in the constructor would keep
    // the first Output (and through its resources a whole run's resources) alive for good. (0, ...) keeps
    // the functions as anonymous as the SDK's own (an assignment to a name would name them).
    {
        eager: "        this.toString = () => {\n",
        lean: "        if (!sharedProxyHandler) OutputImpl.#makeShared();\n        this.toString = sharedToString;\n        this.toJSON = sharedToJSON;\n"
            + "        return new Proxy(this, sharedProxyHandler);\n    }\n    static #makeShared() {\n        sharedToString = (0, () => {\n",
    },
    { eager: "            return message;\n        };\n        this.toJSON = () => {\n", lean: "            return message;\n        });\n        sharedToJSON = (0, () => {\n" },
    { eager: "            return message;\n        };\n        return new Proxy(this, {\n", lean: "            return message;\n        });\n        sharedProxyHandler = {\n" },
    { eager: "            },\n        });\n    }\n    static create(val) {\n", lean: "            },\n        };\n    }\n    static create(val) {\n" },
];

/** The changes to output.js: each an exact passage of the SDK's and its replacement. */
const OUTPUT_CHANGES = [{ eager: EAGER_OUTPUT, lean: LAZY_OUTPUT }, ...SHARED_PROXY_HANDLER];

/** The per-property passage of transferProperties (runtime/rpc.js) that makes a resource property's four promises, exactly as the SDK has it. */
const EAGER_TRANSFER = `        let resolveValue;
        let rejectValue;
        let resolveIsKnown;
        let rejectIsKnown;
        let resolveIsSecret;
        let rejectIsSecret;
        let resolveDeps;
        let rejectDeps;
        resolvers[k] = (v, isKnown, isSecret, deps = [], err) => {
            if (err) {
                if (errors_1.isGrpcError(err)) {
                    if (debuggable_1.debugPromiseLeaks) {
                        console.error("info: skipped rejection in transferProperties");
                    }
                    return;
                }
                rejectValue(err);
                rejectIsKnown(err);
                rejectIsSecret(err);
                rejectDeps(err);
            }
            else {
                resolveValue(v);
                resolveIsKnown(isKnown);
                resolveIsSecret(isSecret);
                resolveDeps(deps);
            }
        };
        const propString = output_1.Output.isInstance(props[k]) ? "Output<T>" : safeToString(props[k]);
        onto[k] = new output_1.Output(onto, debuggable_1.debuggablePromise(new Promise((resolve, reject) => {
            resolveValue = resolve;
            rejectValue = reject;
        }), \`transferProperty(\${label}, \${k}, \${propString})\`), debuggable_1.debuggablePromise(new Promise((resolve, reject) => {
            resolveIsKnown = resolve;
            rejectIsKnown = reject;
        }), \`transferIsStable(\${label}, \${k}, \${propString})\`), debuggable_1.debuggablePromise(new Promise((resolve, reject) => {
            resolveIsSecret = resolve;
            rejectIsSecret = reject;
        }), \`transferIsSecret(\${label}, \${k}, \${propString})\`), debuggable_1.debuggablePromise(new Promise((resolve, reject) => {
            resolveDeps = resolve;
            rejectDeps = reject;
        }), \`transferDeps(\${label}, \${k}, \${propString})\`));
`;

/**
 * The same, making no promise: the four settle together (LeanSettlement, placed before
 * transferProperties), promised once, for all four, when the lean Output first builds its chains. A
 * resource has a transferred property per output property (a bucket has 32), all of them in flight
 * until its registration completes, and most are never read before then: their four promises (with
 * eight resolving functions) were about a third of the memory a registration holds in flight. What
 * the Output gives, and how a failed registration fails it, is unchanged.
 */
const LAZY_TRANSFER = `        // The offline engine's lean transfer (engine/lean-sdk.js): the four settle together, promised when first asked for.
        const settlement = new LeanSettlement();
        resolvers[k] = (v, isKnown, isSecret, deps = [], err) => (err
            ? settlement.fail(err, output, "transferProperties")
            : settlement.settle(true, [v, isKnown, isSecret, deps]));
        // The SDK formats the value for its promises' debugging labels: a value whose formatting throws fails here as there.
        if (!output_1.Output.isInstance(props[k])) safeToString(props[k]);
        const output = onto[k] = new output_1.Output(onto, settlement, settlement, settlement, settlement);
`;

/** The changes to runtime/rpc.js: the lean transfer, and the classes it uses (exported for LAZY_URN_AND_ID). */
const TRANSFER_CHANGES = [
    { eager: EAGER_TRANSFER, lean: LAZY_TRANSFER },
    { eager: "function transferProperties(onto, label, props) {\n", lean: `/**
 * The offline engine's lean transfer (engine/lean-sdk.js): values that settle together (a property's
 * value, knownness, secrecy and dependencies), each promised only when first asked for. One stands
 * for all four inputs of the lean Output it is made for, which recognizes it (it is marked, and is
 * all four) and lifts from it; as a thenable it is its value, which nothing here awaits. The SDK
 * settles it with deserialized values, never a promise, so unlike a promise it adopts none.
 */
class LeanSettlement {
    constructor() {
        this.settled = undefined;
        this.waiting = undefined;
    }
    settle(ok, payload) {
        if (this.settled) return;
        this.settled = { ok, payload };
        const waiting = this.waiting;
        this.waiting = undefined;
        if (waiting) for (const w of waiting) ok ? w.resolve(w.index < 0 ? payload : payload[w.index]) : w.reject(payload);
    }
    /**
     * Fails them, as the SDK's resolvers fail their promises: not for a gRPC error (the engine went
     * away, and the SDK reports that itself). The Output's isKnown and isSecret fail too, as the lean
     * Output's rejection watcher has them fail for other Outputs.
     */
    fail(err, output, resolver) {
        if (errors_1.isGrpcError(err)) {
            if (debuggable_1.debugPromiseLeaks) {
                console.error(\`info: skipped rejection in \${resolver}\`);
            }
            return;
        }
        this.settle(false, err);
        void output.isKnown;
        void output.isSecret;
    }
    /** A promise of one of the values, or (index -1) of all of them, as an array. */
    promise(index) {
        const settled = this.settled;
        if (settled) return settled.ok ? Promise.resolve(index < 0 ? settled.payload : settled.payload[index]) : Promise.reject(settled.payload);
        return new Promise((resolve, reject) => (this.waiting || (this.waiting = [])).push({ index, resolve, reject }));
    }
    then(onFulfilled, onRejected) {
        return this.promise(0).then(onFulfilled, onRejected);
    }
}
LeanSettlement.prototype[Symbol.for("${SETTLES_WITH_VALUE}")] = true;
exports.LeanSettlement = LeanSettlement;
function transferProperties(onto, label, props) {\n` },
];

/** The passage of prepareResource (runtime/resource.js) that makes a resource's urn and id Outputs, exactly as the SDK has it. */
const EAGER_URN_AND_ID = `    let resolveURN;
    {
        let resolveValue;
        let rejectValue;
        let resolveIsKnown;
        let rejectIsKnown;
        res.urn = new output_1.Output(res, debuggable_1.debuggablePromise(new Promise((resolve, reject) => {
            resolveValue = resolve;
            rejectValue = reject;
        }), \`resolveURN(\${label})\`), debuggable_1.debuggablePromise(new Promise((resolve, reject) => {
            resolveIsKnown = resolve;
            rejectIsKnown = reject;
        }), \`resolveURNIsKnown(\${label})\`), 
        /*isSecret:*/ Promise.resolve(false), Promise.resolve(res));
        resolveURN = (v, err) => {
            if (err) {
                if (errors_1.isGrpcError(err)) {
                    if (debuggable_1.debugPromiseLeaks) {
                        console.error("info: skipped rejection in resolveURN");
                    }
                    return;
                }
                rejectValue(err);
                rejectIsKnown(err);
            }
            else {
                resolveValue(v);
                resolveIsKnown(true);
            }
        };
    }
    // If a custom resource, make room for the ID property.
    let resolveID;
    if (custom) {
        let resolveValue;
        let rejectValue;
        let resolveIsKnown;
        let rejectIsKnown;
        res.id = new output_1.Output(res, debuggable_1.debuggablePromise(new Promise((resolve, reject) => {
            resolveValue = resolve;
            rejectValue = reject;
        }), \`resolveID(\${label})\`), debuggable_1.debuggablePromise(new Promise((resolve, reject) => {
            resolveIsKnown = resolve;
            rejectIsKnown = reject;
        }), \`resolveIDIsKnown(\${label})\`), Promise.resolve(false), Promise.resolve(res));
        resolveID = (v, isKnown, err) => {
            if (err) {
                if (errors_1.isGrpcError(err)) {
                    if (debuggable_1.debugPromiseLeaks) {
                        console.error("info: skipped rejection in resolveID");
                    }
                    return;
                }
                rejectValue(err);
                rejectIsKnown(err);
            }
            else {
                resolveValue(v);
                resolveIsKnown(isKnown);
            }
        };
    }
`;

/** The same, settled as a transferred property is (LAZY_TRANSFER), its secrecy (false) and dependencies (the resource) with its value: four promises fewer per Output. */
const LAZY_URN_AND_ID = `    // The offline engine's lean URN and ID (engine/lean-sdk.js): each value, knownness, secrecy and dependencies settle together, promised when first asked for.
    let resolveURN;
    {
        const settlement = new rpc_1.LeanSettlement();
        const urn = res.urn = new output_1.Output(res, settlement, settlement, 
        /*isSecret:*/ settlement, settlement);
        resolveURN = (v, err) => (err ? settlement.fail(err, urn, "resolveURN") : settlement.settle(true, [v, true, false, res]));
    }
    // If a custom resource, make room for the ID property.
    let resolveID;
    if (custom) {
        const settlement = new rpc_1.LeanSettlement();
        const id = res.id = new output_1.Output(res, settlement, settlement, settlement, settlement);
        resolveID = (v, isKnown, err) => (err ? settlement.fail(err, id, "resolveID") : settlement.settle(true, [v, isKnown, false, res]));
    }
`;

/** The changes to runtime/resource.js. */
const URN_AND_ID_CHANGES = [{ eager: EAGER_URN_AND_ID, lean: LAZY_URN_AND_ID }];

/** `source` with every change made, or undefined when any passage is not (exactly once) the one it was written against. */
function withChanges(source, changes) {
    let out = source;
    for (const { eager, lean } of changes) {
        const at = out.indexOf(eager);
        if (at < 0 || out.indexOf(eager, at + 1) >= 0) return undefined;
        out = out.slice(0, at) + lean + out.slice(at + eager.length);
    }
    return out;
}

/** The lean output.js, or undefined when the SDK's is not the one OUTPUT_CHANGES were written against. */
function leanOutputSource(source) {
    return withChanges(source, OUTPUT_CHANGES);
}

/** The lean runtime/rpc.js, or undefined when the SDK's is not the one TRANSFER_CHANGES were written against. */
function leanTransferSource(source) {
    return withChanges(source, TRANSFER_CHANGES);
}

/** The lean runtime/resource.js, or undefined when the SDK's is not the one URN_AND_ID_CHANGES were written against. */
function leanUrnAndIdSource(source) {
    return withChanges(source, URN_AND_ID_CHANGES);
}

/** SDK files loaded lean in this thread. */
const leanLoaded = [];

/**
 * The lean sources of the SDK under `root`, by file: output.js when its passages are found, and
 * runtime/rpc.js and runtime/resource.js when theirs are too (their thenables are written for the
 * lean Output's use of them, and resource.js uses rpc.js's) and the SDK's promise-leak report is off
 * (PULUMI_DEBUG_PROMISE_LEAKS: it tracks every promise of a registration, which these do not make).
 */
function leanSources(root) {
    const sources = new Map();
    const file = (relative) => path.join(root, relative);
    const output = leanOutputSource(fs.readFileSync(file("output.js"), "utf8"));
    if (output === undefined) return sources;
    sources.set(file("output.js"), output);
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return sources;
    const rpc = leanTransferSource(fs.readFileSync(file("runtime/rpc.js"), "utf8"));
    const resource = leanUrnAndIdSource(fs.readFileSync(file("runtime/resource.js"), "utf8"));
    if (rpc === undefined || resource === undefined) return sources;
    sources.set(file("runtime/rpc.js"), rpc);
    sources.set(file("runtime/resource.js"), resource);
    return sources;
}

/** The SDK files loaded lean (leanSources), inside @pulumi/pulumi. */
const LEAN_FILES = ["output.js", "runtime/rpc.js", "runtime/resource.js"];

/** Loads the SDK's LEAN_FILES lean (leanSources) the first time each is required. */
function loadLean(root) {
    const pending = new Set(LEAN_FILES.map((f) => path.join(root, f)));
    const loadJs = Module._extensions[".js"];
    let sources;
    // Left in place once used (a hook installed after this one would be lost if it were unwound); from then on it only passes through.
    Module._extensions[".js"] = function loadJsOrLean(module, file) {
        if (!pending.delete(file)) return loadJs.call(this, module, file);
        sources = sources || leanSources(root);
        const lean = sources.get(file);
        if (lean === undefined) return loadJs.call(this, module, file);
        leanLoaded.push(file);
        return module._compile(lean, file);
    };
}

/** Puts the stand-ins in place for the @pulumi/pulumi that `fromDir` resolves, unless it is already loaded. */
function install(fromDir = __dirname) {
    if (process.env.PLATFORM_LEAN_SDK === "0") return false;
    const root = sdkRoot(fromDir);
    if (root === undefined || require.cache[path.join(root, "index.js")]) return false;
    for (const { module, functions } of DEFERRED) {
        const filename = path.join(root, module);
        if (!require.cache[filename]) require.cache[filename] = standIn(filename, functions);
    }
    if (LEAN_FILES.every((f) => !require.cache[path.join(root, f)])) loadLean(root);
    return true;
}

install();

module.exports = {
    install, DEFERRED, loadedForReal, leanOutputSource, leanTransferSource, leanUrnAndIdSource, leanLoaded, LEAN_FILES,
    OUTPUT_CHANGES, TRANSFER_CHANGES, URN_AND_ID_CHANGES,
};
