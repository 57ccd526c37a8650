/**
 * Protection of stateful resources (buckets, tables, clusters, instances, user pools, keys, secrets).
 *
 * Components take a `protectData` input from stack configuration (true in prod). When on, the child
 * gets Pulumi `protect` (a `pulumi destroy` or a refactor that would delete it fails) and
 * `retainOnDelete` (if protection is lifted, Pulumi forgets it instead of deleting it), on top of the
 * service's own deletion protection, which each component sets from the same flag.
 */
import * as pulumi from "@pulumi/pulumi";

export function statefulOptions(protectData: boolean, opts: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions {
    return protectData ? { ...opts, protect: true, retainOnDelete: true } : opts;
}
