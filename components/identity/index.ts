/**
 * Identity: a Cognito user pool with email sign-in, the seeds' password rules, MFA by config,
 * deletion protection in prod, groups, public app clients (no secret, authorization code flow with
 * PKCE, explicit token lifetimes), an optional hosted UI domain and an optional identity pool whose
 * authenticated role reaches only the caller's own prefix in one bucket.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { requireArg } from "../shared/errors";
import { statefulOptions } from "../shared/protection";
import { IDENTITY_DEFAULTS as D } from "./defaults";

const COMPONENT = "Identity";
/** The IAM policy variable for the caller's identity id: written literally into the policy, resolved by IAM. */
export const IDENTITY_SUB = "${cognito-identity.amazonaws.com:sub}";

export type MfaMode = "OFF" | "OPTIONAL" | "ON";
export type ThreatProtection = "off" | "audit" | "enforced";
export type FeaturePlan = "LITE" | "ESSENTIALS" | "PLUS";

export interface PasswordPolicyArgs {
    minimumLength?: number;
    requireUppercase?: boolean;
    requireLowercase?: boolean;
    requireNumbers?: boolean;
    requireSymbols?: boolean;
    temporaryPasswordValidityDays?: number;
    /** Previous passwords a user may not reuse (PLUS plan only). */
    passwordHistorySize?: number;
}

export interface AppClientArgs {
    /** Where Cognito may send the authorization code: https URLs (http://localhost only with allowLocalhostCallbacks). */
    callbackUrls: string[];
    /** Where Cognito may redirect after sign-out; same rules as callbackUrls. */
    logoutUrls: string[];
    /** OAuth scopes. Default openid, email, profile. */
    scopes?: string[];
    /** Hours, 1 to 24. Default 1. */
    accessTokenValidityHours?: number;
    /** Hours, 1 to 24. Default 1. */
    idTokenValidityHours?: number;
    /** Days, 1 to 3650. Default 30. */
    refreshTokenValidityDays?: number;
}

export interface GroupArgs {
    name: string;
    description?: string;
    /** Lower wins when a user is in several groups. */
    precedence?: number;
}

export interface IdentityPoolArgs {
    /** The app client whose users get identities (a key of `clients`). Default: the first client. */
    clientName?: string;
    /** Bucket in which each user reaches only `<prefix>/<identity id>/`. */
    bucketName: pulumi.Input<string>;
    /** Key prefix above the per-user folders, e.g. "users". */
    prefix: string;
    /** The bucket's KMS key, when SSE-KMS: decrypt/encrypt through S3 only. */
    bucketKmsKeyArn?: pulumi.Input<string>;
    /** S3 object actions allowed in the user's own prefix. Default GetObject, PutObject, DeleteObject. */
    objectActions?: string[];
}

export interface HostedUiDomainArgs {
    /** A Cognito prefix (`<prefix>.auth.<region>.amazoncognito.com`), or a custom domain name when certificateArn is given. */
    domain: string;
    /** ACM certificate (us-east-1) for a custom domain. */
    certificateArn?: pulumi.Input<string>;
}

export interface IdentityArgs {
    /** Password rules, merged over the seeds' defaults (min 8, all character classes, 7-day temporary passwords). */
    passwordPolicy?: PasswordPolicyArgs;
    /** "OFF", "OPTIONAL" (default) or "ON"; authenticator-app (TOTP) MFA when not OFF. */
    mfa?: MfaMode;
    /** Let users sign themselves up. Default false (administrators create users). */
    selfSignUp?: boolean;
    /** Cognito threat protection: "off" (default), "audit" or "enforced"; needs the PLUS feature plan. */
    threatProtection?: ThreatProtection;
    /** User pool feature plan. Default ESSENTIALS, or PLUS when threatProtection is not off. */
    featurePlan?: FeaturePlan;
    /** Deletion protection ACTIVE plus Pulumi protect + retain on delete. Default true. */
    protectData?: boolean;
    /** Subject of the verification email. */
    emailVerificationSubject?: string;
    /** Body of the verification email; must contain {####}. */
    emailVerificationMessage?: string;
    /** User groups, e.g. crm-admins. */
    groups?: GroupArgs[];
    /** Public app clients by name. */
    clients?: Record<string, AppClientArgs>;
    /** Accept http://localhost callback and logout URLs (local development only; never in prod). Default false. */
    allowLocalhostCallbacks?: boolean;
    /** Hosted UI (managed login) domain. Default none. */
    hostedUiDomain?: HostedUiDomainArgs;
    /** An identity pool for the users of one client, limited to their own bucket prefix. Default none. */
    identityPool?: IdentityPoolArgs;
}

function urlProblem(url: string, allowLocalhost: boolean): boolean {
    let parsed: URL;
    try { parsed = new URL(url); } catch { return true; }
    if (parsed.hash || url.includes("*")) return true;
    if (parsed.protocol === "https:") return false;
    return !(allowLocalhost && parsed.protocol === "http:" && ["localhost", "127.0.0.1"].includes(parsed.hostname));
}

function validate(name: string, args: IdentityArgs): void {
    const pw = { ...D.passwordPolicy, ...args.passwordPolicy };
    requireArg(Number.isInteger(pw.minimumLength) && pw.minimumLength >= 8 && pw.minimumLength <= 99, COMPONENT, name, "passwordPolicy.minimumLength", pw.minimumLength, "a whole number from 8 to 99");
    requireArg(Number.isInteger(pw.temporaryPasswordValidityDays) && pw.temporaryPasswordValidityDays >= 1 && pw.temporaryPasswordValidityDays <= 365, COMPONENT, name, "passwordPolicy.temporaryPasswordValidityDays", pw.temporaryPasswordValidityDays, "1 to 365 days");
    requireArg(args.mfa === undefined || ["OFF", "OPTIONAL", "ON"].includes(args.mfa), COMPONENT, name, "mfa", args.mfa, "OFF, OPTIONAL or ON");
    const threat = args.threatProtection ?? D.threatProtection;
    requireArg(["off", "audit", "enforced"].includes(threat), COMPONENT, name, "threatProtection", threat, "off, audit or enforced");
    requireArg(args.featurePlan === undefined || ["LITE", "ESSENTIALS", "PLUS"].includes(args.featurePlan), COMPONENT, name, "featurePlan", args.featurePlan, "LITE, ESSENTIALS or PLUS");
    requireArg(threat === "off" || args.featurePlan === undefined || args.featurePlan === "PLUS", COMPONENT, name, "featurePlan", args.featurePlan, `PLUS when threatProtection is "${threat}" (threat protection is a PLUS feature)`);
    requireArg(args.passwordPolicy?.passwordHistorySize === undefined || (args.featurePlan ?? (threat === "off" ? D.featurePlan : "PLUS")) === "PLUS", COMPONENT, name, "passwordPolicy.passwordHistorySize", args.passwordPolicy?.passwordHistorySize, "only with the PLUS feature plan");
    const message = args.emailVerificationMessage ?? D.emailVerificationMessage;
    requireArg(message.includes("{####}"), COMPONENT, name, "emailVerificationMessage", message, "a message containing the {####} code placeholder");
    const groupNames = (args.groups ?? []).map((g) => g.name);
    groupNames.forEach((g, i) => requireArg(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(g), COMPONENT, name, `groups[${i}].name`, g, "1 to 128 characters without spaces"));
    requireArg(new Set(groupNames).size === groupNames.length, COMPONENT, name, "groups", groupNames, "distinct group names");
    const allowLocalhost = args.allowLocalhostCallbacks ?? false;
    for (const [client, c] of Object.entries(args.clients ?? {})) {
        const at = (arg: string) => `clients.${client}.${arg}`;
        requireArg(c.callbackUrls.length > 0, COMPONENT, name, at("callbackUrls"), c.callbackUrls, "at least one explicit callback URL");
        for (const key of ["callbackUrls", "logoutUrls"] as const) {
            c[key].forEach((url, i) => requireArg(!urlProblem(url, allowLocalhost), COMPONENT, name, `${at(key)}[${i}]`, url,
                allowLocalhost ? "an https URL or http://localhost, without wildcards or fragments" : "an https URL without wildcards or fragments (http://localhost needs allowLocalhostCallbacks)"));
        }
        for (const key of ["accessTokenValidityHours", "idTokenValidityHours"] as const) {
            const v = c[key] ?? D[key];
            requireArg(Number.isInteger(v) && v >= 1 && v <= 24, COMPONENT, name, at(key), v, "a whole number of hours from 1 to 24");
        }
        const refresh = c.refreshTokenValidityDays ?? D.refreshTokenValidityDays;
        requireArg(Number.isInteger(refresh) && refresh >= 1 && refresh <= 3650, COMPONENT, name, at("refreshTokenValidityDays"), refresh, "a whole number of days from 1 to 3650");
    }
    if (args.hostedUiDomain) {
        const d = args.hostedUiDomain.domain;
        const ok = args.hostedUiDomain.certificateArn !== undefined
            ? /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(d)
            : /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(d) && !/aws|amazon|cognito/.test(d);
        requireArg(ok, COMPONENT, name, "hostedUiDomain.domain", d, "a lowercase prefix without aws/amazon/cognito, or a custom domain name with certificateArn");
    }
    if (args.identityPool) {
        const clients = Object.keys(args.clients ?? {});
        const client = args.identityPool.clientName ?? clients[0];
        requireArg(client !== undefined && clients.includes(client), COMPONENT, name, "identityPool.clientName", args.identityPool.clientName, `one of the clients (${clients.join(", ") || "none given"})`);
        requireArg(/^[a-zA-Z0-9!_.'()-]+(\/[a-zA-Z0-9!_.'()-]+)*$/.test(args.identityPool.prefix), COMPONENT, name, "identityPool.prefix", args.identityPool.prefix, "a key prefix such as users (no leading or trailing slash, no wildcard)");
        (args.identityPool.objectActions ?? []).forEach((a, i) => requireArg(/^s3:[A-Za-z]+$/.test(a), COMPONENT, name, `identityPool.objectActions[${i}]`, a, "an s3: object action without wildcards"));
    }
}

export class Identity extends pulumi.ComponentResource {
    readonly userPool: aws.cognito.UserPool;
    readonly clients: Record<string, aws.cognito.UserPoolClient> = {};
    readonly authenticatedRole?: aws.iam.Role;
    readonly userPoolId: pulumi.Output<string>;
    readonly userPoolArn: pulumi.Output<string>;
    /** Client ids by client name. */
    readonly clientIds: pulumi.Output<Record<string, string>>;
    readonly identityPoolId: pulumi.Output<string | undefined>;
    readonly authenticatedRoleArn: pulumi.Output<string | undefined>;
    /** Hosted UI host name (undefined without hostedUiDomain). */
    readonly domain: pulumi.Output<string | undefined>;

    constructor(name: string, args: IdentityArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:identity:Identity", name, {}, opts);
        const protectData = args.protectData ?? D.protectData;
        const mfa = args.mfa ?? D.mfa;
        const threat = args.threatProtection ?? D.threatProtection;
        const featurePlan = args.featurePlan ?? (threat === "off" ? D.featurePlan : "PLUS");

        this.userPool = new aws.cognito.UserPool(name, {
            usernameAttributes: ["email"],
            autoVerifiedAttributes: ["email"],
            usernameConfiguration: { caseSensitive: false },
            passwordPolicy: { ...D.passwordPolicy, ...args.passwordPolicy },
            mfaConfiguration: mfa,
            softwareTokenMfaConfiguration: mfa === "OFF" ? undefined : { enabled: true },
            accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
            adminCreateUserConfig: { allowAdminCreateUserOnly: !(args.selfSignUp ?? D.selfSignUp) },
            userPoolTier: featurePlan,
            userPoolAddOns: threat === "off" ? undefined : { advancedSecurityMode: threat.toUpperCase() },
            deletionProtection: protectData ? "ACTIVE" : "INACTIVE",
            verificationMessageTemplate: {
                defaultEmailOption: "CONFIRM_WITH_CODE",
                emailSubject: args.emailVerificationSubject ?? D.emailVerificationSubject,
                emailMessage: args.emailVerificationMessage ?? D.emailVerificationMessage,
            },
        }, statefulOptions(protectData, { parent: this }));

        for (const g of args.groups ?? []) {
            new aws.cognito.UserGroup(`${name}-${g.name}`, {
                userPoolId: this.userPool.id,
                name: g.name,
                description: g.description,
                precedence: g.precedence,
            }, { parent: this });
        }

        for (const [client, c] of Object.entries(args.clients ?? {})) {
            this.clients[client] = new aws.cognito.UserPoolClient(`${name}-${client}`, {
                name: client,
                userPoolId: this.userPool.id,
                generateSecret: false,
                allowedOauthFlowsUserPoolClient: true,
                allowedOauthFlows: [...D.oauthFlows],
                allowedOauthScopes: c.scopes ?? [...D.oauthScopes],
                callbackUrls: c.callbackUrls,
                logoutUrls: c.logoutUrls,
                supportedIdentityProviders: ["COGNITO"],
                explicitAuthFlows: [...D.explicitAuthFlows],
                preventUserExistenceErrors: "ENABLED",
                enableTokenRevocation: true,
                accessTokenValidity: c.accessTokenValidityHours ?? D.accessTokenValidityHours,
                idTokenValidity: c.idTokenValidityHours ?? D.idTokenValidityHours,
                refreshTokenValidity: c.refreshTokenValidityDays ?? D.refreshTokenValidityDays,
                tokenValidityUnits: { accessToken: "hours", idToken: "hours", refreshToken: "days" },
            }, { parent: this });
        }

        let domain: pulumi.Output<string | undefined> = pulumi.output(undefined);
        if (args.hostedUiDomain) {
            const d = args.hostedUiDomain;
            const created = new aws.cognito.UserPoolDomain(`${name}-domain`, {
                userPoolId: this.userPool.id,
                domain: d.domain,
                certificateArn: d.certificateArn,
                managedLoginVersion: 2,
            }, { parent: this });
            const region = aws.getRegionOutput({}, { parent: this }).region;
            domain = d.certificateArn !== undefined ? created.domain : pulumi.interpolate`${created.domain}.auth.${region}.amazoncognito.com`;
        }

        let identityPoolId: pulumi.Output<string | undefined> = pulumi.output(undefined);
        if (args.identityPool) {
            const ip = args.identityPool;
            const client = this.clients[ip.clientName ?? Object.keys(this.clients)[0]];
            const pool = new aws.cognito.IdentityPool(`${name}-identity`, {
                identityPoolName: `${pulumi.getProject()} ${pulumi.getStack()} ${name}`.replace(/[^\w ]/g, "_"),
                allowUnauthenticatedIdentities: false,
                allowClassicFlow: false,
                cognitoIdentityProviders: [{ clientId: client.id, providerName: this.userPool.endpoint, serverSideTokenCheck: true }],
            }, { parent: this });
            this.authenticatedRole = new aws.iam.Role(`${name}-authenticated`, {
                description: `Authenticated users of identity pool ${name}: their own prefix only`,
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [{
                        Effect: "Allow",
                        Principal: { Federated: "cognito-identity.amazonaws.com" },
                        Action: "sts:AssumeRoleWithWebIdentity",
                        Condition: {
                            StringEquals: { "cognito-identity.amazonaws.com:aud": pool.id },
                            "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
                        },
                    }],
                }),
            }, { parent: this });
            new aws.iam.RolePolicy(`${name}-authenticated`, {
                role: this.authenticatedRole.name,
                policy: pulumi.jsonStringify(ownPrefixPolicy(ip, aws.getPartitionOutput({}, { parent: this }).partition, aws.getRegionOutput({}, { parent: this }).region)),
            }, { parent: this });
            new aws.cognito.IdentityPoolRoleAttachment(`${name}-identity`, {
                identityPoolId: pool.id,
                roles: { authenticated: this.authenticatedRole.arn },
            }, { parent: this });
            identityPoolId = pool.id;
        }

        this.userPoolId = this.userPool.id;
        this.userPoolArn = this.userPool.arn;
        this.clientIds = pulumi.output(Object.fromEntries(Object.entries(this.clients).map(([k, c]) => [k, c.id])));
        this.identityPoolId = identityPoolId;
        this.authenticatedRoleArn = this.authenticatedRole ? this.authenticatedRole.arn : pulumi.output(undefined);
        this.domain = domain;
        this.registerOutputs({
            userPoolId: this.userPoolId, userPoolArn: this.userPoolArn, clientIds: this.clientIds,
            identityPoolId: this.identityPoolId, authenticatedRoleArn: this.authenticatedRoleArn, domain: this.domain,
        });
    }
}

/** Objects under `<prefix>/<identity id>/` and listing of that folder only; the bucket key only through S3. */
function ownPrefixPolicy(ip: IdentityPoolArgs, partition: pulumi.Input<string>, region: pulumi.Input<string>): object {
    const bucketArn = pulumi.concat("arn:", partition, ":s3:::", ip.bucketName);
    const own = `${ip.prefix}/${IDENTITY_SUB}`;
    const statements: object[] = [
        { Sid: "OwnPrefixObjects", Effect: "Allow", Action: ip.objectActions ?? [...D.objectActions], Resource: pulumi.concat(bucketArn, "/", own, "/*") },
        { Sid: "ListOwnPrefix", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringLike: { "s3:prefix": [`${own}/`, `${own}/*`] } } },
    ];
    if (ip.bucketKmsKeyArn !== undefined) {
        statements.push({
            Sid: "BucketKeyThroughS3",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: ip.bucketKmsKeyArn,
            Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`s3.${region}.amazonaws.com` } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}
