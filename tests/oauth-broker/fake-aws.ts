/**
 * AWS for the broker's tests: a real DynamoDB API on loopback (dynalite, in-process, ephemeral port),
 * and KMS and Secrets Manager (versions and staging labels: tests/support/fake-secrets-manager) through
 * aws-sdk-client-mock. The fake KMS really encrypts (AES-256-GCM
 * under a per-run key) with the key id and encryption context as authenticated data, so a ciphertext
 * never contains its plaintext and Decrypt fails on another context or key, as KMS does.
 */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DecryptCommand, EncryptCommand, InvalidCiphertextException, KMSClient } from "@aws-sdk/client-kms";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { createCipheriv, createDecipheriv, randomBytes } from "crypto";
import { AddressInfo, Server } from "net";
import { STATE_TABLE, TOKEN_TABLE } from "../../components/oauth-broker/handlers/contract";
import { mockSecretsManager, SecretsStore } from "../support/fake-secrets-manager";

const credentials = { accessKeyId: "AKIAFAKEFAKEFAKEFAKE", secretAccessKey: "fake-secret-access-key" };
export const region = "us-east-1";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require("dynalite") as (options: { createTableMs: number }) => Server;

export class LocalDynamo {
    private server: Server | undefined;
    client!: DynamoDBClient;
    doc!: DynamoDBDocumentClient;

    async start(): Promise<void> {
        this.server = dynalite({ createTableMs: 0 });
        await new Promise<void>((resolve, reject) => {
            this.server!.once("error", reject);
            this.server!.listen(0, "127.0.0.1", () => resolve());
        });
        const port = (this.server.address() as AddressInfo).port;
        this.client = new DynamoDBClient({ region, credentials, endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1, requestHandler: { requestTimeout: 5000 } });
        this.doc = DynamoDBDocumentClient.from(this.client);
    }

    async createTables(tokenTable: string, stateTable: string): Promise<void> {
        await this.client.send(new CreateTableCommand({
            TableName: tokenTable,
            BillingMode: "PAY_PER_REQUEST",
            AttributeDefinitions: [{ AttributeName: TOKEN_TABLE.partitionKey, AttributeType: "S" }, { AttributeName: TOKEN_TABLE.sortKey, AttributeType: "S" }],
            KeySchema: [{ AttributeName: TOKEN_TABLE.partitionKey, KeyType: "HASH" }, { AttributeName: TOKEN_TABLE.sortKey, KeyType: "RANGE" }],
        }));
        await this.client.send(new CreateTableCommand({
            TableName: stateTable,
            BillingMode: "PAY_PER_REQUEST",
            AttributeDefinitions: [{ AttributeName: STATE_TABLE.partitionKey, AttributeType: "S" }],
            KeySchema: [{ AttributeName: STATE_TABLE.partitionKey, KeyType: "HASH" }],
        }));
    }

    async scan(table: string): Promise<Array<Record<string, unknown>>> {
        const out = await this.doc.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
        return out.Items ?? [];
    }

    async stop(): Promise<void> {
        this.client?.destroy();
        if (!this.server) return;
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
        this.server = undefined;
    }
}

export interface KmsCall {
    command: "Encrypt" | "Decrypt";
    keyId: string;
    context: Record<string, string>;
}

function aad(keyId: string, context: Record<string, string> | undefined): Buffer {
    const sorted = Object.fromEntries(Object.entries(context ?? {}).sort(([a], [b]) => a.localeCompare(b)));
    return Buffer.from(JSON.stringify({ keyId, context: sorted }));
}

function invalidCiphertext(): InvalidCiphertextException {
    return new InvalidCiphertextException({ message: "fake KMS: ciphertext, key or encryption context mismatch", $metadata: {} });
}

export class FakeAws {
    private readonly key = randomBytes(32);
    private readonly kmsMock = mockClient(KMSClient);
    private readonly secretsMock: { restore(): void };
    readonly kmsCalls: KmsCall[] = [];
    readonly kms = new KMSClient({ region, credentials });
    readonly secretsManager = new SecretsManagerClient({ region, credentials });

    constructor(readonly secrets: SecretsStore) {
        this.secretsMock = mockSecretsManager(secrets);
        this.kmsMock.on(EncryptCommand).callsFake((input: { KeyId: string; Plaintext: Uint8Array; EncryptionContext?: Record<string, string> }) => {
            this.kmsCalls.push({ command: "Encrypt", keyId: input.KeyId, context: { ...input.EncryptionContext } });
            const iv = randomBytes(12);
            const cipher = createCipheriv("aes-256-gcm", this.key, iv);
            cipher.setAAD(aad(input.KeyId, input.EncryptionContext));
            const body = Buffer.concat([cipher.update(Buffer.from(input.Plaintext)), cipher.final()]);
            return { KeyId: input.KeyId, CiphertextBlob: new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body])) };
        });
        this.kmsMock.on(DecryptCommand).callsFake((input: { KeyId?: string; CiphertextBlob: Uint8Array; EncryptionContext?: Record<string, string> }) => {
            this.kmsCalls.push({ command: "Decrypt", keyId: input.KeyId ?? "", context: { ...input.EncryptionContext } });
            const blob = Buffer.from(input.CiphertextBlob);
            try {
                const decipher = createDecipheriv("aes-256-gcm", this.key, blob.subarray(0, 12));
                decipher.setAuthTag(blob.subarray(12, 28));
                decipher.setAAD(aad(input.KeyId ?? "", input.EncryptionContext));
                const plain = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
                return { KeyId: input.KeyId, Plaintext: new Uint8Array(plain) };
            } catch {
                throw invalidCiphertext();
            }
        });
    }

    /** Decrypts a stored ciphertext the way the broker would (for assertions). */
    decrypt(keyId: string, context: Record<string, string>, base64: string): string {
        const blob = Buffer.from(base64, "base64");
        const decipher = createDecipheriv("aes-256-gcm", this.key, blob.subarray(0, 12));
        decipher.setAuthTag(blob.subarray(12, 28));
        decipher.setAAD(aad(keyId, context));
        return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString("utf8");
    }

    restore(): void {
        this.kmsMock.restore();
        this.secretsMock.restore();
        this.kms.destroy();
        this.secretsManager.destroy();
    }
}
