// Compares the topics a cluster holds with the catalog's; pure, so every rule is testable without a broker.
import { ConfigValue, RemovedTopic, TopicSpec } from "../catalog/types";
import { isPlatformOwnTopic, platformOwnTopicTest } from "../specs/platform-topics";

/** Where a live config value comes from, in Kafka's DescribeConfigs terms. */
export type ConfigSource = "topic" | "broker" | "default";

export interface LiveConfigEntry {
    name: string;
    value: string | null;
    source: ConfigSource;
}

/** One topic as the cluster reports it. */
export interface LiveTopic {
    name: string;
    partitions: number;
    /** Replica count of each partition, in partition order. */
    replicasPerPartition: number[];
    configs: LiveConfigEntry[];
}

export type DriftKind =
    | "missing" // in the catalog, not in the cluster
    | "unmanaged" // in the cluster, not in the catalog
    | "not-deleted" // removed from the catalog with delete_data, still in the cluster
    | "partitions"
    | "replication-factor"
    | "config" // a catalog setting whose live value differs
    | "unmanaged-config"; // set on the topic in the cluster, absent from the catalog

export interface Drift {
    topic: string;
    kind: DriftKind;
    setting?: string;
    /** What the catalog says; absent for what the catalog does not know. */
    expected?: string;
    /** What the cluster holds; absent for what the cluster lacks. */
    actual?: string;
}

export interface DriftReport {
    catalogTopics: number;
    clusterTopics: number;
    topicsInSync: number;
    /** Cluster topics outside the catalog that an --ignore pattern left out of the unmanaged check. */
    ignoredTopics: string[];
    drift: Drift[];
}

export interface DriftCatalog {
    topics: Pick<TopicSpec, "name" | "partitions" | "replicationFactor" | "config">[];
    removedTopics: Pick<RemovedTopic, "name" | "deleteData">[];
}

/** The platform's own topics (Kafka's, Strimzi's, Schema Registry's, Connect's, MirrorMaker 2's): never in the catalog and never drift. */
export const isInternalTopic = isPlatformOwnTopic;

/** An --ignore pattern: it matches a topic's whole name, never a part of it. */
export function fullMatch(pattern: string): RegExp {
    return new RegExp(`^(?:${pattern})$`);
}

/** Kafka settings whose value is a comma-separated list where order carries no meaning. */
const LIST_SETTINGS = new Set(["cleanup.policy"]);

/** The catalog's typed value and Kafka's string, brought to one comparable text. */
export function normalizeConfigValue(setting: string, value: ConfigValue | string | null): string {
    if (value === null) return "";
    const text = typeof value === "string" ? value.trim() : String(value);
    if (LIST_SETTINGS.has(setting)) return text.split(",").map((part) => part.trim().toLowerCase()).filter((p) => p !== "").sort().join(",");
    if (typeof value === "boolean" || /^(true|false)$/i.test(text)) return text.toLowerCase();
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return String(Number(text));
    return text;
}

/** Everything in which the cluster differs from the catalog, topic by topic in name order. */
export function findDrift(catalog: DriftCatalog, live: LiveTopic[], ignore: RegExp[] = []): DriftReport {
    const liveByName = new Map(live.map((t) => [t.name, t]));
    const catalogNames = new Set(catalog.topics.map((t) => t.name));
    const removedByName = new Map(catalog.removedTopics.map((t) => [t.name, t]));
    const drift: Drift[] = [];
    let topicsInSync = 0;

    for (const topic of [...catalog.topics].sort(byName)) {
        const liveTopic = liveByName.get(topic.name);
        if (!liveTopic) {
            drift.push({ topic: topic.name, kind: "missing", expected: `${topic.partitions} partitions` });
            continue;
        }
        const topicDrift = compareTopic(topic, liveTopic);
        if (topicDrift.length === 0) topicsInSync++;
        drift.push(...topicDrift);
    }

    const ignoredTopics: string[] = [];
    const internal = platformOwnTopicTest();
    for (const liveTopic of [...live].sort(byName)) {
        const name = liveTopic.name;
        if (catalogNames.has(name) || internal(name)) continue;
        if (ignore.some((pattern) => pattern.test(name))) {
            ignoredTopics.push(name);
            continue;
        }
        const removed = removedByName.get(name);
        // A topic released with delete_data: false stays in Kafka on purpose.
        if (removed && !removed.deleteData) continue;
        drift.push(removed ? { topic: name, kind: "not-deleted", expected: "deleted", actual: `${liveTopic.partitions} partitions` } : { topic: name, kind: "unmanaged", actual: `${liveTopic.partitions} partitions` });
    }

    return { catalogTopics: catalog.topics.length, clusterTopics: live.filter((t) => !internal(t.name)).length, topicsInSync, ignoredTopics, drift };
}

function compareTopic(topic: DriftCatalog["topics"][number], live: LiveTopic): Drift[] {
    const drift: Drift[] = [];
    if (live.partitions !== topic.partitions) {
        drift.push({ topic: topic.name, kind: "partitions", expected: String(topic.partitions), actual: String(live.partitions) });
    }
    const factors = [...new Set(live.replicasPerPartition)].sort((a, b) => a - b);
    if (factors.length !== 1 || factors[0] !== topic.replicationFactor) {
        drift.push({ topic: topic.name, kind: "replication-factor", expected: String(topic.replicationFactor), actual: factors.join("-") || "none" });
    }

    const liveConfigs = new Map(live.configs.map((c) => [c.name, c]));
    for (const setting of Object.keys(topic.config).sort()) {
        const expected = normalizeConfigValue(setting, topic.config[setting]);
        const entry = liveConfigs.get(setting);
        if (!entry) {
            drift.push({ topic: topic.name, kind: "config", setting, expected, actual: "(not reported by Kafka)" });
        } else if (normalizeConfigValue(setting, entry.value) !== expected) {
            drift.push({ topic: topic.name, kind: "config", setting, expected, actual: entry.value ?? "(null)" });
        }
    }
    // Values the topic merely inherits from the broker are not the catalog's business; overrides are.
    for (const entry of [...live.configs].sort(byName)) {
        if (entry.source === "topic" && !(entry.name in topic.config)) {
            drift.push({ topic: topic.name, kind: "unmanaged-config", setting: entry.name, actual: entry.value ?? "(null)" });
        }
    }
    return drift;
}

function byName(a: { name: string }, b: { name: string }): number {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
