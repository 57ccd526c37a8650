/**
 * Secrets: one Secrets Manager secret per spec entry (`<team>-<name>`), generated or a placeholder an
 * operator fills in, all encrypted with the team's own secrets key `<team>-secrets-key` (so one
 * `kms:Decrypt` grant, conditioned on Secrets Manager, covers them).
 */
import { EncryptionKey } from "../../components/encryption-key";
import { Secret } from "../../components/secret";
import { teamName, type TeamContext } from "./context";

export interface TeamSecrets {
    key?: EncryptionKey;
    secrets: Map<string, Secret>;
}

export function buildSecrets(ctx: TeamContext): TeamSecrets {
    const secrets = new Map<string, Secret>();
    if (ctx.spec.secrets.length === 0) return { secrets };
    const protectData = ctx.config.protectData;
    const key = new EncryptionKey(teamName(ctx, "secrets-key"), {
        description: `${ctx.spec.team} secrets`, services: ["secretsmanager"], protectData,
    }, ctx.parent);
    for (const s of ctx.spec.secrets) {
        secrets.set(s.name, new Secret(teamName(ctx, s.name), {
            description: `${ctx.spec.team}: ${s.name} (${s.value === "generated" ? "generated" : "set by an operator with aws secretsmanager put-secret-value"})`,
            kmsKeyArn: key.arn,
            protectData,
            generate: s.value === "generated" ? {} : undefined,
        }, ctx.parent));
    }
    return { key, secrets };
}
