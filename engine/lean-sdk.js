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
// It also loads the SDK's Output class with lazy promise chains (LAZY_OUTPUT below): the same class,
// whose constructor builds the chains behind isKnown, isSecret, allResources() and promise() when one
// of them is first used rather than for every Output. A resource has an Output per output property,
// and most are never read; their eager chains (about ten promises and a dozen closures each) were
// about a fifth of a run's CPU and a quarter of its peak memory, all live while registrations are in flight.
// What every member gives is unchanged, and so is a failure: when an Output's value rejects, its
// isKnown and isSecret chains are built at once, so the same error reaches whoever awaits them, or
// goes unhandled, as with the eager class. (Every Output the SDK builds takes its value, knownness,
// secrecy and resources from one source, which rejects them together; an Output built by hand, through
// the constructor the SDK's typings keep internal, whose knownness alone rejects, reports that
// rejection once rather than twice.) Only the offline engine loads it (the Pulumi CLI runs the SDK as
// installed); tests/engine/lean-sdk.test.ts fails when an SDK upgrade changes the constructor, and
// compares what programs register with the SDK's own class.
"use strict";
const fs = require("fs");
const path = require("path");
const Module = require("module");

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
        if (typeof promise?.then === "function") promise.then(undefined, () => { this.#knownPromise(); this.#secretPromise(); });
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
 * The Proxy every Output is wrapped in (which lifts property reads into `apply`): its handler reads
 * nothing but its own arguments, so the lean output.js builds it once instead of once per Output.
 */
const SHARED_PROXY_HANDLER = [
    { eager: "class OutputImpl {\n", lean: `let sharedProxyHandler; // the offline engine's lean Output (engine/lean-sdk.js): one handler for every Output\nclass OutputImpl {\n${LEAN_OUTPUT_MEMBERS}` },
    { eager: "        return new Proxy(this, {\n", lean: "        return new Proxy(this, sharedProxyHandler || (sharedProxyHandler = {\n" },
    { eager: "            },\n        });\n    }\n    static create(val) {\n", lean: "            },\n        }));\n    }\n    static create(val) {\n" },
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
 * The same, making one promise (the value's) and settling the other three with it, each made into a
 * promise when the lean Output first builds its chains: the knownness, secrecy and dependencies of
 * most resource properties are never asked for. A resource has a transferred property per output
 * property (a bucket has 32), each of them in flight until its registration completes, and the three
 * promises spared (with their six resolving functions) were about a third of the memory a
 * registration holds then. What the Output gives, and how a failed registration fails it, is unchanged.
 */
const LAZY_TRANSFER = `        // The offline engine's lean transfer (engine/lean-sdk.js): the value's promise, and the rest settled with it.
        let resolveValue;
        let rejectValue;
        const rest = new LeanTransferredRest();
        resolvers[k] = (v, isKnown, isSecret, deps = [], err) => {
            if (err) {
                if (errors_1.isGrpcError(err)) {
                    if (debuggable_1.debugPromiseLeaks) {
                        console.error("info: skipped rejection in transferProperties");
                    }
                    return;
                }
                rejectValue(err);
                rest.settle(false, err);
            }
            else {
                resolveValue(v);
                rest.settle(true, [isKnown, isSecret, deps]);
            }
        };
        const propString = output_1.Output.isInstance(props[k]) ? "Output<T>" : safeToString(props[k]);
        onto[k] = new output_1.Output(onto, debuggable_1.debuggablePromise(new Promise((resolve, reject) => {
            resolveValue = resolve;
            rejectValue = reject;
        }), \`transferProperty(\${label}, \${k}, \${propString})\`), rest.part(0), rest.part(1), rest.part(2));
`;

/** The changes to runtime/rpc.js: the lean transfer, and the two classes it uses, placed before transferProperties. */
const TRANSFER_CHANGES = [
    { eager: EAGER_TRANSFER, lean: LAZY_TRANSFER },
    { eager: "function transferProperties(onto, label, props) {\n", lean: `/**
 * The offline engine's lean transfer (engine/lean-sdk.js): a transferred property's knownness, secrecy
 * and dependencies, which settle together with its value; a promise of each is made when first asked for.
 */
class LeanTransferredRest {
    constructor() {
        this.settled = undefined;
        this.waiting = undefined;
    }
    part(index) {
        return new LeanTransferredPart(this, index);
    }
    settle(ok, payload) {
        if (this.settled) return;
        this.settled = { ok, payload };
        const waiting = this.waiting;
        this.waiting = undefined;
        if (waiting) for (const w of waiting) ok ? w.resolve(payload[w.index]) : w.reject(payload);
    }
    promise(index) {
        const settled = this.settled;
        if (settled) return settled.ok ? Promise.resolve(settled.payload[index]) : Promise.reject(settled.payload);
        return new Promise((resolve, reject) => (this.waiting || (this.waiting = [])).push({ index, resolve, reject }));
    }
}
/** One of the three, as a thenable: the lean Output awaits it once, when its chains are first built. */
class LeanTransferredPart {
    constructor(rest, index) {
        this.rest = rest;
        this.index = index;
    }
    then(onFulfilled, onRejected) {
        return this.rest.promise(this.index).then(onFulfilled, onRejected);
    }
}
function transferProperties(onto, label, props) {\n` },
];

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

/** SDK files loaded lean in this thread. */
const leanLoaded = [];

/**
 * The lean sources of the SDK under `root`, by file: output.js when its passages are found, and
 * runtime/rpc.js when they are too (its thenables are written for the lean Output's single use of
 * them) and the SDK's promise-leak report is off (PULUMI_DEBUG_PROMISE_LEAKS: it tracks every
 * transferred promise, which the lean transfer does not make).
 */
function leanSources(root) {
    const sources = new Map();
    const outputFile = path.join(root, "output.js");
    const output = leanOutputSource(fs.readFileSync(outputFile, "utf8"));
    if (output === undefined) return sources;
    sources.set(outputFile, output);
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return sources;
    const rpcFile = path.join(root, "runtime", "rpc.js");
    const rpc = leanTransferSource(fs.readFileSync(rpcFile, "utf8"));
    if (rpc !== undefined) sources.set(rpcFile, rpc);
    return sources;
}

/** Loads the SDK's output.js and runtime/rpc.js lean (leanSources) the first time each is required. */
function loadLean(root) {
    const files = [path.join(root, "output.js"), path.join(root, "runtime", "rpc.js")];
    const loadJs = Module._extensions[".js"];
    let sources;
    const pending = new Set(files);
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
    if (!require.cache[path.join(root, "output.js")] && !require.cache[path.join(root, "runtime", "rpc.js")]) loadLean(root);
    return true;
}

install();

module.exports = { install, DEFERRED, loadedForReal, leanOutputSource, leanTransferSource, leanLoaded, OUTPUT_CHANGES, TRANSFER_CHANGES };
