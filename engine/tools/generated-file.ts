/**
 * A generated file kept in the repository (a JSON Schema written from a zod schema): writes it, or with
 * `--check` exits 1 when the committed file is out of date, naming the command that regenerates it.
 */
import * as fs from "fs";
import * as path from "path";

export function writeGeneratedFile(file: string, text: string, argv: string[], regenerate: string): number {
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    const shown = path.relative(process.cwd(), file);
    if (argv.includes("--check")) {
        if (current === text) return 0;
        process.stderr.write(`${shown} is out of date: run ${regenerate}\n`);
        return 1;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    process.stdout.write(`${current === text ? "unchanged" : "wrote"} ${shown}\n`);
    return 0;
}
