/**
 * `--merge FILE...`: joins the JSON reports of sharded runs (`--shard K/N`, one per CI runner) into the
 * report one run over every stack would have produced, from which any format is rendered again (one
 * SARIF for code scanning, one markdown summary, one JUnit file).
 *
 * Sharded reports record their shard and the run's full stack list, so a missing shard (a runner that
 * crashed before writing its report) or a shard of another run is refused rather than merged into a
 * report that silently leaves stacks out. Unsharded reports of distinct stacks merge in the order given.
 */
import * as fs from "fs";
import type { GateReport, StackReport } from "./gate";
import { JSON_FORMAT_VERSION } from "./report/json";
import type { ShardInfo } from "./shard";
import { summarize } from "./summary";

export class MergeError extends Error {}

interface JsonReport {
    formatVersion: number;
    stacks: Omit<StackReport, "evaluations" | "timings">[];
    warnings?: string[];
    shard?: ShardInfo;
}

function readReport(file: string): JsonReport {
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new MergeError(`--merge ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not valid JSON (${(e as Error).message})`}; allowed: a report written with --format json or --report json=FILE`);
    }
    const r = doc as Partial<JsonReport> | null;
    if (!r || typeof r !== "object" || !Array.isArray(r.stacks)) throw new MergeError(`--merge ${file}: got no "stacks" list; allowed: a gate JSON report (--report json=FILE)`);
    if (r.formatVersion !== JSON_FORMAT_VERSION) throw new MergeError(`--merge ${file}: formatVersion ${JSON.stringify(r.formatVersion)}; allowed: ${JSON_FORMAT_VERSION} (merge reports of the same gate version)`);
    return r as JsonReport;
}

export function mergeReports(files: readonly string[], opts: { strict?: boolean; failOn?: GateReport["failOn"] } = {}): GateReport {
    if (files.length === 0) throw new MergeError("--merge needs at least one JSON report file");
    const reports = files.map((file) => ({ file, report: readReport(file) }));
    const sharded = reports.filter((r) => r.report.shard);
    let order: string[] | undefined;
    if (sharded.length > 0) {
        if (sharded.length !== reports.length) throw new MergeError(`--merge: ${reports.find((r) => !r.report.shard)!.file} is not a shard's report, ${sharded[0].file} is; allowed: the reports of every shard of one run, or only unsharded reports`);
        const first = sharded[0].report.shard!;
        const seen = new Map<number, string>();
        for (const { file, report } of sharded) {
            const s = report.shard!;
            if (s.count !== first.count || JSON.stringify(s.of) !== JSON.stringify(first.of)) throw new MergeError(`--merge: ${file} is shard ${s.index}/${s.count} of another run than ${sharded[0].file} (different shard count or stacks); allowed: the shards of one run`);
            if (seen.has(s.index)) throw new MergeError(`--merge: ${file} and ${seen.get(s.index)} are both shard ${s.index}/${s.count}`);
            seen.set(s.index, file);
        }
        const missing = Array.from({ length: first.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
        if (missing.length > 0) throw new MergeError(`--merge: shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${first.count}`).join(", ")} missing (its runner may have failed before writing its report); allowed: every shard's report`);
        order = first.of;
    }
    const byStack = new Map<string, StackReport>();
    for (const { file, report } of reports) {
        for (const s of report.stacks) {
            if (byStack.has(s.stack)) throw new MergeError(`--merge: stack ${s.stack} is in more than one report (again in ${file})`);
            byStack.set(s.stack, { ...s, evaluations: 0, timings: { programMs: 0, policyMs: 0, updateMs: 0 } } as StackReport);
        }
    }
    if (order) {
        const extra = [...byStack.keys()].filter((s) => !order!.includes(s));
        const absent = order.filter((s) => !byStack.has(s));
        if (extra.length > 0 || absent.length > 0) throw new MergeError(`--merge: the shards do not cover their run's stacks (missing: ${absent.join(", ") || "none"}; unexpected: ${extra.join(", ") || "none"})`);
    }
    const stacks = (order ?? [...byStack.keys()]).map((s) => byStack.get(s)!);
    const warnings = [...new Set(reports.flatMap((r) => r.report.warnings ?? []))];
    return { stacks, summary: summarize(stacks), strict: opts.strict === true, failOn: opts.failOn ?? "mandatory", warnings };
}
