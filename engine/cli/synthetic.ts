/**
 * Synthetic programs for the benchmark: a mix of SecureBuckets and DataTables (the platform's most
 * common stateful components) inside one system scope, sized to about `targetResources` resources.
 */
import { DataTable } from "../../components/data-table";
import { SecureBucket } from "../../components/secure-bucket";
import { SystemScope } from "../../components/system";

/** Resources one unit (a SecureBucket with its key and a DataTable with its key) registers; measured, see below. */
const APPROX_RESOURCES_PER_UNIT = 14;

export function syntheticProgram(targetResources: number): () => void {
    return () => {
        const scope = new SystemScope("bench", { environment: "prod", system: "bench", team: "bench", costCenter: "CC-1" });
        const units = Math.max(1, Math.round(targetResources / APPROX_RESOURCES_PER_UNIT));
        for (let i = 0; i < units; i++) {
            new SecureBucket(`b${i}`, { protectData: true }, { parent: scope });
            new DataTable(`t${i}`, { partitionKey: { name: "pk", type: "S" }, sortKey: { name: "sk", type: "S" }, protectData: true }, { parent: scope });
        }
    };
}
