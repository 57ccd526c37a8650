/** The resource type tokens a provider package defines (each resource class's `__pulumiType`), read from its installed sources. */
import * as fs from "fs";
import * as path from "path";

export function resourceTypeTokens(...packages: string[]): Set<string> {
    const tokens = new Set<string>();
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            if (e.isDirectory() && e.name !== "node_modules" && e.name !== "types") walk(path.join(dir, e.name));
            else if (e.name.endsWith(".js")) {
                const m = /__pulumiType = '([^']+)'/.exec(fs.readFileSync(path.join(dir, e.name), "utf8"));
                if (m) tokens.add(m[1]);
            }
        }
    };
    for (const pkg of packages) walk(path.dirname(require.resolve(`${pkg}/package.json`)));
    return tokens;
}
