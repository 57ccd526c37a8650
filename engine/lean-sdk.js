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
const EAGER_OUTPUT = `        allResources = allResources || Promise.resolve([]);
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

/** The same chains, each built on first use; a rejected value builds isKnown's and isSecret's at once (see the header). */
const LAZY_OUTPUT = `        // The offline engine's lean Output (engine/lean-sdk.js): the chains below are built on first use.
        let lifted, liftedIsKnown, liftedIsSecret;
        const lift = () => lifted || (lifted = Promise.all([
            (allResources || Promise.resolve([])).then((r) => utils.union(copyResources(r), resourcesCopy)),
            promise,
            Promise.all([isKnown, promise]).then(([known, val]) => known && !containsUnknowns(val)),
            isSecret,
        ]).then(([liftedResources, value, liftedKnown, liftedSecret]) => liftInnerOutput(liftedResources, value, liftedKnown, liftedSecret)));
        const knownPromise = () => liftedIsKnown || (liftedIsKnown = lift().then((l) => l.isKnown));
        const secretPromise = () => liftedIsSecret || (liftedIsSecret = lift().then((l) => l.isSecret));
        if (typeof promise?.then === "function") promise.then(undefined, () => { knownPromise(); secretPromise(); });
        this.resources = () => resourcesCopy;
        this.allResources = () => lift().then((l) => l.allResources);
        Object.defineProperty(this, "isKnown", { get: knownPromise, set: (v) => { liftedIsKnown = v; }, enumerable: true, configurable: true });
        Object.defineProperty(this, "isSecret", { get: secretPromise, set: (v) => { liftedIsSecret = v; }, enumerable: true, configurable: true });
        this.promise = (withUnknowns) => OutputImpl.getPromisedValue(lift().then((l) => l.value), withUnknowns);
`;

/**
 * The Proxy every Output is wrapped in (which lifts property reads into `apply`): its handler reads
 * nothing but its own arguments, so the lean output.js builds it once instead of once per Output.
 */
const SHARED_PROXY_HANDLER = [
    { eager: "class OutputImpl {\n", lean: "let sharedProxyHandler; // the offline engine's lean Output (engine/lean-sdk.js): one handler for every Output\nclass OutputImpl {\n" },
    { eager: "        return new Proxy(this, {\n", lean: "        return new Proxy(this, sharedProxyHandler || (sharedProxyHandler = {\n" },
    { eager: "            },\n        });\n    }\n    static create(val) {\n", lean: "            },\n        }));\n    }\n    static create(val) {\n" },
];

/** The changes to output.js: each an exact passage of the SDK's and its replacement. */
const OUTPUT_CHANGES = [{ eager: EAGER_OUTPUT, lean: LAZY_OUTPUT }, ...SHARED_PROXY_HANDLER];

/** output.js with every change made, or undefined when any passage is not (exactly once) the one it was written against. */
function leanOutputSource(source) {
    let out = source;
    for (const { eager, lean } of OUTPUT_CHANGES) {
        const at = out.indexOf(eager);
        if (at < 0 || out.indexOf(eager, at + 1) >= 0) return undefined;
        out = out.slice(0, at) + lean + out.slice(at + eager.length);
    }
    return out;
}

/** Files loaded with the lean Output in this thread. */
const leanOutputLoaded = [];

/** Loads `filename` (the SDK's output.js) with the lean constructor the first time it is required. */
function loadOutputLean(filename) {
    const loadJs = Module._extensions[".js"];
    let done = false;
    // Left in place once used (a hook installed after this one would be lost if it were unwound); from then on it only passes through.
    Module._extensions[".js"] = function loadJsOrLeanOutput(module, file) {
        if (done || file !== filename) return loadJs.call(this, module, file);
        done = true;
        const lean = leanOutputSource(fs.readFileSync(file, "utf8"));
        if (lean === undefined) return loadJs.call(this, module, file);
        leanOutputLoaded.push(file);
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
    if (!require.cache[path.join(root, "output.js")]) loadOutputLean(path.join(root, "output.js"));
    return true;
}

install();

module.exports = { install, DEFERRED, loadedForReal, leanOutputSource, leanOutputLoaded, OUTPUT_CHANGES };
