/**
 * KMS keys shared per data class (programs/shared.ts `dataClassKey`): which resources use which key,
 * and whether each key's policy allows the AWS services those resources need. Reads apply-mode runs,
 * where inputs carry the keys' simulated ARNs.
 */
import type { ResourceRecord, RunResult } from "../../engine/run";
import { inputs, ofType } from "./records";

const KEY = "aws:kms/key:Key";

/** The names of the customer managed keys under a system's root. */
export function systemKeys(result: RunResult, system: string): string[] {
    return ofType(result, KEY).filter((k) => inScope(result, k, system)).map((k) => k.name).sort();
}

function inScope(result: RunResult, r: ResourceRecord, system: string): boolean {
    const byUrn = new Map(result.resources.map((x) => [x.urn, x]));
    let p: ResourceRecord | undefined = r;
    while (p && p.type !== "platform:core:System") p = p.parent ? byUrn.get(p.parent) : undefined;
    return p?.name === system;
}

function servicePrincipals(key: ResourceRecord): string[] {
    const policy = JSON.parse(inputs(key).policy) as { Statement: { Principal?: { Service?: string } }[] };
    return policy.Statement.map((s) => s.Principal?.Service).filter((s): s is string => typeof s === "string");
}

/** The key whose ARN a resource names, or undefined (an AWS-managed key, or none). */
function keyByArn(result: RunResult): (arn: unknown) => ResourceRecord | undefined {
    const keys = new Map(ofType(result, KEY).map((k) => [k.outputs.arn, k]));
    return (arn) => keys.get(arn);
}

/**
 * What each resource encrypted with a stack key needs from that key's policy, as problems: log
 * groups need CloudWatch Logs, alarm topics CloudWatch (which publishes) and SNS, buckets CloudFront
 * reads through OAC need CloudFront. Also returns how many resources each key serves.
 */
export function keyCoverage(result: RunResult): { problems: string[]; users: Record<string, string[]> } {
    const key = keyByArn(result);
    const problems: string[] = [];
    const users: Record<string, string[]> = {};
    const need = (user: ResourceRecord, arn: unknown, services: RegExp[]) => {
        const k = key(arn);
        if (!k) return;
        (users[k.name] ??= []).push(`${user.type.split(":").pop()} ${user.name}`);
        const allowed = servicePrincipals(k);
        for (const s of services) if (!allowed.some((a) => s.test(a))) problems.push(`${user.name} (${user.type}) uses key ${k.name}, whose policy does not allow ${s.source}`);
    };
    for (const g of ofType(result, "aws:cloudwatch/logGroup:LogGroup")) need(g, inputs(g).kmsKeyId, [/^logs\.[a-z0-9-]+\.amazonaws\.com$/]);
    for (const t of ofType(result, "aws:sns/topic:Topic")) need(t, inputs(t).kmsMasterKeyId, [/^cloudwatch\.amazonaws\.com$/, /^sns\.amazonaws\.com$/]);
    const cloudFrontRead = new Set(ofType(result, "aws:s3/bucketPolicy:BucketPolicy")
        .filter((p) => JSON.stringify(JSON.parse(inputs(p).policy).Statement).includes("cloudfront.amazonaws.com"))
        .map((p) => inputs(p).bucket));
    for (const c of ofType(result, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")) {
        const arn = inputs(c).rules?.[0]?.applyServerSideEncryptionByDefault?.kmsMasterKeyId;
        need(c, arn, cloudFrontRead.has(inputs(c).bucket) ? [/^cloudfront\.amazonaws\.com$/] : []);
    }
    for (const s of ofType(result, "aws:secretsmanager/secret:Secret")) need(s, inputs(s).kmsKeyId, []);
    for (const t of ofType(result, "aws:dynamodb/table:Table")) need(t, inputs(t).serverSideEncryption?.kmsKeyArn, []);
    return { problems, users };
}
