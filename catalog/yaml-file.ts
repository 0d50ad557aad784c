// Reads a YAML file into nodes that remember their line, so every problem can point at it.
import * as fs from "fs";
import * as YAML from "yaml";
import { ProblemList } from "./problems";

/** A parsed YAML file: its root node and a way to turn a node into its 1-based line. */
export interface YamlFile {
    file: string;
    root: unknown;
    lineOf(node: unknown): number | undefined;
}

/** Parses `file`; YAML syntax errors (duplicate keys included) go to `problems` and yield `undefined`. */
export function readYamlFile(file: string, problems: ProblemList): YamlFile | undefined {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        problems.error({ file, message: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
        return undefined;
    }
    const lineCounter = new YAML.LineCounter();
    const docs = YAML.parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [docs];
    let failed = false;
    for (const doc of list) {
        for (const err of doc.errors) {
            failed = true;
            problems.error({ file, line: lineCounter.linePos(err.pos[0]).line, field: "YAML", message: err.message.split("\n")[0] });
        }
    }
    if (failed) return undefined;
    if (list.length > 1) {
        problems.error({ file, line: lineCounter.linePos(list[1].range[0]).line, message: "holds more than one YAML document; keep one per file" });
        return undefined;
    }
    const lineOf = (node: unknown): number | undefined => {
        const range = (node as { range?: [number, number, number] } | null)?.range;
        return range ? lineCounter.linePos(range[0]).line : undefined;
    };
    // The loader reads nodes as written, so an alias would read as no value at all: refuse it plainly.
    let aliases = 0;
    if (list[0]) {
        YAML.visit(list[0], {
            Alias(_, node) {
                aliases++;
                problems.error({ file, line: lineOf(node), field: "YAML", message: `the alias *${node.source} is not supported; write the value out, so each entry reads on its own` });
            },
        });
    }
    if (aliases > 0) return undefined;
    return { file, root: list[0]?.contents ?? null, lineOf };
}

/** The entries of a YAML mapping node as `[key, valueNode, keyNode]`, or undefined when it is not a mapping. */
export function mappingEntries(node: unknown): Array<[string, unknown, unknown]> | undefined {
    if (!YAML.isMap(node)) return undefined;
    return node.items.map((pair) => {
        const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        return [key, pair.value, pair.key];
    });
}

/** The items of a YAML sequence node, or undefined when it is not a sequence. */
export function sequenceItems(node: unknown): unknown[] | undefined {
    return YAML.isSeq(node) ? node.items : undefined;
}

/** The plain value of a scalar node (number, string, boolean, null); undefined for maps and sequences. */
export function scalarValue(node: unknown): string | number | boolean | null | undefined {
    if (node === null || node === undefined) return null;
    if (!YAML.isScalar(node)) return undefined;
    const v = node.value;
    return typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v === null ? v : String(v);
}

/** Describes a node for "got ..." messages. */
export function describeNode(node: unknown): string {
    if (YAML.isMap(node)) return "a mapping";
    if (YAML.isSeq(node)) return "a list";
    const v = scalarValue(node);
    if (v === null) return "nothing";
    return typeof v === "string" ? JSON.stringify(v) : String(v);
}
