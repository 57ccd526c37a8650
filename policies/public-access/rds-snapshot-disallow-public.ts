/**
 * A manual DB or cluster snapshot shared with `all` can be restored by any AWS account, and so can a
 * snapshot copy: the copy's own sharedAccounts setting shares it again, whatever the source did.
 *
 * Anchors: checkov CKV_AWS_302 (DB snapshots are not public).
 * Beyond it: cluster snapshots and both snapshot copy resources.
 */
import { resourceRule } from "../lib/define";
import { at, isUnknown, list, pendingUntilUpdate } from "../lib/values";

export const rdsSnapshotDisallowPublic = resourceRule({
    name: "aws-rds-snapshot-disallow-public",
    description: "No RDS DB snapshot, cluster snapshot or snapshot copy is shared with `all` (public).",
    area: "public-access",
    severity: "critical",
    remediation: "list the account ids that may restore the snapshot in sharedAccounts instead of \"all\" (and share only encrypted snapshots, whose key those accounts must also be granted)",
    checkov: ["CKV_AWS_302"],
    types: ["aws:rds/snapshot:Snapshot", "aws:rds/clusterSnapshot:ClusterSnapshot", "aws:rds/snapshotCopy:SnapshotCopy", "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy"],
    check({ props }, report) {
        const shared = at(props, "sharedAccounts");
        if (isUnknown(shared)) pendingUntilUpdate("sharedAccounts");
        const accounts = list(shared);
        if (accounts.some((a) => typeof a === "string" && a.toLowerCase() === "all")) report('is shared with "all": any AWS account can restore it');
        else if (accounts.some(isUnknown)) pendingUntilUpdate("sharedAccounts");
    },
});
