/**
 * Type-checks a program the way `pulumi preview` does for a TypeScript program (the Node.js language
 * host compiles it with ts-node, which type-checks every TypeScript file it loads against the nearest
 * tsconfig.json): the program and everything it imports, each error as `file:line:col: error TSnnnn:
 * message`. The project's own stacks are type-checked once by `npm test`; the gate runs this for
 * `--program` files, which nothing else checks. TypeScript is loaded only here, on demand.
 */
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";

/** What the language host compiles with when a program has no tsconfig.json of its own. */
const DEFAULT_OPTIONS = {
    strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true,
};

/**
 * Parsed source files kept for the process: a later check (another --program, another test) reuses
 * what an earlier one parsed, and the provider's typings are most of the time. A file changed on
 * disk since is parsed again.
 */
const parsed = new Map<string, { mtimeMs: number; target: TS.ScriptTarget; file: TS.SourceFile }>();

function cachingHost(ts: typeof TS, options: TS.CompilerOptions): TS.CompilerHost {
    const host = ts.createCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
        const target = typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion;
        let mtimeMs = -1;
        try { mtimeMs = fs.statSync(fileName).mtimeMs; } catch { /* missing: let the compiler report it */ }
        const hit = parsed.get(fileName);
        if (hit && hit.mtimeMs === mtimeMs && hit.target === target) return hit.file;
        const file = read(fileName, languageVersion, onError, shouldCreate);
        if (file && mtimeMs >= 0) parsed.set(fileName, { mtimeMs, target, file });
        return file;
    };
    return host;
}

export function typeCheck(file: string, relativeTo: string = process.cwd()): string[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof TS;
    const configPath = ts.findConfigFile(path.dirname(file), ts.sys.fileExists);
    const raw = configPath ? ts.readConfigFile(configPath, ts.sys.readFile) : { config: { compilerOptions: DEFAULT_OPTIONS } };
    if (raw.error) return [format(ts, raw.error, relativeTo)];
    const parsed = ts.parseJsonConfigFileContent(raw.config, ts.sys, configPath ? path.dirname(configPath) : path.dirname(file));
    const options: TS.CompilerOptions = { ...parsed.options, noEmit: true, incremental: false, composite: false };
    const program = ts.createProgram({ rootNames: [file], options, host: cachingHost(ts, options) });
    return ts.getPreEmitDiagnostics(program)
        .filter((d) => d.category === ts.DiagnosticCategory.Error)
        .map((d) => format(ts, d, relativeTo));
}

function format(ts: typeof TS, d: TS.Diagnostic, relativeTo: string): string {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n")[0];
    if (!d.file || d.start === undefined) return `error TS${d.code}: ${text}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(relativeTo, d.file.fileName) || d.file.fileName}:${line + 1}:${character + 1}: error TS${d.code}: ${text}`;
}
