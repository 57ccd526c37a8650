/**
 * `npm run new-team -- --team NAME --env dev|prod [--from BLUEPRINT] [--owner EMAIL] [--cost-center CC] [--dir DIR]`
 *
 * Scaffolds a team stack: the team's spec `programs/teams/<team>.yaml` (from a blueprint, or reused
 * when the team adds its second environment) and the stack file `Pulumi.<team>-<env>.yaml` with the
 * environment's settings (protected and HA in prod, cheap in dev, as Pulumi.dev.yaml / prod.yaml).
 * It refuses malformed or taken names and unknown blueprints, and prints the next commands.
 *
 * Exit codes: 0 scaffolded; 2 refused (the message says why and what is allowed).
 */
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError } from "commander";
import YAML from "yaml";
import { SYSTEMS } from "../../programs/config/schema";
import { BLUEPRINT_NAMES, BLUEPRINTS, DEFAULT_BLUEPRINT, type BlueprintName } from "../../programs/team/blueprints";
import { RESERVED_TEAM_NAMES, TEAM_ENVIRONMENTS, TEAM_NAME_RULE, TeamSpecError, parseTeamSpec, teamSpecSchema, validateTeamSpec } from "../../programs/team/spec";
import { teamStackEstimate } from "../cost/team-estimate";
import { listStacks } from "../stack-file";

export const USAGE = `usage: npm run new-team -- --team NAME --env dev|prod [--from BLUEPRINT]
                         [--owner EMAIL] [--cost-center CC] [--dir DIR]

  --team NAME         the team (${TEAM_NAME_RULE})
  --env ENV           dev or prod; run again with the other environment to add it
  --from BLUEPRINT    ${BLUEPRINT_NAMES.join(", ")} (default ${DEFAULT_BLUEPRINT});
                      only for a new team: an existing spec is reused
  --owner EMAIL       the team's contact email (default <team>-team@example.com: change it)
  --cost-center CC    cost center for the CostCenter tag (default CC-0000: change it)
  --dir DIR           the project directory (default: the current directory)

blueprints:
${BLUEPRINT_NAMES.map((b) => `  ${b.padEnd(14)} ${BLUEPRINTS[b].description}`).join("\n")}`;

export class NewTeamError extends Error {}

export interface NewTeamOptions {
    team: string;
    env: string;
    from?: string;
    owner?: string;
    costCenter?: string;
    dir: string;
}

export interface NewTeamResult {
    stack: string;
    specFile: string;
    stackFile: string;
    /** True when the spec was created now, false when an existing one was reused. */
    createdSpec: boolean;
    notes: string[];
}

const TEAM_NAME = /^(?!.*--)[a-z][a-z0-9-]{1,18}[a-z0-9]$/;
export const TEAMS_DIR = path.join("programs", "teams");

export function specPath(team: string): string {
    return `${TEAMS_DIR}/${team}.yaml`.split(path.sep).join("/");
}

/** Stack settings per environment, as the project's Pulumi.dev.yaml / Pulumi.prod.yaml set them. */
function environmentConfig(env: "dev" | "prod", team: string): Record<string, unknown> {
    if (env === "prod") {
        return {
            "platform:protectData": true,
            "platform:corsOrigins": [`https://${team}.example.com`],
            "platform:network": { cidr: "10.0.0.0/16", azCount: 2, natGateways: "one-per-az" },
            "platform:storage": { forceDestroy: false, noncurrentVersionExpirationDays: 90, archiveAfterDays: 0, accessLogging: true },
            "platform:logs": { retentionDays: 365 },
            "platform:database": {
                auroraMinCapacity: 0.5, auroraMaxCapacity: 8, auroraInstances: 2, backupRetentionDays: 14,
                deletionProtection: true, skipFinalSnapshot: false,
            },
            "platform:cdn": { priceClass: "PriceClass_All" },
            "platform:firewall": { enabled: true, botControl: true, rateLimitPer5Minutes: 1000 },
            "platform:api": { throttleRateLimit: 100, throttleBurstLimit: 200 },
        };
    }
    return {
        // Dev data is disposable: no Pulumi protect, buckets may be force-destroyed.
        "platform:protectData": false,
        "platform:corsOrigins": [`https://dev.${team}.example.com`, "http://localhost:3000"],
        "platform:network": { cidr: "10.0.0.0/16", azCount: 2, natGateways: "single" },
        "platform:storage": { forceDestroy: true, noncurrentVersionExpirationDays: 30, archiveAfterDays: 0, accessLogging: true },
        "platform:logs": { retentionDays: 14 },
        "platform:database": {
            auroraMinCapacity: 0, auroraMaxCapacity: 2, auroraAutoPauseSeconds: 600, auroraInstances: 1, backupRetentionDays: 1,
            deletionProtection: false, skipFinalSnapshot: true,
        },
        "platform:cdn": { priceClass: "PriceClass_100" },
        "platform:firewall": { enabled: true, botControl: false, rateLimitPer5Minutes: 1000 },
        "platform:api": { throttleRateLimit: 20, throttleBurstLimit: 40 },
    };
}

export function stackFileText(team: string, env: "dev" | "prod", costCenter: string): string {
    const config = {
        "aws:region": "us-east-1",
        "platform:environment": env,
        "platform:team": team,
        "platform:costCenter": costCenter,
        "platform:teamSpec": specPath(team),
        ...environmentConfig(env, team),
    };
    const header = [
        `# Team stack ${team}-${env}: built by programs/team.ts from ${specPath(team)} (what the team needs).`,
        `# Scaffolded by npm run new-team. This file holds the ${env} settings (${env === "prod" ? "protected, highly available" : "cheap, disposable"});`,
        "# values left out take the safe defaults of programs/config/schema.ts (README, configuration reference).",
        "# platform:costCenter must equal the spec's costCenter.",
    ];
    return `${header.join("\n")}\n${YAML.stringify({ config }, { lineWidth: 0 })}`;
}

function specText(spec: unknown, blueprint: string): string {
    const header = [
        "# yaml-language-server: $schema=./team-spec.schema.json",
        `# Team spec, scaffolded by npm run new-team from the ${blueprint} blueprint. Edit freely: the schema`,
        "# (programs/team/spec.ts, team-spec.schema.json) says what is allowed. There is no field to switch a",
        "# guardrail off; exceptions go through the policy pack's reasoned exemptions (policies/exemptions.yaml).",
    ];
    return `${header.join("\n")}\n${YAML.stringify(spec, { lineWidth: 0 })}`;
}

/** Team names in use: seed systems, reserved names, teams of stack files and of other spec files. */
function teamsInUse(dir: string, team: string): Map<string, string> {
    const used = new Map<string, string>();
    for (const s of SYSTEMS) used.set(s, "a seed system");
    for (const r of RESERVED_TEAM_NAMES) if (!used.has(r)) used.set(r, "a name the platform reserves");
    for (const stack of listStacks(dir)) {
        let config: Record<string, unknown> = {};
        try {
            config = ((YAML.parse(fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> } | null)?.config) ?? {};
        } catch {
            continue;
        }
        const owner = config["platform:team"];
        const spec = config["platform:teamSpec"];
        // A stack of this very team (same spec file) does not make the name taken.
        if (typeof owner === "string" && spec !== specPath(team) && !used.has(owner)) used.set(owner, `the team of stack ${stack} (Pulumi.${stack}.yaml)`);
        for (const system of Array.isArray(config["platform:systems"]) ? config["platform:systems"] as unknown[] : []) {
            if (typeof system === "string" && !used.has(system)) used.set(system, `a system of stack ${stack}`);
        }
    }
    const teamsDir = path.join(dir, TEAMS_DIR);
    if (fs.existsSync(teamsDir)) {
        for (const f of fs.readdirSync(teamsDir).filter((x) => x.endsWith(".yaml"))) {
            if (f === `${team}.yaml`) continue;
            try {
                const other = (YAML.parse(fs.readFileSync(path.join(teamsDir, f), "utf8")) as { team?: unknown } | null)?.team;
                if (typeof other === "string" && !used.has(other)) used.set(other, `the team of ${TEAMS_DIR}/${f}`);
            } catch {
                // A broken spec file is reported by the gate, not here.
            }
        }
    }
    return used;
}

/** Scaffolds the spec (if absent) and the stack file; throws NewTeamError when refused. */
export function scaffoldTeam(opts: NewTeamOptions): NewTeamResult {
    const { team, env, dir } = opts;
    const notes: string[] = [];
    if (!TEAM_NAME.test(team)) throw new NewTeamError(`--team ${JSON.stringify(team)}: not a valid team name; allowed: ${TEAM_NAME_RULE}`);
    if (!(TEAM_ENVIRONMENTS as readonly string[]).includes(env)) throw new NewTeamError(`--env ${JSON.stringify(env)}: allowed: ${TEAM_ENVIRONMENTS.join(", ")}`);
    if (opts.from !== undefined && !(BLUEPRINT_NAMES as string[]).includes(opts.from)) {
        throw new NewTeamError(`--from ${JSON.stringify(opts.from)}: no such blueprint; allowed: ${BLUEPRINT_NAMES.join(", ")}`);
    }
    if (opts.owner !== undefined && !teamSpecSchema.shape.owner.safeParse(opts.owner).success) {
        throw new NewTeamError(`--owner ${JSON.stringify(opts.owner)}: allowed: an email address such as ${team}-team@example.com`);
    }
    if (opts.costCenter !== undefined && !teamSpecSchema.shape.costCenter.safeParse(opts.costCenter).success) {
        throw new NewTeamError(`--cost-center ${JSON.stringify(opts.costCenter)}: allowed: letters, digits and hyphens, 2 to 31 characters, e.g. CC-2001`);
    }
    if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) throw new NewTeamError(`--dir ${dir}: no Pulumi.yaml there; run from the project root or pass --dir`);

    const stack = `${team}-${env}`;
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    if (fs.existsSync(stackFile)) throw new NewTeamError(`stack ${stack} is taken: Pulumi.${stack}.yaml exists; choose another team name, or edit that stack`);
    const taken = teamsInUse(dir, team).get(team);
    if (taken) throw new NewTeamError(`team name ${JSON.stringify(team)} is taken: it is ${taken}; choose another name`);

    const specRel = specPath(team);
    const specFull = path.join(dir, specRel);
    let costCenter: string;
    let createdSpec = false;
    if (fs.existsSync(specFull)) {
        // The team's second environment: reuse its spec, adding the environment to its list.
        const text = fs.readFileSync(specFull, "utf8");
        const spec = parseTeamSpec(text, specRel);
        if (spec.team !== team) throw new NewTeamError(`${specRel}: its team is ${JSON.stringify(spec.team)}, not ${JSON.stringify(team)}; fix the file or choose another name`);
        if (opts.costCenter !== undefined && opts.costCenter !== spec.costCenter) throw new NewTeamError(`--cost-center ${opts.costCenter}: the team's spec ${specRel} says ${spec.costCenter}; allowed: the spec's cost center (edit the spec to change it)`);
        if (opts.owner !== undefined && opts.owner !== spec.owner) throw new NewTeamError(`--owner ${opts.owner}: the team's spec ${specRel} says ${spec.owner}; allowed: the spec's owner (edit the spec to change it)`);
        if (opts.from !== undefined) notes.push(`${specRel} exists: reused as it is (--from ${opts.from} applies only to a new team)`);
        if (!(spec.environments as string[]).includes(env)) {
            const doc = YAML.parseDocument(text);
            (doc.get("environments") as YAML.YAMLSeq).add(env);
            fs.writeFileSync(specFull, doc.toString({ lineWidth: 0 }));
            notes.push(`added ${env} to the environments of ${specRel}`);
        }
        costCenter = spec.costCenter;
    } else {
        const blueprint = (opts.from ?? DEFAULT_BLUEPRINT) as BlueprintName;
        const owner = opts.owner ?? `${team}-team@example.com`;
        costCenter = opts.costCenter ?? "CC-0000";
        if (opts.owner === undefined) notes.push(`owner set to ${owner}: put the team's real contact in ${specRel}`);
        if (opts.costCenter === undefined) notes.push(`cost center set to ${costCenter}: put the real one in ${specRel} and Pulumi.${stack}.yaml`);
        const spec = BLUEPRINTS[blueprint].spec({ team, owner, costCenter, environments: [env as "dev" | "prod"] });
        validateTeamSpec(spec, specRel); // a blueprint always yields a valid spec; this keeps it so
        fs.mkdirSync(path.dirname(specFull), { recursive: true });
        fs.writeFileSync(specFull, specText(spec, blueprint));
        createdSpec = true;
    }
    fs.writeFileSync(stackFile, stackFileText(team, env as "dev" | "prod", costCenter));
    return { stack, specFile: specRel, stackFile: path.basename(stackFile), createdSpec, notes };
}

export function nextSteps(stack: string, env: string): string {
    return [
        "next:",
        `  npm run plan -- --stack ${stack}          # offline preview + policy gate, no AWS account needed`,
        "  npm run snapshot:urns                     # record the new stack's URNs in the baseline (npm test checks every stack against it)",
        `  git add ${specPath(stack.slice(0, stack.lastIndexOf("-")))} Pulumi.${stack}.yaml tests/programs/urn-snapshot.json`,
        "  # then, with an AWS account and the Pulumi CLI:",
        `  pulumi stack init ${stack}`,
        `  pulumi preview --policy-pack policies --policy-pack-config policies/config/${env}.json`,
        `  pulumi up --policy-pack policies --policy-pack-config policies/config/${env}.json`,
    ].join("\n");
}

const HINT = "(npm run new-team -- --help lists the options)";

/** Parses the command line: a mistyped option gets a did-you-mean, any usage error is one line. */
function parseNewTeamArgs(argv: string[]): { team?: string; env?: string; from?: string; owner?: string; costCenter?: string; dir?: string; help: boolean } {
    const cmd = new Command("npm run new-team --")
        .exitOverride()
        .configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined })
        .helpOption(false)
        .showSuggestionAfterError(true)
        .allowExcessArguments(false)
        .option("--team <name>").option("--env <env>").option("--from <blueprint>")
        .option("--owner <email>").option("--cost-center <cc>").option("--dir <dir>")
        .option("-h, --help");
    try {
        cmd.parse(argv, { from: "user" });
    } catch (e) {
        if (e instanceof CommanderError) throw new NewTeamError(e.message.replace(/^error: /, "").replace(/\n\(Did you mean (.*)\?\)/, " (did you mean $1?)").replace(/\n/g, " "));
        throw e;
    }
    const o = cmd.opts<Record<string, string | boolean | undefined>>();
    return { team: o.team as string, env: o.env as string, from: o.from as string, owner: o.owner as string, costCenter: o.costCenter as string, dir: o.dir as string, help: o.help === true };
}

export async function main(argv: string[]): Promise<number> {
    let values: ReturnType<typeof parseNewTeamArgs>;
    try {
        values = parseNewTeamArgs(argv);
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n${HINT}\n`);
        return 2;
    }
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (!values.team || !values.env) {
        process.stderr.write(`error: --team and --env are required\n${HINT}\n`);
        return 2;
    }
    try {
        const result = scaffoldTeam({
            team: values.team, env: values.env, from: values.from, owner: values.owner, costCenter: values.costCenter,
            dir: path.resolve(values.dir ?? process.cwd()),
        });
        process.stdout.write(`${result.createdSpec ? "created" : "reused "} ${result.specFile}\ncreated ${result.stackFile}\n`);
        for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
        process.stdout.write(`\n${await teamStackEstimate(path.resolve(values.dir ?? process.cwd()), result.stack, result.specFile, values.env)}`);
        process.stdout.write(`\n${nextSteps(result.stack, values.env)}\n`);
        return 0;
    } catch (e) {
        if (e instanceof NewTeamError || e instanceof TeamSpecError) {
            process.stderr.write(`error: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}
