/**
 * The gate's own rules: findings that come from the gate rather than from a policy of the pack. They
 * have ids, severities and remediations like the pack's policies, so every report treats them alike
 * (SARIF rules, JUnit test cases, the text and markdown tables).
 */

export interface GateRule {
    description: string;
    severity: "critical" | "high" | "medium" | "low";
    remediation: string;
}

export const STATEFUL_REPLACE_RULE = "platform-baseline-stateful-replace";
export const PROGRAM_ERROR_RULE = "platform-program-error";
export const UNCHECKED_RULE = "platform-unchecked-component";

export const GATE_RULES: Record<string, GateRule> = {
    [STATEFUL_REPLACE_RULE]: {
        description: "A stateful resource (bucket, table, database, key, secret, user pool) keeps its URN, or carries an alias for the URN in the baseline (tests/programs/urn-snapshot.json); a changed URN without one replaces it, losing its data. Mandatory in prod, advisory elsewhere.",
        severity: "critical",
        remediation: "add `aliases: [\"<previous URN>\"]` (or `aliases: [{ parent: <old parent> }]`) to the resource's options so Pulumi updates it in place; if replacing it is intended (the data may go), run npm run snapshot:urns and commit the reviewed baseline",
    },
    [PROGRAM_ERROR_RULE]: {
        description: "The stack's program and configuration run to completion (a failing program cannot be gated).",
        severity: "critical",
        remediation: "fix the error the message names (a configuration key, a component argument, a type error); the stack is not gated until it runs",
    },
    [UNCHECKED_RULE]: {
        description: "Every resource is registered in-process, where the policies see it; a remote (multi-language) component's children are built by its provider plugin and no policy checked them.",
        severity: "medium",
        remediation: "build the resources from @pulumi/aws in-process (the platform's components do), or accept the gap knowingly; --strict fails the gate on it",
    },
};
