/**
 * The offline plan and policy gate: runs stacks through the offline engine with preview semantics and
 * applies the policy pack with each stack's environment configuration, as `pulumi preview
 * --policy-pack policies --policy-pack-config policies/config/<env>.json` would.
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import type { Diagnostic } from "../engine-log";
import type { Mode, ResourceRecord } from "../monitor";
import { runProgram, runStack, type RunOptions, type RunResult, type RunStackOptions } from "../run";
import { listStacks, programOf, readProject, readStackFile } from "../stack-file";
import { analyzeStack, stackPolicyNames, type AnalysisResult, type Remediation, type Violation } from "./analyzer";
import { loadBaselineFor, resourceCounts, type BaselineChanges } from "./baseline";
import { validateInputs } from "./inputs";
import { projectRelative, type SourceLocation } from "./locations";
import { loadPolicyPack, type ExemptionResult, type LoadedPack } from "./pack";
import { readPolicyConfigFile, reconcilePolicyConfig } from "./policy-config";
import { postProcessStack } from "./post-process";
import { assignShards, stacksOfShard, type ShardInfo, type ShardSpec } from "./shard";
import { summarize } from "./summary";
import { verdictOf, type FailOn } from "./triage";
import { typeCheck } from "../typecheck";
import type { StackCost } from "../cost/model";
import { attachCostEstimate } from "../cost/stack-estimate";
import { executeConcurrently, type RunRequest } from "./execute";

export interface ReportResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    protect: boolean;
    /** The line that declared it (relative to the project directory), when the engine captured one. */
    sourcePosition?: SourceLocation;
    /** Earlier URNs it answers to (its `aliases`), when it has any: the baseline comparison follows them. */
    aliases?: string[];
}

export type Phase = "preview" | "update";

export interface ReportViolation {
    policy: string;
    enforcementLevel: "advisory" | "mandatory";
    severity: string;
    urn: string | null;
    message: string;
    remediation: string | null;
    /**
     * preview: found by the preview pass, as `pulumi preview --policy-pack` finds it. update: a check
     * preview deferred (a value unknown until deployment), run again on the values the engine simulates
     * for a deployment; it would fail `pulumi up` part-way, when resources are half made.
     */
    phase: Phase;
    /** The declaring line of the resource (null: a stack-level finding, or no line recorded). Set after the stack ran. */
    sourcePosition?: SourceLocation | null;
}

/** A check that could not run during preview because a value it reads is unknown until update. */
export interface DeferredCheck {
    policy: string;
    urn: string | null;
    message: string;
}

/**
 * A multi-language (remote) component: its provider plugin builds its children, which neither the
 * offline engine nor a policy can see. Listed so that it is never a silent PASS (`--strict` fails on it).
 */
export interface UncheckedComponent {
    urn: string;
    type: string;
    reason: string;
}

export interface StackReport {
    stack: string;
    environment: string | null;
    program: string;
    policyConfig: string | null;
    resources: ReportResource[];
    violations: ReportViolation[];
    /**
     * Checks deferred to update time. The Pulumi CLI prints these as advisory diagnostics ("can't run
     * policy ... during preview"); they are not findings, so the gate lists them apart.
     */
    deferred: DeferredCheck[];
    /** Remote components whose children no policy saw. */
    unchecked: UncheckedComponent[];
    exemptions: ExemptionResult[];
    remediations: Remediation[];
    /** What the program logged (pulumi.log and the SDK's own warnings), as the CLI shows them. */
    diagnostics: Diagnostic[];
    /** Set when the program or its configuration failed: the stack could not be gated. */
    error: string | null;
    evaluations: number;
    /**
     * Whether the update-time pass ran (it does unless --preview-only), how many checks preview
     * deferred it ran, and how many resources only it saw (declared inside an apply on values unknown
     * during preview), every check of which it ran.
     */
    updatePass: { ran: boolean; checked: number; onlyAtUpdate: number; note: string | null };
    /** Against the baseline (the committed URN snapshot): to create, delete, replace. Null without a baseline or when the program failed. */
    changes?: BaselineChanges | null;
    timings: { programMs: number; policyMs: number; updateMs: number };
    /** The monthly cost estimate of the stack's records (engine/cost); null when it could not be made. */
    cost?: StackCost | null;
}

export interface GateSummary {
    stacks: number; mandatory: number; advisory: number; deferred: number; unchecked: number; resources: number; errors: number;
    /** Findings exempted (suppressed by a live exemption). */
    exempted: number;
    /** Against the baseline, over the stacks that have one. */
    create: number; delete: number; replace: number;
}

export interface GateReport {
    stacks: StackReport[];
    summary: GateSummary;
    /** --strict: an unchecked remote component fails the gate. */
    strict: boolean;
    /** --fail-on: which violations fail the gate (triage.ts). */
    failOn?: FailOn;
    /** About the inputs, not a stack: exemptions about to expire. */
    warnings: string[];
    /** --shard: which share of the stacks this report covers. */
    shard?: ShardInfo;
}

export interface GateOptions {
    projectDir: string;
    /** Stacks to gate; default every Pulumi.<stack>.yaml of the project. */
    stacks?: string[];
    /** Gate an arbitrary program file instead of the project's entry, as environment `env`. */
    program?: { file: string; env: string };
    /** Policy configuration file overriding policies/config/<env>.json. */
    policyConfigFile?: string;
    /** Exemptions file overriding the pack's own. */
    exemptionsFile?: string;
    /** Config values ("namespace:key" -> string) overriding the stack files', like `pulumi preview -c`. */
    configOverrides?: Record<string, string>;
    policiesDir?: string;
    /** Skip the update-time pass: deferred checks stay deferred (--preview-only). */
    previewOnly?: boolean;
    /** Exit 1 when a remote component could not be checked (--strict). */
    strict?: boolean;
    /** Which violations fail the gate (--fail-on; default mandatory). */
    failOn?: FailOn;
    /** Gate only this share of the stacks (--shard K/N). */
    shard?: ShardSpec;
    /** The baseline URN snapshot; default the project's tests/programs/urn-snapshot.json when it exists; null: none. */
    baselineFile?: string | null;
    /** The date exemptions are judged by (tests); default now. */
    now?: Date;
    onProgress?: (line: string) => void;
}

export class GateError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "GateError";
    }
}

function toReportResources(records: readonly ResourceRecord[], projectDir: string): ReportResource[] {
    return records.map((r) => ({
        urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, protect: r.options.protect,
        ...(r.sourcePosition ? { sourcePosition: projectRelative(r.sourcePosition, projectDir) } : {}),
        ...(r.options.aliases.length > 0 ? { aliases: r.options.aliases } : {}),
    }));
}

function firstLine(e: unknown): string {
    if (e instanceof Error) {
        // Config and argument errors carry their whole explanation in the message; never print a stack trace.
        return e.message;
    }
    return String(e);
}

interface Target {
    stack: string;
    environment: string | null;
    program: string;
    /** Type errors that would stop `pulumi preview` before the program runs (--program files). */
    typeErrors?(): string[];
    /** What typeErrors found, checked once before any program runs. */
    typeErrorList?: string[];
    run(mode: Mode): Promise<RunResult>;
    /** The same run as data, so that it can run on another thread (execute.ts). */
    request: RunRequest;
}

function targetsFor(opts: GateOptions): Target[] {
    const project = readProject(opts.projectDir);
    if (opts.program) {
        const file = path.resolve(opts.program.file);
        if (!fs.existsSync(file)) throw new GateError(`--program ${opts.program.file}: no such file`);
        const stack = opts.program.env;
        const options: RunOptions & { program: string } = { program: file, project: project.name, stack, rootDirectory: opts.projectDir, config: { "aws:region": "us-east-1", "platform:environment": opts.program.env, ...opts.configOverrides } };
        return [{
            stack, environment: opts.program.env, program: path.relative(opts.projectDir, file),
            typeErrors: /\.[cm]?tsx?$/.test(file) ? () => typeCheck(file, opts.projectDir) : undefined,
            run: (mode) => runProgram({ ...options, mode }),
            request: { kind: "program", options },
        }];
    }
    const known = listStacks(opts.projectDir);
    const stacks = opts.stacks && opts.stacks.length > 0 ? opts.stacks : known;
    for (const s of stacks) {
        if (!known.includes(s)) throw new GateError(`no stack "${s}": there is no Pulumi.${s}.yaml; stacks here: ${known.join(", ") || "none"}`);
    }
    return stacks.map((stack) => {
        const file = readStackFile(opts.projectDir, project.name, stack);
        const options: RunStackOptions = { projectDir: opts.projectDir, stack, configOverrides: opts.configOverrides };
        return {
            stack, environment: opts.configOverrides?.["platform:environment"] ?? file.config["platform:environment"] ?? null, program: path.relative(opts.projectDir, programOf(project)),
            run: (mode) => runStack({ ...options, mode }),
            request: { kind: "stack", options },
        };
    });
}

/** The baseline records the project's stacks; a --program run is compared only with a baseline given for it. */
function baselineOf(opts: GateOptions) {
    return opts.program && opts.baselineFile === undefined ? null : loadBaselineFor(opts.projectDir, opts.baselineFile);
}

/** The stacks a run would gate (`--list`): environment, weight (last measured resource count) and shard. */
export function listTargets(opts: GateOptions): { stack: string; environment: string | null; weight: number | null; shard: number | null }[] {
    const all = targetsFor(opts);
    const weights = resourceCounts(baselineOf(opts));
    const assignment = opts.shard ? assignShards(all.map((t) => t.stack), opts.shard.count, weights) : undefined;
    return all.filter((t) => !assignment || assignment.get(t.stack) === opts.shard!.index)
        .map((t) => ({ stack: t.stack, environment: t.environment, weight: weights[t.stack] ?? null, shard: assignment?.get(t.stack) ?? null }));
}

export async function runGate(opts: GateOptions): Promise<GateReport> {
    const policiesDir = opts.policiesDir ?? path.join(opts.projectDir, "policies");
    const pack: LoadedPack = loadPolicyPack(policiesDir);
    const all = targetsFor(opts);
    const baseline = baselineOf(opts);
    // Every input is checked before any program runs: a mistake there is one message, not one per stack.
    const inputs = validateInputs(all, pack, { ...opts, policiesDir });
    const shard: ShardInfo | undefined = opts.shard ? { ...opts.shard, of: all.map((t) => t.stack) } : undefined;
    const chosen = shard ? new Set(stacksOfShard(shard.of, shard, resourceCounts(baseline))) : undefined;
    const selected = chosen ? all.filter((t) => chosen.has(t.stack)) : all;
    // A program that does not type-check never runs (pulumi preview stops there too).
    for (const t of selected) t.typeErrorList = t.typeErrors?.() ?? [];
    pack.exemptions.load(opts.exemptionsFile, { now: opts.now });
    const reports: StackReport[] = [];
    // Both passes of every stack start at once, over all cores; results are consumed in order below.
    const execution = executeConcurrently(selected, (t) => (!t.environment || t.typeErrorList!.length > 0 ? [] : opts.previewOnly ? ["preview"] : ["preview", "apply"]));
    const targets = execution.targets;
    try {
        for (const [i, target] of targets.entries()) {
            opts.onProgress?.(`[${i + 1}/${targets.length}] previewing stack ${target.stack} (environment ${target.environment ?? "unset"}, program ${target.program})`);
            reports.push(await gateStack(target, pack, policiesDir, opts));
        }
    } finally {
        execution.close();
    }
    for (const r of reports) postProcessStack(r, { pack, baseline, configFor: inputs.configFor });
    return {
        stacks: reports, summary: summarize(reports), strict: opts.strict === true, failOn: opts.failOn ?? "mandatory",
        warnings: inputs.warnings, ...(shard ? { shard } : {}),
    };
}

async function gateStack(target: Target, pack: LoadedPack, policiesDir: string, opts: GateOptions): Promise<StackReport> {
    const report: StackReport = {
        stack: target.stack, environment: target.environment, program: target.program, policyConfig: null, resources: [], violations: [], deferred: [], unchecked: [],
        diagnostics: [], exemptions: [], remediations: [], error: null, evaluations: 0, updatePass: { ran: false, checked: 0, onlyAtUpdate: 0, note: null },
        timings: { programMs: 0, policyMs: 0, updateMs: 0 },
    };
    const t0 = performance.now();
    let result: RunResult;
    try {
        if (!target.environment) throw new GateError(`stack ${target.stack}: no platform:environment in Pulumi.${target.stack}.yaml, so no policy configuration can be chosen`);
        const typeErrors = target.typeErrorList ?? target.typeErrors?.() ?? [];
        if (typeErrors.length > 0) throw new GateError(`${target.program} does not type-check (${typeErrors.length} error(s); pulumi preview would stop here too):\n${typeErrors.map((e) => `  ${e}`).join("\n")}`);
        result = await target.run("preview");
    } catch (e) {
        report.error = `stack ${target.stack}: ${firstLine(e)}`;
        return report;
    }
    report.timings.programMs = performance.now() - t0;
    report.resources = toReportResources(result.resources, opts.projectDir);
    report.diagnostics = result.diagnostics;
    report.unchecked = uncheckedComponents(result.resources);
    if (result.error) {
        report.error = `stack ${target.stack}: ${firstLine(result.error)}`;
        return report;
    }
    if (!attachCostEstimate(report, result.resources, { projectDir: opts.projectDir, stack: target.stack, projectStack: !opts.program })) return report;
    const configFile = opts.policyConfigFile ?? path.join(policiesDir, "config", `${target.environment}.json`);
    report.policyConfig = path.relative(opts.projectDir, configFile);
    const t1 = performance.now();
    try {
        const config = reconcilePolicyConfig(pack.policies, pack.enforcementLevel, readPolicyConfigFile(configFile), report.policyConfig);
        const analyze = (records: readonly ResourceRecord[]) => analyzeStack(records, { packName: pack.name, packVersion: pack.version, policies: pack.policies, config });
        // Exemption matches accumulate over both passes: what either pass exempted was honoured.
        pack.exemptions.reset();
        const analysis = await analyze(result.resources);
        report.evaluations = analysis.evaluations;
        report.remediations = analysis.remediations;
        report.deferred = analysis.violations.filter((v) => v.unknown).map((v) => ({ policy: v.policy, urn: v.urn ?? null, message: v.message }));
        report.violations = analysis.violations.filter((v) => !v.unknown).map((v) => toReportViolation(v, pack, "preview"));
        report.timings.policyMs = performance.now() - t1;
        // Also with nothing deferred: resources declared inside an apply exist only at update time.
        if (!opts.previewOnly) {
            const t2 = performance.now();
            const onlyAtUpdate = await updatePass(report, target, result.resources, analyze, pack);
            report.timings.updateMs = performance.now() - t2;
            // The estimate covers what a deployment creates, so with what only the update registers too.
            if (onlyAtUpdate.length > 0) attachCostEstimate(report, [...result.resources, ...onlyAtUpdate], { projectDir: opts.projectDir, stack: target.stack, projectStack: !opts.program });
        }
        report.exemptions = pack.exemptions.results();
    } catch (e) {
        report.error = `stack ${target.stack}: ${firstLine(e)}`;
    }
    return report;
}

function toReportViolation(v: Violation, pack: LoadedPack, phase: Phase): ReportViolation {
    return {
        policy: v.policy, enforcementLevel: v.enforcementLevel,
        severity: pack.metadata[v.policy]?.severity ?? v.severity ?? "medium",
        urn: v.urn ?? null, message: v.message,
        remediation: pack.metadata[v.policy]?.remediation ?? (pack.policies.find((p) => p.name === v.policy) as { remediationSteps?: string } | undefined)?.remediationSteps ?? null,
        phase,
    };
}

export const REMOTE_REASON = "multi-language component: its children are built by its provider plugin, which the offline engine cannot run, so no policy saw them";

function uncheckedComponents(records: readonly ResourceRecord[]): UncheckedComponent[] {
    return records.filter((r) => r.remote).map((r) => ({ urn: r.urn, type: r.type, reason: REMOTE_REASON }));
}

/** URNs whose inputs derive (through dependencies or parents) from a remote component's outputs. */
function derivedFromRemote(records: readonly ResourceRecord[]): Set<string> {
    const tainted = new Set(records.filter((r) => r.remote).map((r) => r.urn));
    if (tainted.size === 0) return tainted;
    // Registration order is dependency order: a resource registers after everything it depends on.
    for (const r of records) {
        if ((r.parent && tainted.has(r.parent)) || r.dependencies.some((d) => tainted.has(d))) tainted.add(r.urn);
    }
    return tainted;
}

/**
 * The update-time pass: the program runs again with the values a deployment would produce (the
 * engine's apply mode), and every check the preview pass deferred runs on them. A violation found
 * there counts at its enforcement level, as it would stop `pulumi up`. A check whose values are still
 * unknown, or derive from a component the engine cannot build, stays deferred. Checks that preview
 * decided are not re-judged: preview saw real inputs, the update pass sees simulated ones. A resource
 * registered only in this run (declared inside an apply on a value unknown during preview, so that
 * `pulumi preview` never sees it and `pulumi up` checks it as it creates it) has all its checks here,
 * and its presence has the stack policies judged again, as `pulumi up` judges the stack at its end.
 * Returns those resources.
 */
async function updatePass(report: StackReport, target: Target, previewRecords: readonly ResourceRecord[], analyze: (r: readonly ResourceRecord[]) => Promise<AnalysisResult>, pack: LoadedPack): Promise<ResourceRecord[]> {
    const remote = derivedFromRemote(previewRecords);
    let applied: RunResult;
    try {
        applied = await target.run("apply");
    } catch (e) {
        applied = { error: e instanceof Error ? e : new Error(String(e)) } as RunResult;
    }
    if (applied.error) {
        const why = `the program failed with simulated deployment values: ${firstLine(applied.error)}`;
        // A program that uses remote components reads their outputs, which are not simulated: the
        // failure says nothing about a real deployment. Otherwise it would fail `pulumi up` too.
        if (remote.size > 0) {
            report.updatePass = { ran: false, checked: 0, onlyAtUpdate: 0, note: `update-time checks not run: ${why} (it uses a remote component whose outputs cannot be simulated)` };
            report.diagnostics = [...report.diagnostics, { severity: "warning", message: report.updatePass.note! }];
            return [];
        }
        throw new Error(`update-time pass: ${why}`);
    }
    const analysis = await analyze(applied.resources);
    const key = (policy: string, urn: string | null | undefined) => `${policy}\u0000${urn ?? ""}`;
    const stillUnknown = new Set(analysis.violations.filter((v) => v.unknown).map((v) => key(v.policy, v.urn)));
    const found = new Map<string, Violation[]>();
    for (const v of analysis.violations.filter((x) => !x.unknown)) {
        const k = key(v.policy, v.urn);
        found.set(k, [...(found.get(k) ?? []), v]);
    }
    const seen = new Set(report.violations.map((v) => `${key(v.policy, v.urn)}\u0000${v.message}`));
    const deferred: DeferredCheck[] = [];
    let checked = 0;
    for (const d of report.deferred) {
        if (d.urn !== null && remote.has(d.urn)) {
            deferred.push({ ...d, message: `${d.message} (its values derive from a remote component, which the engine cannot simulate)` });
            continue;
        }
        // A stack policy reports on any resource: all its update-time findings belong to the deferred check.
        const hits = d.urn === null
            ? analysis.violations.filter((v) => !v.unknown && v.policy === d.policy)
            : found.get(key(d.policy, d.urn)) ?? [];
        if (stillUnknown.has(key(d.policy, d.urn))) {
            deferred.push(d);
            continue;
        }
        checked++;
        for (const v of hits) {
            const k = `${key(v.policy, v.urn)}\u0000${v.message}`;
            if (seen.has(k)) continue;
            seen.add(k);
            report.violations.push(toReportViolation(v, pack, "update"));
        }
    }
    // Resources only the update sees: every finding on them is an update-time one.
    const inPreview = new Set(previewRecords.map((r) => r.urn));
    const onlyAtUpdate = applied.resources.filter((r) => !inPreview.has(r.urn));
    const onlyAtUpdateUrns = new Set(onlyAtUpdate.map((r) => r.urn));
    const remoteAtUpdate = onlyAtUpdate.length > 0 ? derivedFromRemote(applied.resources) : new Set<string>();
    for (const v of analysis.violations) {
        if (!v.urn || !onlyAtUpdateUrns.has(v.urn) || remoteAtUpdate.has(v.urn)) continue;
        if (v.unknown) {
            deferred.push({ policy: v.policy, urn: v.urn, message: v.message });
            continue;
        }
        const k = `${key(v.policy, v.urn)}\u0000${v.message}`;
        if (seen.has(k)) continue;
        seen.add(k);
        report.violations.push(toReportViolation(v, pack, "update"));
    }
    // A stack policy sees every resource at once, and `pulumi up` judges the stack again at its end,
    // with what only the update registered: a finding on a resource preview saw (the stack, a system
    // over its budget) can then be new. Without such resources preview's verdict on the stack stands,
    // as for every other check it decided (its inputs were real, these are simulated).
    // A resource the stack policy already failed keeps that one finding (a budget preview found
    // exceeded is not reported again with the update's larger sum).
    if (onlyAtUpdate.length > 0) {
        const stackPolicies = stackPolicyNames(pack.policies);
        const reported = new Set(report.violations.map((v) => key(v.policy, v.urn)));
        for (const v of analysis.violations) {
            if (v.unknown || !stackPolicies.has(v.policy) || (v.urn && (onlyAtUpdateUrns.has(v.urn) || remoteAtUpdate.has(v.urn)))) continue;
            if (reported.has(key(v.policy, v.urn))) continue;
            reported.add(key(v.policy, v.urn));
            report.violations.push(toReportViolation(v, pack, "update"));
        }
    }
    report.deferred = deferred;
    report.evaluations += analysis.evaluations;
    report.updatePass = { ran: true, checked, onlyAtUpdate: onlyAtUpdate.length, note: null };
    return onlyAtUpdate;
}

/** 0: nothing fails (--fail-on, default: no mandatory violation); 1: a failing violation (or, with --strict, an unchecked component); 2: a program or configuration failed. */
export function exitCodeOf(report: GateReport): 0 | 1 | 2 {
    return verdictOf(report);
}
