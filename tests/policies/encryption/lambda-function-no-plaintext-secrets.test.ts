import { describePolicy, res, UNKNOWN } from "../support/spec";

describePolicy("aws-lambda-function-no-plaintext-secrets", {
    level: "mandatory",
    description: /no literal secrets/,
    compliant: [res("aws:lambda/function:Function", "api", { environment: { variables: { DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db", TABLE_NAME: "orders", API_TOKEN: UNKNOWN } } })],
    cases: [
        { title: "a literal password", break: (f) => ((f[0].props.environment as { variables: Record<string, string> }).variables.DB_PASSWORD = "hunter2hunter2"), expect: /DB_PASSWORD holds a literal secret/ },
        { title: "a literal API key", break: (f) => ((f[0].props.environment as { variables: Record<string, string> }).variables.STRIPE_API_KEY = "sk_live_123"), expect: /STRIPE_API_KEY/ },
    ],
});
