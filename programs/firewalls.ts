/**
 * The stack's web ACLs: one REGIONAL (API Gateway stages, load balancers) and one CLOUDFRONT
 * (distributions), shared by every system's internet-facing entry points and built once, under the
 * `platform` system, from `platform:firewall`: the managed rule groups, the global per-IP rate limit,
 * Bot Control when configured, and each system's own path rate limits scoped to that system's hosts.
 *
 * Why shared: WAF bills per web ACL ($5 a month), per rule ($1) and, with Bot Control, a subscription
 * per ACL ($10). Eight ACLs carrying the same managed groups cost a stack $87 a month in dev and
 * $175 in prod; two cost a fraction of that and protect the same entry points with the same rules.
 *
 * What a system gives up: its own ACL-wide tuning (every system gets the stack's global limit and
 * managed groups) and ACL-wide metrics of its own (the ACL's totals count every system's traffic).
 * What it keeps: its own path limits, each a rule of its own with its own metrics
 * (`ruleMetricNames`), counting only requests to its hosts, so one system's limits never throttle
 * another's. A system whose limits cannot be scoped to its own hosts keeps its own ACL (MultiMusic's
 * OAuth broker: see programs/multimusic.ts).
 *
 * Per environment, by configuration: production requires `platform:firewall.enabled` (the
 * configuration refuses false there: WAF on every internet-facing entry, issue 17). The committed dev
 * stack sets it false: its entry points serve no production traffic, and keep their other guards
 * (API keys or Cognito authorizers and stage throttling on the APIs, origin access control on the
 * distributions, HTTPS only). StackFirewalls then has no `regional` or `edge`, so no system has an
 * ACL to use and nothing of them is built: no ACL, logs key, us-east-1 provider, association,
 * block-rate alarm or dashboard widget ($24.40 a month in dev). MultiMusic's broker keeps its own
 * ACL in every stack (programs/multimusic.ts).
 *
 * Order: a system passes `webAclArn` to its entry points while it builds (a deferred output); the
 * stack builds the ACLs after every system, because a system's hosts (an API's execute-api host) are
 * known only once its entry points exist. Nothing forms a cycle: the ACL reads the APIs' ids, the
 * associations read the ACL's ARN.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../components/encryption-key";
import { ruleMetricName, WebFirewall, type PathRateLimit, type WebFirewallScope } from "../components/web-firewall";
import type { PlatformConfig } from "./config/schema";

/** What a system reads of a shared web ACL: its ARN for the entry points, names for alarms and dashboards. */
export interface SharedFirewallUse {
    webAclArn: pulumi.Output<string>;
    /** The WebACL dimension of the ACL's metrics. */
    webAclName: pulumi.Output<string>;
    scope: WebFirewallScope;
    /** The stack's region, for a REGIONAL ACL's metrics (CLOUDFRONT metrics have no Region). */
    region?: string;
}

/** A path rate limit of one system, counted only for requests to the system's hosts. */
export type SystemPathRateLimit = Omit<PathRateLimit, "hosts">;

export class SharedFirewall {
    private readonly systems: string[] = [];
    private readonly limits: PathRateLimit[] = [];
    private readonly arn: pulumi.Output<string>;
    private readonly resolveArn: (source: pulumi.Output<string>) => void;
    private readonly aclName: pulumi.Output<string>;
    private readonly resolveName: (source: pulumi.Output<string>) => void;

    /** `name`: the WebFirewall's name (its rules' metric names start with it). */
    constructor(readonly name: string, readonly scope: WebFirewallScope, private readonly region: string) {
        [this.arn, this.resolveArn] = pulumi.deferredOutput<string>();
        [this.aclName, this.resolveName] = pulumi.deferredOutput<string>();
    }

    /** Whether some system's entry points use this ACL. */
    get inUse(): boolean {
        return this.systems.length > 0;
    }

    /** The ACL for `system`'s entry points (the ACL is built only when some system uses it). */
    use(system: string): SharedFirewallUse {
        if (!this.systems.includes(system)) this.systems.push(system);
        return { webAclArn: this.arn, webAclName: this.aclName, scope: this.scope, region: this.scope === "REGIONAL" ? this.region : undefined };
    }

    /**
     * Adds `system`'s path rate limits, counted only for requests to `hosts` (its entry points' Host
     * header values). Each becomes the rule `<system>-<name>`; returns their metric names by limit name.
     */
    addPathRateLimits(system: string, hosts: pulumi.Input<string>[], limits: SystemPathRateLimit[]): Record<string, string> {
        this.use(system);
        return Object.fromEntries(limits.map((limit) => {
            const rule = `${system}-${limit.name}`;
            this.limits.push({ ...limit, name: rule, hosts });
            return [limit.name, ruleMetricName(this.name, rule)];
        }));
    }

    /** Builds the ACL when a system uses it (after every system has added its limits). */
    build(config: PlatformConfig, logsKeyArn: pulumi.Input<string>, opts: pulumi.ComponentResourceOptions): WebFirewall | undefined {
        if (!this.inUse) return undefined;
        const firewall = new WebFirewall(this.name, {
            scope: this.scope,
            description: `Stack ${config.stack}, ${this.scope === "REGIONAL" ? "regional entry points" : "CloudFront distributions"} of ${this.systems.join(", ")}`,
            rateLimitPer5Minutes: config.firewall.rateLimitPer5Minutes,
            botControl: config.firewall.botControl,
            pathRateLimits: this.limits,
            logRetentionInDays: config.logs.retentionDays,
            kmsKeyArn: logsKeyArn,
            protectData: config.protectData,
        }, opts);
        this.resolveArn(firewall.webAclArn);
        this.resolveName(firewall.metrics.webAclName);
        return firewall;
    }
}

/** The stack's two shared web ACLs, or none when `platform:firewall.enabled` is false. */
export class StackFirewalls {
    readonly regional?: SharedFirewall;
    readonly edge?: SharedFirewall;

    constructor(private readonly config: PlatformConfig) {
        if (!config.firewall.enabled) return;
        this.regional = new SharedFirewall("platform-regional-waf", "REGIONAL", config.region);
        this.edge = new SharedFirewall("platform-edge-waf", "CLOUDFRONT", config.region);
    }

    /** Whether some system uses a shared ACL (the stack then builds it, under its platform scope). */
    get inUse(): boolean {
        return this.regional?.inUse === true || this.edge?.inUse === true;
    }

    /**
     * Builds the ACLs the systems use, under `parent` (the platform scope). Their WAF logs share one
     * key per region: CloudFront ACLs (and their log groups) live in us-east-1 whatever the stack's
     * region, so a stack elsewhere gets a second key there.
     */
    build(parent: pulumi.Resource): { regional?: WebFirewall; edge?: WebFirewall } {
        const { regional, edge } = this;
        if (!this.inUse) return {};
        const opts = { parent };
        const key = (name: string, keyOpts: pulumi.ComponentResourceOptions) => new EncryptionKey(name, {
            description: `Stack ${this.config.stack}: logs of the shared web ACLs`, services: ["logs"], protectData: this.config.protectData,
        }, keyOpts).arn;
        const edgeInStackRegion = this.config.region === "us-east-1";
        const stackRegionKey = regional?.inUse || (edge?.inUse && edgeInStackRegion) ? key("platform-logs-key", opts) : undefined;
        const built: { regional?: WebFirewall; edge?: WebFirewall } = {};
        if (regional?.inUse) built.regional = regional.build(this.config, stackRegionKey!, opts);
        if (edge?.inUse) {
            const usEast1 = new aws.Provider("platform-us-east-1", { region: "us-east-1" }, opts);
            const edgeOpts = { ...opts, provider: usEast1 };
            built.edge = edge.build(this.config, edgeInStackRegion ? stackRegionKey! : key("platform-edge-logs-key", edgeOpts), edgeOpts);
        }
        return built;
    }
}
