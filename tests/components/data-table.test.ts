import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { DataTable, type DataTableArgs } from "../../components/data-table";
import { runInline, UNKNOWN } from "../../engine/run";
import { inputs, one, ofType, policyDocument } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const TABLE = "aws:dynamodb/table:Table";
/** MultiMusic's token table: PK userId, SK platform#name, TTL on expiresAt. */
const tokens: DataTableArgs = { partitionKey: { name: "userId", type: "S" }, sortKey: { name: "platform", type: "S" }, ttlAttribute: "expiresAt" };

describe("DataTable", () => {
    it("creates an on-demand table with PITR, SSE under its own CMK, protected with deletion protection by default", async () => {
        const result = await runInline(() => new DataTable("tokens", tokens));
        const table = one(result, TABLE);
        const t = inputs(table);
        assert.strictEqual(t.billingMode, "PAY_PER_REQUEST", "billingMode");
        assert.deepStrictEqual(t.pointInTimeRecovery, { enabled: true }, "pointInTimeRecovery");
        assert.strictEqual(t.serverSideEncryption.enabled, true, "serverSideEncryption.enabled");
        assert.match(t.serverSideEncryption.kmsKeyArn, /^arn:aws:kms:us-east-1:123456789012:key\//, "SSE uses the created key");
        assert.strictEqual(t.deletionProtectionEnabled, true, "deletionProtectionEnabled");
        assert.strictEqual(table.options.protect, true, "protect");
        assert.strictEqual(table.options.retainOnDelete, true, "retainOnDelete");
        assert.strictEqual(t.hashKey, "userId");
        assert.strictEqual(t.rangeKey, "platform");
        assert.deepStrictEqual(t.ttl, { enabled: true, attributeName: "expiresAt" }, "ttl");
        assert.strictEqual(t.streamEnabled, false, "no stream by default");
        assert.strictEqual(one(result, "aws:kms/key:Key").options.protect, true, "the key is protected too");
        assert.strictEqual(ofType(result, "aws:dynamodb/contributorInsights:ContributorInsights").length, 0, "no contributor insights by default");
    });

    it("uses a given key instead of creating one", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/given";
        const result = await runInline(() => new DataTable("t", { ...tokens, kmsKeyArn: keyArn }));
        assert.strictEqual(ofType(result, "aws:kms/key:Key").length, 0, "no key created");
        assert.strictEqual(inputs(one(result, TABLE)).serverSideEncryption.kmsKeyArn, keyArn);
    });

    it("derives attribute definitions from table and index keys only, once each, and maps projections", async () => {
        const result = await runInline(() => new DataTable("content", {
            partitionKey: { name: "pk", type: "S" },
            sortKey: { name: "sk", type: "S" },
            globalSecondaryIndexes: [
                { name: "byRetreat", partitionKey: { name: "retreatId", type: "S" }, sortKey: { name: "sk", type: "S" } },
                { name: "byDate", partitionKey: { name: "pk", type: "S" }, sortKey: { name: "publishedAt", type: "N" }, projection: "KEYS_ONLY" },
                { name: "byUser", partitionKey: { name: "userId", type: "S" }, projection: { include: ["title", "duration"] } },
            ],
        }));
        const t = inputs(one(result, TABLE));
        assert.deepStrictEqual(t.attributes, [
            { name: "pk", type: "S" }, { name: "sk", type: "S" }, { name: "retreatId", type: "S" }, { name: "publishedAt", type: "N" }, { name: "userId", type: "S" },
        ], "attributes");
        assert.deepStrictEqual(t.globalSecondaryIndexes, [
            { name: "byRetreat", keySchemas: [{ attributeName: "retreatId", keyType: "HASH" }, { attributeName: "sk", keyType: "RANGE" }], projectionType: "ALL" },
            { name: "byDate", keySchemas: [{ attributeName: "pk", keyType: "HASH" }, { attributeName: "publishedAt", keyType: "RANGE" }], projectionType: "KEYS_ONLY" },
            { name: "byUser", keySchemas: [{ attributeName: "userId", keyType: "HASH" }], projectionType: "INCLUDE", nonKeyAttributes: ["title", "duration"] },
        ], "globalSecondaryIndexes");
    });

    it("is unprotected in dev (protectData false): no protect, no deletion protection, PITR still on", async () => {
        const result = await runInline(() => new DataTable("dev", { ...tokens, protectData: false }), { stack: "dev" });
        const table = one(result, TABLE);
        assert.strictEqual(table.options.protect, false, "protect");
        assert.strictEqual(table.options.retainOnDelete, false, "retainOnDelete");
        assert.strictEqual(inputs(table).deletionProtectionEnabled, false, "deletionProtectionEnabled");
        assert.deepStrictEqual(inputs(table).pointInTimeRecovery, { enabled: true }, "pointInTimeRecovery");
        assert.strictEqual(one(result, "aws:kms/key:Key").options.protect, false, "key protect");
    });

    it("enables a stream with the view type and contributor insights when asked, and exports the stream ARN", async () => {
        let table: DataTable | undefined;
        const result = await runInline(() => { table = new DataTable("events", { ...tokens, streamViewType: "NEW_AND_OLD_IMAGES", contributorInsights: true }); });
        const t = inputs(one(result, TABLE));
        assert.strictEqual(t.streamEnabled, true);
        assert.strictEqual(t.streamViewType, "NEW_AND_OLD_IMAGES");
        assert.ok(inputs(one(result, "aws:dynamodb/contributorInsights:ContributorInsights")).tableName, "insights target the table");
        const outputs = one(result, "platform:database:DataTable").outputs as Record<string, string>;
        assert.match(outputs.streamArn, /^arn:aws:dynamodb:us-east-1:123456789012:table\/.+\/stream\//, "streamArn");
        assert.match(outputs.tableArn, /^arn:aws:dynamodb:us-east-1:123456789012:table\//, "tableArn");
        assert.ok(outputs.tableName, "tableName");
        assert.match(outputs.kmsKeyArn, /^arn:aws:kms:/, "kmsKeyArn");
        assert.ok(table);
    });

    it("uses a fixed table name when given", async () => {
        const result = await runInline(() => new DataTable("tokens", { ...tokens, tableName: "multimusic-tokens" }));
        assert.strictEqual(inputs(one(result, TABLE)).name, "multimusic-tokens");
    });

    it("leaves computed values unknown in preview while keeping the declared shape", async () => {
        const result = await runInline(() => new DataTable("tokens", tokens), { mode: "preview" });
        const t = inputs(one(result, TABLE));
        assert.strictEqual(t.serverSideEncryption.kmsKeyArn, UNKNOWN, "key ARN unknown in preview");
        assert.strictEqual(t.billingMode, "PAY_PER_REQUEST");
        assert.strictEqual(t.deletionProtectionEnabled, true);
    });

    it("grants least privilege: table and index ARNs only, writes only for readWrite, the key only via DynamoDB", async () => {
        const result = await runInline(() => {
            const table = new DataTable("tokens", tokens);
            const role = new aws.iam.Role("fn", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
            table.grantReadWrite("writer", role);
            table.grantRead("reader", role);
        });
        const writer = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy", "tokens-writer")).Statement;
        const reader = policyDocument(one(result, "aws:iam/rolePolicy:RolePolicy", "tokens-reader")).Statement;
        const tableArn = (one(result, TABLE).outputs as Record<string, string>).arn;
        assert.deepStrictEqual(writer[0].Resource, [tableArn, `${tableArn}/index/*`], "table statement resources");
        assert.ok(writer[0].Action.includes("dynamodb:PutItem"), "readWrite can put");
        assert.ok(!reader[0].Action.includes("dynamodb:PutItem"), "read cannot put");
        assert.ok(reader[0].Action.includes("dynamodb:Query"), "read can query");
        assert.ok(!writer[0].Action.some((a: string) => a.includes("*")), "no wildcard actions");
        assert.deepStrictEqual(writer[1].Condition, { StringEquals: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com" } }, "key via DynamoDB only");
        assert.ok(writer[1].Action.includes("kms:GenerateDataKey") && writer[1].Action.includes("kms:Decrypt"));
        assert.deepStrictEqual(reader[1].Action, ["kms:Decrypt", "kms:DescribeKey"]);
        assert.match(writer[1].Resource[0], /^arn:aws:kms:us-east-1:123456789012:key\//, "the table's own key");
    });

    describe("rejects bad arguments, naming the component and argument", () => {
        const cases: [string, DataTableArgs, RegExp][] = [
            ["duplicate index names", { ...tokens, globalSecondaryIndexes: [
                { name: "byX", partitionKey: { name: "x", type: "S" } }, { name: "byX", partitionKey: { name: "y", type: "S" } }] },
            /DataTable "t": argument globalSecondaryIndexes.name: got "byX"; allowed: unique index names/],
            ["an attribute with two types", { ...tokens, globalSecondaryIndexes: [{ name: "byUser", partitionKey: { name: "userId", type: "N" } }] },
                /DataTable "t": argument globalSecondaryIndexes: got "attribute userId declared as S and N"/],
            ["more than 20 indexes", { ...tokens, globalSecondaryIndexes: Array.from({ length: 21 }, (_, i) => ({ name: `index${i}`, partitionKey: { name: `a${i}`, type: "S" as const } })) },
                /DataTable "t": argument globalSecondaryIndexes: got "21 indexes"; allowed: at most 20/],
            ["a TTL attribute that is a key", { ...tokens, ttlAttribute: "platform" }, /DataTable "t": argument ttlAttribute: got "platform"; allowed: an attribute that is not a table or index key/],
            ["a bad key type", { partitionKey: { name: "id", type: "X" as "S" } }, /DataTable "t": argument partitionKey/],
            ["an empty include projection", { ...tokens, globalSecondaryIndexes: [{ name: "byX", partitionKey: { name: "x", type: "S" }, projection: { include: [] } }] },
                /DataTable "t": argument globalSecondaryIndexes\[byX\].projection/],
            ["a bad stream view type", { ...tokens, streamViewType: "ALL" as "NEW_IMAGE" }, /DataTable "t": argument streamViewType: got "ALL"/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(runInline(() => new DataTable("t", args)), message);
            });
        }
    });

    it("documents every DataTableArgs property in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("data-table"), interfaceProperties("data-table", "DataTableArgs"));
    });
});
