/**
 * Loads the project's policy pack module (the policies array, its metadata and the exemption hooks)
 * without constructing a PolicyPack: only one may exist per process and its constructor starts a
 * gRPC server. These are the very objects `pulumi preview --policy-pack policies` serves.
 */
import * as path from "path";
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import type { SourceLocation } from "./locations";

export interface PolicyMetadata {
    severity?: string;
    area?: string;
    remediation?: string;
    cdkNag?: string[];
    checkov?: string[];
}

/** A violation a live exemption kept from being reported (exemptions-core), completed by the gate. */
export interface SuppressedFinding {
    urn: string | null;
    message: string;
    /** The level it would have been reported at in this stack's policy configuration. */
    enforcementLevel?: "advisory" | "mandatory";
    severity?: string;
    sourcePosition?: SourceLocation | null;
}

export interface ExemptionResult {
    policy: string;
    resource: string;
    reason: string;
    expires: string;
    owner?: string;
    ticket?: string;
    status: "honoured" | "expired" | "unmatched" | "not-applicable";
    matched: string[];
    suppressed: SuppressedFinding[];
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
        /** A file path, or a list of entries (tests); default: the pack's own exemptions file. `now` decides expiry. */
        load(source?: string | unknown[], options?: { now?: Date }): unknown;
        /** The exemptions file the pack applies when no other is given. */
        defaultFile: string;
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
            load: (source?: string | unknown[], options?: { now?: Date }) => exemptions.loadExemptions(source, options),
            defaultFile: exemptions.DEFAULT_EXEMPTIONS_FILE,
            reset: () => exemptions.resetExemptionState(),
            results: () => exemptions.exemptionResults(),
        },
    };
}
