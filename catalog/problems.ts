// Problems found in catalog and config files, collected so that every one is reported at once.

/** One thing wrong with an input, located as precisely as the parser allows. */
export interface Problem {
    /** The file the problem is in, as the user named it. */
    file: string;
    /** 1-based line in the file, where the YAML parser knows it. */
    line?: number;
    /** 1-based column, where the parser stopped (a syntax error). */
    column?: number;
    /** What the problem belongs to: `topic "task.events"`, `group "cdc-processor"`. */
    subject?: string;
    /** The field at fault: `partitions`, `configs.max_message_bytes`. */
    field?: string;
    message: string;
}

/** `FILE:LINE[:COLUMN]: topic "NAME": FIELD: what is wrong`, leaving out the parts that are unknown. */
export function formatProblem(p: Problem): string {
    const where = p.line === undefined ? p.file : p.column === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
    return [where, p.subject, p.field, p.message].filter((part) => part !== undefined && part !== "").join(": ");
}

/** `HEADING (N problems):` and one indented line per problem: how every refusal reads. */
export function problemReport(heading: string, lines: string[]): string {
    return `${heading} (${lines.length} problem${lines.length === 1 ? "" : "s"}):\n  ${lines.join("\n  ")}`;
}

/** Thrown when an input is invalid; `problems` lists every problem found, not just the first. */
export class CatalogError extends Error {
    readonly problems: string[];

    constructor(problems: Problem[] | string[], heading = "the topic catalog is invalid") {
        const lines = problems.map((p) => (typeof p === "string" ? p : formatProblem(p)));
        super(problemReport(heading, lines));
        this.name = "CatalogError";
        this.problems = lines;
    }
}

/** Collects problems and warnings for one load; `throwIfAny` ends the load when anything is wrong. */
export class ProblemList {
    readonly problems: Problem[] = [];
    readonly warnings: Problem[] = [];

    error(p: Problem): void {
        this.problems.push(p);
    }

    warn(p: Problem): void {
        this.warnings.push(p);
    }

    throwIfAny(heading?: string): void {
        if (this.problems.length > 0) throw new CatalogError(this.problems, heading);
    }
}

/** The known name closest to `word`, when it is close enough to be a likely typo. */
export function closestName(word: string, known: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of known) {
        const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

/** Suffix for an "unknown X" message: ` (did you mean "Y"?)` or nothing. */
export function didYouMean(word: string, known: Iterable<string>): string {
    const guess = closestName(word, known);
    return guess === undefined ? "" : ` (did you mean "${guess}"?)`;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
