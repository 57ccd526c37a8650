/**
 * Anchors: checkov CKV_AWS_45 (no hard-coded secrets in the Lambda environment: AWS key shapes and
 * private keys by value).
 * Beyond it: vendor key shapes (Stripe, GitHub, GitLab, Slack, Google, SendGrid, OpenAI/Anthropic, npm,
 * Mailgun, Shopify), JWTs and URIs with embedded passwords by value, and secret-named variables by name
 * (see plaintext-secrets.ts). Unlike CKV_AWS_45's generic 40-character pattern, plain configuration
 * (MAX_TOKENS="4096", PASSWORD_MIN_LENGTH="12") passes.
 */
import { resourceRule } from "../lib/define";
import { at, isUnknown, pendingUntilUpdate, record } from "../lib/values";
import { plaintextSecrets } from "./plaintext-secrets";

export const lambdaFunctionNoPlaintextSecrets = resourceRule({
    name: "aws-lambda-function-no-plaintext-secrets",
    description: "Lambda environment variables carry no literal secrets: no credential-shaped values (access keys, vendor API keys, private keys, JWTs, URIs with passwords) and no literal value in a secret-named variable (SECRET, PASSWORD, PASS, TOKEN, API_KEY...).",
    area: "encryption",
    severity: "critical",
    remediation: "store the value in Secrets Manager and pass its ARN (e.g. DB_SECRET_ARN), reading it at runtime",
    checkov: ["CKV_AWS_45"],
    types: ["aws:lambda/function:Function"],
    check({ props }, report) {
        const raw = at(props, "environment", "variables");
        if (isUnknown(raw)) pendingUntilUpdate("environment.variables");
        const variables = record(raw);
        if (!variables) return;
        const { findings, unknown } = plaintextSecrets(variables);
        for (const f of findings) report(`environment variable ${f.name} ${f.problem}`);
        if (unknown.length > 0) pendingUntilUpdate(`the value of environment variable(s) ${unknown.join(", ")}`);
    },
});
