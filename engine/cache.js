// The on-disk cache of work that depends only on its inputs: transpiled TypeScript modules with their
// source maps (register-ts.js), Lambda bundles (components/serverless-function/bundle.ts) and V8's
// compiled code for every module loaded (Node's module compile cache). An entry's name is a SHA-256
// of everything its content depends on (the input's bytes, the esbuild and Node versions, the
// options), so a stale entry is never found: an edit makes a new name and the old entry ages out.
//
// Where: $PLATFORM_CACHE_DIR, else $XDG_CACHE_HOME/platform, else ~/.cache/platform. Not under
// node_modules/.cache: `npm ci` deletes node_modules, so CI could never keep it between runs; a CI job
// keeps this folder with its cache action. Off with PLATFORM_NO_CACHE=1 (what the CLIs' --no-cache
// sets). Bounded: a process that wrote entries trims the folder at exit to PLATFORM_CACHE_MAX_MB
// (default 512), oldest written first. Writes are atomic (a temporary file renamed into place), so
// concurrent processes sharing the folder never read half an entry.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const DEFAULT_MAX_MB = 512;
const KINDS = ["ts", "bundles", "v8"];

function cacheRoot() {
    if (process.env.PLATFORM_NO_CACHE === "1") return undefined;
    if (process.env.PLATFORM_CACHE_DIR) return path.resolve(process.env.PLATFORM_CACHE_DIR);
    const home = os.homedir();
    const base = process.env.XDG_CACHE_HOME || (home ? path.join(home, ".cache") : path.join(os.tmpdir(), `cache-${process.getuid?.() ?? "user"}`));
    return path.join(base, "platform");
}

/** The folder of one kind of entry, or undefined when caching is off. */
function kindDir(kind) {
    const root = cacheRoot();
    return root === undefined ? undefined : path.join(root, kind);
}

function digest(...parts) {
    const hash = crypto.createHash("sha256");
    for (const part of parts) hash.update(typeof part === "string" ? part : JSON.stringify(part)).update("\u0000");
    return hash.digest("hex");
}

/** The entry's text, or undefined when there is none (or caching is off). */
function read(kind, name) {
    const dir = kindDir(kind);
    if (dir === undefined) return undefined;
    try {
        return fs.readFileSync(path.join(dir, name), "utf8");
    } catch {
        return undefined;
    }
}

let wrote = false;
let trimScheduled = false;
/** Trims at exit when this process wrote entries, or when no process has trimmed for an hour (V8's entries). */
function trimAtExit() {
    if (trimScheduled) return;
    trimScheduled = true;
    process.once("exit", () => {
        const root = cacheRoot();
        if (root === undefined) return;
        const stamp = path.join(root, ".trimmed");
        let age = Infinity;
        try {
            age = Date.now() - fs.statSync(stamp).mtimeMs;
        } catch { /* never trimmed */ }
        if (!wrote && age < 3600 * 1000) return;
        trim();
        try {
            fs.writeFileSync(stamp, "");
        } catch { /* read-only */ }
    });
}

/** Stores an entry; a failure (read-only or full disk) only costs the next run the work again. */
function write(kind, name, text) {
    const dir = kindDir(kind);
    if (dir === undefined) return;
    try {
        fs.mkdirSync(dir, { recursive: true });
        const tmp = path.join(dir, `.${name}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
        fs.writeFileSync(tmp, text);
        fs.renameSync(tmp, path.join(dir, name));
        wrote = true;
        trimAtExit();
    } catch {
        // The cache is an accelerator, never a requirement.
    }
}

function maxBytes() {
    const mb = Number(process.env.PLATFORM_CACHE_MAX_MB);
    return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_MB) * 2 ** 20;
}

/** Every file under `dir` (recursively) with its size and modification time, appended to `out`. */
function filesUnder(dir, out) {
    let entries;
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
        return out;
    }
    for (const e of entries) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) filesUnder(full, out);
        else {
            try {
                const st = fs.statSync(full);
                out.push({ file: full, size: st.size, mtimeMs: st.mtimeMs });
            } catch { /* removed by another process meanwhile */ }
        }
    }
    return out;
}

/** Deletes the oldest entries until the cache is back under 80 % of its bound. */
function trim() {
    const root = cacheRoot();
    if (root === undefined) return;
    const bound = maxBytes();
    const files = KINDS.flatMap((k) => filesUnder(path.join(root, k), []));
    let total = files.reduce((n, f) => n + f.size, 0);
    if (total <= bound) return;
    files.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const f of files) {
        if (total <= bound * 0.8) break;
        try {
            fs.unlinkSync(f.file);
            total -= f.size;
        } catch { /* already gone */ }
    }
}

/**
 * V8's compiled code for every module this thread loads from now on (Node's module compile cache,
 * which checks each entry against the module's source itself). Transpiled TypeScript is compiled
 * through the same loader, so it is cached too.
 */
function enableCompileCache() {
    const dir = kindDir("v8");
    const mod = require("module");
    if (dir === undefined || typeof mod.enableCompileCache !== "function") return false;
    const { status } = mod.enableCompileCache(dir);
    if (status === mod.constants.compileCacheStatus.ENABLED) trimAtExit();
    return status !== mod.constants.compileCacheStatus.FAILED && status !== mod.constants.compileCacheStatus.DISABLED;
}

/** Per-thread memo of file digests, trusted while a file's size, inode and change times are the same. */
const fileDigests = new Map();

/** The SHA-256 of a file's bytes, or "absent". */
function fileDigest(file) {
    let st;
    try {
        st = fs.statSync(file);
    } catch {
        return "absent";
    }
    const stamp = `${st.size}:${st.ino}:${st.mtimeMs}:${st.ctimeMs}`;
    const known = fileDigests.get(file);
    if (known && known.stamp === stamp) return known.digest;
    let value;
    try {
        value = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    } catch {
        value = "absent";
    }
    fileDigests.set(file, { stamp, digest: value });
    return value;
}

module.exports = { cacheRoot, kindDir, digest, read, write, trim, enableCompileCache, fileDigest, filesUnder, DEFAULT_MAX_MB };
