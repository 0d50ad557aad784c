// Advisory: more partitions on a keyed or compacted topic moves keys to other partitions.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readCatalogPartitions, repoPath } from "./catalog-files";
import { asNumber, topicView } from "./resource-types";

export interface PartitionIncreaseConfig {
    /** Folder holding the base branch's topic files, relative to the repository root. */
    baselineTopicsDir: string;
    /** Regular expressions of topic names written with a record key. */
    keyedTopics: string[];
}

export const DEFAULT_BASELINE_TOPICS_DIR = ".baseline/topics";

// CrossGuard sees only the new inputs, so "before" is the catalog of the branch the pull request targets.
export const partitionIncrease: ResourceValidationPolicy = {
    name: "partition-increase-on-keyed-topic",
    description: "Warns when a keyed or compacted topic gets more partitions than on the base branch.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            baselineTopicsDir: { type: "string", default: DEFAULT_BASELINE_TOPICS_DIR, description: "The base branch's topics/ folder, relative to the repository root." },
            keyedTopics: { type: "array", items: { type: "string" }, default: [".*"], description: "Regular expressions of keyed topic names." },
        },
    },
    validateResource: (args, reportViolation) => {
        const topic = topicView(args.type, args.props);
        if (!topic) return;
        const config = args.getConfig<PartitionIncreaseConfig>();
        const compacted = String(topic.config["cleanup.policy"] ?? "").includes("compact");
        const keyed = config.keyedTopics.some((pattern) => new RegExp(`^(?:${pattern})$`).test(topic.topicName));
        if (!compacted && !keyed) return;

        const before = readCatalogPartitions(repoPath(config.baselineTopicsDir))?.get(topic.topicName);
        const after = asNumber(topic.partitions);
        if (before === undefined || !(after > before)) return;
        reportViolation(partitionIncreaseMessage(topic.topicName, compacted ? "compacted" : "keyed", before, after));
    },
};

/** The advisory's words, shared by the pack and the render's Changes section. */
export function partitionIncreaseMessage(topicName: string, kind: "keyed" | "compacted", before: number, after: number): string {
    return (
        `Topic "${topicName}" is ${kind} and goes from ${before} to ${after} partitions: existing keys map to new partitions, ` +
        `so per-key ordering breaks across the change${kind === "compacted" ? " and a key's latest value can exist twice until compaction" : ""}. ` +
        `Prefer a new topic and a migration, or confirm consumers tolerate it.`
    );
}
