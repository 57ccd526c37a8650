// Lets plain `node` load the project's TypeScript: each .ts module is transpiled on load with esbuild
// (no type-check: `npm test` type-checks the whole project once with tsc; `--program` files are
// type-checked by the gate). esbuild transpiles in microseconds and spares loading the TypeScript
// compiler, which keeps the gate's cold start short. Used by engine/cli/run-ts.js (the CLIs), by mocha
// (.mocharc.json) and by the engine when a program is run without either.
//
// esbuild does not keep line numbers, so each module's source map is kept (not attached to the code,
// so V8 never parses it) and `originalPosition` maps the few positions the engine reports (the line
// that declared a resource) back to the TypeScript source.
"use strict";
const fs = require("fs");
const Module = require("module");

const sourceMaps = new Map();
const parsedMaps = new Map();

function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const { code, map } = require("esbuild").transformSync(source, {
        loader: "ts", format: "cjs", target: "node22", sourcefile: filename, sourcemap: "external",
        // As tsc compiles `import()` for CommonJS: a require, so .ts modules resolve through this hook.
        supported: { "dynamic-import": false },
    });
    sourceMaps.set(filename, map);
    module._compile(code, filename);
}

/** The TypeScript line and column (1-based) of a position in a transpiled module, or the position itself. */
function originalPosition(file, line, column) {
    const text = sourceMaps.get(file);
    if (text === undefined) return { file, line, column };
    let map = parsedMaps.get(file);
    if (map === undefined) {
        map = new Module.SourceMap(JSON.parse(text));
        parsedMaps.set(file, map);
    }
    const entry = map.findEntry(line - 1, column - 1);
    if (!entry || entry.originalLine === undefined) return { file, line, column };
    return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

function register() {
    if (!require.extensions[".ts"]) require.extensions[".ts"] = compileTypeScript;
}

register();

module.exports = { register, originalPosition, compileTypeScript };
