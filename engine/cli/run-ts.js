#!/usr/bin/env node
// Runs one of the engine's TypeScript command-line entry points with plain `node` (.ts modules are
// transpiled on load: engine/register-ts.js). Usage: node engine/cli/run-ts.js engine/cli/plan.ts [args...]
"use strict";
const path = require("path");
require("../register-ts");

const [, , script, ...args] = process.argv;
if (!script) {
    console.error("usage: node engine/cli/run-ts.js <entry.ts> [args...]");
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
