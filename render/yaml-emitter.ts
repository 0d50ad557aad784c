// A block-style YAML writer for plain JSON data, ten times faster than building a YAML document for each manifest.

// Scalars YAML 1.2 would read as something other than a string: they are quoted.
const CORE_SCHEMA_SCALAR = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
// Text that reads back as itself without quotes: no indicator first, no ": " or " #", no edge spaces.
const PLAIN_SAFE = /^[A-Za-z0-9_./$(][^\n\t:#]*$/;

function plainOrQuoted(text: string): string {
    if (PLAIN_SAFE.test(text) && !text.endsWith(" ") && !CORE_SCHEMA_SCALAR.test(text) && !/[\u0000-\u001f\u007f-\u009f\ufeff]/.test(text)) {
        return text;
    }
    // A JSON string is a valid YAML double-quoted scalar.
    return JSON.stringify(text);
}

/** A multi-line string as a literal block, when its lines survive one unchanged. */
function literalBlock(text: string, indent: string): string | undefined {
    if (!text.includes("\n") || /[\u0000-\u0008\u000b-\u001f\u007f\ufeff\r\t]/.test(text)) return undefined;
    const body = text.replace(/\n+$/, "");
    const trailing = text.length - body.length;
    const lines = body.split("\n");
    if (lines[0].startsWith(" ") || lines.some((line) => line.endsWith(" "))) return undefined;
    const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
    const extra = "\n".repeat(Math.max(trailing - 1, 0));
    return `|${chomp}\n${lines.map((line) => (line === "" ? "" : `${indent}${line}`)).join("\n")}${extra}`;
}

function scalar(value: unknown, indent: string): string {
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean") return String(value);
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
        return String(value);
    }
    if (typeof value === "string") return literalBlock(value, indent) ?? plainOrQuoted(value);
    throw new Error(`cannot write a ${typeof value} as YAML`);
}

function isCollection(value: unknown): value is Record<string, unknown> | unknown[] {
    return value !== null && typeof value === "object";
}

function isEmpty(value: Record<string, unknown> | unknown[]): boolean {
    return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function emitInto(out: string[], value: unknown, indent: string): void {
    if (Array.isArray(value)) {
        for (const item of value) {
            if (isCollection(item) && !isEmpty(item)) {
                // The first key or item shares the dash's line; the rest line up under it.
                const nested: string[] = [];
                emitInto(nested, item, `${indent}  `);
                out.push(`${indent}- ${nested[0].slice(indent.length + 2)}`, ...nested.slice(1));
            } else {
                out.push(`${indent}- ${isCollection(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item, `${indent}  `)}`);
            }
        }
        return;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item === undefined) continue;
        const name = plainOrQuoted(key);
        if (isCollection(item) && !isEmpty(item)) {
            out.push(`${indent}${name}:`);
            emitInto(out, item, Array.isArray(item) ? indent : `${indent}  `);
        } else {
            out.push(`${indent}${name}: ${isCollection(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item, `${indent}  `)}`);
        }
    }
}

/** One YAML document for a JSON-compatible object (what a manifest is), in block style. */
export function toYaml(value: Record<string, unknown>): string {
    const out: string[] = [];
    emitInto(out, value, "");
    return `${out.join("\n")}\n`;
}
