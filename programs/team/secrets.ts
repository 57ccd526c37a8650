/**
 * Secrets: one Secrets Manager secret per spec entry (`<team>-<name>`), generated or a placeholder an
 * operator fills in, all encrypted with the team's own secrets key `<team>-secrets-key` (so one
 * `kms:Decrypt` grant, conditioned on Secrets Manager, covers them). Generated secrets rotate on a
 * schedule (`rotationDays`, default 30) through the Secret's built-in rotation; their rotation
 * functions share one logs key, `<team>-rotation-logs-key`. Placeholders are the operator's to rotate.
 */
import { EncryptionKey } from "../../components/encryption-key";
import { Secret } from "../../components/secret";
import { teamName, type TeamContext } from "./context";

/** Days between rotations of a team's generated secret unless its spec says otherwise. */
export const DEFAULT_ROTATION_DAYS = 30;

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
    const rotationLogsKey = ctx.spec.secrets.some((s) => s.value === "generated")
        ? new EncryptionKey(teamName(ctx, "rotation-logs-key"), { description: `${ctx.spec.team} secret rotation logs`, services: ["logs"], protectData }, ctx.parent)
        : undefined;
    for (const s of ctx.spec.secrets) {
        const generated = s.value === "generated";
        secrets.set(s.name, new Secret(teamName(ctx, s.name), {
            description: `${ctx.spec.team}: ${s.name} (${generated ? `generated, rotated every ${s.rotationDays ?? DEFAULT_ROTATION_DAYS} days` : "set by an operator with aws secretsmanager put-secret-value"})`,
            kmsKeyArn: key.arn,
            protectData,
            generate: generated ? {} : undefined,
            rotation: generated ? {
                builtIn: { logsKmsKeyArn: rotationLogsKey!.arn, logRetentionInDays: ctx.config.logs.retentionDays },
                automaticallyAfterDays: s.rotationDays ?? DEFAULT_ROTATION_DAYS,
            } : undefined,
        }, ctx.parent));
    }
    return { key, secrets };
}
