/**
 * Stack configuration validation: every bad-configuration case from the foundation issue gets one
 * clear error naming the stack, the key, the value given and what is allowed, and registers nothing.
 */
import * as assert from "assert";
import * as path from "path";
import { ConfigError, validateConfig } from "../../programs/config/load";
import { declaredResources, runProgram } from "../../engine/run";

const VALID: Record<string, unknown> = {
    environment: "prod",
    team: "platform-engineering",
    costCenter: "CC-1042",
    systems: ["vibe"],
};

const CONFIG_ONLY = path.join(__dirname, "..", "fixtures", "config-only", "index.ts");

/**
 * The message a bad configuration gets, checked twice: from the validator, and through the offline
 * engine with the configuration set as the CLI sets it, where the program must fail with the same
 * message having registered nothing.
 */
async function problemsOf(raw: Record<string, unknown>, region: string | null = "us-east-1", stack = "prod"): Promise<string> {
    let message: string | undefined;
    try {
        validateConfig(stack, "platform", region ?? undefined, raw);
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
        message = e.message;
    }
    if (message === undefined) return assert.fail("expected the configuration to be rejected");
    const config: Record<string, string> = region === null ? {} : { "aws:region": region };
    for (const [key, value] of Object.entries(raw)) config[`platform:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    const result = await runProgram({ program: CONFIG_ONLY, project: "platform", stack, config });
    assert.strictEqual(result.error?.message, message, "the program fails with the same message");
    assert.deepStrictEqual(declaredResources(result), [], "and registers no resource");
    return message;
}

describe("stack configuration", () => {
    it("accepts a minimal valid stack and fills safe defaults", () => {
        const cfg = validateConfig("prod", "platform", "us-east-1", VALID);
        assert.strictEqual(cfg.protectData, true);
        assert.strictEqual(cfg.storage.forceDestroy, false);
        assert.strictEqual(cfg.database.deletionProtection, true);
        assert.strictEqual(cfg.firewall.enabled, true);
        assert.strictEqual(cfg.network.cidr, "10.0.0.0/16");
    });

    it("rejects an unknown environment", async () => {
        assert.match(await problemsOf({ ...VALID, environment: "qa" }),
            /Invalid configuration for stack "prod".*\n {2}- platform:environment: got "qa"; allowed: one of "dev", "staging", "prod"/s);
    });

    it("rejects a missing team", async () => {
        const { team: _team, ...rest } = VALID;
        assert.match(await problemsOf(rest), /platform:team: got nothing; allowed: a value of type string \(the key is required\)/);
    });

    it("requires exactly one of systems or a team spec", async () => {
        const { systems: _s, ...rest } = VALID;
        assert.match(await problemsOf(rest), /platform:systems: got nothing; allowed: exactly one of platform:systems \(seed systems\) or platform:teamSpec \(a team stack\)/);
        assert.match(await problemsOf({ ...VALID, teamSpec: "programs/teams/x.yaml" }), /platform:systems: got \["vibe"\]; allowed: exactly one of/);
    });

    it("rejects a missing cost center", async () => {
        const { costCenter: _cc, ...rest } = VALID;
        assert.match(await problemsOf(rest), /platform:costCenter: got nothing; allowed: a value of type string \(the key is required\)/);
    });

    it("rejects an unknown system name", async () => {
        assert.match(await problemsOf({ ...VALID, systems: ["vibe", "vidverse2"] }),
            /platform:systems\[1\]: got "vidverse2"; allowed: one of "distro-nation", "padmakara", "vidverse", "vibe", "multimusic"/);
    });

    it("rejects a malformed CIDR", async () => {
        assert.match(await problemsOf({ ...VALID, network: { cidr: "10.0.0.0/33" } }),
            /platform:network\.cidr: got "10\.0\.0\.0\/33"; allowed: an IPv4 CIDR block such as 10\.0\.0\.0\/16/);
    });

    it("rejects overlapping subnets", async () => {
        const network = { cidr: "10.0.0.0/16", azCount: 2, subnets: [
            { type: "public", cidrBlocks: ["10.0.0.0/24", "10.0.1.0/24"] },
            { type: "private", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] },
        ] };
        assert.match(await problemsOf({ ...VALID, network }),
            /platform:network\.subnets\[1\]\.cidrBlocks\[0\]: got "10\.0\.1\.0\/24"; allowed: a block that does not overlap platform:network\.subnets\[0\]\.cidrBlocks\[1\] \(10\.0\.1\.0\/24\)/);
    });

    it("rejects a subnet outside the VPC CIDR", async () => {
        const network = { cidr: "10.0.0.0/16", azCount: 1, subnets: [{ type: "public", cidrBlocks: ["10.1.0.0/24"] }] };
        assert.match(await problemsOf({ ...VALID, network }), /platform:network\.subnets\[0\]\.cidrBlocks\[0\]: got "10\.1\.0\.0\/24"; allowed: a block inside the VPC CIDR 10\.0\.0\.0\/16/);
    });

    it("rejects a plan without exactly one block per AZ", async () => {
        const network = { cidr: "10.0.0.0/16", azCount: 2, natGateways: "none", subnets: [{ type: "private", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"] }] };
        assert.match(await problemsOf({ ...VALID, systems: ["distro-nation"], network }),
            /platform:network\.subnets\[0\]\.cidrBlocks: got \["10\.0\.1\.0\/24","10\.0\.2\.0\/24","10\.0\.3\.0\/24"\]; allowed: exactly one block per availability zone \(2\), in AZ order/);
    });

    it("rejects blocks on some tiers only, and a NAT strategy the plan cannot carry", async () => {
        const network = { subnets: [{ type: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] }, { type: "private", cidrMask: 20 }] };
        assert.match(await problemsOf({ ...VALID, network }), /platform:network\.subnets\[1\]\.cidrBlocks: got nothing; allowed: cidrBlocks on every tier or on none \(platform:network\.subnets\[0\] has them\)/);
        const isolatedOnly = { natGateways: "single", subnets: [{ type: "isolated", cidrMask: 24 }] };
        assert.match(await problemsOf({ ...VALID, network: isolatedOnly }),
            /platform:network\.natGateways: got "single"; allowed: "none" unless platform:network\.subnets has public subnets \(NAT gateways live there\) and private subnets/);
    });

    it("rejects a VPC too small for the default layout when a system uses it, naming the key to set", async () => {
        assert.match(await problemsOf({ ...VALID, systems: ["distro-nation"], network: { cidr: "10.0.0.0/24" } }),
            /platform:network\.subnets: got nothing; allowed: a subnet plan for 2 AZ\(s\) inside 10\.0\.0\.0\/24; the default layout \(public \/24, private \/20, isolated \/24 per AZ\) does not fit: a prefix length from 25 to 28/);
    });

    it("deploys Vibe on the seed's plan plus isolated subnets, and checks a Vibe plan like any other", async () => {
        const cfg = validateConfig("prod", "platform", "us-east-1", VALID);
        assert.deepStrictEqual(cfg.vibe.subnets, [
            { type: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] },
            { type: "private", cidrBlocks: ["10.0.11.0/24", "10.0.12.0/24"] },
            { type: "isolated", cidrBlocks: ["10.0.21.0/24", "10.0.22.0/24"] },
        ]);
        const outside = [
            { type: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] },
            { type: "private", cidrBlocks: ["10.1.0.0/24", "10.0.12.0/24"] },
            { type: "isolated", cidrBlocks: ["10.0.21.0/24", "10.0.22.0/24"] },
        ];
        assert.match(await problemsOf({ ...VALID, vibe: { subnets: outside } }),
            /platform:vibe\.subnets\[1\]\.cidrBlocks\[0\]: got "10\.1\.0\.0\/24"; allowed: a block inside the VPC CIDR 10\.0\.0\.0\/16/);
        assert.match(await problemsOf({ ...VALID, vibe: { subnets: outside.slice(0, 2).map((s, i) => (i === 1 ? { ...s, cidrBlocks: ["10.0.11.0/24", "10.0.12.0/24"] } : s)) } }),
            /platform:vibe\.subnets: got \["public","private"\]; allowed: a plan with the isolated tier too \(Vibe needs public \(load balancer, NAT\), private \(tasks\) and isolated \(database\) subnets\)/);
        assert.match(await problemsOf({ ...VALID, network: { azCount: 3 } }),
            /platform:vibe\.subnets: got nothing; allowed: a subnet plan for 3 AZ\(s\) inside 10\.0\.0\.0\/16; the default \(the Vibe seed's plan for 2 AZs in 10\.0\.0\.0\/16\) does not fit: exactly one block per availability zone \(3\)/);
    });

    it("rejects a min capacity above the max", async () => {
        assert.match(await problemsOf({ ...VALID, database: { auroraMinCapacity: 8, auroraMaxCapacity: 4 } }),
            /platform:database\.auroraMinCapacity: got 8; allowed: at most database\.auroraMaxCapacity \(4\)/);
    });

    it("rejects a wildcard CORS origin in prod", async () => {
        assert.match(await problemsOf({ ...VALID, corsOrigins: ["*"] }),
            /platform:corsOrigins\[0\]: got "\*"; allowed: an exact https:\/\/ origin in prod; wildcards are not allowed/);
    });

    it("rejects a non-HTTPS CORS origin in prod but accepts it in dev", async () => {
        assert.match(await problemsOf({ ...VALID, corsOrigins: ["http://app.example.com"] }),
            /platform:corsOrigins\[0\]: got "http:\/\/app\.example\.com"; allowed: an https:\/\/ origin in prod/);
        const dev = validateConfig("dev", "platform", "us-east-1", { ...VALID, environment: "dev", protectData: false, corsOrigins: ["http://localhost:3000"] });
        assert.deepStrictEqual(dev.corsOrigins, ["http://localhost:3000"]);
    });

    it("rejects a log retention CloudWatch does not offer", async () => {
        assert.match(await problemsOf({ ...VALID, logs: { retentionDays: 10 } }),
            /platform:logs\.retentionDays: got 10; allowed: one of the CloudWatch Logs periods: 1, 3, 5, 7, 14, 30/);
    });

    it("rejects backup retention out of range", async () => {
        assert.match(await problemsOf({ ...VALID, database: { backupRetentionDays: 40 } }), /platform:database\.backupRetentionDays: got 40; allowed: 1 to 35 days \(the RDS limits\)/);
        assert.match(await problemsOf({ ...VALID, database: { backupRetentionDays: 3 } }), /platform:database\.backupRetentionDays: got 3; allowed: 7 to 35 days in prod/);
    });

    it("rejects an unknown region", async () => {
        assert.match(await problemsOf(VALID, "us-middle-1"), /aws:region: got "us-middle-1"; allowed: an AWS region such as us-east-1/);
        assert.match(await problemsOf(VALID, null), /aws:region: got nothing; allowed: an AWS region/);
    });

    it("rejects prod asking to force-destroy buckets", async () => {
        assert.match(await problemsOf({ ...VALID, storage: { forceDestroy: true } }),
            /platform:storage\.forceDestroy: got true; allowed: false in prod \(force-destroy deletes every object when a bucket is removed\)/);
    });

    it("requires the signer public keys when padmakara is deployed (signed media URLs fail closed, never open)", async () => {
        assert.match(await problemsOf({ ...VALID, systems: ["padmakara"] }),
            /platform:padmakara\.signerPublicKeys: got nothing; allowed: at least one \{ name, pem \} public key/);
        assert.match(await problemsOf({ ...VALID, systems: ["padmakara"], padmakara: { signerPublicKeys: [{ name: "k1", pem: "not a key" }] } }),
            /platform:padmakara\.signerPublicKeys\[0\]\.pem: got "not a key"; allowed: a PEM public key/);
    });

    it("bounds the OAuth broker's session lifetime and key rotation, and takes a provider's revocation endpoint", async () => {
        assert.match(await problemsOf({ ...VALID, multimusic: { sessionMaxLifetimeDays: 365 } }),
            /platform:multimusic\.sessionMaxLifetimeDays: got 365; allowed: .*90/);
        assert.match(await problemsOf({ ...VALID, multimusic: { sessionKeyRotationDays: 0 } }),
            /platform:multimusic\.sessionKeyRotationDays: got 0; allowed: .*1/);
        assert.match(await problemsOf({ ...VALID, multimusic: { providers: [{ name: "deezer", authorizeUrl: "https://connect.deezer.com/oauth/auth.php", tokenUrl: "https://connect.deezer.com/oauth/access_token.php", revokeUrl: "not a url" }] } }),
            /platform:multimusic\.providers\[0\]\.revokeUrl: got "not a url"/);
        const cfg = validateConfig("prod", "platform", "us-east-1", VALID);
        assert.deepStrictEqual([cfg.multimusic.sessionMaxLifetimeDays, cfg.multimusic.sessionKeyRotationDays], [30, 30]);
    });

    it("rejects a misspelt key instead of ignoring it", async () => {
        assert.match(await problemsOf({ ...VALID, databse: {} }), /platform:databse: got \{\}; allowed: no such key/);
        assert.match(await problemsOf({ ...VALID, storage: { forceDestory: true } }), /platform:storage\.forceDestory: got true; allowed: no such key/);
    });

    it("accepts custom domains and fills the rotation defaults", () => {
        const cfg = validateConfig("prod", "platform", "eu-west-1", {
            ...VALID,
            distroNation: { crmDomain: { aliases: ["crm.example.com"], hostedZoneId: "Z0123456789ABC" } },
            padmakara: { apiDomain: { domainName: "api.example.com", certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7" } },
        });
        assert.deepStrictEqual(cfg.distroNation.crmDomain, { aliases: ["crm.example.com"], hostedZoneId: "Z0123456789ABC" });
        assert.strictEqual(cfg.database.passwordRotationSchedule, "cron(0 4 ? * SUN *)");
        assert.strictEqual(cfg.database.passwordRotationWindowHours, 3);
        assert.strictEqual(cfg.secrets.maxAgeDays, 90);
    });

    it("rejects a CDN certificate outside us-east-1 and an API certificate outside the stack's region", async () => {
        const arn = (r: string) => `arn:aws:acm:${r}:123456789012:certificate/3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7`;
        const message = await problemsOf({
            ...VALID,
            vibe: { cdnDomain: { aliases: ["cdn.example.com"], certificateArn: arn("eu-west-1") } },
            padmakara: { apiDomain: { domainName: "api.example.com", certificateArn: arn("us-west-2") } },
        });
        assert.match(message, /platform:vibe\.cdnDomain\.certificateArn: got "arn:aws:acm:eu-west-1:.*"; allowed: an ACM certificate in us-east-1 \(CloudFront reads certificates there\)/);
        assert.match(message, /platform:padmakara\.apiDomain\.certificateArn: got "arn:aws:acm:us-west-2:.*"; allowed: an ACM certificate in us-east-1 \(API Gateway \(regional\) reads/);
    });

    it("rejects certificateValidated beside a hosted zone, malformed host names and zone ids, duplicate aliases", async () => {
        const message = await problemsOf({
            ...VALID,
            distroNation: {
                crmDomain: { aliases: ["crm.example.com"], hostedZoneId: "Z0123456789ABC", certificateValidated: true },
                webDomain: { aliases: ["www.example.com", "www.example.com"] },
            },
        });
        assert.match(message, /platform:distroNation\.crmDomain\.certificateValidated: got true; allowed: only for a certificate the platform requests without a hostedZoneId/);
        assert.match(message, /platform:distroNation\.webDomain\.aliases: got \["www\.example\.com","www\.example\.com"\]; allowed: distinct host names/);
        const shapes = await problemsOf({ ...VALID, vibe: { cdnDomain: { aliases: ["https://cdn.example.com"], hostedZoneId: "example.com" } } });
        assert.match(shapes, /platform:vibe\.cdnDomain\.aliases\[0\]: got "https:\/\/cdn\.example\.com"; allowed: a lowercase DNS host name/);
        assert.match(shapes, /platform:vibe\.cdnDomain\.hostedZoneId: got "example\.com"; allowed: a Route 53 hosted zone id/);
    });

    it("rejects a password rotation schedule Secrets Manager refuses, naming the key", async () => {
        assert.match(await problemsOf({ ...VALID, database: { passwordRotationSchedule: "weekly" } }), /platform:database\.passwordRotationSchedule: got "weekly"; allowed: rate\(N days\) or cron/);
        assert.match(await problemsOf({ ...VALID, database: { passwordRotationSchedule: "cron(0 23 ? * SUN *)", passwordRotationWindowHours: 3 } }),
            /platform:database\.passwordRotationSchedule: got "cron\(0 23 \? \* SUN \*\)"; allowed: a start hour whose 3-hour window ends by midnight UTC/);
    });

    it("lists every problem at once", async () => {
        const message = await problemsOf({ ...VALID, environment: "qa", costCenter: "" });
        assert.match(message, /\(2 problems\)/);
    });

    it("registers no resource when a stack's configuration is invalid", async () => {
        const result = await runProgram({
            program: path.join(__dirname, "..", "fixtures", "config-only", "index.ts"),
            project: "platform", stack: "broken",
            config: { "aws:region": "us-east-1", "platform:environment": "prod", "platform:team": "t-team", "platform:costCenter": "CC-1", "platform:systems": "[\"vibe\"]", "platform:storage": "{\"forceDestroy\":true}" },
        });
        assert.ok(result.error, "the run fails");
        assert.match(result.error.message, /Invalid configuration for stack "broken".*platform:storage\.forceDestroy: got true/s);
        assert.deepStrictEqual(declaredResources(result), [], "nothing but the stack root is registered");
    });

    it("runs the same program once the configuration is valid", async () => {
        const result = await runProgram({
            program: path.join(__dirname, "..", "fixtures", "config-only", "index.ts"),
            project: "platform", stack: "ok", mode: "apply",
            config: { "aws:region": "us-east-1", "platform:environment": "dev", "platform:team": "t-team", "platform:costCenter": "CC-1", "platform:systems": "[\"vibe\"]", "platform:protectData": "false" },
        });
        assert.strictEqual(result.error, undefined);
        assert.deepStrictEqual(declaredResources(result).map((r) => r.type), ["aws:s3/bucket:Bucket"]);
        assert.strictEqual(result.outputs.environment, "dev");
    });
});
