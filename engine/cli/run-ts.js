#!/usr/bin/env node
// Runs one of the engine's TypeScript command-line entry points with plain `node` (.ts modules are
// transpiled on load: engine/register-ts.js; the SDK parts the engine never runs are loaded on first
// use: engine/lean-sdk.js). Usage: node engine/cli/run-ts.js engine/cli/plan.ts [--no-cache] [args...]
// --no-cache (any position) runs without the on-disk caches (engine/cache.js), for this process and
// the workers it starts.
"use strict";
const path = require("path");

// Node.js 22 LTS is the supported runtime. On Node 22 and 23, AsyncLocalStorage (which the Pulumi SDK
// uses for every run) is about 11 % cheaper on async context frames, which need a start-up flag (the
// default from Node 24). The npm scripts start plain `node`, so they still run on an older Node (with a
// warning); on 22 and 23 this re-executes itself once with the flag, passing stdio and the exit code
// through. PLATFORM_NO_REEXEC=1 keeps the process as started.
const ASYNC_CONTEXT_FRAME = "--experimental-async-context-frame";
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
    process.stderr.write(`warning: Node.js ${process.version}: this project needs Node.js 22 LTS (.nvmrc; see the README's quick start)\n`);
} else if (major < 24 && !process.execArgv.includes(ASYNC_CONTEXT_FRAME) && process.env.PLATFORM_NO_REEXEC !== "1") {
    const { spawnSync } = require("child_process");
    const child = spawnSync(process.execPath, [...process.execArgv, ASYNC_CONTEXT_FRAME, __filename, ...process.argv.slice(2)], { stdio: "inherit" });
    process.exit(child.status ?? (child.signal ? 128 + (require("os").constants.signals[child.signal] ?? 0) : 2));
}

// V8 compiles a function with its optimizing compiler once it has run 3,000 times. In a gate run most
// of the SDK's functions pass that within the first few hundred resources, and the compiles run on
// background threads that compete with the gate's two threads for the cores, for code that has little
// time left to pay back: at 30,000 the whole gate takes 2.8 s instead of 3.2 s, and a 10,000-resource
// run is as fast as before (README "Speed: caches, threads, what loads"). The flag is V8's since Node 22 (the one this project
// runs on); it is process-wide, so the gate's worker threads get it too.
if (major >= 22) require("v8").setFlagsFromString("--invocation-count-for-turbofan=30000");

// Memory in proportion: after each full collection V8 lets the old generation grow to up to four
// times what survived it before collecting again, and the gate's runs allocate fast enough to be
// given that much: a 10,000-resource gate peaked at 1.95 GiB with a few hundred MiB live on each thread.
// Growing by at most 35 % collects sooner instead of later: 1.4 GiB, for about 1.2 s more on that gate
// and 0.1 s more on the whole gate (README "Speed: caches, threads, what loads"). A --heap-growing-percent
// given on the command line wins; the flag is process-wide, so the gate's worker threads get it too.
if (!process.execArgv.some((a) => a.startsWith("--heap-growing-percent"))) require("v8").setFlagsFromString("--heap-growing-percent=35");

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
// The project's own modules are transpiled up front on a first run (engine/register-ts.js: prewarm).
const ROOT = path.resolve(__dirname, "..", "..");
const PROJECT_DIRS = ["programs", "components", "policies", "engine"].map((d) => path.join(ROOT, d));
require("../register-ts").prewarm(PROJECT_DIRS).catch(() => 0).then(() => {
    let entry;
    try {
        entry = require(path.resolve(script));
    } catch (err) {
        console.error(`error: ${err && err.message ? err.message.split("\n")[0] : String(err)}`);
        finish(2);
        return;
    }
    Promise.resolve()
        .then(() => entry.main(args))
        .then(
            (code) => finish(typeof code === "number" ? code : 0),
            (err) => { console.error(`error: ${err && err.message ? err.message : String(err)}`); finish(2); },
        );
});
