#!/usr/bin/env node
// Runs one of the engine's TypeScript command-line entry points with plain `node`: each .ts module is
// transpiled on load with esbuild (no type-check: `npm test` type-checks the whole project once with
// tsc). esbuild transpiles in microseconds and spares loading the TypeScript compiler, which keeps
// the gate's cold start short. Usage: node engine/cli/run-ts.js engine/cli/plan.ts [args...]
"use strict";
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");

require.extensions[".ts"] = function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const { code } = esbuild.transformSync(source, { loader: "ts", format: "cjs", target: "node22", sourcefile: filename });
    module._compile(code, filename);
};

const [, , script, ...args] = process.argv;
if (!script) {
    console.error("usage: node engine/cli/run-ts.js <entry.ts> [args...]");
    process.exit(2);
}
const entry = require(path.resolve(script));
Promise.resolve(entry.main(args)).then(
    (code) => { process.exitCode = typeof code === "number" ? code : 0; },
    (err) => { console.error(`error: ${err && err.message ? err.message : String(err)}`); process.exitCode = 2; },
);
