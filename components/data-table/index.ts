/**
 * DataTable: a DynamoDB table declared as data (keys, indexes, TTL), on-demand, encrypted with a
 * customer-managed key, with point-in-time recovery and deletion protection, plus least-privilege
 * access helpers for the roles that use it.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { statefulOptions } from "../shared/protection";
import { DATA_TABLE_DEFAULTS, STREAM_VIEW_TYPES, TABLE_ACTIONS } from "./defaults";

/** A DynamoDB scalar key type: S (string), N (number), B (binary). */
export type KeyType = "S" | "N" | "B";

/** One key attribute. */
export interface KeyAttribute {
    name: string;
    type: KeyType;
}

/** What an index carries besides its keys: everything, keys only, or the keys plus listed attributes. */
export type IndexProjection = "ALL" | "KEYS_ONLY" | { include: string[] };

export interface GlobalSecondaryIndex {
    name: string;
    partitionKey: KeyAttribute;
    sortKey?: KeyAttribute;
    /** Default "ALL". */
    projection?: IndexProjection;
}

export type StreamViewType = (typeof STREAM_VIEW_TYPES)[number];

export interface DataTableArgs {
    /** The table's partition (hash) key. */
    partitionKey: KeyAttribute;
    /** The table's sort (range) key, if any. */
    sortKey?: KeyAttribute;
    /** Global secondary indexes (at most 20). Attribute definitions are derived from all keys. */
    globalSecondaryIndexes?: GlobalSecondaryIndex[];
    /** The attribute holding the expiry time (epoch seconds); enables TTL. Must not be a key attribute. */
    ttlAttribute?: string;
    /** Physical table name. Default: auto-named from the component name. */
    tableName?: string;
    /** CMK for server-side encryption. Default: an EncryptionKey child is created. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Enables a DynamoDB stream with this view type. Default: no stream. */
    streamViewType?: StreamViewType;
    /** Turns on CloudWatch Contributor Insights for the table. Default false. */
    contributorInsights?: boolean;
    /** Protect the table (Pulumi protect + retain on delete + DynamoDB deletion protection). Default true. */
    protectData?: boolean;
}

/** An IAM policy statement as plain JSON. */
export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action: string[];
    Resource: string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

/** What a role may do with the table. */
export type TableAccess = "read" | "readWrite";

const COMPONENT = "DataTable";
const NAME_PATTERN = /^[A-Za-z0-9_.-]{3,255}$/;

function validate(name: string, args: DataTableArgs): void {
    const keyOk = (k: KeyAttribute | undefined) => k !== undefined && typeof k.name === "string" && k.name.length > 0 && ["S", "N", "B"].includes(k.type);
    requireArg(keyOk(args.partitionKey), COMPONENT, name, "partitionKey", args.partitionKey, "{ name, type } with type S, N or B");
    requireArg(args.sortKey === undefined || keyOk(args.sortKey), COMPONENT, name, "sortKey", args.sortKey, "{ name, type } with type S, N or B");
    requireArg(args.sortKey === undefined || args.sortKey.name !== args.partitionKey.name, COMPONENT, name, "sortKey", args.sortKey, "an attribute other than the partition key");
    const indexes = args.globalSecondaryIndexes ?? [];
    requireArg(indexes.length <= DATA_TABLE_DEFAULTS.maxGlobalSecondaryIndexes, COMPONENT, name, "globalSecondaryIndexes", `${indexes.length} indexes`,
        `at most ${DATA_TABLE_DEFAULTS.maxGlobalSecondaryIndexes} global secondary indexes`);
    const seen = new Set<string>();
    for (const index of indexes) {
        requireArg(typeof index.name === "string" && /^[A-Za-z0-9_.-]{3,255}$/.test(index.name), COMPONENT, name, "globalSecondaryIndexes.name", index.name, "3 to 255 letters, digits, _ . -");
        requireArg(!seen.has(index.name), COMPONENT, name, "globalSecondaryIndexes.name", index.name, "unique index names");
        seen.add(index.name);
        requireArg(keyOk(index.partitionKey), COMPONENT, name, `globalSecondaryIndexes[${index.name}].partitionKey`, index.partitionKey, "{ name, type } with type S, N or B");
        requireArg(index.sortKey === undefined || keyOk(index.sortKey), COMPONENT, name, `globalSecondaryIndexes[${index.name}].sortKey`, index.sortKey, "{ name, type } with type S, N or B");
        requireArg(index.sortKey === undefined || index.sortKey.name !== index.partitionKey.name, COMPONENT, name, `globalSecondaryIndexes[${index.name}].sortKey`, index.sortKey, "an attribute other than the index's partition key");
        const projection = index.projection ?? "ALL";
        requireArg(projection === "ALL" || projection === "KEYS_ONLY" || (typeof projection === "object" && Array.isArray(projection.include) && projection.include.length > 0),
            COMPONENT, name, `globalSecondaryIndexes[${index.name}].projection`, projection, "\"ALL\", \"KEYS_ONLY\" or { include: [at least one attribute] }");
    }
    // One attribute, one type: DynamoDB has a single attribute definition per name.
    const types = new Map<string, KeyType>();
    for (const key of keyAttributes(args)) {
        const known = types.get(key.name);
        requireArg(known === undefined || known === key.type, COMPONENT, name, "globalSecondaryIndexes", `attribute ${key.name} declared as ${known} and ${key.type}`,
            "each key attribute declared with one type everywhere");
        types.set(key.name, key.type);
    }
    if (args.ttlAttribute !== undefined) {
        requireArg(args.ttlAttribute.length > 0, COMPONENT, name, "ttlAttribute", args.ttlAttribute, "a non-empty attribute name");
        requireArg(!types.has(args.ttlAttribute), COMPONENT, name, "ttlAttribute", args.ttlAttribute, "an attribute that is not a table or index key");
    }
    requireArg(args.tableName === undefined || NAME_PATTERN.test(args.tableName), COMPONENT, name, "tableName", args.tableName, "3 to 255 letters, digits, _ . -");
    requireArg(args.streamViewType === undefined || (STREAM_VIEW_TYPES as readonly string[]).includes(args.streamViewType), COMPONENT, name, "streamViewType",
        args.streamViewType, STREAM_VIEW_TYPES.join(", "));
}

/** Every key attribute of the table and its indexes, in declaration order (may repeat). */
function keyAttributes(args: DataTableArgs): KeyAttribute[] {
    const keys: KeyAttribute[] = [args.partitionKey];
    if (args.sortKey) keys.push(args.sortKey);
    for (const index of args.globalSecondaryIndexes ?? []) {
        keys.push(index.partitionKey);
        if (index.sortKey) keys.push(index.sortKey);
    }
    return keys;
}

/** The attribute definitions DynamoDB needs: exactly the key attributes, each once. */
export function attributeDefinitions(args: DataTableArgs): KeyAttribute[] {
    const byName = new Map<string, KeyAttribute>();
    for (const key of keyAttributes(args)) if (!byName.has(key.name)) byName.set(key.name, { name: key.name, type: key.type });
    return [...byName.values()];
}

function indexInput(index: GlobalSecondaryIndex): aws.types.input.dynamodb.TableGlobalSecondaryIndex {
    const projection = index.projection ?? "ALL";
    const keySchemas = [{ attributeName: index.partitionKey.name, keyType: "HASH" }];
    if (index.sortKey) keySchemas.push({ attributeName: index.sortKey.name, keyType: "RANGE" });
    return {
        name: index.name,
        keySchemas,
        projectionType: typeof projection === "string" ? projection : "INCLUDE",
        nonKeyAttributes: typeof projection === "string" ? undefined : [...projection.include],
    };
}

export class DataTable extends pulumi.ComponentResource {
    readonly table: aws.dynamodb.Table;
    readonly tableName: pulumi.Output<string>;
    readonly tableArn: pulumi.Output<string>;
    /** The stream's ARN; undefined (empty) when no stream is enabled. */
    readonly streamArn: pulumi.Output<string | undefined>;
    readonly kmsKeyArn: pulumi.Output<string>;
    /** The key created for the table when none was given. */
    readonly encryptionKey?: EncryptionKey;
    private readonly region: pulumi.Output<string>;
    private readonly componentName: string;

    constructor(name: string, args: DataTableArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:database:DataTable", name, {}, opts);
        this.componentName = name;
        const protectData = args.protectData ?? DATA_TABLE_DEFAULTS.protectData;

        if (args.kmsKeyArn === undefined) {
            // DynamoDB uses the key through grants made with the caller's IAM permissions: no service principal needed.
            this.encryptionKey = new EncryptionKey(`${name}-key`, { description: `DynamoDB table ${name}`, protectData }, { parent: this });
        }
        const kmsKeyArn = args.kmsKeyArn ?? this.encryptionKey!.arn;
        const streamViewType = args.streamViewType ?? DATA_TABLE_DEFAULTS.streamViewType;

        this.table = new aws.dynamodb.Table(name, {
            name: args.tableName,
            billingMode: DATA_TABLE_DEFAULTS.billingMode,
            hashKey: args.partitionKey.name,
            rangeKey: args.sortKey?.name,
            attributes: attributeDefinitions(args),
            globalSecondaryIndexes: (args.globalSecondaryIndexes ?? []).map(indexInput),
            ttl: args.ttlAttribute ? { enabled: true, attributeName: args.ttlAttribute } : undefined,
            serverSideEncryption: { enabled: true, kmsKeyArn },
            pointInTimeRecovery: { enabled: DATA_TABLE_DEFAULTS.pointInTimeRecovery },
            deletionProtectionEnabled: protectData,
            streamEnabled: streamViewType !== undefined,
            streamViewType,
        }, statefulOptions(protectData, { parent: this }));

        if (args.contributorInsights ?? DATA_TABLE_DEFAULTS.contributorInsights) {
            new aws.dynamodb.ContributorInsights(`${name}-insights`, { tableName: this.table.name }, { parent: this });
        }

        this.region = aws.getRegionOutput({}, { parent: this }).region;
        this.tableName = this.table.name;
        this.tableArn = this.table.arn;
        this.streamArn = this.table.streamArn.apply((arn) => (streamViewType === undefined ? undefined : arn));
        this.kmsKeyArn = pulumi.output(kmsKeyArn);
        this.registerOutputs({ tableName: this.tableName, tableArn: this.tableArn, streamArn: this.streamArn, kmsKeyArn: this.kmsKeyArn });
    }

    /**
     * Least-privilege statements for a role that uses this table: item actions on the table and its
     * indexes only, and the key's use only through DynamoDB in this region (kms:ViaService).
     * "read" gets reads and kms:Decrypt; "readWrite" adds writes and kms:GenerateDataKey / kms:Encrypt.
     */
    policyStatements(access: TableAccess = "readWrite"): pulumi.Output<PolicyStatement[]> {
        return pulumi.all([this.tableArn, this.kmsKeyArn, this.region]).apply(([tableArn, keyArn, region]) => {
            const write = access === "readWrite";
            return [{
                Sid: write ? "TableReadWrite" : "TableRead",
                Effect: "Allow" as const,
                Action: write ? [...TABLE_ACTIONS.read, ...TABLE_ACTIONS.write] : [...TABLE_ACTIONS.read],
                Resource: [tableArn, `${tableArn}/index/*`],
            }, {
                Sid: "TableKeyThroughDynamoDb",
                Effect: "Allow" as const,
                Action: write ? ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"] : ["kms:Decrypt", "kms:DescribeKey"],
                Resource: [keyArn],
                Condition: { StringEquals: { "kms:ViaService": `dynamodb.${region}.amazonaws.com` } },
            }];
        });
    }

    /**
     * Attaches `policyStatements(access)` to a role as an inline policy named after the table and
     * `grantName` (unique per table), parented to this component.
     */
    grant(grantName: string, role: aws.iam.Role, access: TableAccess): aws.iam.RolePolicy {
        return new aws.iam.RolePolicy(`${this.componentName}-${grantName}`, {
            role: role.name,
            policy: this.policyStatements(access).apply((statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements })),
        }, { parent: this });
    }

    /** `grant(grantName, role, "readWrite")`. */
    grantReadWrite(grantName: string, role: aws.iam.Role): aws.iam.RolePolicy {
        return this.grant(grantName, role, "readWrite");
    }

    /** `grant(grantName, role, "read")`. */
    grantRead(grantName: string, role: aws.iam.Role): aws.iam.RolePolicy {
        return this.grant(grantName, role, "read");
    }
}
