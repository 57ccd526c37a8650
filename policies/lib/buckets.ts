/**
 * The shape shared by the "every bucket has a <companion>" stack rules: with @pulumi/aws 7 a bucket's
 * encryption, public access block, versioning, policy and logging are separate resources that point
 * at the bucket through their `bucket` input. A rule links each bucket to its companions (see
 * links.ts), checks the inline form where the Bucket still has one, and reports a bucket with no
 * acceptable companion. When a link cannot be decided during preview, the definite findings are
 * reported and the rest is left to update time.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { StackReport } from "./define";
import { BUCKET_ID_KEYS, BUCKET_TYPES, bucketRefMatches, companions, ofTypes, propsOf } from "./links";
import { pendingUntilUpdate } from "./values";

export type Verdict = { ok: true } | { problem: string; fix?: string } | { unknown: string };
export const OK: Verdict = { ok: true };

export interface BucketCompanionCheck {
    companionTypes: string[];
    /** The companion's property that names the bucket (default `bucket`). */
    bucketProp?: string;
    /** The bucket's own inline setting, if any: undefined when the bucket sets nothing inline. */
    inline?: (bucketProps: Record<string, unknown>, bucket: PolicyResource) => Verdict | undefined;
    companion: (companionProps: Record<string, unknown>, companion: PolicyResource) => Verdict;
    /** The problem reported on a bucket that has neither an inline setting nor a companion. */
    missing: string;
    /** Buckets the rule does not apply to (e.g. they are themselves log targets). */
    skip?: (bucket: PolicyResource) => boolean;
}

export function checkBucketCompanions(resources: PolicyResource[], report: StackReport, check: BucketCompanionCheck): void {
    const candidates = ofTypes(resources, check.companionTypes);
    const pending: string[] = [];
    for (const bucket of ofTypes(resources, BUCKET_TYPES)) {
        if (check.skip?.(bucket)) continue;
        const inline = check.inline?.(propsOf(bucket), bucket);
        if (inline && "ok" in inline) continue;
        const { linked, undecided } = companions(bucket, candidates, check.bucketProp ?? "bucket", BUCKET_ID_KEYS, bucketRefMatches);
        const verdicts = linked.map((c) => ({ c, v: check.companion(propsOf(c), c) }));
        if (verdicts.some(({ v }) => "ok" in v)) continue;
        if (inline && "problem" in inline) report(bucket, inline.problem, inline.fix);
        const unknown = verdicts.find(({ v }) => "unknown" in v);
        for (const { c, v } of verdicts) if ("problem" in v) report(c, `${v.problem} (for bucket "${bucket.name}")`, v.fix);
        if (verdicts.length === 0 && !(inline && "problem" in inline)) {
            if (undecided || (inline && "unknown" in inline)) pending.push(bucket.name);
            else report(bucket, check.missing);
        } else if (unknown && verdicts.every(({ v }) => !("problem" in v))) {
            pending.push(`${bucket.name} (${(unknown.v as { unknown: string }).unknown})`);
        }
    }
    if (pending.length > 0) pendingUntilUpdate(`the companion resources of bucket(s) ${pending.join(", ")}`);
}
