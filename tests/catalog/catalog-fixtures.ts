// Writes small catalogs to temporary folders and loads them, so each validation test states its own input.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Catalog, CatalogError, loadCatalog, SourceRef } from "../../catalog";
import { formatProblem, Problem, ProblemList } from "../../catalog/problems";
import { readYamlFile, YamlFile } from "../../catalog/yaml-file";
import { scratchDir } from "../scratch";

/** The lines of a YAML file, one argument per line, so a test can count the line a problem is on. */
export function yamlLines(...lines: string[]): string {
    return `${lines.join("\n")}\n`;
}

/** A valid topic entry (lines 2-5 when it comes first under `topics:`), for files that need one. */
export const ORDERS_TOPIC = ["  - name: orders", "    description: Customer orders", "    partitions: 6", "    replication_factor: 3"];

/** A topic file holding only `orders`. */
export const ORDERS_FILE = yamlLines("topics:", ...ORDERS_TOPIC);

/** Writes `files` (name to text) into a new temporary folder; a groups file with no groups is added when missing. */
export function writeCatalog(files: Record<string, string>): string {
    const dir = scratchDir("kafka-platform-catalog-");
    const all = { "consumer-groups.yaml": "consumer_groups: []\n", ...files };
    for (const [name, text] of Object.entries(all)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

/** Paths in messages, relative to the catalog folder, so expectations read `topics.yaml:4: ...`. */
function relative(dir: string, lines: string[]): string[] {
    return lines.map((line) => line.split(`${dir}${path.sep}`).join(""));
}

/** Loads a catalog that must be valid; returns it with its warnings made relative. */
export function loadValid(files: Record<string, string>): Catalog {
    const dir = writeCatalog(files);
    const catalog = loadCatalog({ topics: dir });
    return { ...catalog, warnings: relative(dir, catalog.warnings) };
}

/** Loads a catalog that must be invalid; returns every problem reported, paths relative. */
export function problemsOf(files: Record<string, string>): string[] {
    const dir = writeCatalog(files);
    try {
        loadCatalog({ topics: dir });
    } catch (err) {
        if (!(err instanceof CatalogError)) throw err;
        return relative(dir, err.problems);
    }
    assert.fail("the catalog loaded, but it should have been refused");
}

/** Asserts exactly one problem: at `where` (`FILE:LINE: SUBJECT: FIELD: `) and saying what `says` matches. */
export function assertOneProblem(problems: string[], where: string, says: RegExp): void {
    assert.strictEqual(problems.length, 1, `expected one problem, got:\n  ${problems.join("\n  ")}`);
    assertProblem(problems, where, says);
}

/** Asserts that some problem is at `where` and says what `says` matches. */
export function assertProblem(problems: string[], where: string, says: RegExp): void {
    const found = problems.some((p) => p.startsWith(where) && says.test(p.slice(where.length)));
    assert.ok(found, `expected a problem starting ${JSON.stringify(where)} matching ${says}, got:\n  ${problems.join("\n  ")}`);
}

/** Runs one file's reader on `text` written as the file `name`: what it hands on, and its problems and warnings by file name. */
export function readOne<T>(name: string, text: string, read: (yaml: YamlFile, problems: ProblemList) => T): { result: T; problems: string[]; warnings: string[] } {
    const file = path.join(writeCatalog({ [name]: text }), name);
    const problems = new ProblemList();
    const yaml = readYamlFile(file, problems);
    assert.ok(yaml, `${name} does not parse: ${problems.problems.map(formatProblem).join("; ")}`);
    const result = read(yaml, problems);
    const byName = (p: Problem) => formatProblem({ ...p, file: path.basename(p.file) });
    return { result, problems: problems.problems.map(byName), warnings: problems.warnings.map(byName) };
}

/** Entries with their source file given by name, for comparing whole entries. */
export function byFileName<T extends { source: SourceRef }>(entries: T[]): T[] {
    return entries.map((e) => ({ ...e, source: { ...e.source, file: path.basename(e.source.file) } }));
}
