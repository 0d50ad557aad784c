// Reads the catalog YAML the advisory rules compare against, leniently: a bad file gives no facts, not an error.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The repository root, against which the rules' configured paths are resolved. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function repoPath(relativeOrAbsolute: string): string {
    return path.resolve(REPO_ROOT, relativeOrAbsolute);
}

/** Partitions of each topic declared in a folder of catalog topic files; undefined when the folder is absent. */
export function readCatalogPartitions(topicsDir: string): Map<string, number> | undefined {
    if (!fs.existsSync(topicsDir)) return undefined;
    const partitions = new Map<string, number>();
    for (const file of fs.readdirSync(topicsDir).filter((f) => /\.ya?ml$/.test(f))) {
        for (const topic of listAt(readYaml(path.join(topicsDir, file)), "topics")) {
            if (typeof topic?.name === "string" && typeof topic?.partitions === "number") partitions.set(topic.name, topic.partitions);
        }
    }
    return partitions;
}

/** Every topic some consumer group of the groups file reads; undefined when the file is absent. */
export function readConsumedTopics(groupsFile: string): Set<string> | undefined {
    if (!fs.existsSync(groupsFile)) return undefined;
    const groups = listAt(readYaml(groupsFile), "consumer_groups");
    return new Set(groups.flatMap((group) => (Array.isArray(group?.topics) ? group.topics.filter((t: unknown) => typeof t === "string") : [])));
}

function readYaml(file: string): unknown {
    try {
        return parse(fs.readFileSync(file, "utf8"));
    } catch {
        return undefined;
    }
}

function listAt(document: unknown, key: string): any[] {
    const list = (document as Record<string, unknown> | undefined)?.[key];
    return Array.isArray(list) ? list : [];
}
