// Lets plain `node` load the project's TypeScript: each .ts module is transpiled on load with esbuild
// (no type-check: `npm test` type-checks the whole project once with tsc; `--program` files are
// type-checked by the gate). esbuild transpiles in microseconds and spares loading the TypeScript
// compiler, which keeps the gate's cold start short. Used by engine/cli/run-ts.js (the CLIs), by mocha
// (.mocharc.json), by the gate's workers and by the engine when a program is run without either.
//
// Transpiled modules are kept on disk (engine/cache.js), named by a digest of the source, its path
// (the source map names it), the esbuild and Node versions and the options: a warm run loads no
// esbuild at all. V8's compile cache is enabled here too, so every entry point gets it.
//
// esbuild does not keep line numbers, so each module's source map is kept (not attached to the code,
// so V8 never parses it) and `originalPosition` maps the few positions the engine reports (the line
// that declared a resource) back to the TypeScript source. A cached module's map is read only when a
// position in it is asked for.
"use strict";
const fs = require("fs");
const path = require("path");
const Module = require("module");
const cache = require("./cache");

const OPTIONS = {
    loader: "ts", format: "cjs", target: "node22", sourcemap: "external",
    // As tsc compiles `import()` for CommonJS: a require, so .ts modules resolve through this hook.
    supported: { "dynamic-import": false },
};
let versionKey;
function transpilerKey() {
    versionKey ??= JSON.stringify({ esbuild: require("esbuild/package.json").version, node: process.versions.node, options: OPTIONS });
    return versionKey;
}

/** file -> source map text (transpiled in this thread) or the cache entry holding it. */
const sourceMaps = new Map();
const parsedMaps = new Map();

function transform(source, filename) {
    return require("esbuild").transformSync(source, { ...OPTIONS, sourcefile: filename });
}

/** The module's JavaScript: from the cache when its source was transpiled before, else esbuild's. */
function transpile(source, filename) {
    const name = cache.kindDir("ts") === undefined ? undefined : cache.digest(transpilerKey(), filename, source);
    if (name !== undefined) {
        const code = cache.read("ts", `${name}.js`);
        if (code !== undefined) {
            sourceMaps.set(filename, { entry: `${name}.map`, source: name });
            return code;
        }
    }
    const { code, map } = transform(source, filename);
    sourceMaps.set(filename, map);
    if (name !== undefined) {
        // The map first: a code entry implies its map.
        cache.write("ts", `${name}.map`, map);
        cache.write("ts", `${name}.js`, code);
    }
    return code;
}

function compileTypeScript(module, filename) {
    module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
}

function mapText(file) {
    const known = sourceMaps.get(file);
    if (known === undefined || typeof known === "string") return known;
    const text = cache.read("ts", known.entry);
    if (text !== undefined) return text;
    // The entry was trimmed meanwhile: transpile again, if the file still has the source that was loaded.
    const source = fs.readFileSync(file, "utf8");
    return cache.digest(transpilerKey(), file, source) === known.source ? transform(source, file).map : undefined;
}

/** The TypeScript line and column (1-based) of a position in a transpiled module, or the position itself. */
function originalPosition(file, line, column) {
    let map = parsedMaps.get(file);
    if (map === undefined) {
        const text = mapText(file);
        if (text === undefined) return { file, line, column };
        map = new Module.SourceMap(JSON.parse(text));
        parsedMaps.set(file, map);
    }
    const entry = map.findEntry(line - 1, column - 1);
    if (!entry || entry.originalLine === undefined) return { file, line, column };
    return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/**
 * Fills the transpile cache for every TypeScript module under `dirs` that it lacks, all at once on
 * esbuild's own threads (its asynchronous API), instead of one synchronous call per module as each is
 * loaded. A first run of the gate loads about 200 of the project's modules, on the gate's thread and
 * again on its worker: transpiled here first, both threads find them cached. A warm run only reads
 * the files and hashes them (the entries are named by content, so what is found is correct). A file
 * esbuild cannot transpile is left alone: loading it reports the error as always. Resolves to the
 * number of modules transpiled.
 */
const PREWARM_INDEX = "prewarm-index.json";

function readPrewarmIndex() {
    try {
        const index = JSON.parse(cache.read("ts", PREWARM_INDEX) ?? "{}");
        return index && typeof index === "object" ? index : {};
    } catch {
        return {};
    }
}

async function prewarm(dirs) {
    const dir = cache.kindDir("ts");
    if (dir === undefined) return 0;
    // One existence check per module (the folder itself holds thousands of entries).
    const held = { has: (entry) => fs.existsSync(path.join(dir, entry)) };
    const missing = [];
    const modules = dirs.flatMap((d) => cache.filesUnder(d, []))
        .filter((f) => f.file.endsWith(".ts") && !f.file.endsWith(".d.ts") && !f.file.includes(`${path.sep}node_modules${path.sep}`));
    // Which entry each module had when last seen, by size and modification time: a module unchanged
    // since is not read and hashed again. Only this pre-pass trusts it; the loader always checks a
    // module's content itself, so a stale note costs at most one transpile at load time.
    const seen = readPrewarmIndex();
    let changed = false;
    for (const { file, size, mtimeMs } of modules) {
        const known = seen[file];
        if (known && known.size === size && known.mtimeMs === mtimeMs && known.transpiler === transpilerKey() && held.has(`${known.name}.js`)) continue;
        let source;
        try {
            source = fs.readFileSync(file, "utf8");
        } catch {
            continue;
        }
        const name = cache.digest(transpilerKey(), file, source);
        seen[file] = { size, mtimeMs, transpiler: transpilerKey(), name };
        changed = true;
        if (!held.has(`${name}.js`)) missing.push({ file, source, name });
    }
    if (changed) cache.write("ts", PREWARM_INDEX, JSON.stringify(seen));
    if (missing.length === 0) return 0;
    const esbuild = require("esbuild");
    const done = await Promise.all(missing.map(async ({ file, source, name }) => {
        try {
            const { code, map } = await esbuild.transform(source, { ...OPTIONS, sourcefile: file });
            cache.write("ts", `${name}.map`, map);
            cache.write("ts", `${name}.js`, code);
            return 1;
        } catch {
            return 0;
        }
    }));
    return done.reduce((a, b) => a + b, 0);
}

function register() {
    cache.enableCompileCache();
    if (!require.extensions[".ts"]) require.extensions[".ts"] = compileTypeScript;
}

register();

module.exports = { register, originalPosition, compileTypeScript, transpile, prewarm };
