/**
 * Vibe (seed 003_6a10a49b46695023): a social app's backend on AWS. Images in S3 behind CloudFront,
 * PostgreSQL 16 on RDS, an Express API on ECS Fargate behind an Application Load Balancer, in a VPC.
 *
 * Seed part -> what this program creates
 * - "1. Storage Layer (S3)", bucket `vibe-app-production` with profile-pictures/, activity-images/,
 *   vibe-stories/{images,videos}/ and user-uploads/ -> SecureBucket `vibe-assets` (auto-named
 *   physically: bucket names are global and every stack needs its own). SSE-KMS with a rotating key,
 *   versioning, noncurrent versions deleted after 30 days (the seed's "delete old versions after 30
 *   days"), incomplete multipart uploads aborted after 7 days, S3 access logs. The prefixes are the
 *   grants below and the CDN's path behaviors; S3 has no folders to create.
 * - "Presigned URLs for secure uploads from mobile" -> the backend's task role may Put/Get/Delete
 *   objects in exactly the four prefixes (SecureBucket.grantPrefixAccess, bucket key through S3 only),
 *   so URLs it signs work for those prefixes and nothing else.
 * - "CORS: enabled for app domains" -> CORS for `config.corsOrigins` (see "unsafe" below).
 * - "2. Database Layer (RDS PostgreSQL)" -> PostgresInstance `vibe-db`: engine 16, instance class
 *   `config.database.instanceClass` (db.t3.medium in prod), gp3 `config.database.allocatedStorageGb`
 *   (100 GB in prod) with autoscaling up to `maxAllocatedStorageGb`, Multi-AZ from
 *   `config.database.multiAz`, backups `config.database.backupRetentionDays` (prod 14, above the
 *   seed's 7; dev 1), encrypted with a CMK, TLS required (`rds.force_ssl`), master password generated
 *   and kept by RDS in Secrets Manager, rotated by RDS on `database.passwordRotationSchedule` (the
 *   seed's "strong passwords in Secrets Manager"; prod: Sundays 04:00 UTC, 3-hour window, never at
 *   deploy time), in the isolated subnets, reachable on 5432 only from the backend's security group;
 *   deletion protection and final snapshot from config.
 * - "3. Backend Layer (ECS Fargate, option A)" -> ContainerService `vibe-api`: Fargate tasks in the
 *   private subnets, or in dev the public ones (`platform:vibe.taskSubnets`, below) (CPU/memory and min/max tasks from `config.containers`, CPU and memory target
 *   tracking), target-group health check `/api/health`, container port 3000 (the seed's Express
 *   port), logs to KMS-encrypted CloudWatch Logs, Container Insights, deployment circuit breaker.
 *   "Environment variables from AWS Secrets Manager": DB_USERNAME / DB_PASSWORD come from the
 *   RDS-managed master secret (JSON keys), CLAUDE_API_KEY from Secret `vibe-app-secrets`; the rest
 *   (DB_HOST, DB_PORT, DB_NAME, S3_BUCKET_NAME, CLOUDFRONT_DOMAIN) are plain, non-secret values.
 * - "5.1 Dockerize Backend" / "5.2 Deploy to ECS Fargate" (the image the service runs) -> ContainerRegistry
 *   `vibe-backend`: a private ECR repository (auto-named; its URL is the `apiImageRepository` export)
 *   with immutable tags, scan on push, images encrypted with a rotating CMK, the newest 30 tagged
 *   images kept and untagged ones expired after 7 days; protected and never force-deleted in prod
 *   (`config.protectData`, `config.storage.forceDestroy`). The service's execution role already
 *   may pull from this account's repositories (ContainerService), and ECR decrypts under its own
 *   KMS grant, so pulls need nothing more.
 * - "4. CDN Layer (CloudFront)" -> CdnSite `vibe-cdn` in front of the bucket through OAC: the image
 *   prefixes (profile pictures, activity images, story images) cache for 1 year (keys carry a
 *   timestamp, so objects never change), everything else with the standard policy; HTTPS only,
 *   security headers, no geo restriction unless `config.cdn.blockedCountries`, price class from
 *   config, standard logging. The stack's shared CLOUDFRONT web ACL (programs/firewalls.ts, us-east-1)
 *   in front of it when `config.firewall.enabled` (rate limit and Bot Control from `config.firewall`). "SSL
 *   Certificate: ACM, custom domain cdn.vibeapp.com" -> `platform:vibe.cdnDomain`: a DNS-validated
 *   ACM certificate in us-east-1 for the alias (or a given one), TLSv1.2_2021, validation and A/AAAA
 *   alias records in the stack's Route 53 zone; without a zone the first deploy keeps the CloudFront
 *   domain and exports `cdnCertificateValidationRecords` until `certificateValidated`. `cdnUrl` is
 *   the custom domain once attached (the backend's CLOUDFRONT_DOMAIN stays the distribution's own
 *   name, which serves the same objects).
 * - "5. Networking" (VPC 10.0.0.0/16, public and private subnets in 2 AZs, NAT, IGW) -> Network
 *   `vibe-network`: range, AZs and NAT from `config.network` (10.0.0.0/16 over 2 AZs in both stacks;
 *   one NAT per AZ in prod; none in dev, whose tasks run in the public subnets), subnets from `config.vibe.subnets`, by default the seed's
 *   plan (public 10.0.1.0/24 and 10.0.2.0/24, private 10.0.11.0/24 and 10.0.12.0/24). The seed puts
 *   RDS in the private subnets, which route out through NAT; the database gets isolated subnets
 *   instead (10.0.21.0/24, 10.0.22.0/24: no route out). Plus an S3 gateway endpoint and flow logs.
 * - "Alerts: API error rate > 5 %, Database CPU > 80 %, S3 upload failures, ECS task failures" ->
 *   Alarms `vibe-alarms` (KMS-encrypted SNS topic, `config.alarmEmails`): ALB target 5xx rate above
 *   5 %, RDS CPU above 80 %, running tasks below `config.containers.minTasks`, and the upload failures:
 *   phones PUT straight to S3 with presigned URLs, so S3 request metrics on `user-uploads/` (a
 *   BucketMetric filtered on the prefix) feed a 4xx rate alarm (above 10 %: expired or tampered URLs,
 *   denied uploads) and a 5xx rate alarm (above 1 %).
 * - "CloudWatch Dashboards: API response times, error rates, database connections, S3 upload
 *   success/failure, ECS CPU/memory" -> Dashboard `vibe-dashboard`: alarm status, the load balancer
 *   (requests, 4xx/5xx, p99 response time, healthy targets), the API firewall (when the stack has
 *   one), the tasks (running, CPU, memory), PostgreSQL (connections, CPU, latency, memory, storage),
 *   the bucket and the upload prefix's requests and errors, the image CDN, the third-party key's age.
 * - "Environment variables from Secrets Manager", CLAUDE_API_KEY: a key the provider issues cannot
 *   rotate itself, so rotation is manual and watched: SecretAgeMonitor `vibe-secret-age` pages the
 *   topic once `vibe-app-secrets` was last set more than `secrets.maxAgeDays` (90) days ago (its
 *   function logs on the system's logs key).
 *
 * Decisions
 * - The API is not routed through CloudFront. The seed gives the API its own host
 *   (`api.vibeapp.com`) and CloudFront only the images (`cdn.vibeapp.com`); caching adds nothing to
 *   the API, and CloudFront may only reach origins over HTTPS, which the load balancer cannot offer
 *   without a certificate (next point).
 * - The API is internet-facing only over HTTPS: with `platform:vibe.apiDomainName` and
 *   `apiCertificateArn` (both stack files set them) the load balancer sits in the public subnets with
 *   an HTTPS listener (TLS 1.2+; HTTP 80 only redirects) and the stack's shared REGIONAL web ACL
 *   (when `config.firewall.enabled`: prod; the committed dev stack has none, see "Cost"). Without a
 *   certificate the program keeps the API INTERNAL (private subnets, reachable from the VPC only,
 *   plain HTTP) rather than serve tokens and personal data in plain HTTP on the internet; that
 *   internal HTTP listener is then an `aws-alb-listener-http-redirect-only` finding (the gate sees
 *   the listener itself).
 * - The platform owns the repository; the app team's pipeline owns what is in it. It builds the seed's
 *   `backend/Dockerfile`, pushes each build to `apiImageRepository` under its own tag (tags are
 *   immutable: a commit SHA, never a moving `latest`) and rolls new task definitions with it. The
 *   task definition names `<repositoryUrl>:<platform:vibe.imageTag>` (default `bootstrap`): the
 *   pipeline pushes a build, sets the key (`pulumi config set platform:vibe.imageTag <sha>`) and runs
 *   `pulumi up`, so Pulumi and the pipeline never fight over the running tag. Tasks fail their health
 *   check until the first build is pushed. The pipeline's role gets push rights from
 *   `platform:vibe.imagePushRoleArns` (the repository policy names exactly those roles).
 * - Secret `vibe-app-secrets` is created as a placeholder (no value in code or state): an operator
 *   stores `{"CLAUDE_API_KEY": "..."}` once with `aws secretsmanager put-secret-value`; tasks cannot
 *   start before that.
 *
 * Where the seed asked for something unsafe, and what this program does instead
 * - CORS `AllowedOrigins: ["*"]` -> only the stack's origins (`config.corsOrigins`; https only in prod).
 *   The mobile app itself needs no CORS; presigned PUTs from native code are not browser requests.
 * - `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` in the backend's environment -> none: the task role
 *   gives the backend short-lived credentials for its four prefixes.
 * - `DATABASE_URL` with a password inside -> host, port and database name as plain variables and the
 *   credentials as separate secrets from the RDS-managed secret (which RDS can rotate); the app builds
 *   its connection with `sslmode=require`.
 * - Public reads of images -> through CloudFront only (OAC, `aws:SourceArn`); the bucket blocks all
 *   public access and denies non-TLS requests.
 *
 * - Dev runs the API's tasks in the public subnets with a public IP each and Vibe's VPC has no NAT
 *   gateway (`platform:vibe.taskSubnets: public`, which the configuration refuses in production): the
 *   seed's own "minimal setup (testing)" has no NAT either. The tasks still admit only the load
 *   balancer's security group on the container port, and reach ECR, Secrets Manager, CloudWatch Logs
 *   and the Claude API over HTTPS through the internet gateway. Prod keeps them in the private
 *   subnets behind one NAT gateway per AZ (the issue's "keep in prod: private subnets").
 *
 * Cost (issue 17, as `npm run plan` estimates it, fixed monthly at list prices):
 * - Dev without a NAT gateway: $36.50 a month (gateway hours and its Elastic IP) saved, $3.65 (the
 *   task's public IPv4 address) spent.
 * - Keys: 5 instead of 10: one logs key for every log group and the alarm topic; the bucket, the
 *   secret (one store each) and the repository and database (a changed key replaces them) keep their
 *   own: $5 a month.
 * - WAF: the CDN and the API use the stack's two shared web ACLs instead of two of their own ($42 a
 *   month in prod). What it gives up: ACL-wide tuning and metrics of its own.
 * - No WAF in the committed dev stack (`platform:firewall.enabled: false`, refused in production):
 *   the stack's web ACLs guarded no production traffic there (issue 17; $24.40 a month for the dev
 *   stack). Dev's load balancer is still internet-facing, HTTPS only, with no web ACL in front of it
 *   or of the CDN and no firewall widget; the backend does its own authentication, the bucket stays
 *   behind OAC. What dev gives up is the managed rule groups and the per-IP rate limit. Turning the
 *   key on gives dev exactly prod's firewall layout.
 *
 * Left out, and why
 * - Option B (EC2 Auto Scaling group): the seed recommends option A, built here.
 * - A platform-requested certificate for `api.vibeapp.com`: the API takes a given certificate
 *   (`platform:vibe.apiCertificateArn`, see Decisions) because its load balancer is built by
 *   ContainerService, which takes a certificate ARN; request one with ACM and set the key.
 * - Rotation of running tasks' database connections: ECS reads DB_PASSWORD when a task starts, so
 *   after RDS rotates the password a task keeps its open connections but cannot open new ones; the
 *   backend must re-read the secret on an authentication failure (or the pipeline rolls the tasks
 *   after the Sunday window). The seed's backend code is the app team's.
 * - Phases 2 to 4 and 6 (S3 service and upload routes in the backend, frontend changes, data
 *   migration, the iOS/TestFlight build): application code and app-store steps the app team owns.
 */
import * as pulumi from "@pulumi/pulumi";
import { Alarms } from "../components/alarms";
import { CdnSite } from "../components/cdn-site";
import { Dashboard } from "../components/dashboard";
import { ContainerRegistry } from "../components/container-registry";
import { ContainerService } from "../components/container-service";
import { Network } from "../components/network";
import { PostgresInstance } from "../components/postgres-instance";
import { Secret } from "../components/secret";
import { SecretAgeMonitor } from "../components/secret-age-monitor";
import { LogBucket, SecureBucket } from "../components/secure-bucket";
import type { SystemContext, SystemOutputs } from "./systems";
import { dataClassKey, isLocalhostOrigin, passwordRotationArgs, perAz, siteDomainArgs } from "./shared";

/** The seed's Express port. */
const API_PORT = 3000;
/** The seed's lifecycle: "Delete old versions after 30 days". */
const NONCURRENT_VERSION_DAYS = 30;

/** The seed's key prefixes in the asset bucket. */
export const VIBE_PREFIXES = ["profile-pictures/", "activity-images/", "vibe-stories/", "user-uploads/"] as const;
/** The prefix of the seed's direct uploads ("user-uploads/{userId}/..."), whose failures page (S3 request metrics). */
export const VIBE_UPLOAD_PREFIX = "user-uploads/";
/** Image paths CloudFront caches for a year (timestamped keys never change). */
export const VIBE_IMAGE_PATHS = ["/profile-pictures/*", "/activity-images/*", "/vibe-stories/images/*"] as const;


export function buildVibe(ctx: SystemContext): SystemOutputs {
    const { config } = ctx;
    const protectData = config.protectData;
    const forceDestroy = config.storage.forceDestroy;
    // One key for every log group and the alarm topic. The bucket, the secret, the repository and the
    // database keep the keys their components create: one store each, and a changed key replaces the
    // repository and the database.
    const logsKey = dataClassKey("vibe-logs-key", "logs", { description: "Vibe logs: the API's tasks, VPC flow logs, the secret-age function, the alarm topic" }, config, ctx.parent);

    // Tasks in public subnets (platform:vibe.taskSubnets, dev only) reach ECR, Secrets Manager and the
    // internet through their own public IPs: the VPC then needs no NAT gateway.
    const publicTasks = config.vibe.taskSubnets === "public";
    const network = new Network("vibe-network", {
        cidr: config.network.cidr,
        azCount: config.network.azCount,
        natGateways: publicTasks ? "none" : config.network.natGateways,
        subnets: config.vibe.subnets,
        endpoints: ["s3"],
        flowLogRetentionDays: config.logs.retentionDays,
        kmsKeyArn: logsKey.arn,
        protectData,
    }, ctx.parent);

    const logs = config.storage.accessLogging
        ? new LogBucket("vibe-access-logs", {
            retentionDays: config.logs.retentionDays,
            deliveries: ["s3-server-access-logs", "cloudfront-access-logs", "alb-access-logs"],
            forceDestroy, protectData,
        }, ctx.parent)
        : undefined;

    const assets = new SecureBucket("vibe-assets", {
        cloudFrontReadAccess: true,
        forceDestroy, protectData,
        lifecycle: {
            noncurrentVersionExpirationDays: NONCURRENT_VERSION_DAYS,
            archiveTransitions: config.storage.archiveAfterDays > 0 ? [{ days: config.storage.archiveAfterDays, storageClass: "GLACIER_IR" }] : undefined,
        },
        cors: config.corsOrigins.length > 0 ? [{
            allowedOrigins: config.corsOrigins,
            allowedMethods: ["GET", "PUT", "POST", "DELETE"],
            allowedHeaders: ["*"],
            exposeHeaders: ["ETag"],
            maxAgeSeconds: 3000,
        }] : undefined,
        allowLocalhostOrigins: config.corsOrigins.some(isLocalhostOrigin),
        accessLogs: logs ? { targetBucket: logs.name, prefix: "vibe-assets/" } : undefined,
    }, ctx.parent);

    const appSecrets = new Secret("vibe-app-secrets", {
        description: "Vibe backend: third-party API keys as JSON ({\"CLAUDE_API_KEY\": ...}); set by an operator",
        protectData,
    }, ctx.parent);

    // The backend's images: the service pulls them, the app team's pipeline pushes them.
    const images = new ContainerRegistry("vibe-backend", {
        forceDestroy, protectData, pushPrincipalArns: config.vibe.imagePushRoleArns.length > 0 ? config.vibe.imagePushRoleArns : undefined,
    }, ctx.parent);

    const azCount = config.network.azCount;
    // The stack's shared web ACLs (programs/firewalls.ts): CLOUDFRONT for the CDN, REGIONAL for the API.
    const waf = ctx.firewalls.edge?.use("vibe");

    const cdn = new CdnSite("vibe-cdn", {
        comment: "Vibe images and stories",
        origins: [{ id: "assets", bucket: assets }],
        defaultBehavior: { originId: "assets", cache: "standard" },
        behaviors: VIBE_IMAGE_PATHS.map((pathPattern) => ({ pathPattern, originId: "assets", cache: "images-1y" as const })),
        priceClass: config.cdn.priceClass,
        blockedCountries: config.cdn.blockedCountries.length > 0 ? config.cdn.blockedCountries : undefined,
        webAclArn: waf?.webAclArn,
        requireWebAcl: config.firewall.enabled,
        accessLogs: logs ? { bucket: logs, suffixPath: "vibe-cdn" } : undefined,
        ...siteDomainArgs(config.vibe.cdnDomain),
    }, ctx.parent);

    // The database admits the backend's security group, and the backend reads the database's secret:
    // the backend is built first with deferred database values, resolved once the database exists.
    // (The backend reaches 5432 inside the VPC only; the database's own group admits only the backend.)
    const databaseName = "vibe";
    const [dbSecretArn, resolveDbSecretArn] = pulumi.deferredOutput<string>();
    const [dbKeyArn, resolveDbKeyArn] = pulumi.deferredOutput<string>();
    const [dbAddress, resolveDbAddress] = pulumi.deferredOutput<string>();
    const publicApi = config.vibe.apiCertificateArn !== undefined;
    const apiWaf = publicApi ? ctx.firewalls.regional?.use("vibe") : undefined;
    const api = new ContainerService("vibe-api", {
        vpcId: network.vpcId,
        internal: !publicApi,
        ingressCidrs: publicApi ? undefined : [config.network.cidr],
        loadBalancerSubnetIds: perAz(publicApi ? network.publicSubnetIds : network.privateSubnetIds, azCount),
        taskSubnetIds: perAz(publicTasks ? network.publicSubnetIds : network.privateSubnetIds, azCount),
        assignPublicIp: publicTasks,
        webAclArn: apiWaf?.webAclArn,
        certificateArn: config.vibe.apiCertificateArn,
        domainName: config.vibe.apiDomainName,
        allowHttpWithoutCertificate: publicApi ? undefined : true,
        image: pulumi.interpolate`${images.repositoryUrl}:${config.vibe.imageTag}`,
        containerPort: API_PORT,
        healthCheckPath: "/api/health",
        cpu: config.containers.cpu,
        memory: config.containers.memory,
        minTasks: config.containers.minTasks,
        maxTasks: config.containers.maxTasks,
        // The default tag names no image until the pipeline's first push: waiting for steady tasks would
        // fail the stack's first `pulumi up`. Every real tag is waited for.
        waitForSteadyState: config.vibe.imageTag !== "bootstrap",
        secrets: {
            DB_USERNAME: pulumi.interpolate`${dbSecretArn}:username::`,
            DB_PASSWORD: pulumi.interpolate`${dbSecretArn}:password::`,
            CLAUDE_API_KEY: pulumi.interpolate`${appSecrets.secretArn}:CLAUDE_API_KEY::`,
        },
        secretsKmsKeyArns: [appSecrets.kmsKeyArn, dbKeyArn],
        environment: {
            NODE_ENV: "production",
            DB_HOST: dbAddress,
            DB_PORT: "5432",
            DB_NAME: databaseName,
            DB_SSLMODE: "require",
            S3_BUCKET_NAME: assets.name,
            CLOUDFRONT_DOMAIN: cdn.domainName,
        },
        egressRules: [{ description: "PostgreSQL inside the VPC", fromPort: 5432, cidrBlocks: [config.network.cidr] }],
        accessLogsBucket: logs?.name,
        accessLogsPrefix: "vibe-api",
        kmsKeyArn: logsKey.arn,
        logRetentionInDays: config.logs.retentionDays,
        protectData,
    }, ctx.parent);
    const database = new PostgresInstance("vibe-db", {
        vpcId: network.vpcId,
        subnetIds: perAz(network.isolatedSubnetIds, azCount),
        allowedSecurityGroups: { backend: api.taskSecurityGroupId },
        engineVersion: "16",
        instanceClass: config.database.instanceClass,
        allocatedStorageGb: config.database.allocatedStorageGb,
        maxAllocatedStorageGb: config.database.maxAllocatedStorageGb,
        multiAz: config.database.multiAz,
        databaseName,
        backupRetentionDays: config.database.backupRetentionDays,
        skipFinalSnapshot: config.database.skipFinalSnapshot,
        deletionProtection: config.database.deletionProtection,
        ...passwordRotationArgs(config),
        protectData,
    }, ctx.parent);
    resolveDbSecretArn(database.masterUserSecretArn);
    resolveDbKeyArn(database.encryptionKey!.arn);
    resolveDbAddress(database.address);

    for (const prefix of VIBE_PREFIXES) {
        assets.grantPrefixAccess(api.taskRole, prefix, ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], `vibe-api-${prefix.slice(0, -1)}`);
    }

    const alarms = new Alarms("vibe-alarms", { emails: config.alarmEmails, kmsKeyArn: logsKey.arn, protectData }, ctx.parent);
    alarms.albTarget5xxRate("vibe-api-error-rate", { loadBalancerArnSuffix: api.albArnSuffix, targetGroupArnSuffix: api.targetGroupArnSuffix, thresholdPercent: 5 });
    alarms.databaseCpu("vibe-db-cpu", { dbInstanceIdentifier: database.instance.identifier, thresholdPercent: 80 });
    alarms.ecsTaskFailures("vibe-api-task-failures", { clusterName: api.clusterName, serviceName: api.serviceName, minimumRunningTasks: config.containers.minTasks });
    // The seed's "S3 upload failures": phones PUT straight to S3 with presigned URLs, so S3 itself measures them.
    const uploads = alarms.s3PrefixErrors("vibe-upload-failures", { bucketName: assets.name, prefix: VIBE_UPLOAD_PREFIX });
    // CLAUDE_API_KEY cannot rotate itself: its age pages the topic.
    const secretAge = new SecretAgeMonitor("vibe-secret-age", {
        secrets: { "app-secrets": appSecrets.secretArn },
        maxAgeDays: config.secrets.maxAgeDays,
        alarms, kmsKeyArn: logsKey.arn, logRetentionInDays: config.logs.retentionDays, protectData,
    }, ctx.parent);

    // The seed's "CloudWatch Dashboards": API response times and error rates, database, uploads, ECS CPU/memory.
    const dashboard = new Dashboard("vibe-dashboard", {
        description: "Vibe: the API (ALB, ECS Fargate), PostgreSQL, image delivery (CloudFront) and direct uploads to S3.",
        alarmArns: alarms.alarms.map((a) => a.arn),
        sections: [
            { kind: "alb", title: "API (load balancer)", loadBalancerArnSuffix: api.albArnSuffix, targetGroupArnSuffix: api.targetGroupArnSuffix },
            ...(apiWaf ? [{ kind: "waf" as const, title: "API firewall (the stack's shared regional web ACL)", webAclName: apiWaf.webAclName, scope: "REGIONAL" as const, region: config.region }] : []),
            { kind: "ecs", title: "API tasks", clusterName: api.clusterName, serviceName: api.serviceName },
            { kind: "database", title: "PostgreSQL", dbInstanceIdentifier: database.instance.identifier },
            { kind: "s3", title: "Assets and uploads", bucketName: assets.name, storageTypes: ["StandardStorage", ...(config.storage.archiveAfterDays > 0 ? ["GlacierInstantRetrievalStorage"] : [])], requestFilterId: uploads.configuration.name },
            { kind: "cloudfront", title: "Images (CloudFront)", distributionId: cdn.distributionId },
            { kind: "secrets", title: "Third-party API keys", monitor: "vibe-secret-age", secrets: secretAge.labels, maxAgeDays: secretAge.maxAgeDays },
            { kind: "lambda", title: "Platform functions", functions: { "secret-age": secretAge.functionName } },
        ],
    }, ctx.parent);

    return {
        vpcId: network.vpcId,
        assetsBucketName: assets.name,
        assetsPrefixes: [...VIBE_PREFIXES],
        cdnUrl: cdn.url,
        cdnDomainName: cdn.domainName,
        cdnCertificateValidationRecords: cdn.certificateValidationRecords,
        dashboardUrl: dashboard.url,
        cdnDistributionId: cdn.distributionId,
        apiUrl: api.url,
        apiClusterName: api.clusterName,
        apiServiceName: api.serviceName,
        apiImageRepository: images.repositoryUrl,
        databaseEndpoint: database.endpoint,
        databaseName,
        databaseSecretArn: database.masterUserSecretArn,
        appSecretsArn: appSecrets.secretArn,
        alarmTopicArn: alarms.topicArn,
        webAclArn: waf?.webAclArn,
        apiWebAclArn: apiWaf?.webAclArn,
    };
}
