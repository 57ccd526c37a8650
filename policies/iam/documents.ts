/** The IAM policy documents a resource carries, for the IAM rules. */
import type { Subject } from "../lib/define";
import { inlinePolicyDocuments, parseDocument } from "../lib/policy-document";
import { at, pendingUntilUpdate } from "../lib/values";

export const IAM_POLICY_TYPES = [
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
    "aws:iam/role:Role",
];

/** `[where, document]` pairs: the policy itself, or each inline policy of a role. */
export function iamDocuments({ type, props }: Subject): [string, unknown][] {
    if (type === "aws:iam/role:Role") return inlinePolicyDocuments(at(props, "inlinePolicies")).map(({ name, doc }) => [`inline policy "${name}" `, doc]);
    return [["", at(props, "policy")]];
}

type Statement = Extract<ReturnType<typeof parseDocument>, { kind: "known" }>["statements"][number];

/**
 * Visits every statement of every known IAM document a resource carries (`where` names an inline
 * policy, or is empty) and returns the documents still unknown during preview, for the caller to
 * defer after it has reported what it could.
 */
export function visitIamStatements(subject: Subject, visit: (where: string, statement: Statement) => void): string[] {
    const unknown: string[] = [];
    for (const [where, value] of iamDocuments(subject)) {
        const doc = parseDocument(value);
        if (doc.kind === "unknown") unknown.push(`${where}policy`.trim());
        if (doc.kind !== "known") continue;
        for (const statement of doc.statements) visit(where, statement);
    }
    return unknown;
}

/** visitIamStatements, deferring to update time when some document is unknown during preview. */
export function forEachIamStatement(subject: Subject, visit: (where: string, statement: Statement) => void): void {
    const unknown = visitIamStatements(subject, visit);
    if (unknown.length > 0) pendingUntilUpdate(unknown.join(", "));
}
