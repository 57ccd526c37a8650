/**
 * Which environment variables carry a secret by value. Two independent readings:
 *
 * - By value, whatever the name: credential shapes no configuration value has (AWS access key ids,
 *   vendor API keys such as `sk_live_...`, `ghp_...`, `xoxb-...`, `AIza...`, PEM private keys, JWTs,
 *   URIs with an embedded password).
 * - By name: the variable's last word names a secret (SECRET, PASSWORD, PASSWD, PASS, PWD, PASSPHRASE,
 *   TOKEN, CREDENTIAL(S), API_KEY, PRIVATE_KEY, ...) and its value is not plainly configuration (a
 *   number, a boolean, a duration) or a reference (a Secrets Manager / SSM / KMS ARN, a parameter path).
 *   A bare KEY (PARTITION_KEY, S3_KEY, CACHE_KEY) counts only when the value looks random, because most
 *   KEY variables name things rather than hold keys. Names whose last word qualifies the secret
 *   (PASSWORD_MIN_LENGTH, TOKEN_TTL, SECRET_ARN, MAX_TOKENS) are configuration, not secrets.
 */
import { isUnknown } from "../lib/values";

export interface SecretFinding {
    name: string;
    /** `holds a literal secret value`, `holds what looks like an AWS access key id`. */
    problem: string;
}

const SHAPES: [RegExp, string][] = [
    [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, "an AWS access key id"],
    [/\b[rs]k_(live|test)_[0-9A-Za-z]{10,}/, "a Stripe secret key"],
    [/\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/, "a GitHub token"],
    [/\bglpat-[A-Za-z0-9_-]{20,}/, "a GitLab token"],
    [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
    [/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/, "a Slack webhook URL"],
    [/\bAIza[0-9A-Za-z_-]{35}\b/, "a Google API key"],
    [/\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/, "a SendGrid API key"],
    [/\bsk-(ant-|proj-)?[A-Za-z0-9_-]{20,}/, "an OpenAI / Anthropic API key"],
    [/\bnpm_[A-Za-z0-9]{36}\b/, "an npm token"],
    [/\bkey-[0-9a-f]{32}\b/, "a Mailgun API key"],
    [/\bshp(at|ss|ca|pa)_[0-9a-fA-F]{32}\b/, "a Shopify access token"],
    [/-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/, "a private key (PEM)"],
    [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, "a JWT"],
    [/^[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:[^\s/@]+@/i, "a URI with an embedded password"],
];

/** Last words that name a secret. */
const SECRET_WORDS = new Set([
    "SECRET", "SECRETS", "PASSWORD", "PASSWORDS", "PASSWD", "PASS", "PWD", "PASSPHRASE", "TOKEN", "CREDENTIAL", "CREDENTIALS", "CREDS",
    "APIKEY", "PRIVATEKEY", "SECRETKEY", "ACCESSKEY", "AUTHTOKEN", "CLIENTSECRET",
]);
/** KEY after one of these is a secret key whatever its value. */
const KEY_QUALIFIERS = new Set(["API", "PRIVATE", "SECRET", "ACCESS", "SIGNING", "ENCRYPTION", "MASTER", "CLIENT", "AUTH", "HMAC", "WEBHOOK", "LICENSE", "SESSION"]);

const CONFIG_VALUE = /^(-?\d+(\.\d+)?|true|false|yes|no|on|off|enabled|disabled|none|null|required|optional|\d+(ms|s|m|h|d|w)|\d+([kmg]i?b?))$/i;
const REFERENCE_VALUE = /^(arn:aws[a-z-]*:(secretsmanager|ssm|kms):|\{\{resolve:|\/|ssm:|secretsmanager:)/;

/** `dbPassword` -> [DB, PASSWORD]; `API_KEY_2` -> [API, KEY, 2]. */
function words(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .split(/[^A-Za-z0-9]+/)
        .filter((w) => w !== "")
        .map((w) => w.toUpperCase());
}

type Naming = "secret" | "key" | "other";

/** True when a variable's name says it holds a secret (its last word: PASSWORD, TOKEN, API_KEY, ...), not a reference or a setting. */
export function namesSecret(name: string): boolean {
    return naming(name) === "secret";
}

/** True for a value that points at a secret rather than holding it (Secrets Manager / SSM / KMS ARN, parameter path). */
export function isSecretReference(value: string): boolean {
    return REFERENCE_VALUE.test(value);
}

function naming(name: string): Naming {
    const ws = words(name);
    while (ws.length > 1 && /^(\d+|V\d+)$/.test(ws[ws.length - 1])) ws.pop();
    const last = ws[ws.length - 1] ?? "";
    if (SECRET_WORDS.has(last) || /(SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|CREDENTIALS?)$/.test(last)) return "secret";
    if (last === "KEY") return ws.length > 1 && KEY_QUALIFIERS.has(ws[ws.length - 2]) ? "secret" : "key";
    return "other";
}

/** Shannon entropy per character: random keys score high, words and paths low. */
function entropy(s: string): number {
    const counts = new Map<string, number>();
    for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    let h = 0;
    for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
    return h;
}

function looksRandom(value: string): boolean {
    return value.length >= 16 && /^[A-Za-z0-9+/=_.-]+$/.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && entropy(value) >= 3.5;
}

/** Every shape in one pattern: most values match none, and one test rules them all out. */
const ANY_SHAPE = new RegExp(SHAPES.map(([re]) => `(?:${re.source})`).join("|"), "i");

/** The credential shape a value has, if any. */
export function credentialShape(value: string): string | undefined {
    // No credential shape is shorter than a URI like `x://u:p@h`.
    if (value.length < 8 || !ANY_SHAPE.test(value)) return undefined;
    for (const [re, what] of SHAPES) if (re.test(value)) return what;
    return undefined;
}

/**
 * The variables among `variables` that carry a secret by value, and the secret-named ones whose value
 * is unknown during preview (the caller decides those at update time).
 */
export function plaintextSecrets(variables: Record<string, unknown>): { findings: SecretFinding[]; unknown: string[] } {
    const findings: SecretFinding[] = [];
    const unknown: string[] = [];
    for (const name of Object.keys(variables)) {
        const value = variables[name];
        const kind = naming(name);
        if (isUnknown(value)) {
            if (kind === "secret") unknown.push(name);
            continue;
        }
        if (typeof value !== "string" || value === "") continue;
        if (REFERENCE_VALUE.test(value)) continue;
        const shape = credentialShape(value);
        if (shape) findings.push({ name, problem: `holds what looks like ${shape}` });
        else if (kind === "secret" && !CONFIG_VALUE.test(value)) findings.push({ name, problem: "holds a literal secret value" });
        else if (kind === "key" && looksRandom(value)) findings.push({ name, problem: "holds a literal secret value (a random-looking key)" });
    }
    return { findings, unknown };
}
