/**
 * `npm run prices:refresh -- --offers DIR [--write] [--as-of YYYY-MM-DD] [--table FILE]`
 *
 * Checks the pinned price table against AWS Price List API offer files and, with --write, updates
 * it. The offer files are downloaded beforehand (this tool never goes online), one per offer and
 * region, into DIR/<offer>/<region>/index.json:
 *
 *   curl -o DIR/AmazonEC2/us-east-1/index.json \
 *     https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json
 *
 * (the offer codes are each price's `source.offer`; CloudFront and Route 53 are global: use the
 * region `global` directory for their offer's `current/index.json`). Each price is matched by its
 * `source.usageType` (prefixed by the region's code outside us-east-1, e.g. USW2-) and
 * `source.attributes`; its first on-demand tier is taken. Prices the files do not have, or match
 * ambiguously, are listed for a manual check, never guessed.
 *
 * Exit codes: 0 every price matched and unchanged (or written); 1 changes found (without --write)
 * or prices unmatched; 2 usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import YAML from "yaml";
import { DEFAULT_PRICE_TABLE, GLOBAL_REGION, parsePriceTable, type Price } from "../price-table";

/** Usage type prefixes of the Price List API, by region (us-east-1's usage types are often unprefixed). */
export const USAGE_PREFIX: Readonly<Record<string, string>> = {
    "us-east-1": "USE1", "us-east-2": "USE2", "us-west-1": "USW1", "us-west-2": "USW2", "ca-central-1": "CAN1",
    "eu-west-1": "EU", "eu-west-2": "EUW2", "eu-west-3": "EUW3", "eu-central-1": "EUC1", "eu-north-1": "EUN1",
    "ap-northeast-1": "APN1", "ap-northeast-2": "APN2", "ap-southeast-1": "APS1", "ap-southeast-2": "APS2", "ap-south-1": "APS3", "sa-east-1": "SAE1",
};

interface OfferFile {
    products: Record<string, { sku: string; productFamily?: string; attributes: Record<string, string> }>;
    terms: { OnDemand?: Record<string, Record<string, { priceDimensions: Record<string, { unit: string; beginRange?: string; pricePerUnit: { USD?: string } }> }>> };
}

export interface Finding {
    key: string;
    region: string;
    variant: "single" | "multiAz";
    status: "same" | "changed" | "unmatched" | "ambiguous" | "no-offer-file";
    old: number;
    new?: number;
    detail?: string;
}

function readOffer(dir: string, offer: string, region: string, cache: Map<string, OfferFile | null>): OfferFile | null {
    const file = path.join(dir, offer, region, "index.json");
    if (!cache.has(file)) cache.set(file, fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as OfferFile) : null);
    return cache.get(file)!;
}

/** The first-tier on-demand USD price of the products matching a usage type and attributes. */
export function lookup(offer: OfferFile, usageType: string, region: string, attributes: Record<string, string> = {}): { price?: number; detail?: string } {
    const prefix = USAGE_PREFIX[region];
    const accepted = new Set(region === "us-east-1" || region === GLOBAL_REGION ? [usageType, `USE1-${usageType}`] : prefix ? [`${prefix}-${usageType}`] : []);
    const skus = Object.values(offer.products).filter((p) => accepted.has(p.attributes.usagetype) && Object.entries(attributes).every(([k, v]) => p.attributes[k] === v)).map((p) => p.sku);
    const prices = new Set<number>();
    for (const sku of skus) {
        for (const term of Object.values(offer.terms.OnDemand?.[sku] ?? {})) {
            const dims = Object.values(term.priceDimensions).filter((d) => (d.beginRange ?? "0") === "0");
            for (const d of dims) {
                const usd = Number(d.pricePerUnit.USD);
                if (Number.isFinite(usd)) prices.add(usd);
            }
        }
    }
    if (prices.size === 0) return { detail: skus.length === 0 ? `no product with usage type ${[...accepted].join(" or ")}${Object.keys(attributes).length ? ` and ${JSON.stringify(attributes)}` : ""}` : "no on-demand price" };
    if (prices.size > 1) return { detail: `${prices.size} different prices (${[...prices].join(", ")}): add source.attributes to tell the products apart` };
    return { price: [...prices][0] };
}

/** The table's prices in their units: offer files price some per request or per GB where the table counts per 1M or 10K. */
function scale(p: Price): number {
    const m = /^(\d+)([KM]) /.exec(p.unit);
    return m ? Number(m[1]) * (m[2] === "K" ? 1_000 : 1_000_000) : 1;
}

export function checkPrices(tableText: string, tableFile: string, offersDir: string): Finding[] {
    const table = parsePriceTable(tableText, tableFile);
    const cache = new Map<string, OfferFile | null>();
    const findings: Finding[] = [];
    for (const p of table.prices.values()) {
        for (const variant of ["single", "multiAz"] as const) {
            const prices = variant === "single" ? p.price : p.multiAz;
            if (!prices) continue;
            for (const [region, old] of Object.entries(prices)) {
                const usageType = variant === "single" ? p.source.usageType : p.source.multiAzUsageType;
                const base = { key: p.key, region, variant, old };
                if (!p.source.offer || !usageType) {
                    findings.push({ ...base, status: "unmatched", detail: "the price names no offer and usage type: check it on its page" });
                    continue;
                }
                const offer = readOffer(offersDir, p.source.offer, region, cache);
                if (!offer) {
                    findings.push({ ...base, status: "no-offer-file", detail: path.join(p.source.offer, region, "index.json") });
                    continue;
                }
                const found = lookup(offer, usageType, region, p.source.attributes);
                if (found.price === undefined) {
                    findings.push({ ...base, status: found.detail?.includes("different prices") ? "ambiguous" : "unmatched", detail: found.detail });
                    continue;
                }
                const price = Math.round(found.price * scale(p) * 1e10) / 1e10;
                findings.push({ ...base, status: price === old ? "same" : "changed", new: price });
            }
        }
    }
    return findings;
}

/** The table's text with the changed prices and the new date (comments and layout kept). */
export function applyFindings(tableText: string, findings: readonly Finding[], asOf: string): string {
    const doc = YAML.parseDocument(tableText);
    for (const f of findings.filter((x) => x.status === "changed")) doc.setIn(["prices", f.key, f.variant === "single" ? "price" : "multiAz", f.region], f.new);
    doc.set("asOf", asOf);
    return doc.toString({ lineWidth: 0 });
}

export async function main(argv: string[]): Promise<number> {
    let args;
    try {
        args = parseArgs({ args: argv, options: { offers: { type: "string" }, write: { type: "boolean", default: false }, "as-of": { type: "string" }, table: { type: "string" } }, strict: true }).values;
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n`);
        return 2;
    }
    if (!args.offers || !fs.existsSync(args.offers)) {
        process.stderr.write("error: --offers DIR is required: a directory of offer files DIR/<offer>/<region>/index.json (see engine/cost/prices/README.md)\n");
        return 2;
    }
    const asOf = args["as-of"] ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
        process.stderr.write(`error: --as-of ${asOf}: allowed: an ISO date YYYY-MM-DD\n`);
        return 2;
    }
    const tableFile = path.resolve(args.table ?? DEFAULT_PRICE_TABLE);
    const text = fs.readFileSync(tableFile, "utf8");
    const findings = checkPrices(text, tableFile, args.offers);
    for (const f of findings.filter((x) => x.status !== "same")) {
        const what = `${f.key}${f.variant === "multiAz" ? " (Multi-AZ)" : ""} ${f.region}`;
        process.stdout.write(f.status === "changed" ? `changed    ${what}: ${f.old} -> ${f.new}\n` : `${f.status.padEnd(10)} ${what}: ${f.detail ?? ""}\n`);
    }
    const changed = findings.filter((f) => f.status === "changed").length;
    const unresolved = findings.filter((f) => f.status !== "same" && f.status !== "changed").length;
    process.stdout.write(`${findings.length} prices: ${findings.length - changed - unresolved} unchanged, ${changed} changed, ${unresolved} to check by hand\n`);
    if (args.write) {
        fs.writeFileSync(tableFile, applyFindings(text, findings, asOf));
        process.stdout.write(`wrote ${path.relative(process.cwd(), tableFile)} (asOf ${asOf})\n`);
        return unresolved > 0 ? 1 : 0;
    }
    return changed > 0 || unresolved > 0 ? 1 : 0;
}
