/**
 * The team-stack figure of `npm run bench` (issue #8): scaffolds `count` team stacks with the
 * new-team scaffolder (blueprints in turn, dev and prod alternating) into a temporary project whose
 * Pulumi.yaml points at this project's entry, and runs the gate over all of them with this project's
 * policy pack, as `npm run plan` would.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import YAML from "yaml";
import { BLUEPRINT_NAMES } from "../../programs/team/blueprints";
import { runGate } from "../gate/gate";
import { programOf, readProject } from "../stack-file";
import { scaffoldTeam } from "./new-team";

/** A temporary project dir: the project's Pulumi.yaml with `main` made absolute. */
export function tempProject(root: string, prefix = "team-bench-"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const project = readProject(root);
    const doc = YAML.parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
    doc.main = programOf(project);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), YAML.stringify(doc));
    return dir;
}

export async function benchTeamStacks(root: string, count: number): Promise<Record<string, unknown>> {
    const dir = tempProject(root);
    try {
        for (let i = 0; i < count; i++) {
            const blueprint = BLUEPRINT_NAMES[i % BLUEPRINT_NAMES.length];
            const env = Math.floor(i / BLUEPRINT_NAMES.length) % 2 === 0 ? "dev" : "prod";
            scaffoldTeam({ team: `bench${i}`, env, from: blueprint, owner: `bench${i}@example.com`, costCenter: "CC-9999", dir });
        }
        const t0 = performance.now();
        const report = await runGate({ projectDir: dir, policiesDir: path.join(root, "policies") });
        const wallMs = performance.now() - t0;
        return {
            stacks: report.summary.stacks,
            wallMs: Math.round(wallMs),
            msPerStack: Number((wallMs / Math.max(1, report.summary.stacks)).toFixed(1)),
            mandatory: report.summary.mandatory,
            resources: report.summary.resources,
            errors: report.summary.errors,
            blueprints: BLUEPRINT_NAMES,
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
