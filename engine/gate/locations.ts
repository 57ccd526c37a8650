/**
 * Where a finding is in the code: the line that declared its resource (recorded by the engine,
 * engine/source-position.ts), relative to the project so CI annotates the file in the repository.
 * A resource declared inside a component also names the line that declared the component in a
 * different file (usually the program line a user changes), so a reader gets from one to the other.
 */
import * as path from "path";
import type { SourcePosition } from "../monitor";

export interface SourceLocation {
    /** Relative to the project directory with `/` separators, or absolute when the file lies outside it. */
    file: string;
    line: number;
    column: number;
}

export function projectRelative(pos: SourcePosition, projectDir: string): SourceLocation {
    const rel = path.relative(projectDir, pos.file);
    const inside = rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
    return { file: inside ? rel.split(path.sep).join("/") : pos.file, line: pos.line, column: pos.column };
}

export function isInProject(loc: SourceLocation): boolean {
    return !path.isAbsolute(loc.file);
}

export function formatLocation(loc: SourceLocation): string {
    return `${loc.file}:${loc.line}:${loc.column}`;
}

interface Locatable {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    sourcePosition?: SourceLocation;
}

/**
 * The enclosing components, nearest first, each declared in another file than the one before it (the
 * component's call site, then that component's call site...): how a reader gets from a component's
 * child to the program line that asked for it.
 */
export function declaredVia<R extends Locatable>(resource: R, byUrn: ReadonlyMap<string, R>, limit = 3): R[] {
    const chain: R[] = [];
    let file = resource.sourcePosition?.file;
    let parent = resource.parent ? byUrn.get(resource.parent) : undefined;
    while (parent && chain.length < limit) {
        if (parent.sourcePosition && parent.sourcePosition.file !== file) {
            chain.push(parent);
            file = parent.sourcePosition.file;
        }
        parent = parent.parent ? byUrn.get(parent.parent) : undefined;
    }
    return chain;
}

/** A file as reports name it: relative to the project when inside it, else absolute. */
export function displayPath(file: string, projectDir: string): string {
    const rel = path.relative(projectDir, file);
    return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}
