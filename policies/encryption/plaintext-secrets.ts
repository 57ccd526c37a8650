/** Which environment variables look like secrets with a literal value. */
import { isUnknown } from "../lib/values";

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
// Names that carry a reference to a secret, not the secret itself.
const REFERENCE_SUFFIX = /(_ARN|_NAME|_ID|_PARAM|_PARAMETER|_PATH|_REF|_URL|_TABLE)$/i;
const REFERENCE_VALUE = /^(arn:aws[a-z-]*:(secretsmanager|ssm|kms):|\{\{resolve:|\/)/;

/** The names among `variables` whose literal value is probably a secret. */
export function plaintextSecretNames(variables: Record<string, unknown>): string[] {
    return Object.keys(variables).filter((name) => {
        const value = variables[name];
        if (typeof value !== "string" || value === "" || isUnknown(value)) return false;
        if (!SECRET_NAME.test(name) || REFERENCE_SUFFIX.test(name)) return false;
        return !REFERENCE_VALUE.test(value);
    });
}
