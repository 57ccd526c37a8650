/**
 * Network access to a PostgreSQL database (Aurora or RDS): a security group that admits the
 * database port only from named source security groups. No CIDR ingress, no egress rules (a
 * database never initiates connections; security groups are stateful, so replies flow anyway).
 * Shared by ServerlessDb and PostgresInstance.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../encryption-key";
import { requireArg } from "../shared/errors";

/** Source security groups keyed by a stable name (the name is part of each rule's resource name). */
export type AllowedSecurityGroups = Record<string, pulumi.Input<string>>;

const SOURCE_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Checks the keys of allowedSecurityGroups (before any child is registered). */
export function validateAllowedSecurityGroups(component: string, name: string, allowed: AllowedSecurityGroups | undefined): void {
    requireArg(allowed !== undefined && typeof allowed === "object" && !Array.isArray(allowed), component, name, "allowedSecurityGroups", allowed,
        "an object of { name: securityGroupId } (may be empty)");
    for (const key of Object.keys(allowed!)) {
        requireArg(SOURCE_NAME.test(key), component, name, "allowedSecurityGroups", key, "names of 1 to 40 lowercase letters, digits and hyphens");
    }
}

export interface DatabaseSecurityGroup {
    securityGroup: aws.ec2.SecurityGroup;
    ingressRules: aws.vpc.SecurityGroupIngressRule[];
}

/** Creates `${name}-db` and one ingress rule `${name}-from-${source}` per allowed source group. */
export function databaseSecurityGroup(name: string, args: { vpcId: pulumi.Input<string>; port: number; allowed: AllowedSecurityGroups; description: string },
    parent: pulumi.Resource): DatabaseSecurityGroup {
    const securityGroup = new aws.ec2.SecurityGroup(`${name}-db`, {
        vpcId: args.vpcId,
        description: args.description,
    }, { parent });
    const ingressRules = Object.entries(args.allowed).sort(([a], [b]) => a.localeCompare(b)).map(([source, groupId]) =>
        new aws.vpc.SecurityGroupIngressRule(`${name}-from-${source}`, {
            securityGroupId: securityGroup.id,
            referencedSecurityGroupId: groupId,
            ipProtocol: "tcp",
            fromPort: args.port,
            toPort: args.port,
            description: `PostgreSQL from ${source}`,
        }, { parent }));
    return { securityGroup, ingressRules };
}

/** A final snapshot identifier derived from the resource name: letters, digits, single hyphens, starts with a letter. */
export function finalSnapshotIdentifier(name: string): string {
    const cleaned = `${pulumi.getProject()}-${pulumi.getStack()}-${name}-final`.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-");
    const withLetter = /^[a-z]/.test(cleaned) ? cleaned : `db-${cleaned}`;
    return withLetter.slice(0, 255).replace(/-$/, "");
}

export interface DatabaseFoundationArgs {
    /** "Aurora PostgreSQL" or "RDS PostgreSQL": used in the descriptions. */
    label: string;
    /** Description of the key created when none is given. */
    keyDescription: string;
    kmsKeyArn?: pulumi.Input<string>;
    protectData: boolean;
    vpcId: pulumi.Input<string>;
    port: number;
    allowed: AllowedSecurityGroups;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
}

export interface DatabaseFoundation {
    /** The key the foundation created (none when a key was given). */
    encryptionKey?: EncryptionKey;
    kmsKeyArn: pulumi.Input<string>;
    securityGroup: aws.ec2.SecurityGroup;
    subnetGroup: aws.rds.SubnetGroup;
}

/**
 * What every PostgreSQL database of the platform stands on: its CMK (given, or `${name}-key`), the
 * security group admitting the port from named groups only (`${name}-db`), and the subnet group on
 * the given private or isolated subnets (`${name}-subnets`). Shared by ServerlessDb and
 * PostgresInstance; the child names are part of their URNs, so they must not change.
 */
export function databaseFoundation(name: string, args: DatabaseFoundationArgs, parent: pulumi.Resource): DatabaseFoundation {
    // RDS and Secrets Manager use the key through grants made with the caller's permissions: no service principal needed.
    const encryptionKey = args.kmsKeyArn === undefined
        ? new EncryptionKey(`${name}-key`, { description: args.keyDescription, protectData: args.protectData }, { parent })
        : undefined;
    const { securityGroup } = databaseSecurityGroup(name, {
        vpcId: args.vpcId, port: args.port, allowed: args.allowed, description: `${args.label} ${name}: ${args.port} from named security groups only`,
    }, parent);
    const subnetGroup = new aws.rds.SubnetGroup(`${name}-subnets`, { subnetIds: args.subnetIds, description: `${args.label} ${name}` }, { parent });
    return { encryptionKey, kmsKeyArn: args.kmsKeyArn ?? encryptionKey!.arn, securityGroup, subnetGroup };
}
