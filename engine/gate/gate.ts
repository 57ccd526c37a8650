/**
 * The offline plan and policy gate: runs stacks through the offline engine with preview semantics and
 * applies the policy pack with each stack's environment configuration, as `pulumi preview
 * --policy-pack policies --policy-pack-config policies/config/<env>.json` would.
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import type { Diagnostic } from "../engine-log";
import type { ResourceRecord } from "../monitor";
import { ROOT_STACK_TYPE } from "../monitor";
import { runProgram, runStack, type RunResult } from "../run";
import { listStacks, programOf, readProject, readStackFile } from "../stack-file";
import { analyzeStack, type Remediation } from "./analyzer";
import { loadPolicyPack, type ExemptionResult, type LoadedPack } from "./pack";
import { readPolicyConfigFile, reconcilePolicyConfig } from "./policy-config";

export interface ReportResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    protect: boolean;
}

export interface ReportViolation {
    policy: string;
    enforcementLevel: "advisory" | "mandatory";
    severity: string;
    urn: string | null;
    message: string;
    remediation: string | null;
}

/** A check that could not run during preview because a value it reads is unknown until update. */
export interface DeferredCheck {
    policy: string;
    urn: string | null;
    message: string;
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
    exemptions: ExemptionResult[];
    remediations: Remediation[];
    /** What the program logged (pulumi.log and the SDK's own warnings), as the CLI shows them. */
    diagnostics: Diagnostic[];
    /** Set when the program or its configuration failed: the stack could not be gated. */
    error: string | null;
    evaluations: number;
    timings: { programMs: number; policyMs: number };
}

export interface GateReport {
    stacks: StackReport[];
    summary: { stacks: number; mandatory: number; advisory: number; deferred: number; resources: number; errors: number };
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
    onProgress?: (line: string) => void;
}

export class GateError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "GateError";
    }
}

function toReportResources(records: readonly ResourceRecord[]): ReportResource[] {
    return records.map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, protect: r.options.protect }));
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
    run(): Promise<RunResult>;
}

function targetsFor(opts: GateOptions): Target[] {
    const project = readProject(opts.projectDir);
    if (opts.program) {
        const file = path.resolve(opts.program.file);
        if (!fs.existsSync(file)) throw new GateError(`--program ${opts.program.file}: no such file`);
        const stack = opts.program.env;
        return [{
            stack, environment: opts.program.env, program: path.relative(opts.projectDir, file),
            run: () => runProgram({ program: file, project: project.name, stack, config: { "aws:region": "us-east-1", "platform:environment": opts.program!.env, ...opts.configOverrides } }),
        }];
    }
    const known = listStacks(opts.projectDir);
    const stacks = opts.stacks && opts.stacks.length > 0 ? opts.stacks : known;
    for (const s of stacks) {
        if (!known.includes(s)) throw new GateError(`no stack "${s}": there is no Pulumi.${s}.yaml; stacks here: ${known.join(", ") || "none"}`);
    }
    return stacks.map((stack) => {
        const file = readStackFile(opts.projectDir, project.name, stack);
        return {
            stack, environment: opts.configOverrides?.["platform:environment"] ?? file.config["platform:environment"] ?? null, program: path.relative(opts.projectDir, programOf(project)),
            run: () => runStack({ projectDir: opts.projectDir, stack, mode: "preview", configOverrides: opts.configOverrides }),
        };
    });
}

export async function runGate(opts: GateOptions): Promise<GateReport> {
    const policiesDir = opts.policiesDir ?? path.join(opts.projectDir, "policies");
    const pack: LoadedPack = loadPolicyPack(policiesDir);
    pack.exemptions.load(opts.exemptionsFile);
    const reports: StackReport[] = [];
    const targets = targetsFor(opts);
    for (const [i, target] of targets.entries()) {
        opts.onProgress?.(`[${i + 1}/${targets.length}] previewing stack ${target.stack} (environment ${target.environment ?? "unset"}, program ${target.program})`);
        const report: StackReport = {
            stack: target.stack, environment: target.environment, program: target.program, policyConfig: null, resources: [], violations: [], deferred: [], diagnostics: [],
            exemptions: [], remediations: [], error: null, evaluations: 0, timings: { programMs: 0, policyMs: 0 },
        };
        reports.push(report);
        const t0 = performance.now();
        let result: RunResult;
        try {
            if (!target.environment) throw new GateError(`stack ${target.stack}: no platform:environment in Pulumi.${target.stack}.yaml, so no policy configuration can be chosen`);
            result = await target.run();
        } catch (e) {
            report.error = `stack ${target.stack}: ${firstLine(e)}`;
            continue;
        }
        report.timings.programMs = performance.now() - t0;
        report.resources = toReportResources(result.resources);
        report.diagnostics = result.diagnostics;
        if (result.error) {
            report.error = `stack ${target.stack}: ${firstLine(result.error)}`;
            continue;
        }
        const configFile = opts.policyConfigFile ?? path.join(policiesDir, "config", `${target.environment}.json`);
        report.policyConfig = path.relative(opts.projectDir, configFile);
        const t1 = performance.now();
        try {
            const config = reconcilePolicyConfig(pack.policies, pack.enforcementLevel, readPolicyConfigFile(configFile), report.policyConfig);
            pack.exemptions.reset();
            const analysis = await analyzeStack(result.resources, { packName: pack.name, packVersion: pack.version, policies: pack.policies, config });
            report.evaluations = analysis.evaluations;
            report.remediations = analysis.remediations;
            report.exemptions = pack.exemptions.results();
            report.deferred = analysis.violations.filter((v) => v.unknown).map((v) => ({ policy: v.policy, urn: v.urn ?? null, message: v.message }));
            report.violations = analysis.violations.filter((v) => !v.unknown).map((v) => ({
                policy: v.policy, enforcementLevel: v.enforcementLevel,
                severity: pack.metadata[v.policy]?.severity ?? v.severity ?? "medium",
                urn: v.urn ?? null, message: v.message,
                remediation: pack.metadata[v.policy]?.remediation ?? (pack.policies.find((p) => p.name === v.policy) as { remediationSteps?: string } | undefined)?.remediationSteps ?? null,
            }));
        } catch (e) {
            report.error = `stack ${target.stack}: ${firstLine(e)}`;
        }
        report.timings.policyMs = performance.now() - t1;
    }
    return {
        stacks: reports,
        summary: {
            stacks: reports.length,
            mandatory: reports.reduce((n, r) => n + r.violations.filter((v) => v.enforcementLevel === "mandatory").length, 0),
            advisory: reports.reduce((n, r) => n + r.violations.filter((v) => v.enforcementLevel === "advisory").length, 0),
            deferred: reports.reduce((n, r) => n + r.deferred.length, 0),
            resources: reports.reduce((n, r) => n + r.resources.filter((x) => x.type !== ROOT_STACK_TYPE).length, 0),
            errors: reports.filter((r) => r.error !== null).length,
        },
    };
}

/** 0: no mandatory violation; 1: at least one; 2: a program or configuration failed. */
export function exitCodeOf(report: GateReport): 0 | 1 | 2 {
    if (report.summary.errors > 0) return 2;
    return report.summary.mandatory > 0 ? 1 : 0;
}
