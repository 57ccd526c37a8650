/**
 * Helpers for the README-vs-Args checks of the component tests: the names a component's README
 * documents in its tables, and the property names of an Args interface in its source. Both are read
 * as text from `components/<folder>/`, and both return sorted lists, so a test can compare them with
 * `assert.deepStrictEqual` (the README documents exactly the Args) or check one inside the other.
 */
import * as fs from "fs";
import * as path from "path";

/** The repository's components/ folder. */
export const COMPONENTS_DIR = path.join(__dirname, "..", "..", "components");

/** A table row whose first column is one backticked name: "| `name` | ...". */
const FIRST_COLUMN = /^\| `([A-Za-z0-9_]+)` \|/;

/** A top-level interface member "    name: ..." or "    name?: ..." (four spaces: nested members are skipped). */
const PROPERTY = /^ {4}([A-Za-z0-9_]+)\??:/gm;

function read(folder: string, file: string): string {
    return fs.readFileSync(path.join(COMPONENTS_DIR, folder, file), "utf8");
}

/** The first-column names of the given lines' table rows, one per row (duplicates kept), sorted. */
function firstColumnNames(lines: string[]): string[] {
    return lines.map((line) => FIRST_COLUMN.exec(line)?.[1]).filter((name): name is string => name !== undefined).sort();
}

export interface ReadmeInputsOptions {
    /**
     * Which headings open an inputs section, matched against the heading's text (without the `#`s).
     * Default: any heading of level 2 or 3 that starts with "Inputs", so `## Inputs`,
     * `## Inputs (\`CdnSiteArgs\`)` and a second component's `### Inputs (\`LogBucketArgs\`)` all count.
     */
    heading?: RegExp;
}

/**
 * The backticked names in the first column of a component README's inputs table(s), sorted, one
 * entry per row (a name documented twice appears twice). A section runs from its heading to the next
 * heading of the same or a higher level (`### ` subsections stay inside a `## ` section); when several
 * headings match, their sections' names are put together. Throws when no heading matches.
 */
export function readmeInputNames(folder: string, options: ReadmeInputsOptions = {}): string[] {
    const heading = options.heading ?? /^Inputs\b/;
    const lines = read(folder, "README.md").split("\n");
    const picked: string[] = [];
    let level = 0; // level of the inputs section being read, 0 outside one
    let fenced = false; // "#" lines inside ``` blocks are code, not headings
    let found = false;
    for (const line of lines) {
        if (line.startsWith("```")) fenced = !fenced;
        const h = fenced ? null : /^(#{1,6}) (.*)$/.exec(line);
        if (h) {
            if (level > 0 && h[1].length <= level) level = 0;
            if (level === 0 && h[1].length >= 2 && h[1].length <= 3 && heading.test(h[2])) {
                level = h[1].length;
                found = true;
            }
            continue;
        }
        if (level > 0) picked.push(line);
    }
    if (!found) throw new Error(`components/${folder}/README.md has no inputs heading matching ${String(heading)}`);
    return firstColumnNames(picked);
}

/**
 * The property names of `export interface <interfaceName> {` in `components/<folder>/<file>`, sorted:
 * its members written at four spaces' indentation, up to the first line starting with `}`.
 * Throws when the file has no such interface.
 */
export function interfaceProperties(folder: string, interfaceName: string, file = "index.ts"): string[] {
    const source = read(folder, file);
    const opening = `export interface ${interfaceName} {`;
    const start = source.indexOf(opening);
    if (start < 0) throw new Error(`components/${folder}/${file} has no "${opening}"`);
    const body = source.slice(start + opening.length).split(/^}/m)[0];
    return [...body.matchAll(PROPERTY)].map((m) => m[1]).sort();
}
