import { resourceRule } from "../lib/define";
import { at, record } from "../lib/values";
import { plaintextSecretNames } from "./plaintext-secrets";

export const lambdaFunctionNoPlaintextSecrets = resourceRule({
    name: "aws-lambda-function-no-plaintext-secrets",
    description: "Lambda environment variables carry no literal secrets (names like SECRET, PASSWORD, TOKEN, API_KEY, PRIVATE_KEY).",
    area: "encryption",
    severity: "critical",
    remediation: "store the value in Secrets Manager and pass its ARN (e.g. DB_SECRET_ARN), reading it at runtime",
    checkov: ["CKV_AWS_45"],
    types: ["aws:lambda/function:Function"],
    check({ props }, report) {
        const variables = record(at(props, "environment", "variables"));
        if (!variables) return;
        for (const name of plaintextSecretNames(variables)) report(`environment variable ${name} holds a literal secret value`);
    },
});
