#!/usr/bin/env node
// Runs one of the engine's TypeScript command-line entry points with plain `node` (.ts modules are
// transpiled on load: engine/register-ts.js; the SDK parts the engine never runs are loaded on first
// use: engine/lean-sdk.js). Usage: node engine/cli/run-ts.js engine/cli/plan.ts [--no-cache] [args...]
// --no-cache (any position) runs without the on-disk caches (engine/cache.js), for this process and
// the workers it starts.
"use strict";
const path = require("path");

const [, , script, ...given] = process.argv;
const args = given.filter((a) => a !== "--no-cache");
if (args.length !== given.length) process.env.PLATFORM_NO_CACHE = "1";
require("../register-ts");
require("../lean-sdk");

if (!script) {
    console.error("usage: node engine/cli/run-ts.js <entry.ts> [--no-cache] [args...]");
    process.exit(2);
}
// The exit code is the command's verdict. Exit as soon as it is known: a timer or handle the gated
// program left open (a setInterval, a socket) must never keep the process alive after the report.
// Output is flushed first (the empty write's callback runs once earlier writes are handed over).
function finish(code) {
    process.exitCode = code;
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
let entry;
try {
    entry = require(path.resolve(script));
} catch (err) {
    console.error(`error: ${err && err.message ? err.message.split("\n")[0] : String(err)}`);
    finish(2);
}
if (entry) {
    Promise.resolve()
        .then(() => entry.main(args))
        .then(
            (code) => finish(typeof code === "number" ? code : 0),
            (err) => { console.error(`error: ${err && err.message ? err.message : String(err)}`); finish(2); },
        );
}
