/** The offline engine's records as the estimator's input. */
import type { ResourceRecord } from "../monitor";
import { ROOT_STACK_TYPE } from "../monitor";
import type { CostResource } from "./model";
import { str } from "./values";

export function costResourcesOf(records: readonly ResourceRecord[]): CostResource[] {
    const providerRegion = new Map<string, string>();
    for (const r of records) {
        if (!r.type.startsWith("pulumi:providers:")) continue;
        const region = str(r.inputs, "region");
        if (typeof region === "string") providerRegion.set(r.urn, region);
    }
    return records.filter((r) => r.type !== ROOT_STACK_TYPE).map((r) => ({
        urn: r.urn, type: r.type, name: r.name, parent: r.parent, custom: r.custom,
        // A provider reference is `<provider urn>::<provider id>`.
        region: r.provider ? providerRegion.get(r.provider.slice(0, r.provider.lastIndexOf("::"))) : undefined,
        props: r.inputs,
        propertyDependencies: r.propertyDependencies,
    }));
}
