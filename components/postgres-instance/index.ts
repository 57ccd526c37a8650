/**
 * PostgresInstance: an RDS for PostgreSQL instance (Vibe's database): gp3 storage with an autoscaling
 * ceiling, Multi-AZ from args, encryption, a managed master secret and Performance Insights under
 * one CMK, IAM auth, TLS required, private subnets and a security group admitting 5432 only from
 * named security groups.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";
import { statefulOptions } from "../shared/protection";
import { databaseFoundation, finalSnapshotIdentifier, validateAllowedSecurityGroups, type AllowedSecurityGroups } from "../serverless-db/access";
import { masterPasswordRotation, validatePasswordRotation } from "../serverless-db/rotation";
import { POSTGRES_INSTANCE_DEFAULTS } from "./defaults";

export interface PostgresInstanceArgs {
    /** The VPC of the subnets and the security group. */
    vpcId: pulumi.Input<string>;
    /** Private subnets for the subnet group (at least 2, in different AZs). */
    subnetIds: pulumi.Input<string>[];
    /** Security groups allowed to connect on 5432, keyed by a stable name, e.g. `{ backend: serviceSg.id }`. */
    allowedSecurityGroups: AllowedSecurityGroups;
    /** RDS instance class, e.g. db.t3.medium (prod) or db.t4g.micro (dev). Default db.t3.medium. */
    instanceClass?: string;
    /** PostgreSQL version: a major ("16", auto minor upgrades pick the minor) or "<major>.<minor>". Default "16". */
    engineVersion?: string;
    /** Initial gp3 storage in GiB, 20 to 65536. Default 100. */
    allocatedStorageGb?: number;
    /** Storage autoscaling ceiling in GiB, above allocatedStorageGb. Default 500. */
    maxAllocatedStorageGb?: number;
    /** A standby in a second AZ with automatic failover. Default true (prod); dev passes false. */
    multiAz?: boolean;
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
    /** Performance Insights (encrypted with the CMK). Default true. */
    performanceInsights?: boolean;
    /** Enhanced Monitoring interval in seconds (0 off, 1, 5, 10, 15, 30, 60). Default 0. */
    monitoringInterval?: number;
    /** Protect the instance (Pulumi protect + retain on delete), keep automated backups, set deletion protection. Default true. */
    protectData?: boolean;
    /** Override of the instance's deletion protection. Default: protectData. */
    deletionProtection?: boolean;
    /** When RDS rotates the master password: `cron(...)` or `rate(N days)`, UTC. Default `cron(0 4 ? * SUN *)` (Sundays at 04:00). */
    passwordRotationSchedule?: string;
    /** Hours the rotation window stays open, 1 to 24 (it may not cross midnight UTC). Default 3. */
    passwordRotationWindowHours?: number;
}

const COMPONENT = "PostgresInstance";
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

function validate(name: string, args: PostgresInstanceArgs): void {
    const d = POSTGRES_INSTANCE_DEFAULTS;
    const instanceClass = args.instanceClass ?? d.instanceClass;
    requireArg(/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(instanceClass), COMPONENT, name, "instanceClass", instanceClass, "an RDS instance class such as db.t3.medium");
    const version = args.engineVersion ?? d.engineVersion;
    requireArg(/^\d+(\.\d+)?$/.test(version) && (d.supportedMajors as readonly string[]).includes(version.split(".")[0]), COMPONENT, name, "engineVersion", version,
        `a PostgreSQL version "<major>" or "<major>.<minor>" with major ${d.supportedMajors.join(", ")}`);
    const allocated = args.allocatedStorageGb ?? d.allocatedStorageGb;
    requireArg(Number.isInteger(allocated) && allocated >= d.minStorageGb && allocated <= d.maxStorageGb, COMPONENT, name, "allocatedStorageGb", allocated,
        `a whole number of GiB from ${d.minStorageGb} to ${d.maxStorageGb}`);
    const max = args.maxAllocatedStorageGb ?? d.maxAllocatedStorageGb;
    requireArg(Number.isInteger(max) && max > allocated && max <= d.maxStorageGb, COMPONENT, name, "maxAllocatedStorageGb", max,
        `a whole number of GiB above allocatedStorageGb (${allocated}) and at most ${d.maxStorageGb}`);
    const backup = args.backupRetentionDays ?? d.backupRetentionDays;
    requireArg(Number.isInteger(backup) && backup >= 1 && backup <= 35, COMPONENT, name, "backupRetentionDays", backup, "a whole number of days from 1 to 35");
    requireArg(Array.isArray(args.subnetIds) && args.subnetIds.length >= 2, COMPONENT, name, "subnetIds", Array.isArray(args.subnetIds) ? `${args.subnetIds.length} subnets` : args.subnetIds,
        "at least 2 subnets in different availability zones");
    const interval = args.monitoringInterval ?? d.monitoringInterval;
    requireArg((d.monitoringIntervals as readonly number[]).includes(interval), COMPONENT, name, "monitoringInterval", interval, d.monitoringIntervals.join(", "));
    requireArg(IDENTIFIER.test(args.databaseName ?? d.databaseName), COMPONENT, name, "databaseName", args.databaseName, "a letter then up to 62 letters, digits or underscores");
    requireArg(IDENTIFIER.test(args.masterUsername ?? d.masterUsername) && !["postgres", "rdsadmin", "admin"].includes(args.masterUsername ?? ""),
        COMPONENT, name, "masterUsername", args.masterUsername, "a letter then up to 62 letters, digits or underscores; not a reserved name (postgres, rdsadmin, admin)");
    validateAllowedSecurityGroups(COMPONENT, name, args.allowedSecurityGroups);
    validatePasswordRotation(COMPONENT, name, args.passwordRotationSchedule, args.passwordRotationWindowHours);
}

export class PostgresInstance extends pulumi.ComponentResource {
    readonly instance: aws.rds.Instance;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly encryptionKey?: EncryptionKey;
    readonly monitoringRole?: aws.iam.Role;
    /** Host name of the instance. */
    readonly address: pulumi.Output<string>;
    /** host:port. */
    readonly endpoint: pulumi.Output<string>;
    readonly port: pulumi.Output<number>;
    readonly arn: pulumi.Output<string>;
    /** The Secrets Manager secret RDS manages for the master user. */
    readonly masterUserSecretArn: pulumi.Output<string>;
    /** The master secret's rotation schedule (RDS rotates it; no function involved). */
    readonly passwordRotation: aws.secretsmanager.SecretRotation;
    readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: PostgresInstanceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        validate(name, args);
        super("platform:database:PostgresInstance", name, {}, opts);
        const d = POSTGRES_INSTANCE_DEFAULTS;
        const protectData = args.protectData ?? d.protectData;
        const engineVersion = args.engineVersion ?? d.engineVersion;
        const skipFinalSnapshot = args.skipFinalSnapshot ?? d.skipFinalSnapshot;
        const monitoringInterval = args.monitoringInterval ?? d.monitoringInterval;
        const performanceInsights = args.performanceInsights ?? d.performanceInsights;

        const foundation = databaseFoundation(name, {
            label: "RDS PostgreSQL", keyDescription: `RDS PostgreSQL ${name}`, kmsKeyArn: args.kmsKeyArn, protectData,
            vpcId: args.vpcId, port: d.port, allowed: args.allowedSecurityGroups, subnetIds: args.subnetIds,
        }, this);
        this.encryptionKey = foundation.encryptionKey;
        this.securityGroup = foundation.securityGroup;
        const { kmsKeyArn, subnetGroup } = foundation;
        const parameterGroup = new aws.rds.ParameterGroup(`${name}-params`, {
            family: `postgres${engineVersion.split(".")[0]}`,
            description: `RDS PostgreSQL ${name}: TLS required, connection and slow-query logging`,
            parameters: d.parameters.map((p) => ({ ...p })),
        }, { parent: this });

        if (monitoringInterval > 0) {
            const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
            const partition = aws.getPartitionOutput({}, { parent: this }).partition;
            this.monitoringRole = new aws.iam.Role(`${name}-monitoring`, {
                description: `Enhanced Monitoring of RDS PostgreSQL ${name}`,
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [{
                        Effect: "Allow",
                        Principal: { Service: "monitoring.rds.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "aws:SourceAccount": account } },
                    }],
                }),
            }, { parent: this });
            new aws.iam.RolePolicyAttachment(`${name}-monitoring`, {
                role: this.monitoringRole.name,
                policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
            }, { parent: this });
        }

        this.instance = new aws.rds.Instance(name, {
            engine: d.engine,
            engineVersion,
            instanceClass: args.instanceClass ?? d.instanceClass,
            storageType: d.storageType,
            allocatedStorage: args.allocatedStorageGb ?? d.allocatedStorageGb,
            maxAllocatedStorage: args.maxAllocatedStorageGb ?? d.maxAllocatedStorageGb,
            multiAz: args.multiAz ?? d.multiAz,
            dbName: args.databaseName ?? d.databaseName,
            username: args.masterUsername ?? d.masterUsername,
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: kmsKeyArn,
            iamDatabaseAuthenticationEnabled: true,
            storageEncrypted: true,
            kmsKeyId: kmsKeyArn,
            port: d.port,
            publiclyAccessible: false,
            dbSubnetGroupName: subnetGroup.name,
            vpcSecurityGroupIds: [this.securityGroup.id],
            parameterGroupName: parameterGroup.name,
            enabledCloudwatchLogsExports: [...d.logExports],
            backupRetentionPeriod: args.backupRetentionDays ?? d.backupRetentionDays,
            copyTagsToSnapshot: true,
            skipFinalSnapshot,
            finalSnapshotIdentifier: skipFinalSnapshot ? undefined : finalSnapshotIdentifier(name),
            deleteAutomatedBackups: !protectData,
            deletionProtection: args.deletionProtection ?? protectData,
            performanceInsightsEnabled: performanceInsights,
            performanceInsightsKmsKeyId: performanceInsights ? kmsKeyArn : undefined,
            performanceInsightsRetentionPeriod: performanceInsights ? d.performanceInsightsRetentionDays : undefined,
            monitoringInterval,
            monitoringRoleArn: this.monitoringRole?.arn,
            autoMinorVersionUpgrade: d.autoMinorVersionUpgrade,
        }, statefulOptions(protectData, { parent: this }));

        this.address = this.instance.address;
        this.endpoint = this.instance.endpoint;
        this.port = this.instance.port;
        this.arn = this.instance.arn;
        this.masterUserSecretArn = this.instance.masterUserSecrets.apply((secrets) => secrets?.[0]?.secretArn ?? "");
        this.passwordRotation = masterPasswordRotation(name, this.masterUserSecretArn, args.passwordRotationSchedule, args.passwordRotationWindowHours, this);
        this.securityGroupId = this.securityGroup.id;
        this.registerOutputs({
            address: this.address, endpoint: this.endpoint, port: this.port, arn: this.arn,
            masterUserSecretArn: this.masterUserSecretArn, securityGroupId: this.securityGroupId,
        });
    }
}
