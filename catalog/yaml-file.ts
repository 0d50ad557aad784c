// Reads a YAML file into nodes that remember their line, so every problem can point at it.
import * as fs from "fs";
import * as jsYaml from "js-yaml";
import { ProblemList } from "./problems";

/** A node of a parsed file: its kind, its value as loaded, its 1-based line, and its children in order. */
export interface YamlNode {
    kind: "mapping" | "sequence" | "scalar";
    value: unknown;
    line: number;
    /** A mapping's keys and values alternating; a sequence's items. */
    children: YamlNode[];
}

/** A parsed YAML file: its root node and a way to turn a node into its 1-based line. */
export interface YamlFile {
    file: string;
    root: unknown;
    lineOf(node: unknown): number | undefined;
}

interface ParserState {
    line: number;
    kind: string | null;
    result: unknown;
    anchorMap: Record<string, unknown>;
}

/**
 * Parses `file` with the YAML 1.2 core schema (no dates, no merge keys); syntax errors, duplicate keys,
 * several documents and anchors go to `problems` and yield `undefined`. js-yaml is used for its speed
 * (a 10,000-topic catalog parses ten times faster than with a full document model); its parse events
 * give each node its line.
 */
export function readYamlFile(file: string, problems: ProblemList): YamlFile | undefined {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        problems.error({ file, message: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
        return undefined;
    }
    const open: YamlNode[] = [{ kind: "sequence", value: undefined, line: 1, children: [] }];
    let anchors: string[] = [];
    try {
        jsYaml.load(text, {
            filename: file,
            schema: jsYaml.CORE_SCHEMA,
            listener(event, parserState) {
                // The parser's state carries more than @types/js-yaml declares (kind, anchorMap).
                const state = parserState as unknown as ParserState;
                if (event === "open") {
                    open.push({ kind: "scalar", value: undefined, line: state.line + 1, children: [] });
                    return;
                }
                const node = open.pop() as YamlNode;
                node.kind = state.kind === "mapping" || state.kind === "sequence" ? state.kind : "scalar";
                node.value = state.result;
                open[open.length - 1].children.push(node);
                if (open.length === 1) anchors = Object.keys(state.anchorMap);
            },
        });
    } catch (err) {
        const e = err as jsYaml.YAMLException;
        const message = e.reason ?? e.message;
        const friendly = /more than one document|single document/.test(message)
            ? "holds more than one YAML document; keep one per file"
            : message === "duplicated mapping key"
              ? "a key is given twice in one mapping; each key must be unique, so keep one"
              : message;
        problems.error({ file, line: e.mark ? e.mark.line + 1 : undefined, column: e.mark ? e.mark.column + 1 : undefined, field: friendly.startsWith("holds") ? undefined : "YAML", message: friendly });
        return undefined;
    }
    // Each entry must read on its own: an anchor shared through aliases would hide where a value comes from.
    if (anchors.length > 0) {
        const lines = text.split("\n");
        for (const anchor of anchors) {
            const index = lines.findIndex((l) => l.includes(`&${anchor}`));
            problems.error({ file, line: index >= 0 ? index + 1 : undefined, field: "YAML", message: `the anchor &${anchor} (and its aliases) is not supported; write the value out, so each entry reads on its own` });
        }
        return undefined;
    }
    const root = open[0].children[0] ?? null;
    return { file, root, lineOf: (node) => (isNode(node) ? node.line : undefined) };
}

function isNode(node: unknown): node is YamlNode {
    return node !== null && typeof node === "object" && "kind" in node && "children" in node;
}

/** The entries of a mapping node as `[key, valueNode, keyNode]`, or undefined when it is not a mapping. */
export function mappingEntries(node: unknown): Array<[string, unknown, unknown]> | undefined {
    if (!isNode(node) || node.kind !== "mapping") return undefined;
    const entries: Array<[string, unknown, unknown]> = [];
    for (let i = 0; i + 1 < node.children.length; i += 2) {
        entries.push([String(node.children[i].value), node.children[i + 1], node.children[i]]);
    }
    return entries;
}

/** The plain value of one field of a mapping node, read as written, before the node is checked as a whole. */
export function fieldScalar(node: unknown, key: string): ReturnType<typeof scalarValue> {
    return scalarValue(mappingEntries(node)?.find(([k]) => k === key)?.[1]);
}

/** The items of a sequence node, or undefined when it is not a sequence. */
export function sequenceItems(node: unknown): unknown[] | undefined {
    return isNode(node) && node.kind === "sequence" ? node.children : undefined;
}

/** The plain value of a scalar node (number, string, boolean, null); undefined for mappings and sequences. */
export function scalarValue(node: unknown): string | number | boolean | null | undefined {
    if (node === null || node === undefined) return null;
    if (!isNode(node) || node.kind !== "scalar") return undefined;
    // The core schema loads every scalar as one of these (no dates, no binary).
    return node.value as string | number | boolean | null;
}

/** Describes a node for "got ..." messages. */
export function describeNode(node: unknown): string {
    if (isNode(node) && node.kind === "mapping") return "a mapping";
    if (isNode(node) && node.kind === "sequence") return "a list";
    const v = scalarValue(node);
    if (v === null || v === undefined) return "nothing";
    return typeof v === "string" ? JSON.stringify(v) : String(v);
}
