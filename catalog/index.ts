// Loads and validates the whole catalog (topics, consumer groups, producers); plain TypeScript, no Pulumi.
import * as fs from "fs";
import * as path from "path";
import { readGroupsFile } from "./groups";
import { formatProblem, ProblemList } from "./problems";
import { readProducersFile } from "./producers";
import { checkTopicsTogether, readTopicFile, TopicFileContents } from "./topics";
import { BrokerLimits, Catalog, DEFAULT_BROKER_LIMITS } from "./types";
import { readYamlFile } from "./yaml-file";

export * from "./types";
export { CatalogError, formatProblem } from "./problems";
export { topicCrName } from "./topic-names";

export const GROUPS_FILE_NAME = "consumer-groups.yaml";
export const PRODUCERS_FILE_NAME = "producers.yaml";

export interface CatalogPaths {
    /** A topic file, or a folder whose `*.yaml` files are topic files (the groups and producers files aside). */
    topics: string;
    /** The consumer groups file; default `consumer-groups.yaml` in the topics folder, else `fallbackGroups`. */
    groups?: string;
    /** The groups file to use when none is named and the topics folder has none (the project's own). */
    fallbackGroups?: string;
    /** The producers file; default `producers.yaml` beside the groups file, optional. */
    producers?: string;
}

/** Loads and validates the catalog; throws a CatalogError listing every problem of every file. */
export function loadCatalog(paths: CatalogPaths, limits: BrokerLimits = DEFAULT_BROKER_LIMITS): Catalog {
    const problems = new ProblemList();
    const topicsDir = isDirectory(paths.topics) ? paths.topics : path.dirname(paths.topics);
    const besideTopics = path.join(topicsDir, GROUPS_FILE_NAME);
    const groupsFile = paths.groups ?? (paths.fallbackGroups && !fs.existsSync(besideTopics) ? paths.fallbackGroups : besideTopics);
    const producersFile = paths.producers ?? path.join(path.dirname(groupsFile), PRODUCERS_FILE_NAME);

    const contents: TopicFileContents = { topics: [], removedTopics: [], declared: [] };
    let unreadableTopicFiles = 0;
    for (const file of topicFiles(paths.topics, [groupsFile, producersFile], problems)) {
        const yaml = readYamlFile(file, problems);
        if (!yaml) {
            unreadableTopicFiles++;
            continue;
        }
        const fileContents = readTopicFile(yaml, limits, problems);
        contents.topics.push(...fileContents.topics);
        contents.removedTopics.push(...fileContents.removedTopics);
        contents.declared.push(...fileContents.declared);
    }
    checkTopicsTogether(contents, problems);

    // Groups and producers are checked against every declared topic name, even one with a bad setting,
    // so a single mistake in a topic does not also flood the report with "unknown topic" lines.
    // A topic file that cannot be parsed hides its topics: references to them would only repeat its one problem.
    const topicNames = contents.declared.filter((d) => !d.removed).map((d) => d.name);
    const declaredNames = unreadableTopicFiles > 0 ? new EveryTopicName(topicNames) : new Set(topicNames);
    const partitionsOf = (name: string) => contents.topics.find((t) => t.name === name)?.partitions;

    // Without the topics folder, its default groups file is missing too: one problem, not two.
    // Without the topics, groups and producers could only add "unknown topic" to the one problem that matters.
    const topicsExist = fs.existsSync(paths.topics);
    const groupsYaml = topicsExist ? readYamlFile(groupsFile, problems) : undefined;
    const groups = groupsYaml ? readGroupsFile(groupsYaml, declaredNames, limits, partitionsOf, problems) : [];
    const explicitProducers = paths.producers !== undefined;
    const producersYaml = topicsExist && (explicitProducers || fs.existsSync(producersFile)) ? readYamlFile(producersFile, problems) : undefined;
    const producers = producersYaml ? readProducersFile(producersYaml, declaredNames, problems) : [];

    problems.throwIfAny();
    return {
        topics: contents.topics,
        removedTopics: contents.removedTopics,
        groups,
        producers,
        warnings: problems.warnings.map(formatProblem),
    };
}

function isDirectory(p: string): boolean {
    try {
        return fs.statSync(p).isDirectory();
    } catch {
        return false;
    }
}

function topicFiles(topicsPath: string, otherFiles: string[], problems: ProblemList): string[] {
    if (!fs.existsSync(topicsPath)) {
        problems.error({ file: topicsPath, message: "does not exist; pass a topic file or a folder of topic files" });
        return [];
    }
    if (!isDirectory(topicsPath)) return [topicsPath];
    const others = new Set(otherFiles.map((f) => path.resolve(f)));
    const files = fs
        .readdirSync(topicsPath)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => path.join(topicsPath, f))
        .filter((f) => !others.has(path.resolve(f)) && path.basename(f) !== GROUPS_FILE_NAME && path.basename(f) !== PRODUCERS_FILE_NAME);
    if (files.length === 0) problems.error({ file: topicsPath, message: "holds no topic files (*.yaml)" });
    return files;
}

/** The topic names to check references against while a topic file is unreadable: any name may be one of its topics. */
class EveryTopicName extends Set<string> {
    override has(): boolean {
        return true;
    }
}
