/**
 * The pinned price table: its age (with a fixed clock, so no test breaks as the calendar moves) and
 * the refresh tool that checks it against Price List API offer files.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { applyFindings, checkPrices, main as refresh } from "../../engine/cost/prices/refresh";
import { DEFAULT_PRICE_TABLE, loadPriceTable, parsePriceTable, stalenessOf } from "../../engine/cost/price-table";
import { renderCostText } from "../../engine/cost/render";
import { estimateRecords } from "../../engine/cost/stack-estimate";
import { runInline } from "../../engine/run";

const OFFERS = path.join(__dirname, "..", "fixtures", "cost", "offers");
const day = (iso: string, plus: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + plus * 86_400_000);

describe("cost price table", () => {
    it("dates every price and says where it comes from", () => {
        const t = loadPriceTable();
        assert.match(t.asOf, /^\d{4}-\d{2}-\d{2}$/);
        assert.ok(t.maxAgeDays > 0);
        assert.deepStrictEqual([...t.regions], ["us-east-1", "us-west-2"]);
        for (const p of t.prices.values()) {
            assert.match(p.source.page, /^https:\/\/aws\.amazon\.com\//, p.key);
            assert.ok(p.unit && p.description, p.key);
        }
    });

    it("is stale only after its documented age", () => {
        const t = loadPriceTable();
        assert.deepStrictEqual(stalenessOf(t, day(t.asOf, t.maxAgeDays)), { asOf: t.asOf, ageDays: t.maxAgeDays, maxAgeDays: t.maxAgeDays, stale: false });
        assert.strictEqual(stalenessOf(t, day(t.asOf, t.maxAgeDays + 1)).stale, true);
    });

    it("the gate warns, in the stack's cost section, when the table is older than that (fixed clock)", async () => {
        const t = loadPriceTable();
        const { resources } = await runInline(() => undefined);
        const fresh = estimateRecords(resources, { projectDir: os.tmpdir(), stack: "t", projectStack: false, now: day(t.asOf, 30) });
        assert.deepStrictEqual(fresh.warnings, []);
        const old = estimateRecords(resources, { projectDir: os.tmpdir(), stack: "t", projectStack: false, now: day(t.asOf, t.maxAgeDays + 10) });
        assert.strictEqual(old.priceTable.stale, true);
        const text = renderCostText(old).join("\n");
        assert.match(text, new RegExp(`warning: the price table engine/cost/prices/aws\\.yaml is ${t.maxAgeDays + 10} days old \\(prices as of ${t.asOf}; refresh it after ${t.maxAgeDays} days`));
    });

    it("refresh: reports a changed price, an ambiguous match and missing offer files, and writes the change and the date", () => {
        const text = fs.readFileSync(DEFAULT_PRICE_TABLE, "utf8");
        const findings = checkPrices(text, "aws.yaml", OFFERS);
        const of = (key: string, region: string) => findings.find((f) => f.key === key && f.region === region && f.variant === "single")!;
        assert.deepStrictEqual([of("nat.hours", "us-east-1").status, of("nat.hours", "us-east-1").new], ["changed", 0.048]);
        assert.strictEqual(of("nat.hours", "us-west-2").status, "same", "USW2- prefixed usage type");
        assert.strictEqual(of("nat.dataProcessed", "us-east-1").status, "same");
        assert.strictEqual(of("nat.dataProcessed", "us-west-2").status, "ambiguous", "two products, two prices: never guessed");
        assert.strictEqual(of("kms.key", "us-east-1").status, "no-offer-file");
        const written = parsePriceTable(applyFindings(text, findings, "2026-12-01"), "aws.yaml");
        assert.strictEqual(written.asOf, "2026-12-01");
        assert.strictEqual(written.prices.get("nat.hours")!.price["us-east-1"], 0.048);
        assert.strictEqual(written.prices.get("nat.hours")!.price["us-west-2"], 0.045);
        assert.match(applyFindings(text, findings, "2026-12-01"), /# The pinned AWS price table/, "comments kept");
    });

    it("refresh --write updates a table file and exits 1 while prices stay unresolved", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prices-"));
        const file = path.join(dir, "aws.yaml");
        fs.copyFileSync(DEFAULT_PRICE_TABLE, file);
        const out: string[] = [];
        const write = process.stdout.write.bind(process.stdout);
        process.stdout.write = ((s: string) => { out.push(String(s)); return true; }) as typeof process.stdout.write;
        try {
            assert.strictEqual(await refresh(["--offers", OFFERS, "--table", file, "--write", "--as-of", "2026-12-01"]), 1);
        } finally {
            process.stdout.write = write;
            fs.rmSync(dir, { recursive: true, force: true });
        }
        assert.match(out.join(""), /changed {4}nat\.hours us-east-1: 0\.045 -> 0\.048/);
        assert.match(out.join(""), /ambiguous {2}nat\.dataProcessed us-west-2: 2 different prices/);
        assert.match(out.join(""), /wrote .*aws\.yaml \(asOf 2026-12-01\)/);
    });
});
