/**
 * Blueprints: starting specs for the common shapes of a team stack, used by `npm run new-team --from`.
 * Each is a complete, valid spec the team then edits (names, routes, keys, purposes).
 */
import type { TeamSpecInput } from "./spec";

export interface BlueprintBase {
    team: string;
    owner: string;
    costCenter: string;
    environments: ("dev" | "prod")[];
}

export interface Blueprint {
    description: string;
    spec(base: BlueprintBase): TeamSpecInput;
}

export const BLUEPRINTS = {
    "static-site": {
        description: "a private bucket served through CloudFront (HTTPS, security headers, WAF), with alarms",
        spec: (base) => ({
            ...base,
            buckets: [{ name: "site", purpose: "The web site's files, served only through CloudFront", apiAccess: "none" }],
            cdn: { bucket: "site", spa: true },
            alarms: { emails: [base.owner] },
        }),
    },
    "api-table": {
        description: "a REST API (one function, Cognito sign-in) over a DynamoDB table, with a user pool, a generated secret and alarms",
        spec: (base) => ({
            ...base,
            buckets: [{ name: "uploads", purpose: "Files users upload through the API", retentionDays: 365, apiAccess: "readWrite" }],
            api: {
                routes: [
                    { method: "GET", path: "/health", authorization: "none" },
                    { method: "GET", path: "/items", authorization: "cognito" },
                    { method: "POST", path: "/items", authorization: "cognito" },
                    { method: "GET", path: "/items/{id}", authorization: "cognito" },
                    { method: "DELETE", path: "/items/{id}", authorization: "cognito" },
                ],
            },
            table: {
                partitionKey: { name: "pk", type: "S" },
                sortKey: { name: "sk", type: "S" },
                indexes: [{ name: "by-owner", partitionKey: { name: "ownerId", type: "S" }, sortKey: { name: "createdAt", type: "N" } }],
                ttlAttribute: "expiresAt",
            },
            userPool: { selfSignUp: false, mfa: "optional" },
            secrets: [{ name: "signing-key", value: "generated" }],
            alarms: { emails: [base.owner] },
        }),
    },
    "api-database": {
        description: "a REST API (one function in the team's VPC) over Aurora PostgreSQL Serverless v2, with a partner key secret and alarms",
        spec: (base) => ({
            ...base,
            api: {
                timeoutSeconds: 15,
                routes: [
                    { method: "GET", path: "/health", authorization: "none" },
                    { method: "GET", path: "/records", authorization: "apiKey" },
                    { method: "POST", path: "/records", authorization: "apiKey" },
                    { method: "ANY", path: "/admin/{proxy+}", authorization: "iam" },
                ],
            },
            database: { engine: "aurora-postgresql", name: "app" },
            secrets: [{ name: "partner-api-key", value: "placeholder" }],
            alarms: { emails: [base.owner] },
        }),
    },
    "storage-only": {
        description: "private, encrypted, versioned buckets with retention, nothing else",
        spec: (base) => ({
            ...base,
            buckets: [
                { name: "data", purpose: "The team's data files, kept until deleted", apiAccess: "none" },
                { name: "exports", purpose: "Exports shared with other systems, kept 30 days", retentionDays: 30, apiAccess: "none" },
            ],
        }),
    },
} satisfies Record<string, Blueprint>;

export type BlueprintName = keyof typeof BLUEPRINTS;
export const BLUEPRINT_NAMES = Object.keys(BLUEPRINTS) as BlueprintName[];
export const DEFAULT_BLUEPRINT: BlueprintName = "storage-only";
