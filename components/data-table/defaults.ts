/** Secure defaults of DataTable, in one place. */
export const DATA_TABLE_DEFAULTS = {
    /** On-demand: no capacity planning, no throttling from under-provisioning, pay per request (the seeds' choice). */
    billingMode: "PAY_PER_REQUEST",
    /** Point-in-time recovery: restore to any second of the last 35 days. Always on; the policy pack requires it. */
    pointInTimeRecovery: true,
    /** Stateful: protected (Pulumi protect + retain on delete + DynamoDB deletion protection) unless a stack says otherwise. */
    protectData: true,
    /** Streams cost nothing until read, but are off unless a consumer needs them. */
    streamViewType: undefined,
    /** Contributor Insights is billed per rule; off unless asked for. */
    contributorInsights: false,
    /** DynamoDB's own quota of global secondary indexes per table. */
    maxGlobalSecondaryIndexes: 20,
} as const;

/** The stream view types DynamoDB accepts. */
export const STREAM_VIEW_TYPES = ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"] as const;

/** Actions of each access level; the table's ARN and its indexes' ARNs are the only resources. */
export const TABLE_ACTIONS = {
    read: ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"],
    write: ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
} as const;
