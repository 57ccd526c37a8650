/** The README's configuration table documents exactly the keys the schema accepts. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { platformConfigSchema } from "../../programs/config/schema";

type ZodLike = { def?: { innerType?: ZodLike }; shape?: Record<string, ZodLike> };

function schemaKeys(): string[] {
    const keys: string[] = ["aws:region"];
    for (const [key, value] of Object.entries(platformConfigSchema.shape as Record<string, ZodLike>)) {
        let inner: ZodLike | undefined = value;
        while (inner?.def?.innerType) inner = inner.def.innerType;
        if (inner?.shape) keys.push(...Object.keys(inner.shape).map((k) => `platform:${key}.${k}`));
        else keys.push(`platform:${key}`);
    }
    return keys.sort();
}

function readmeKeys(): string[] {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    const section = readme.split("## Configuration reference")[1]?.split("\n## ")[0] ?? "";
    return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]).sort();
}

describe("README configuration table", () => {
    it("lists every configuration key the schema accepts, and no other", () => {
        assert.deepStrictEqual(readmeKeys(), schemaKeys());
    });
});
