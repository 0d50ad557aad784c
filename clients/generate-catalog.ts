// Writes clients/catalog.generated.ts, the catalog's topic names and consumer groups as TypeScript the clients type against; every build, type check and test run writes it first, so it is never edited or committed.
import * as fs from "fs";
import * as path from "path";
import { Catalog, loadCatalog } from "../catalog";

export const GENERATED_FILE = path.join(__dirname, "catalog.generated.ts");

/** The generated module's text; a unit test holds the written file to it. */
export function renderGeneratedCatalog(catalog: Pick<Catalog, "topics" | "groups">): string {
    const names = catalog.topics.map((t) => t.name).sort();
    const groups = [...catalog.groups].sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
    const groupEntries = groups.map((g) => {
        const fields = [`groupId: ${JSON.stringify(g.groupId)}`, `topics: ${JSON.stringify(g.topics)}`];
        if (g.deadLetterTopic !== undefined) fields.push(`deadLetterTopic: ${JSON.stringify(g.deadLetterTopic)}`);
        fields.push(`clientConfig: ${JSON.stringify(g.clientConfig)}`);
        return `    ${JSON.stringify(g.groupId)}: { ${fields.join(", ")} },`;
    });
    return [
        "// Generated from topics/*.yaml by `npm run generate:clients`, which `npm test`, `npm run typecheck` and `npm run build` run first; not committed, do not edit.",
        "",
        "export const TOPIC_NAMES = [",
        ...names.map((n) => `    ${JSON.stringify(n)},`),
        "] as const;",
        "",
        "/** A topic of the catalog; the clients refuse any other name at compile time. */",
        "export type TopicName = (typeof TOPIC_NAMES)[number];",
        "",
        "export const CONSUMER_GROUPS = {",
        ...groupEntries,
        "} as const;",
        "",
        "/** A consumer group of the catalog. */",
        "export type GroupId = keyof typeof CONSUMER_GROUPS;",
        "",
    ].join("\n");
}

/** Writes the module from a catalog folder; a file that already says the same is left untouched, so nothing sees a change. */
export function writeGeneratedCatalog(topicsDir: string, file = GENERATED_FILE): boolean {
    const text = renderGeneratedCatalog(loadCatalog({ topics: topicsDir }));
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) return false;
    fs.writeFileSync(file, text);
    return true;
}

if (require.main === module) {
    try {
        writeGeneratedCatalog(path.join(__dirname, "..", "topics"));
    } catch (error) {
        // A catalog mistake is reported once, in the catalog's own words, without a stack trace.
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    }
}
