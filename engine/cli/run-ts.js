#!/usr/bin/env node
// Runs one of the engine's TypeScript command-line entry points with plain `node`: TypeScript is
// transpiled on load (no type-check: `npm test` type-checks the whole project once with tsc), which
// keeps the gate's cold start short. Usage: node engine/cli/run-ts.js engine/cli/plan.ts [args...]
"use strict";
const path = require("path");
require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
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
