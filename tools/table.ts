// Renders rows as a plain text table with aligned columns, for the tools' human output.

/** Left-aligned columns separated by two spaces; the header is underlined with dashes. */
export function renderTable(header: string[], rows: string[][]): string {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
    const line = (cells: string[]) => cells.map((cell, column) => (cell ?? "").padEnd(widths[column])).join("  ").trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
