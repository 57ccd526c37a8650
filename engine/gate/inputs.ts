/**
 * The gate's inputs, checked before any program runs: the policy configuration of every environment
 * about to be gated (or the --policy-config file) and the exemptions file. Each mistake is reported
 * once, naming the file, the key, what was given and what is allowed; the run stops there (exit 2),
 * rather than failing every stack with the same message after its program ran.
 */
import * as fs from "fs";
import * as path from "path";
import { readProject } from "../stack-file";
import { checkExemptionsFile, ExemptionsFileError } from "./exemptions-file";
import { displayPath } from "./locations";
import type { LoadedPack } from "./pack";
import { PolicyConfigError, readPolicyConfigFile, reconcilePolicyConfig, type ResolvedPolicyConfig } from "./policy-config";

export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

export interface InputOptions {
    projectDir: string;
    policiesDir: string;
    policyConfigFile?: string;
    exemptionsFile?: string;
    now?: Date;
}

export interface CheckedInputs {
    /** Exemptions about to expire. */
    warnings: string[];
    /** The resolved configuration of a policy config file, by its path relative to the project. */
    configFor(file: string): ReadonlyMap<string, ResolvedPolicyConfig> | undefined;
}

export function policyConfigFileFor(environment: string, opts: Pick<InputOptions, "policiesDir" | "policyConfigFile">): string {
    return opts.policyConfigFile ?? path.join(opts.policiesDir, "config", `${environment}.json`);
}

export function validateInputs(targets: readonly { stack: string; environment: string | null }[], pack: LoadedPack, opts: InputOptions): CheckedInputs {
    const messages: string[] = [];
    const configs = new Map<string, ReadonlyMap<string, ResolvedPolicyConfig>>();
    const available = () => {
        const dir = path.join(opts.policiesDir, "config");
        return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")).sort() : [];
    };
    const byFile = new Map<string, string[]>();
    for (const t of targets) {
        if (!t.environment) continue; // reported per stack: no environment, so no configuration to check
        const file = policyConfigFileFor(t.environment, opts);
        byFile.set(file, [...(byFile.get(file) ?? []), t.stack]);
    }
    for (const [file, stacks] of byFile) {
        const rel = path.relative(opts.projectDir, file);
        if (!fs.existsSync(file)) {
            messages.push(opts.policyConfigFile
                ? `--policy-config ${opts.policyConfigFile}: no such file`
                : `stack ${stacks[0]}${stacks.length > 1 ? ` (and ${stacks.length - 1} more)` : ""}: its environment has no policy configuration (${rel} does not exist); environments with one: ${available().join(", ") || "none"}`);
            continue;
        }
        try {
            configs.set(rel, reconcilePolicyConfig(pack.policies, pack.enforcementLevel, readPolicyConfigFile(file), rel));
        } catch (e) {
            if (!(e instanceof PolicyConfigError)) throw e;
            messages.push(e.message);
        }
    }
    let warnings: string[] = [];
    const exemptionsFile = opts.exemptionsFile ?? pack.exemptions.defaultFile;
    try {
        warnings = checkExemptionsFile(exemptionsFile, {
            policies: pack.policies.map((p) => p.name), stacks: targets, project: readProject(opts.projectDir).name, now: opts.now ?? new Date(),
        }, displayPath(exemptionsFile, opts.projectDir)).warnings;
    } catch (e) {
        if (!(e instanceof ExemptionsFileError)) throw e;
        messages.push(e.message);
    }
    if (messages.length > 0) throw new InputError(messages.join("\n"));
    return { warnings, configFor: (file) => configs.get(file) };
}
