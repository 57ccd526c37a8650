import { describePolicy, res, UNKNOWN, type Fixture } from "../support/spec";

const vars = (f: Fixture) => (f[0].props.environment as { variables: Record<string, unknown> }).variables;

describePolicy("aws-lambda-function-no-plaintext-secrets", {
    level: "mandatory",
    description: /no literal secrets: no credential-shaped values .* and no literal value in a secret-named variable/,
    compliant: [
        res("aws:lambda/function:Function", "api", {
            environment: {
                variables: {
                    DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
                    TABLE_NAME: "orders",
                    MAX_TOKENS: "4096",
                    PASSWORD_MIN_LENGTH: "12",
                    TOKEN_TTL: "15m",
                    API_KEY_PARAM: "/orders/api-key",
                    SECRET_NAME: "orders/db",
                    PARTITION_KEY: "pk",
                    S3_KEY: "uploads/2026/",
                    JWT_ISSUER: "https://auth.example.com",
                    AUTH_TOKEN_HEADER: "Authorization",
                    SIGNING_ENABLED: "true",
                    OPENAI_MODEL: "gpt-4o",
                },
            },
        }),
    ],
    alsoCompliant: [
        { title: "a secret-named variable references SSM", change: (f) => (vars(f).DB_PASSWORD = "{{resolve:ssm-secure:/orders/db-password}}") },
        { title: "a secret-named variable is plainly a flag", change: (f) => (vars(f).REQUIRE_PASSWORD = "false") },
    ],
    cases: [
        { title: "a literal password", break: (f) => (vars(f).DB_PASSWORD = "hunter2hunter2"), expect: /environment variable DB_PASSWORD holds a literal secret value/ },
        { title: "a short literal under a PASS name", break: (f) => (vars(f).DB_PASS = "hunter2"), expect: /DB_PASS holds a literal secret value/ },
        { title: "a literal API key", break: (f) => (vars(f).STRIPE_API_KEY = "sk_live_123"), expect: /STRIPE_API_KEY holds/ },
        { title: "a camelCase secret name", break: (f) => (vars(f).clientSecret = "s3cr3t-v4lu3"), expect: /clientSecret holds a literal secret value/ },
        { title: "a random-looking value under a bare KEY", break: (f) => (vars(f).KEY = "8f3a9c2e1b7d4f6a9e0c2b4d"), expect: /KEY holds a literal secret value \(a random-looking key\)/ },
        { title: "an AWS access key id under an innocent name", break: (f) => (vars(f).UPLOADER_ID = "AKIAIOSFODNN7EXAMPLE"), expect: /UPLOADER_ID holds what looks like an AWS access key id/ },
        { title: "a Stripe live key under an innocent name", break: (f) => (vars(f).PAYMENTS = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"), expect: /PAYMENTS holds what looks like a Stripe secret key/ },
        { title: "a GitHub token", break: (f) => (vars(f).GH = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"), expect: /a GitHub token/ },
        { title: "a Slack bot token", break: (f) => (vars(f).NOTIFY = "xoxb-123456789012-123456789012-abcdefABCDEF"), expect: /a Slack token/ },
        { title: "a Google API key", break: (f) => (vars(f).MAPS = "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"), expect: /a Google API key/ },
        { title: "a database URL with an embedded password", break: (f) => (vars(f).DATABASE_URL = "postgres://app:s3cr3t@db.internal:5432/orders"), expect: /DATABASE_URL holds what looks like a URI with an embedded password/ },
        { title: "a JWT", break: (f) => (vars(f).SERVICE_AUTH = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlcnMifQ.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk"), expect: /a JWT/ },
        { title: "a PEM private key", break: (f) => (vars(f).TLS = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow..."), expect: /TLS holds what looks like a private key \(PEM\)/ },
    ],
    pending: [
        { title: "a secret-named variable's value is unknown", break: (f) => (vars(f).API_TOKEN = UNKNOWN) },
        { title: "the whole environment is unknown", break: (f) => (f[0].props.environment = { variables: UNKNOWN }) },
    ],
});
