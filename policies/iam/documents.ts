/** The IAM policy documents a resource carries, for the IAM rules. */
import type { Subject } from "../lib/define";
import { inlinePolicyDocuments } from "../lib/policy-document";
import { at } from "../lib/values";

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
