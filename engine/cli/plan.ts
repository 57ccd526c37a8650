/**
 * `npm run plan`: the offline plan and policy gate over every stack of the project (or the ones named),
 * or over any Pulumi TypeScript program file with --program and --env.
 *
 * Exit codes: 0 no mandatory violation; 1 at least one mandatory violation; 2 invalid usage, or a
 * program or its configuration failed (the message on stderr names the stack and the problem).
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { exitCodeOf, runGate, type GateReport } from "../gate/gate";
import { loadPolicyPack } from "../gate/pack";
import { renderJson } from "../gate/report/json";
import { renderJunit } from "../gate/report/junit";
import { renderSarif } from "../gate/report/sarif";
import { renderText } from "../gate/report/text";

export const USAGE = `usage: npm run plan -- [--stack NAME]... [--program FILE --env ENV] [--policy-config FILE]
                     [--exemptions FILE] [--config K=V]... [--format text|json|sarif|junit]
                     [--out FILE] [--no-tree] [--preview-only] [--strict] [--settle-timeout SECONDS]
                     [--no-cache]

  --stack NAME          gate this stack (repeatable); default: every Pulumi.<stack>.yaml
  --program FILE        gate any Pulumi TypeScript program instead of the project's entry
  --env ENV             with --program: the environment (sets platform:environment and picks
                        policies/config/ENV.json)
  --policy-config FILE  policy pack configuration instead of policies/config/<env>.json
  --exemptions FILE     exemptions file instead of policies/exemptions.yaml
  -c, --config K=V      override a config value for this run (like pulumi preview -c), e.g.
                        --config 'platform:systems=["vibe"]'; values are taken as the CLI stores them
  --format FORMAT       text (default), json, sarif or junit
  --out FILE            write the report to FILE instead of standard output
  --no-tree             text format: leave out the resource tree
  --preview-only        skip the update-time pass (checks preview defers are not run on the
                        values the engine simulates for a deployment)
  --strict              exit 1 when a remote (multi-language) component could not be checked
  --settle-timeout S    fail a program that makes no progress for S seconds (default 10)
  --no-cache            run without the on-disk caches of transpiled modules, Lambda bundles and
                        compiled code (engine/cache.js; handled by engine/cli/run-ts.js)

exit codes: 0 no mandatory violation, 1 mandatory violations, 2 usage error or a failed program`;

const FORMATS = ["text", "json", "sarif", "junit"] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

export function parsePlanArgs(argv: string[]) {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                stack: { type: "string", multiple: true },
                program: { type: "string" },
                env: { type: "string" },
                "policy-config": { type: "string" },
                exemptions: { type: "string" },
                config: { type: "string", short: "c", multiple: true },
                format: { type: "string", default: "text" },
                out: { type: "string" },
                "no-tree": { type: "boolean", default: false },
                "preview-only": { type: "boolean", default: false },
                strict: { type: "boolean", default: false },
                "settle-timeout": { type: "string" },
                "project-dir": { type: "string" },
                help: { type: "boolean", short: "h", default: false },
            },
            allowPositionals: false,
            strict: true,
        }).values;
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    const format = parsed.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format ${String(parsed.format)}: allowed: ${FORMATS.join(", ")}`);
    if (parsed.program && !parsed.env) throw new UsageError("--program needs --env (the environment whose policy configuration applies)");
    if (parsed.env && !parsed.program) throw new UsageError("--env goes with --program");
    if (parsed.program && parsed.stack) throw new UsageError("--program and --stack cannot be combined");
    if (parsed["settle-timeout"] !== undefined && !(Number(parsed["settle-timeout"]) > 0)) {
        throw new UsageError(`--settle-timeout ${parsed["settle-timeout"]}: allowed: a number of seconds greater than 0`);
    }
    const configOverrides: Record<string, string> = {};
    for (const pair of parsed.config ?? []) {
        const m = /^([A-Za-z0-9_-]+:[A-Za-z0-9_.-]+)=(.*)$/s.exec(pair);
        if (!m) throw new UsageError(`--config ${pair}: expected namespace:key=value, e.g. platform:systems=["vibe"]`);
        configOverrides[m[1]] = m[2];
    }
    return { ...parsed, format, configOverrides };
}

export function render(report: GateReport, format: Format, policiesDir: string, tree: boolean): string {
    const pack = loadPolicyPack(policiesDir);
    switch (format) {
        case "json": return renderJson(report);
        case "sarif": return renderSarif(report, pack);
        case "junit": return renderJunit(report, pack.policies.map((p) => p.name));
        default: return renderText(report, { tree });
    }
}

export async function main(argv: string[]): Promise<number> {
    let args: ReturnType<typeof parsePlanArgs>;
    try {
        args = parsePlanArgs(argv);
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n\n${USAGE}\n`);
        return 2;
    }
    if (args.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (args["settle-timeout"] !== undefined) process.env.PLATFORM_ENGINE_SETTLE_SECONDS = args["settle-timeout"];
    const projectDir = path.resolve(args["project-dir"] ?? process.cwd());
    const policiesDir = path.join(projectDir, "policies");
    let report: GateReport;
    try {
        report = await runGate({
            projectDir,
            stacks: args.stack,
            program: args.program ? { file: args.program, env: args.env as string } : undefined,
            policyConfigFile: args["policy-config"] ? path.resolve(args["policy-config"]) : undefined,
            exemptionsFile: args.exemptions ? path.resolve(args.exemptions) : undefined,
            configOverrides: args.configOverrides,
            previewOnly: args["preview-only"],
            strict: args.strict,
            onProgress: (line) => process.stderr.write(`${line}\n`),
        });
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n`);
        return 2;
    }
    for (const s of report.stacks) {
        if (s.error) process.stderr.write(`error: ${s.error}\n`);
    }
    const output = render(report, args.format, policiesDir, !args["no-tree"]);
    if (args.out) {
        fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
        fs.writeFileSync(args.out, output);
        process.stderr.write(`wrote ${args.format} report to ${args.out}\n`);
    } else {
        process.stdout.write(output);
    }
    const { summary } = report;
    process.stderr.write(`gate: ${summary.stacks} stack(s), ${summary.resources} resources, ${summary.mandatory} mandatory, ${summary.advisory} advisory, ${summary.unchecked} unchecked, ${summary.errors} error(s)\n`);
    return exitCodeOf(report);
}
