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
"use strict";
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

/** Puts the stand-ins in place for the @pulumi/pulumi that `fromDir` resolves, unless it is already loaded. */
function install(fromDir = __dirname) {
    if (process.env.PLATFORM_LEAN_SDK === "0") return false;
    const root = sdkRoot(fromDir);
    if (root === undefined || require.cache[path.join(root, "index.js")]) return false;
    for (const { module, functions } of DEFERRED) {
        const filename = path.join(root, module);
        if (!require.cache[filename]) require.cache[filename] = standIn(filename, functions);
    }
    return true;
}

install();

module.exports = { install, DEFERRED, loadedForReal };
