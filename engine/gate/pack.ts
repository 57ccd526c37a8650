/**
 * Loads the project's policy pack module (the policies array, its metadata and the exemption hooks)
 * without constructing a PolicyPack: only one may exist per process and its constructor starts a
 * gRPC server. These are the very objects `pulumi preview --policy-pack policies` serves.
 */
import * as path from "path";
import type { EnforcementLevel, Policy } from "@pulumi/policy";

export interface PolicyMetadata {
    severity?: string;
    area?: string;
    remediation?: string;
    cdkNag?: string[];
    checkov?: string[];
}

export interface ExemptionResult {
    policy: string;
    resource: string;
    reason: string;
    expires: string;
    status: "honoured" | "expired" | "unmatched" | "not-applicable";
    matched: string[];
}

export interface LoadedPack {
    name: string;
    version: string;
    enforcementLevel: EnforcementLevel;
    policies: Policy[];
    metadata: Record<string, PolicyMetadata>;
    /** Policies directory (holds config/<env>.json). */
    dir: string;
    exemptions: {
        /** A file path, or a list of entries (tests); default: the pack's own exemptions file. */
        load(source?: string | unknown[]): unknown;
        reset(): void;
        results(): ExemptionResult[];
    };
}

export function loadPolicyPack(dir: string): LoadedPack {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const mod = require(path.join(dir, "policies"));
    const exemptions = require(path.join(dir, "exemptions"));
    const pkg = require(path.join(dir, "package.json")) as { version?: string };
    /* eslint-enable @typescript-eslint/no-require-imports */
    return {
        name: mod.packName ?? "policy-pack",
        version: pkg.version ?? "0.0.0",
        enforcementLevel: mod.packEnforcementLevel ?? "mandatory",
        policies: mod.policies,
        metadata: mod.policyMetadata ?? {},
        dir,
        exemptions: {
            load: (source?: string | unknown[]) => exemptions.loadExemptions(source),
            reset: () => exemptions.resetExemptionState(),
            results: () => exemptions.exemptionResults(),
        },
    };
}
