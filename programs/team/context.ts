/**
 * What every capability builder of a team stack receives: the validated spec, the stack
 * configuration, the project root and the options that parent resources to the team's SystemScope.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config/schema";
import type { TeamSpec } from "./spec";

export interface TeamContext {
    spec: TeamSpec;
    config: PlatformConfig;
    /** The project root (where Pulumi.yaml is); spec paths are relative to it. */
    root: string;
    /** The spec file, relative to the root (for error messages). */
    specFile: string;
    /** `{ parent: scope }`: every resource of the team sits under its SystemScope. */
    parent: pulumi.ComponentResourceOptions;
}

/** The team-prefixed resource name: every resource of a team stack is named `<team>-<what>`. */
export function teamName(ctx: TeamContext, what: string): string {
    return `${ctx.spec.team}-${what}`;
}

/** An environment variable name from a resource's short name: "raw-uploads" -> "RAW_UPLOADS". */
export function envName(name: string): string {
    return name.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}
