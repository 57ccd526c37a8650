/**
 * `npm run plan`: the offline plan and policy gate over every stack of the project (or the ones named,
 * or one shard of them), or over any Pulumi TypeScript program file with --program and --env; or, with
 * --merge, the join of sharded runs' JSON reports. One run writes the console report and every
 * --report file.
 *
 * Exit codes: 0 nothing fails (see --fail-on); 1 a failing violation (or, with --strict, an unchecked
 * component); 2 invalid usage or inputs, or a program or its configuration failed (the message on
 * stderr names the stack, or the file and key, and the problem).
 */
// First: the gate's worker threads start loading while the rest of this command loads.
import "./start-workers";
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, Option } from "commander";
import { exitCodeOf, listTargets, runGate, type GateOptions, type GateReport } from "../gate/gate";
import { mergeReports } from "../gate/merge";
import { loadPolicyPack } from "../gate/pack";
import { renderJson } from "../gate/report/json";
import { renderJunit } from "../gate/report/junit";
import { renderMarkdown } from "../gate/report/markdown";
import { renderSarif } from "../gate/report/sarif";
import { renderText } from "../gate/report/text";
import { STATEFUL_REPLACE_RULE } from "../gate/rules";
import { parseShard, type ShardSpec } from "../gate/shard";
import { FAIL_ON, SEVERITIES, type FailOn, type Severity } from "../gate/triage";

export const FORMATS = ["text", "json", "sarif", "junit", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

const HINT = "npm run plan -- --help lists the options";

const MORE_HELP = `
--fail-on LEVEL: mandatory (default) fails on a mandatory violation; advisory on any violation; critical,
high, medium or low on a mandatory violation or an advisory one of that severity or above. A mandatory
violation always fails: pulumi up would refuse it.
--min-severity only shortens the text and markdown listings; json, sarif and junit carry every finding.

examples:
  npm run plan                                              every stack, text report
  npm run plan -- --stack prod --quiet --min-severity high  one stack, only what matters most
  npm run plan -- --report sarif=reports/gate.sarif --report junit=reports/gate.junit.xml --report markdown=reports/gate.md
  npm run -s plan -- --format json | jq .summary            -s: no npm banner on stdout, so the JSON pipes
  npm run plan -- --shard 2/4 --report json=reports/shard-2.json
  npm run plan -- --merge reports/shard-*.json --report sarif=reports/gate.sarif

exit codes: 0 nothing fails, 1 a failing violation (or --strict and an unchecked component),
2 usage or input error, or a program that failed`;

export class UsageError extends Error {}

export interface PlanArgs {
    stack?: string[];
    program?: string;
    env?: string;
    policyConfig?: string;
    exemptions?: string;
    configOverrides: Record<string, string>;
    format: Format;
    out?: string;
    reports: { format: Format; file: string }[];
    tree?: boolean;
    quiet: boolean;
    minSeverity?: Severity;
    failOn: FailOn;
    previewOnly: boolean;
    strict: boolean;
    settleTimeout?: string;
    shard?: ShardSpec;
    merge?: string[];
    /** A file, false (--no-baseline) or unset (the project's snapshot). */
    baseline?: string | false;
    list: boolean;
    projectDir?: string;
    help: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function command(helpOut: (s: string) => void): Command {
    return new Command("npm run plan --")
        .description("Offline plan and policy gate: each stack under the offline engine, then the policy pack with its environment's configuration.")
        .exitOverride()
        .configureOutput({ writeOut: helpOut, writeErr: () => undefined, outputError: () => undefined })
        .showSuggestionAfterError(true)
        .allowExcessArguments(false)
        .option("--stack <name>", "gate this stack (repeatable); default: every Pulumi.<stack>.yaml", collect)
        .option("--program <file>", "gate any Pulumi TypeScript program instead of the project's entry")
        .option("--env <env>", "with --program: the environment (sets platform:environment, picks policies/config/ENV.json)")
        .option("--policy-config <file>", "policy pack configuration instead of policies/config/<env>.json")
        .option("--exemptions <file>", "exemptions file instead of policies/exemptions.yaml")
        .option("-c, --config <key=value>", "override a config value for this run, like pulumi preview -c (repeatable)", collect)
        .addOption(new Option("--format <format>", "the console report's format").choices(FORMATS).default("text"))
        .option("--out <file>", "write the console report to FILE instead of standard output")
        .option("--report <format=file>", `also write a report (repeatable), FORMAT one of ${FORMATS.join(", ")}`, collect)
        .option("--tree", "text: show every stack's resource tree (default: only for stacks of at most 300 resources)")
        .option("--no-tree", "text: leave the resource tree out")
        .option("-q, --quiet", "text: only violations, verdicts and the summary (no tree, counts, deferred checks, exemptions, progress)")
        .addOption(new Option("--min-severity <severity>", "text and markdown: list only violations of this severity or above").choices(SEVERITIES))
        .addOption(new Option("--fail-on <level>", "which violations fail the gate (exit 1); see below").choices(FAIL_ON).default("mandatory"))
        .option("--preview-only", "skip the update-time pass (checks preview defers are not run on simulated deployment values)")
        .option("--strict", "exit 1 when a remote (multi-language) component could not be checked")
        .option("--settle-timeout <seconds>", "fail a program that makes no progress for this long (default 10)")
        .option("--shard <k/n>", "gate the k-th of n deterministic shares of the stacks (balanced by the baseline's resource counts)")
        .option("--merge <files...>", "merge the JSON reports of sharded runs instead of running stacks")
        .option("--baseline <file>", "URN snapshot to compare with (default tests/programs/urn-snapshot.json)")
        .option("--no-baseline", "no comparison with a baseline")
        .option("--list", "list the stacks this run would gate (with --shard: this shard's), with environment and weight")
        // Taken by engine/cli/run-ts.js before this parser (it must act before any module is loaded); listed for --help.
        .option("--no-cache", "run without the on-disk caches of transpiled modules, Lambda bundles and compiled code (engine/cache.js)")
        .addOption(new Option("--project-dir <dir>").hideHelp())
        .addHelpText("after", MORE_HELP);
}

/** Parses the command line; throws UsageError with one line saying what is wrong. */
export function parsePlanArgs(argv: string[], helpOut: (s: string) => void = () => undefined): PlanArgs {
    const cmd = command(helpOut);
    try {
        cmd.parse(argv, { from: "user" });
    } catch (e) {
        if (e instanceof CommanderError && (e.code === "commander.helpDisplayed" || e.code === "commander.help")) {
            return { help: true } as PlanArgs;
        }
        if (e instanceof CommanderError) throw new UsageError(e.message.replace(/^error: /, "").replace(/\n\(Did you mean (.*)\?\)/, " (did you mean $1?)").replace(/\n/g, " "));
        throw e;
    }
    const o = cmd.opts<Record<string, unknown>>();
    const args: PlanArgs = {
        stack: o.stack as string[] | undefined, program: o.program as string | undefined, env: o.env as string | undefined,
        policyConfig: o.policyConfig as string | undefined, exemptions: o.exemptions as string | undefined, configOverrides: {},
        format: o.format as Format, out: o.out as string | undefined, reports: [], tree: o.tree as boolean | undefined,
        quiet: o.quiet === true, minSeverity: o.minSeverity as Severity | undefined, failOn: o.failOn as FailOn,
        previewOnly: o.previewOnly === true, strict: o.strict === true, settleTimeout: o.settleTimeout as string | undefined,
        merge: o.merge as string[] | undefined, baseline: o.baseline as string | false | undefined, list: o.list === true,
        projectDir: o.projectDir as string | undefined, help: false,
    };
    if (args.program && !args.env) throw new UsageError("--program needs --env (the environment whose policy configuration applies)");
    if (args.env && !args.program) throw new UsageError("--env goes with --program");
    if (args.program && args.stack) throw new UsageError("--program and --stack cannot be combined");
    if (args.settleTimeout !== undefined && !(Number(args.settleTimeout) > 0)) {
        throw new UsageError(`--settle-timeout ${args.settleTimeout}: allowed: a number of seconds greater than 0`);
    }
    if (o.shard !== undefined) {
        if (args.program) throw new UsageError("--shard splits the project's stacks; --program gates one program");
        try {
            args.shard = parseShard(o.shard as string);
        } catch (e) {
            throw new UsageError((e as Error).message);
        }
    }
    if (args.merge) {
        const clash = ["stack", "program", "shard", "list", "config", "policyConfig", "exemptions", "previewOnly"].filter((k) => o[k] !== undefined && o[k] !== false);
        if (clash.length > 0) throw new UsageError(`--merge joins existing reports and runs no stack; it cannot be combined with --${clash[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    }
    for (const pair of (o.config as string[] | undefined) ?? []) {
        const m = /^([A-Za-z0-9_-]+:[A-Za-z0-9_.-]+)=(.*)$/s.exec(pair);
        if (!m) throw new UsageError(`--config ${pair}: expected namespace:key=value, e.g. platform:systems=["vibe"]`);
        args.configOverrides[m[1]] = m[2];
    }
    for (const spec of (o.report as string[] | undefined) ?? []) {
        const m = /^([a-z]+)=(.+)$/.exec(spec);
        if (!m || !(FORMATS as readonly string[]).includes(m[1])) throw new UsageError(`--report ${spec}: allowed: FORMAT=FILE with FORMAT one of ${FORMATS.join(", ")}, e.g. --report sarif=reports/gate.sarif`);
        if (args.reports.some((r) => path.resolve(r.file) === path.resolve(m[2])) || (args.out && path.resolve(args.out) === path.resolve(m[2]))) throw new UsageError(`--report ${spec}: ${m[2]} is already written by another report`);
        args.reports.push({ format: m[1] as Format, file: m[2] });
    }
    return args;
}

export interface RenderOptions {
    tree?: boolean;
    quiet?: boolean;
    minSeverity?: Severity;
    colour?: boolean;
    linkBase?: string;
}

export function render(report: GateReport, format: Format, policiesDir: string, opts: RenderOptions = {}): string {
    switch (format) {
        case "json": return renderJson(report);
        case "sarif": return renderSarif(report, loadPolicyPack(policiesDir));
        case "junit": return renderJunit(report, [...loadPolicyPack(policiesDir).policies.map((p) => p.name), STATEFUL_REPLACE_RULE]);
        case "markdown": return renderMarkdown(report, { linkBase: opts.linkBase, minSeverity: opts.minSeverity });
        default: return renderText(report, { tree: opts.tree, quiet: opts.quiet, minSeverity: opts.minSeverity, colour: opts.colour });
    }
}

/** Where markdown links to files point on GitHub Actions (the commit being checked). */
function githubLinkBase(env: NodeJS.ProcessEnv): string | undefined {
    if (!env.GITHUB_REPOSITORY || !env.GITHUB_SHA) return undefined;
    return `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/`;
}

/** Colour on a terminal only, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
    return stream.isTTY === true && !env.NO_COLOR;
}

function write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text);
}

export async function main(argv: string[]): Promise<number> {
    let args: PlanArgs;
    let help = "";
    try {
        args = parsePlanArgs(argv, (s) => { help += s; });
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        process.stderr.write(`error: ${e.message}\n(${HINT})\n`);
        return 2;
    }
    if (args.help) {
        process.stdout.write(help);
        return 0;
    }
    if (args.settleTimeout !== undefined) process.env.PLATFORM_ENGINE_SETTLE_SECONDS = args.settleTimeout;
    const projectDir = path.resolve(args.projectDir ?? process.cwd());
    const policiesDir = path.join(projectDir, "policies");
    const gateOptions: GateOptions = {
        projectDir,
        stacks: args.stack,
        program: args.program ? { file: args.program, env: args.env as string } : undefined,
        policyConfigFile: args.policyConfig ? path.resolve(args.policyConfig) : undefined,
        exemptionsFile: args.exemptions ? path.resolve(args.exemptions) : undefined,
        configOverrides: args.configOverrides,
        previewOnly: args.previewOnly,
        strict: args.strict,
        failOn: args.failOn,
        shard: args.shard,
        baselineFile: args.baseline === false ? null : args.baseline,
        onProgress: args.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
    };
    let report: GateReport;
    try {
        if (args.list) {
            const targets = listTargets(gateOptions);
            process.stdout.write(args.format === "json" ? `${JSON.stringify(targets)}\n` : targets.map((t) => `${t.stack}\t${t.environment ?? "unset"}\t${t.weight}${t.shard ? `\tshard ${t.shard}` : ""}\n`).join(""));
            return 0;
        }
        report = args.merge ? mergeReports(args.merge.map((f) => path.resolve(f)), { strict: args.strict, failOn: args.failOn }) : await runGate(gateOptions);
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n`);
        return 2;
    }
    for (const s of report.stacks) {
        if (s.error) process.stderr.write(`error: ${s.error}\n`);
    }
    for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
    const options: RenderOptions = { tree: args.tree, quiet: args.quiet, minSeverity: args.minSeverity, linkBase: githubLinkBase(process.env) };
    const console = render(report, args.format, policiesDir, { ...options, colour: !args.out && wantsColour(process.stdout, process.env) });
    if (args.out) {
        write(args.out, console);
        if (!args.quiet) process.stderr.write(`wrote ${args.format} report to ${args.out}\n`);
    } else {
        process.stdout.write(console);
    }
    for (const r of args.reports) {
        write(r.file, render(report, r.format, policiesDir, options));
        if (!args.quiet) process.stderr.write(`wrote ${r.format} report to ${r.file}\n`);
    }
    const { summary } = report;
    if (!args.quiet) process.stderr.write(`gate: ${summary.stacks} stack(s), ${summary.resources} resources, ${summary.mandatory} mandatory, ${summary.advisory} advisory, ${summary.unchecked} unchecked, ${summary.errors} error(s)\n`);
    return exitCodeOf(report);
}
