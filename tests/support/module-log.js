// Preloaded (`node -r`) into a gate process by tests/engine/lean-sdk.test.ts: appends every module
// file the process loads, on any thread (workers inherit the -r), to $MODULE_LOG as "<threadId>\t<file>".
"use strict";
const fs = require("fs");
const Module = require("module");
const { threadId } = require("worker_threads");

const out = process.env.MODULE_LOG;
if (out) {
    const load = Module.prototype.load;
    Module.prototype.load = function logged(filename) {
        fs.appendFileSync(out, `${threadId}\t${filename}\n`);
        return load.call(this, filename);
    };
}
