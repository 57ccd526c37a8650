/**
 * AWS clients, created once per container and reused across invocations (connection reuse, no
 * per-request credential resolution). Tests inject their own with `setAwsClients`; the DynamoDB
 * client also honours the SDK's own `AWS_ENDPOINT_URL_DYNAMODB`.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

let documentClient: DynamoDBDocumentClient | undefined;
let kmsClient: KMSClient | undefined;
let secretsClient: SecretsManagerClient | undefined;

function wrap(client: DynamoDBClient): DynamoDBDocumentClient {
    return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function dynamo(): DynamoDBDocumentClient {
    return (documentClient ??= wrap(new DynamoDBClient({})));
}

export function kms(): KMSClient {
    return (kmsClient ??= new KMSClient({}));
}

export function secretsManager(): SecretsManagerClient {
    return (secretsClient ??= new SecretsManagerClient({}));
}

/** Replaces the clients (tests). Clients not given are left as they are. */
export function setAwsClients(clients: { dynamodb?: DynamoDBClient; kms?: KMSClient; secretsManager?: SecretsManagerClient }): void {
    if (clients.dynamodb) documentClient = wrap(clients.dynamodb);
    if (clients.kms) kmsClient = clients.kms;
    if (clients.secretsManager) secretsClient = clients.secretsManager;
}

export function clearAwsClients(): void {
    documentClient = undefined;
    kmsClient = undefined;
    secretsClient = undefined;
}

/** A DynamoDB write refused by its condition (the SDK's class, or its name when the error crossed a bundle boundary). */
export function isConditionFailure(err: unknown): boolean {
    return err instanceof ConditionalCheckFailedException || (err as { name?: string } | undefined)?.name === "ConditionalCheckFailedException";
}
