/**
 * The pinned price table (prices/aws.yaml): loaded once per file, validated, looked up by key and
 * region. Every price the estimator uses comes from here; a key or region the table lacks makes a
 * resource unpriced, never free.
 */
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { z } from "zod";

export const DEFAULT_PRICE_TABLE = path.join(__dirname, "prices", "aws.yaml");
/** Regions of services priced the same everywhere (CloudFront, Route 53). */
export const GLOBAL_REGION = "global";

const regionPrices = z.record(z.string().regex(/^([a-z]{2}(-[a-z]+)+-\d|global)$/, "a region such as us-east-1, or global"), z.number().min(0));

const priceSchema = z.strictObject({
    description: z.string().min(3),
    unit: z.string().min(1),
    price: regionPrices,
    /** The Multi-AZ price where it differs from single-AZ (RDS). */
    multiAz: regionPrices.optional(),
    /** A monthly allowance AWS does not charge (in `unit`s), applied only when a usage file asks for it. */
    free: z.number().min(0).optional(),
    source: z.strictObject({
        page: z.string().url(),
        /** Price List API offer code (https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<offer>/current/<region>/index.json). */
        offer: z.string().optional(),
        /** The offer file's usage type for us-east-1 (other regions prefix it, e.g. USW2-). */
        usageType: z.string().optional(),
        /** The usage type of the Multi-AZ price. */
        multiAzUsageType: z.string().optional(),
        /** Product attributes that tell apart products sharing a usage type (databaseEngine: PostgreSQL). */
        attributes: z.record(z.string(), z.string()).optional(),
    }),
});

const tableSchema = z.strictObject({
    version: z.literal(1),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "an ISO date (YYYY-MM-DD)"),
    maxAgeDays: z.number().int().min(1),
    currency: z.literal("USD"),
    hoursPerMonth: z.number().min(672).max(744),
    regions: z.array(z.string()).min(1),
    prices: z.record(z.string().regex(/^[a-z0-9]+(\.[a-zA-Z0-9]+)+$/, "a dotted key such as nat.hours"), priceSchema),
    free: z.record(z.string().regex(/^[a-z0-9]+:[A-Za-z0-9/._-]*:[A-Za-z0-9]+$/, "a type token such as aws:iam/role:Role"), z.string().min(3)),
});

export type Price = z.infer<typeof priceSchema> & { key: string };

export interface PriceTable {
    file: string;
    asOf: string;
    maxAgeDays: number;
    currency: "USD";
    hoursPerMonth: number;
    regions: readonly string[];
    prices: ReadonlyMap<string, Price>;
    /** Types that carry no charge of their own, with the reason. */
    free: ReadonlyMap<string, string>;
}

export class PriceTableError extends Error {
    constructor(file: string, problems: string[]) {
        super(`Invalid price table ${file} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "PriceTableError";
    }
}

export function parsePriceTable(text: string, file: string): PriceTable {
    let raw: unknown;
    try {
        raw = YAML.parse(text);
    } catch (e) {
        throw new PriceTableError(file, [`not YAML: ${(e as Error).message.split("\n")[0]}`]);
    }
    const parsed = tableSchema.safeParse(raw);
    if (!parsed.success) throw new PriceTableError(file, parsed.error.issues.map((i) => `${i.path.join(".") || "<root>"}: ${i.message}`));
    const t = parsed.data;
    const problems: string[] = [];
    for (const [key, p] of Object.entries(t.prices)) {
        for (const region of t.regions) {
            if (p.price[region] === undefined && p.price[GLOBAL_REGION] === undefined) problems.push(`prices.${key}.price: no price for ${region} (the table's regions: ${t.regions.join(", ")})`);
        }
    }
    if (problems.length > 0) throw new PriceTableError(file, problems);
    return {
        file, asOf: t.asOf, maxAgeDays: t.maxAgeDays, currency: t.currency, hoursPerMonth: t.hoursPerMonth, regions: t.regions,
        prices: new Map(Object.entries(t.prices).map(([key, p]) => [key, { ...p, key }])),
        free: new Map(Object.entries(t.free)),
    };
}

const cache = new Map<string, PriceTable>();

export function loadPriceTable(file: string = DEFAULT_PRICE_TABLE): PriceTable {
    const full = path.resolve(file);
    let table = cache.get(full);
    if (!table) {
        table = parsePriceTable(fs.readFileSync(full, "utf8"), path.relative(process.cwd(), full) || full);
        cache.set(full, table);
    }
    return table;
}

/** The unit price of `key` in `region` (single-AZ unless `multiAz`), or undefined when the table has none. */
export function unitPrice(table: PriceTable, key: string, region: string, variant: "single" | "multiAz" = "single"): number | undefined {
    const p = table.prices.get(key);
    if (!p) return undefined;
    const prices = variant === "multiAz" ? p.multiAz : p.price;
    return prices?.[region] ?? prices?.[GLOBAL_REGION];
}

export interface Staleness {
    asOf: string;
    ageDays: number;
    maxAgeDays: number;
    stale: boolean;
}

const DAY_MS = 86_400_000;

/** How old the table is on `now` (pass a fixed clock in tests), and whether that is past its documented age. */
export function stalenessOf(table: Pick<PriceTable, "asOf" | "maxAgeDays">, now: Date): Staleness {
    const ageDays = Math.floor((now.getTime() - Date.parse(`${table.asOf}T00:00:00Z`)) / DAY_MS);
    return { asOf: table.asOf, ageDays, maxAgeDays: table.maxAgeDays, stale: ageDays > table.maxAgeDays };
}

export function staleMessage(s: Staleness, file: string): string {
    return `the price table ${file} is ${s.ageDays} days old (prices as of ${s.asOf}; refresh it after ${s.maxAgeDays} days, see engine/cost/prices/README.md)`;
}
