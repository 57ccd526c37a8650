/**
 * The baseline: the committed URN snapshot (tests/programs/urn-snapshot.json, written by
 * `npm run snapshot:urns` when a change to the stacks is reviewed and accepted). Against it the gate
 * says what a deployment of this commit would do to each stack, like `pulumi preview`'s summary line:
 * resources to create, to delete, and, for stateful types (buckets, tables, databases, keys, secrets,
 * user pools), to replace.
 *
 * A stateful resource whose URN changed without an `aliases` entry for its old URN is a replace: Pulumi
 * deletes the old resource and creates a new one, and the data goes with the old one. The pairing: a
 * stateful URN gone from the baseline and a new one of the same type with the same name (a new parent
 * or a moved component), or, failing that, the only gone and the only new resource of that type in the
 * stack (a rename). In prod that is the mandatory finding `platform-baseline-stateful-replace`
 * (advisory elsewhere). Input changes that make the provider replace a resource are not visible
 * offline (no state): only URN changes are.
 *
 * The baseline's per-stack URN counts are also the stacks' last measured resource counts, which
 * `--shard` balances by.
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT_STACK_TYPE } from "../monitor";
import { SNAPSHOT_FILE, STATEFUL } from "../tools/urn-snapshot";
import type { ReportResource, ReportViolation, StackReport } from "./gate";
import { displayPath } from "./locations";
import { GATE_RULES, STATEFUL_REPLACE_RULE } from "./rules";

export interface Baseline {
    /** The file, relative to the project directory. */
    file: string;
    /** stack -> URNs recorded for it. */
    stacks: Record<string, string[]>;
}

export interface ReplacedResource {
    urn: string;
    /** The URN in the baseline that no resource carries any more, not even as an alias. */
    previous: string;
    type: string;
}

export interface BaselineChanges {
    baseline: string;
    /** False when the stack is not in the baseline yet (a new stack: everything is to create). */
    recorded: boolean;
    create: number;
    delete: number;
    replace: number;
    same: number;
    created: string[];
    deleted: string[];
    replaced: ReplacedResource[];
}

/** The snapshot's location inside a project (the project's own copy: `--project-dir` may point elsewhere). */
export function defaultBaselineFile(projectDir: string): string {
    return path.join(projectDir, path.relative(path.join(__dirname, "..", ".."), SNAPSHOT_FILE));
}

export class BaselineError extends Error {}

export function loadBaseline(file: string, projectDir: string): Baseline {
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new BaselineError(`--baseline ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not valid JSON (${(e as Error).message})`}; allowed: a URN snapshot written by npm run snapshot:urns`);
    }
    const stacks = (doc as { stacks?: unknown } | null)?.stacks;
    if (stacks === null || typeof stacks !== "object" || Array.isArray(stacks) || Object.values(stacks).some((v) => !Array.isArray(v) || v.some((u) => typeof u !== "string"))) {
        throw new BaselineError(`--baseline ${file}: got no "stacks" map of stack name to URN list; allowed: a URN snapshot written by npm run snapshot:urns`);
    }
    return { file: displayPath(file, projectDir), stacks: stacks as Record<string, string[]> };
}

function nameOf(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

function typeOf(urn: string): string {
    return urn.split("::")[2]?.split("$").pop() ?? "";
}

/** What deploying the stack as reported would do against its baseline URNs. */
export function compareWithBaseline(resources: readonly ReportResource[], recorded: readonly string[] | undefined, baselineFile: string): BaselineChanges {
    const current = resources.filter((r) => r.type !== ROOT_STACK_TYPE);
    const before = new Set(recorded ?? []);
    const now = new Set(current.map((r) => r.urn));
    // An alias for a recorded URN means the engine updates that resource in place.
    const aliased = new Set(current.flatMap((r) => (r.aliases ?? []).filter((a) => before.has(a))));
    const added = current.filter((r) => !before.has(r.urn) && !(r.aliases ?? []).some((a) => before.has(a)));
    const gone = [...before].filter((u) => !now.has(u) && !aliased.has(u));
    const replaced: ReplacedResource[] = [];
    const pairedNew = new Set<string>();
    const pairedOld = new Set<string>();
    const statefulGone = gone.filter((u) => STATEFUL.has(typeOf(u)));
    const statefulAdded = added.filter((r) => STATEFUL.has(r.type));
    for (const old of statefulGone) {
        const match = statefulAdded.find((r) => !pairedNew.has(r.urn) && r.type === typeOf(old) && r.name === nameOf(old));
        if (match) {
            replaced.push({ urn: match.urn, previous: old, type: match.type });
            pairedNew.add(match.urn);
            pairedOld.add(old);
        }
    }
    for (const type of new Set(statefulGone.filter((u) => !pairedOld.has(u)).map(typeOf))) {
        const olds = statefulGone.filter((u) => !pairedOld.has(u) && typeOf(u) === type);
        const news = statefulAdded.filter((r) => !pairedNew.has(r.urn) && r.type === type);
        if (olds.length === 1 && news.length === 1) {
            replaced.push({ urn: news[0].urn, previous: olds[0], type });
            pairedNew.add(news[0].urn);
            pairedOld.add(olds[0]);
        }
    }
    const created = added.filter((r) => !pairedNew.has(r.urn)).map((r) => r.urn);
    const deleted = gone.filter((u) => !pairedOld.has(u));
    return {
        baseline: baselineFile,
        recorded: recorded !== undefined,
        create: created.length,
        delete: deleted.length,
        replace: replaced.length,
        same: current.length - added.length,
        created,
        deleted,
        replaced: replaced.sort((a, b) => a.urn.localeCompare(b.urn)),
    };
}

/** Each stateful replace as a finding: mandatory in prod (data loss there is never routine), advisory elsewhere. */
export function statefulReplaceViolations(report: Pick<StackReport, "environment" | "resources">, changes: BaselineChanges): ReportViolation[] {
    const rule = GATE_RULES[STATEFUL_REPLACE_RULE];
    const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
    return changes.replaced.map((r) => {
        const res = byUrn.get(r.urn);
        return {
            policy: STATEFUL_REPLACE_RULE,
            enforcementLevel: report.environment === "prod" ? "mandatory" : "advisory",
            severity: rule.severity,
            urn: r.urn,
            message: `${rule.description}\n${r.type} "${res?.name ?? nameOf(r.urn)}": its URN changed from ${r.previous} to ${r.urn} with no alias, so pulumi up would delete it and create a new one (its data stays with the deleted one). Fix: ${rule.remediation}`,
            remediation: rule.remediation,
            phase: "preview",
        };
    });
}

/** The baseline a gate run compares with: the given file, else the project's snapshot when it exists; null: none. */
export function loadBaselineFor(projectDir: string, file: string | null | undefined): Baseline | null {
    if (file === null) return null;
    if (file === undefined) {
        const fallback = defaultBaselineFile(projectDir);
        return fs.existsSync(fallback) ? loadBaseline(fallback, projectDir) : null;
    }
    return loadBaseline(path.resolve(file), projectDir);
}

/** Each stack's last measured resource count (what `--shard` balances by). */
export function resourceCounts(baseline: Baseline | null): Record<string, number> {
    return Object.fromEntries(Object.entries(baseline?.stacks ?? {}).map(([stack, urns]) => [stack, urns.length]));
}
