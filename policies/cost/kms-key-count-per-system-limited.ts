import { keysPerSystem } from "../../engine/cost/smells";
import { stackRule } from "../lib/define";
import { costResourcesOf } from "./estimate";

export const kmsKeyCountPerSystemLimited = stackRule<{ maxKeysPerSystem: number }>({
    name: "aws-kms-key-count-per-system-limited",
    description: "A system has no more customer managed KMS keys than one per data class needs (maxKeysPerSystem, default 6): each key costs $1 a month, and sharing a key per data class keeps encryption on every store.",
    area: "cost",
    severity: "low",
    enforcementLevel: "advisory",
    remediation: "share one key per data class (logs, data, secrets) by passing kmsKeyArn to the system's components; keep the keys of stores a key change would replace (RDS, Aurora, ECR, Backup vaults)",
    types: ["aws:kms/key:Key"],
    configSchema: { properties: { maxKeysPerSystem: { type: "integer", minimum: 1, default: 6 } } },
    check(resources, report, config) {
        for (const s of keysPerSystem(costResourcesOf(resources), config.maxKeysPerSystem)) report(s.urn, s.problem, s.fix);
    },
});
