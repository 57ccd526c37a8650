/**
 * ServerlessDb: Aurora PostgreSQL Serverless v2 (Distro Nation's database).
 *
 * A provisioned-mode Aurora cluster whose instances are `db.serverless`, scaling between min and max
 * ACUs (0 allowed: scale to zero with auto-pause, for dev). Storage, the managed master secret and
 * Performance Insights use one customer-managed key; IAM auth and TLS (`rds.force_ssl`) are on; a
 * subnet group on private/isolated subnets; a security group admitting 5432 only from named groups.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { statefulOptions } from "../shared/protection";
import { databaseFoundation, finalSnapshotIdentifier, validateAllowedSecurityGroups, type AllowedSecurityGroups } from "./access";
import { SERVERLESS_DB_DEFAULTS } from "./defaults";
import { masterPasswordRotation, validatePasswordRotation } from "./rotation";

export { type AllowedSecurityGroups } from "./access";

export interface ServerlessDbArgs {
    /** The VPC of the subnets and the security group. */
    vpcId: pulumi.Input<string>;
    /** Private or isolated subnets for the subnet group (at least 2, in different AZs). */
    subnetIds: pulumi.Input<string>[];
    /** Security groups allowed to connect on 5432, keyed by a stable name, e.g. `{ api: lambdaSg.id }`. */
    allowedSecurityGroups: AllowedSecurityGroups;
    /** Minimum ACUs, 0 to 256 in steps of 0.5. 0 pauses the cluster when idle (dev). Default 0.5. */
    minCapacity?: number;
    /** Maximum ACUs, 1 to 256 in steps of 0.5, at least minCapacity. Default 8. */
    maxCapacity?: number;
    /** Idle seconds before pausing, 300 to 86400; used only when minCapacity is 0. Default 3600. */
    secondsUntilAutoPause?: number;
    /** Number of db.serverless instances (1 writer + readers), 1 to 15, spread across AZs. Default 2. */
    instanceCount?: number;
    /** Aurora PostgreSQL engine version (major 14 to 17). Default a current 16 minor. */
    engineVersion?: string;
    /** Name of the initial database. Default "app". */
    databaseName?: string;
    /** Master user name (its password is generated and kept in Secrets Manager). Default "dbadmin". */
    masterUsername?: string;
    /** Days of automated backups, 1 to 35. Default 7. */
    backupRetentionDays?: number;
    /** Delete without a final snapshot. Default false; dev only. */
    skipFinalSnapshot?: boolean;
    /** CMK for storage, the master secret and Performance Insights. Default: an EncryptionKey child. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Availability zones for the instances (instance i goes to zone i mod n). Default: the region's first zones, one per subnet. */
    availabilityZones?: pulumi.Input<string>[];
    /** Protect the cluster (Pulumi protect + retain on delete) and set its deletion protection. Default true. */
    protectData?: boolean;
    /** Override of the cluster's deletion protection. Default: protectData. */
    deletionProtection?: boolean;
    /** When RDS rotates the master password: `cron(...)` or `rate(N days)`, UTC. Default `cron(0 4 ? * SUN *)` (Sundays at 04:00). */
    passwordRotationSchedule?: string;
    /** Hours the rotation window stays open, 1 to 24 (it may not cross midnight UTC). Default 3. */
    passwordRotationWindowHours?: number;
}

const COMPONENT = "ServerlessDb";
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

const isHalfStep = (n: number) => Number.isFinite(n) && Math.round(n * 2) === n * 2;

function validate(name: string, args: ServerlessDbArgs): void {
    const min = args.minCapacity ?? SERVERLESS_DB_DEFAULTS.minCapacity;
    const max = args.maxCapacity ?? SERVERLESS_DB_DEFAULTS.maxCapacity;
    requireArg(isHalfStep(min) && min >= 0 && min <= 256, COMPONENT, name, "minCapacity", min, "0 to 256 ACUs in steps of 0.5");
    requireArg(isHalfStep(max) && max >= 1 && max <= 256, COMPONENT, name, "maxCapacity", max, "1 to 256 ACUs in steps of 0.5");
    requireArg(min <= max, COMPONENT, name, "minCapacity", min, `at most maxCapacity (${max})`);
    const pause = args.secondsUntilAutoPause ?? SERVERLESS_DB_DEFAULTS.secondsUntilAutoPause;
    requireArg(Number.isInteger(pause) && pause >= 300 && pause <= 86400, COMPONENT, name, "secondsUntilAutoPause", pause, "a whole number of seconds from 300 to 86400");
    const count = args.instanceCount ?? SERVERLESS_DB_DEFAULTS.instanceCount;
    requireArg(Number.isInteger(count) && count >= 1 && count <= 15, COMPONENT, name, "instanceCount", count, "a whole number from 1 to 15");
    const backup = args.backupRetentionDays ?? SERVERLESS_DB_DEFAULTS.backupRetentionDays;
    requireArg(Number.isInteger(backup) && backup >= 1 && backup <= 35, COMPONENT, name, "backupRetentionDays", backup, "a whole number of days from 1 to 35");
    requireArg(Array.isArray(args.subnetIds) && args.subnetIds.length >= 2, COMPONENT, name, "subnetIds", Array.isArray(args.subnetIds) ? `${args.subnetIds.length} subnets` : args.subnetIds,
        "at least 2 subnets in different availability zones");
    const version = args.engineVersion ?? SERVERLESS_DB_DEFAULTS.engineVersion;
    requireArg(/^\d+\.\d+$/.test(version) && (SERVERLESS_DB_DEFAULTS.supportedMajors as readonly string[]).includes(engineMajor(version)), COMPONENT, name, "engineVersion", version,
        `an Aurora PostgreSQL version "<major>.<minor>" with major ${SERVERLESS_DB_DEFAULTS.supportedMajors.join(", ")}`);
    requireArg(IDENTIFIER.test(args.databaseName ?? SERVERLESS_DB_DEFAULTS.databaseName), COMPONENT, name, "databaseName", args.databaseName,
        "a letter then up to 62 letters, digits or underscores");
    requireArg(IDENTIFIER.test(args.masterUsername ?? SERVERLESS_DB_DEFAULTS.masterUsername) && !["postgres", "rdsadmin", "admin"].includes(args.masterUsername ?? ""),
        COMPONENT, name, "masterUsername", args.masterUsername, "a letter then up to 62 letters, digits or underscores; not a reserved name (postgres, rdsadmin, admin)");
    requireArg(args.availabilityZones === undefined || (Array.isArray(args.availabilityZones) && args.availabilityZones.length > 0), COMPONENT, name, "availabilityZones",
        args.availabilityZones, "a non-empty list of zone names");
    validateAllowedSecurityGroups(COMPONENT, name, args.allowedSecurityGroups);
    validatePasswordRotation(COMPONENT, name, args.passwordRotationSchedule, args.passwordRotationWindowHours);
}

function engineMajor(version: string): string {
    return version.split(".")[0];
}

export class ServerlessDb extends pulumi.ComponentResource {
    readonly cluster: aws.rds.Cluster;
    readonly instances: aws.rds.ClusterInstance[];
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly encryptionKey?: EncryptionKey;
    readonly clusterArn: pulumi.Output<string>;
    readonly clusterIdentifier: pulumi.Output<string>;
    readonly endpoint: pulumi.Output<string>;
    readonly readerEndpoint: pulumi.Output<string>;
    readonly port: pulumi.Output<number>;
    /** The Secrets Manager secret RDS manages for the master user. */
    readonly masterUserSecretArn: pulumi.Output<string>;
    /** The master secret's rotation schedule (RDS rotates it; no function involved). */
    readonly passwordRotation: aws.secretsmanager.SecretRotation;
    readonly securityGroupId: pulumi.Output<string>;
    readonly databaseName: pulumi.Output<string>;

    constructor(name: string, args: ServerlessDbArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:database:ServerlessDb", name, {}, opts);
        const d = SERVERLESS_DB_DEFAULTS;
        const protectData = args.protectData ?? d.protectData;
        const minCapacity = args.minCapacity ?? d.minCapacity;
        const engineVersion = args.engineVersion ?? d.engineVersion;
        const skipFinalSnapshot = args.skipFinalSnapshot ?? d.skipFinalSnapshot;

        const foundation = databaseFoundation(name, {
            label: "Aurora PostgreSQL", keyDescription: `Aurora cluster ${name}`, kmsKeyArn: args.kmsKeyArn, protectData,
            vpcId: args.vpcId, port: d.port, allowed: args.allowedSecurityGroups, subnetIds: args.subnetIds,
        }, this);
        this.encryptionKey = foundation.encryptionKey;
        this.securityGroup = foundation.securityGroup;
        const { kmsKeyArn, subnetGroup } = foundation;
        const parameterGroup = new aws.rds.ClusterParameterGroup(`${name}-params`, {
            family: `aurora-postgresql${engineMajor(engineVersion)}`,
            description: `Aurora PostgreSQL ${name}: TLS required, connection and slow-query logging`,
            parameters: d.clusterParameters.map((p) => ({ ...p })),
        }, { parent: this });

        // AWS applies minor upgrades itself (autoMinorVersionUpgrade): ignoring engineVersion drift keeps
        // `pulumi up` from attempting a downgrade it cannot do.
        const versionDrift = { ignoreChanges: ["engineVersion"] };
        this.cluster = new aws.rds.Cluster(name, {
            engine: d.engine,
            engineMode: "provisioned",
            engineVersion,
            databaseName: args.databaseName ?? d.databaseName,
            masterUsername: args.masterUsername ?? d.masterUsername,
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: kmsKeyArn,
            iamDatabaseAuthenticationEnabled: true,
            storageEncrypted: true,
            kmsKeyId: kmsKeyArn,
            port: d.port,
            dbSubnetGroupName: subnetGroup.name,
            vpcSecurityGroupIds: [this.securityGroup.id],
            dbClusterParameterGroupName: parameterGroup.name,
            serverlessv2ScalingConfiguration: {
                minCapacity,
                maxCapacity: args.maxCapacity ?? d.maxCapacity,
                secondsUntilAutoPause: minCapacity === 0 ? (args.secondsUntilAutoPause ?? d.secondsUntilAutoPause) : undefined,
            },
            enabledCloudwatchLogsExports: [...d.logExports],
            backupRetentionPeriod: args.backupRetentionDays ?? d.backupRetentionDays,
            copyTagsToSnapshot: true,
            skipFinalSnapshot,
            finalSnapshotIdentifier: skipFinalSnapshot ? undefined : finalSnapshotIdentifier(name),
            deletionProtection: args.deletionProtection ?? protectData,
        }, statefulOptions(protectData, { parent: this, ...versionDrift }));

        const subnetCount = args.subnetIds.length;
        const zones = args.availabilityZones
            ? pulumi.output(args.availabilityZones)
            : aws.getAvailabilityZonesOutput({ state: "available" }, { parent: this }).names.apply((names) => names.slice(0, Math.min(names.length, subnetCount)));
        const count = args.instanceCount ?? d.instanceCount;
        this.instances = Array.from({ length: count }, (_, i) => new aws.rds.ClusterInstance(`${name}-${i + 1}`, {
            clusterIdentifier: this.cluster.id,
            instanceClass: d.instanceClass,
            engine: d.engine,
            engineVersion: this.cluster.engineVersion,
            availabilityZone: zones.apply((z) => z[i % z.length]),
            publiclyAccessible: false,
            autoMinorVersionUpgrade: d.autoMinorVersionUpgrade,
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: kmsKeyArn,
            performanceInsightsRetentionPeriod: d.performanceInsightsRetentionDays,
            promotionTier: i === 0 ? 0 : 1,
        }, statefulOptions(protectData, { parent: this, ...versionDrift })));

        this.clusterArn = this.cluster.arn;
        this.clusterIdentifier = this.cluster.clusterIdentifier;
        this.endpoint = this.cluster.endpoint;
        this.readerEndpoint = this.cluster.readerEndpoint;
        this.port = this.cluster.port;
        this.masterUserSecretArn = this.cluster.masterUserSecrets.apply((secrets) => secrets?.[0]?.secretArn ?? "");
        this.passwordRotation = masterPasswordRotation(name, this.masterUserSecretArn, args.passwordRotationSchedule, args.passwordRotationWindowHours, this);
        this.securityGroupId = this.securityGroup.id;
        this.databaseName = this.cluster.databaseName;
        this.registerOutputs({
            clusterArn: this.clusterArn, clusterIdentifier: this.clusterIdentifier, endpoint: this.endpoint, readerEndpoint: this.readerEndpoint,
            port: this.port, masterUserSecretArn: this.masterUserSecretArn, securityGroupId: this.securityGroupId, databaseName: this.databaseName,
        });
    }
}
