/**
 * The SecretAgeMonitor's function: for each watched secret, how many days ago its current value
 * (the AWSCURRENT version) was put, published as the `Platform/Secrets` metric `SecretAgeDays` in
 * CloudWatch embedded metric format. It reads version metadata only (ListSecretVersionIds,
 * DescribeSecret): it can never see a secret's value.
 */
import { DescribeSecretCommand, ListSecretVersionIdsCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
// The metric the Alarms `secretAge` helper and the dashboards read (a type-only module: nothing else is bundled).
import { PLATFORM_SECRETS_NAMESPACE as NAMESPACE, SECRET_AGE_METRIC as METRIC } from "../alarms/metrics";
const DAY_MS = 86_400_000;

export interface SecretAge {
    /** The secret's label in the monitor (the metric's Secret dimension). */
    secret: string;
    /** Whole days since the current value was put, or since the secret was created when it has none. */
    ageDays: number;
    /** False while the secret is still an empty placeholder. */
    hasValue: boolean;
}

type Client = Pick<SecretsManagerClient, "send">;

/** When the secret's current value was put, or undefined when it has no value yet. */
async function currentVersionDate(client: Client, secretId: string): Promise<Date | undefined> {
    let nextToken: string | undefined;
    do {
        const page = await client.send(new ListSecretVersionIdsCommand({ SecretId: secretId, NextToken: nextToken, MaxResults: 100 }));
        const current = page.Versions?.find((v) => v.VersionStages?.includes("AWSCURRENT"));
        if (current?.CreatedDate) return current.CreatedDate;
        nextToken = page.NextToken;
    } while (nextToken);
    return undefined;
}

/** The age of every target, or an error naming each secret that could not be read (after trying all of them). */
export async function secretAges(client: Client, targets: Record<string, string>, now: Date): Promise<SecretAge[]> {
    const ages: SecretAge[] = [];
    const failures: string[] = [];
    for (const [secret, arn] of Object.entries(targets)) {
        try {
            const current = await currentVersionDate(client, arn);
            const since = current ?? (await client.send(new DescribeSecretCommand({ SecretId: arn }))).CreatedDate;
            if (!since) throw new Error("no creation date");
            ages.push({ secret, ageDays: Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS)), hasValue: current !== undefined });
        } catch (e) {
            failures.push(`${secret}: ${(e as Error).name}: ${(e as Error).message}`);
        }
    }
    if (failures.length > 0) {
        const error = new Error(`could not read the version metadata of ${failures.length} secret(s): ${failures.join("; ")}`);
        (error as Error & { ages: SecretAge[] }).ages = ages;
        throw error;
    }
    return ages;
}

/** One embedded-metric-format record: CloudWatch Logs turns it into the SecretAgeDays datapoint. */
export function metricRecord(monitor: string, age: SecretAge, now: Date): Record<string, unknown> {
    return {
        _aws: {
            Timestamp: now.getTime(),
            CloudWatchMetrics: [{ Namespace: NAMESPACE, Dimensions: [["Monitor", "Secret"]], Metrics: [{ Name: METRIC, Unit: "None" }] }],
        },
        Monitor: monitor,
        Secret: age.secret,
        [METRIC]: age.ageDays,
        HasValue: age.hasValue,
    };
}

/** The function's configuration from its environment: MONITOR_NAME and TARGETS ({"label": "secret ARN"}). */
export function readTargets(env: NodeJS.ProcessEnv): { monitor: string; targets: Record<string, string> } {
    const monitor = env.MONITOR_NAME;
    if (!monitor) throw new Error("MONITOR_NAME is not set");
    let targets: unknown;
    try {
        targets = JSON.parse(env.TARGETS ?? "");
    } catch {
        throw new Error("TARGETS is not JSON");
    }
    if (targets === null || typeof targets !== "object" || Array.isArray(targets) || !Object.values(targets).every((v) => typeof v === "string")) {
        throw new Error("TARGETS must be a JSON object of label to secret ARN");
    }
    return { monitor, targets: targets as Record<string, string> };
}

/** Writes the records as bare lines: with Lambda's JSON log format, console.log would wrap them and CloudWatch would not see the metrics. */
function publish(records: Record<string, unknown>[]): void {
    for (const r of records) process.stdout.write(`${JSON.stringify(r)}\n`);
}

export async function check(client: Client, env: NodeJS.ProcessEnv, now: Date, write: (records: Record<string, unknown>[]) => void = publish): Promise<SecretAge[]> {
    const { monitor, targets } = readTargets(env);
    try {
        const ages = await secretAges(client, targets, now);
        write(ages.map((a) => metricRecord(monitor, a, now)));
        return ages;
    } catch (e) {
        // Publish what could be read, then fail the invocation so the monitor's error alarm pages.
        const partial = (e as { ages?: SecretAge[] }).ages ?? [];
        write(partial.map((a) => metricRecord(monitor, a, now)));
        throw e;
    }
}

let client: SecretsManagerClient | undefined;

export async function handler(): Promise<{ checked: number }> {
    client ??= new SecretsManagerClient({});
    const ages = await check(client, process.env, new Date());
    return { checked: ages.length };
}
