/** Helpers for the team-stack tests: temporary projects scaffolded with the new-team tool. */
import * as fs from "fs";
import * as path from "path";
import { tempProject } from "../../engine/cli/team-bench";

export const ROOT = path.resolve(__dirname, "..", "..");

/** A temporary project (Pulumi.yaml pointing at this project's entry) with the policy pack linked in. */
export function tempTeamProject(prefix: string): string {
    const dir = tempProject(ROOT, prefix);
    fs.symlinkSync(path.join(ROOT, "policies"), path.join(dir, "policies"), "dir");
    return dir;
}

export function removeProject(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
}
